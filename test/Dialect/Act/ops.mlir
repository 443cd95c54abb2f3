// Round-trip of every act op, in pretty and in generic form.
// RUN: relu-opt %s | relu-opt | FileCheck %s
// RUN: relu-opt -mlir-print-op-generic %s | relu-opt | FileCheck %s
// The generic form keeps default-valued attributes explicit.
// RUN: relu-opt -mlir-print-op-generic %s | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @relu(
// CHECK-SAME: %[[A:[^:]+]]: tensor<2x3xf16>, %[[B:[^:]+]]: tensor<?x?xbf16>, %[[C:[^:]+]]: tensor<f32>, %[[D:[^:]+]]: tensor<4xf64>
// CHECK: act.relu %[[A]] : tensor<2x3xf16>{{$}}
// CHECK: act.relu %[[B]] : tensor<?x?xbf16>{{$}}
// CHECK: act.relu %[[C]] : tensor<f32>{{$}}
// CHECK: act.relu %[[D]] : tensor<4xf64>{{$}}
// GENERIC-LABEL: sym_name = "relu"
// GENERIC: "act.relu"(%{{.*}}) : (tensor<2x3xf16>) -> tensor<2x3xf16>
func.func @relu(%a: tensor<2x3xf16>, %b: tensor<?x?xbf16>, %c: tensor<f32>, %d: tensor<4xf64>)
    -> (tensor<2x3xf16>, tensor<?x?xbf16>, tensor<f32>, tensor<4xf64>) {
  %0 = act.relu %a : tensor<2x3xf16>
  %1 = act.relu %b : tensor<?x?xbf16>
  %2 = act.relu %c : tensor<f32>
  %3 = act.relu %d : tensor<4xf64>
  return %0, %1, %2, %3 : tensor<2x3xf16>, tensor<?x?xbf16>, tensor<f32>, tensor<4xf64>
}

// CHECK-LABEL: func.func @leaky_relu(
// CHECK-SAME: %[[A:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<?x4xf16>, %[[C:[^:]+]]: tensor<f64>, %[[D:[^:]+]]: tensor<?xbf16>
// The default slope (0.01) is elided, whether written or not.
// CHECK: act.leaky_relu %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.leaky_relu %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.leaky_relu %[[B]] {negative_slope = 2.000000e-01 : f64} : tensor<?x4xf16>{{$}}
// CHECK: act.leaky_relu %[[C]] {negative_slope = -5.000000e-01 : f64} : tensor<f64>{{$}}
// CHECK: act.leaky_relu %[[D]] {negative_slope = 0.000000e+00 : f64} : tensor<?xbf16>{{$}}
// GENERIC-LABEL: sym_name = "leaky_relu"
// GENERIC: "act.leaky_relu"(%{{.*}}) <{negative_slope = 1.000000e-02 : f64}> : (tensor<8xf32>) -> tensor<8xf32>
func.func @leaky_relu(%a: tensor<8xf32>, %b: tensor<?x4xf16>, %c: tensor<f64>, %d: tensor<?xbf16>)
    -> (tensor<8xf32>, tensor<8xf32>, tensor<?x4xf16>, tensor<f64>, tensor<?xbf16>) {
  %0 = act.leaky_relu %a : tensor<8xf32>
  %1 = act.leaky_relu %a {negative_slope = 0.01 : f64} : tensor<8xf32>
  %2 = act.leaky_relu %b {negative_slope = 0.2 : f64} : tensor<?x4xf16>
  %3 = act.leaky_relu %c {negative_slope = -0.5 : f64} : tensor<f64>
  %4 = act.leaky_relu %d {negative_slope = 0.0 : f64} : tensor<?xbf16>
  return %0, %1, %2, %3, %4 : tensor<8xf32>, tensor<8xf32>, tensor<?x4xf16>, tensor<f64>, tensor<?xbf16>
}

// CHECK-LABEL: func.func @prelu(
// CHECK-SAME: %[[X:[^:]+]]: tensor<?x64x7x7xf32>, %[[S:[^:]+]]: tensor<64xf32>, %[[H:[^:]+]]: tensor<3x5xf16>, %[[HS:[^:]+]]: tensor<3xf16>, %[[B:[^:]+]]: tensor<2x?xbf16>, %[[BS:[^:]+]]: tensor<1xbf16>, %[[D:[^:]+]]: tensor<4x?xf64>, %[[DS:[^:]+]]: tensor<?xf64>, %[[Z:[^:]+]]: tensor<f32>, %[[ZS:[^:]+]]: tensor<1xf32>
// The default channel_dim (1) is elided.
// CHECK: act.prelu %[[X]], %[[S]] : tensor<?x64x7x7xf32>, tensor<64xf32>{{$}}
// CHECK: act.prelu %[[X]], %[[S]] : tensor<?x64x7x7xf32>, tensor<64xf32>{{$}}
// CHECK: act.prelu %[[H]], %[[HS]] {channel_dim = 0 : i64} : tensor<3x5xf16>, tensor<3xf16>{{$}}
// CHECK: act.prelu %[[B]], %[[BS]] : tensor<2x?xbf16>, tensor<1xbf16>{{$}}
// CHECK: act.prelu %[[D]], %[[DS]] {channel_dim = 0 : i64} : tensor<4x?xf64>, tensor<?xf64>{{$}}
// CHECK: act.prelu %[[D]], %[[DS]] : tensor<4x?xf64>, tensor<?xf64>{{$}}
// CHECK: act.prelu %[[Z]], %[[ZS]] : tensor<f32>, tensor<1xf32>{{$}}
// GENERIC-LABEL: sym_name = "prelu"
// GENERIC: "act.prelu"(%{{.*}}, %{{.*}}) <{channel_dim = 1 : i64}> : (tensor<?x64x7x7xf32>, tensor<64xf32>) -> tensor<?x64x7x7xf32>
func.func @prelu(%x: tensor<?x64x7x7xf32>, %s: tensor<64xf32>,
                 %h: tensor<3x5xf16>, %hs: tensor<3xf16>,
                 %b: tensor<2x?xbf16>, %bs: tensor<1xbf16>,
                 %d: tensor<4x?xf64>, %ds: tensor<?xf64>,
                 %z: tensor<f32>, %zs: tensor<1xf32>) {
  %0 = act.prelu %x, %s : tensor<?x64x7x7xf32>, tensor<64xf32>
  %1 = act.prelu %x, %s {channel_dim = 1 : i64} : tensor<?x64x7x7xf32>, tensor<64xf32>
  %2 = act.prelu %h, %hs {channel_dim = 0 : i64} : tensor<3x5xf16>, tensor<3xf16>
  %3 = act.prelu %b, %bs : tensor<2x?xbf16>, tensor<1xbf16>
  %4 = act.prelu %d, %ds {channel_dim = 0 : i64} : tensor<4x?xf64>, tensor<?xf64>
  %5 = act.prelu %d, %ds : tensor<4x?xf64>, tensor<?xf64>
  %6 = act.prelu %z, %zs : tensor<f32>, tensor<1xf32>
  return
}

// CHECK-LABEL: func.func @clamp(
// CHECK-SAME: %[[A:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<?x2xf16>, %[[C:[^:]+]]: tensor<bf16>, %[[D:[^:]+]]: tensor<?xf64>
// CHECK: act.clamp %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.clamp %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.clamp %[[B]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : tensor<?x2xf16>{{$}}
// CHECK: act.clamp %[[C]] {max = 2.500000e-01 : f64, min = 2.500000e-01 : f64} : tensor<bf16>{{$}}
// CHECK: act.clamp %[[D]] {max = 0x7FF0000000000000 : f64, min = 0.000000e+00 : f64} : tensor<?xf64>{{$}}
// CHECK: act.clamp %[[D]] {max = 0x7FF0000000000000 : f64, min = 0xFFF0000000000000 : f64} : tensor<?xf64>{{$}}
// GENERIC-LABEL: sym_name = "clamp"
// GENERIC: "act.clamp"(%{{.*}}) <{max = 1.000000e+00 : f64, min = -1.000000e+00 : f64}> : (tensor<8xf32>) -> tensor<8xf32>
func.func @clamp(%a: tensor<8xf32>, %b: tensor<?x2xf16>, %c: tensor<bf16>, %d: tensor<?xf64>) {
  %0 = act.clamp %a : tensor<8xf32>
  %1 = act.clamp %a {min = -1.0 : f64, max = 1.0 : f64} : tensor<8xf32>
  %2 = act.clamp %b {min = 0.0 : f64, max = 6.0 : f64} : tensor<?x2xf16>
  %3 = act.clamp %c {min = 0.25 : f64, max = 0.25 : f64} : tensor<bf16>
  %4 = act.clamp %d {min = 0.0 : f64, max = 0x7FF0000000000000 : f64} : tensor<?xf64>
  %5 = act.clamp %d {min = 0xFFF0000000000000 : f64, max = 0x7FF0000000000000 : f64} : tensor<?xf64>
  return
}

// CHECK-LABEL: func.func @threshold(
// CHECK-SAME: %[[A:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<?xf16>, %[[C:[^:]+]]: tensor<f64>, %[[D:[^:]+]]: tensor<2x?xbf16>
// CHECK: act.threshold %[[A]] {threshold = 5.000000e-01 : f64, value = -2.000000e+00 : f64} : tensor<8xf32>{{$}}
// CHECK: act.threshold %[[B]] {threshold = 0.000000e+00 : f64, value = 0.000000e+00 : f64} : tensor<?xf16>{{$}}
// CHECK: act.threshold %[[C]] {threshold = -1.000000e+00 : f64, value = 1.000000e+01 : f64} : tensor<f64>{{$}}
// CHECK: act.threshold %[[D]] {threshold = 1.000000e+00 : f64, value = 1.000000e+00 : f64} : tensor<2x?xbf16>{{$}}
func.func @threshold(%a: tensor<8xf32>, %b: tensor<?xf16>, %c: tensor<f64>, %d: tensor<2x?xbf16>) {
  %0 = act.threshold %a {threshold = 0.5 : f64, value = -2.0 : f64} : tensor<8xf32>
  %1 = act.threshold %b {threshold = 0.0 : f64, value = 0.0 : f64} : tensor<?xf16>
  %2 = act.threshold %c {value = 10.0 : f64, threshold = -1.0 : f64} : tensor<f64>
  %3 = act.threshold %d {threshold = 1.0 : f64, value = 1.0 : f64} : tensor<2x?xbf16>
  return
}

// CHECK-LABEL: func.func @elu(
// CHECK-SAME: %[[A:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<?xbf16>, %[[C:[^:]+]]: tensor<f16>, %[[D:[^:]+]]: tensor<3x?xf64>
// CHECK: act.elu %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.elu %[[B]] {alpha = 5.000000e-01 : f64} : tensor<?xbf16>{{$}}
// CHECK: act.elu %[[C]] : tensor<f16>{{$}}
// CHECK: act.elu %[[D]] {alpha = 2.000000e+00 : f64} : tensor<3x?xf64>{{$}}
// GENERIC-LABEL: sym_name = "elu"
// GENERIC: "act.elu"(%{{.*}}) <{alpha = 1.000000e+00 : f64}> : (tensor<8xf32>) -> tensor<8xf32>
func.func @elu(%a: tensor<8xf32>, %b: tensor<?xbf16>, %c: tensor<f16>, %d: tensor<3x?xf64>) {
  %0 = act.elu %a : tensor<8xf32>
  %1 = act.elu %b {alpha = 0.5 : f64} : tensor<?xbf16>
  %2 = act.elu %c {alpha = 1.0 : f64} : tensor<f16>
  %3 = act.elu %d {alpha = 2.0 : f64} : tensor<3x?xf64>
  return
}

// CHECK-LABEL: func.func @selu(
// CHECK-SAME: %[[A:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<?xbf16>, %[[C:[^:]+]]: tensor<f16>, %[[D:[^:]+]]: tensor<3x?xf64>
// CHECK: act.selu %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.selu %[[B]] : tensor<?xbf16>{{$}}
// CHECK: act.selu %[[C]] : tensor<f16>{{$}}
// CHECK: act.selu %[[D]] : tensor<3x?xf64>{{$}}
func.func @selu(%a: tensor<8xf32>, %b: tensor<?xbf16>, %c: tensor<f16>, %d: tensor<3x?xf64>) {
  %0 = act.selu %a : tensor<8xf32>
  %1 = act.selu %b : tensor<?xbf16>
  %2 = act.selu %c : tensor<f16>
  %3 = act.selu %d : tensor<3x?xf64>
  return
}

// CHECK-LABEL: func.func @celu(
// CHECK-SAME: %[[A:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<?xbf16>, %[[C:[^:]+]]: tensor<f16>, %[[D:[^:]+]]: tensor<3x?xf64>
// CHECK: act.celu %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.celu %[[B]] {alpha = 2.000000e+00 : f64} : tensor<?xbf16>{{$}}
// CHECK: act.celu %[[C]] {alpha = -1.500000e+00 : f64} : tensor<f16>{{$}}
// CHECK: act.celu %[[D]] : tensor<3x?xf64>{{$}}
// GENERIC-LABEL: sym_name = "celu"
// GENERIC: "act.celu"(%{{.*}}) <{alpha = 1.000000e+00 : f64}> : (tensor<8xf32>) -> tensor<8xf32>
func.func @celu(%a: tensor<8xf32>, %b: tensor<?xbf16>, %c: tensor<f16>, %d: tensor<3x?xf64>) {
  %0 = act.celu %a : tensor<8xf32>
  %1 = act.celu %b {alpha = 2.0 : f64} : tensor<?xbf16>
  %2 = act.celu %c {alpha = -1.5 : f64} : tensor<f16>
  %3 = act.celu %d : tensor<3x?xf64>
  return
}

// CHECK-LABEL: func.func @gelu(
// CHECK-SAME: %[[A:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<?xbf16>, %[[C:[^:]+]]: tensor<f16>, %[[D:[^:]+]]: tensor<3x?xf64>
// approximate = none is the default and is elided.
// CHECK: act.gelu %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.gelu %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.gelu %[[A]] {approximate = #act.approximate<tanh>} : tensor<8xf32>{{$}}
// CHECK: act.gelu %[[B]] {approximate = #act.approximate<tanh>} : tensor<?xbf16>{{$}}
// CHECK: act.gelu %[[C]] : tensor<f16>{{$}}
// CHECK: act.gelu %[[D]] {approximate = #act.approximate<tanh>} : tensor<3x?xf64>{{$}}
// GENERIC-LABEL: sym_name = "gelu"
// GENERIC: "act.gelu"(%{{.*}}) <{approximate = #act.approximate<none>}> : (tensor<8xf32>) -> tensor<8xf32>
// GENERIC: "act.gelu"(%{{.*}}) <{approximate = #act.approximate<none>}> : (tensor<8xf32>) -> tensor<8xf32>
// GENERIC: "act.gelu"(%{{.*}}) <{approximate = #act.approximate<tanh>}> : (tensor<8xf32>) -> tensor<8xf32>
func.func @gelu(%a: tensor<8xf32>, %b: tensor<?xbf16>, %c: tensor<f16>, %d: tensor<3x?xf64>) {
  %0 = act.gelu %a : tensor<8xf32>
  %1 = act.gelu %a {approximate = #act.approximate<none>} : tensor<8xf32>
  %2 = act.gelu %a {approximate = #act.approximate<tanh>} : tensor<8xf32>
  %3 = act.gelu %b {approximate = #act.approximate<tanh>} : tensor<?xbf16>
  %4 = act.gelu %c {approximate = #act.approximate<none>} : tensor<f16>
  %5 = act.gelu %d {approximate = #act.approximate<tanh>} : tensor<3x?xf64>
  return
}

// CHECK-LABEL: func.func @silu(
// CHECK-SAME: %[[A:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<?xbf16>, %[[C:[^:]+]]: tensor<f16>, %[[D:[^:]+]]: tensor<3x?xf64>
// CHECK: act.silu %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.silu %[[B]] : tensor<?xbf16>{{$}}
// CHECK: act.silu %[[C]] : tensor<f16>{{$}}
// CHECK: act.silu %[[D]] : tensor<3x?xf64>{{$}}
func.func @silu(%a: tensor<8xf32>, %b: tensor<?xbf16>, %c: tensor<f16>, %d: tensor<3x?xf64>) {
  %0 = act.silu %a : tensor<8xf32>
  %1 = act.silu %b : tensor<?xbf16>
  %2 = act.silu %c : tensor<f16>
  %3 = act.silu %d : tensor<3x?xf64>
  return
}

// CHECK-LABEL: func.func @swish(
// CHECK-SAME: %[[A:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<?xbf16>, %[[C:[^:]+]]: tensor<f16>, %[[D:[^:]+]]: tensor<3x?xf64>
// CHECK: act.swish %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.swish %[[B]] {beta = 1.702000e+00 : f64} : tensor<?xbf16>{{$}}
// CHECK: act.swish %[[C]] {beta = -2.000000e+00 : f64} : tensor<f16>{{$}}
// CHECK: act.swish %[[D]] {beta = 0.000000e+00 : f64} : tensor<3x?xf64>{{$}}
// GENERIC-LABEL: sym_name = "swish"
// GENERIC: "act.swish"(%{{.*}}) <{beta = 1.000000e+00 : f64}> : (tensor<8xf32>) -> tensor<8xf32>
func.func @swish(%a: tensor<8xf32>, %b: tensor<?xbf16>, %c: tensor<f16>, %d: tensor<3x?xf64>) {
  %0 = act.swish %a : tensor<8xf32>
  %1 = act.swish %b {beta = 1.702 : f64} : tensor<?xbf16>
  %2 = act.swish %c {beta = -2.0 : f64} : tensor<f16>
  %3 = act.swish %d {beta = 0.0 : f64} : tensor<3x?xf64>
  return
}

// CHECK-LABEL: func.func @mish(
// CHECK-SAME: %[[A:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<?xbf16>, %[[C:[^:]+]]: tensor<f16>, %[[D:[^:]+]]: tensor<3x?xf64>
// CHECK: act.mish %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.mish %[[B]] : tensor<?xbf16>{{$}}
// CHECK: act.mish %[[C]] : tensor<f16>{{$}}
// CHECK: act.mish %[[D]] : tensor<3x?xf64>{{$}}
func.func @mish(%a: tensor<8xf32>, %b: tensor<?xbf16>, %c: tensor<f16>, %d: tensor<3x?xf64>) {
  %0 = act.mish %a : tensor<8xf32>
  %1 = act.mish %b : tensor<?xbf16>
  %2 = act.mish %c : tensor<f16>
  %3 = act.mish %d : tensor<3x?xf64>
  return
}

// CHECK-LABEL: func.func @softplus(
// CHECK-SAME: %[[A:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<?xbf16>, %[[C:[^:]+]]: tensor<f16>, %[[D:[^:]+]]: tensor<3x?xf64>
// CHECK: act.softplus %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.softplus %[[B]] {beta = 2.000000e+00 : f64} : tensor<?xbf16>{{$}}
// CHECK: act.softplus %[[C]] {threshold = 1.000000e+01 : f64} : tensor<f16>{{$}}
// CHECK: act.softplus %[[D]] {beta = -5.000000e-01 : f64, threshold = 5.000000e+00 : f64} : tensor<3x?xf64>{{$}}
// GENERIC-LABEL: sym_name = "softplus"
// GENERIC: "act.softplus"(%{{.*}}) <{beta = 1.000000e+00 : f64, threshold = 2.000000e+01 : f64}> : (tensor<8xf32>) -> tensor<8xf32>
func.func @softplus(%a: tensor<8xf32>, %b: tensor<?xbf16>, %c: tensor<f16>, %d: tensor<3x?xf64>) {
  %0 = act.softplus %a : tensor<8xf32>
  %1 = act.softplus %b {beta = 2.0 : f64} : tensor<?xbf16>
  %2 = act.softplus %c {beta = 1.0 : f64, threshold = 10.0 : f64} : tensor<f16>
  %3 = act.softplus %d {beta = -0.5 : f64, threshold = 5.0 : f64} : tensor<3x?xf64>
  return
}

// CHECK-LABEL: func.func @hard_and_saturating(
// CHECK-SAME: %[[A:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<?xbf16>, %[[C:[^:]+]]: tensor<f16>, %[[D:[^:]+]]: tensor<3x?xf64>
// CHECK: act.hardswish %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.hardswish %[[B]] : tensor<?xbf16>{{$}}
// CHECK: act.hardswish %[[C]] : tensor<f16>{{$}}
// CHECK: act.hardswish %[[D]] : tensor<3x?xf64>{{$}}
// CHECK: act.hardsigmoid %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.hardsigmoid %[[B]] : tensor<?xbf16>{{$}}
// CHECK: act.hardsigmoid %[[C]] : tensor<f16>{{$}}
// CHECK: act.hardsigmoid %[[D]] : tensor<3x?xf64>{{$}}
// CHECK: act.sigmoid %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.sigmoid %[[B]] : tensor<?xbf16>{{$}}
// CHECK: act.sigmoid %[[C]] : tensor<f16>{{$}}
// CHECK: act.sigmoid %[[D]] : tensor<3x?xf64>{{$}}
// CHECK: act.tanh %[[A]] : tensor<8xf32>{{$}}
// CHECK: act.tanh %[[B]] : tensor<?xbf16>{{$}}
// CHECK: act.tanh %[[C]] : tensor<f16>{{$}}
// CHECK: act.tanh %[[D]] : tensor<3x?xf64>{{$}}
func.func @hard_and_saturating(%a: tensor<8xf32>, %b: tensor<?xbf16>, %c: tensor<f16>, %d: tensor<3x?xf64>) {
  %0 = act.hardswish %a : tensor<8xf32>
  %1 = act.hardswish %b : tensor<?xbf16>
  %2 = act.hardswish %c : tensor<f16>
  %3 = act.hardswish %d : tensor<3x?xf64>
  %4 = act.hardsigmoid %a : tensor<8xf32>
  %5 = act.hardsigmoid %b : tensor<?xbf16>
  %6 = act.hardsigmoid %c : tensor<f16>
  %7 = act.hardsigmoid %d : tensor<3x?xf64>
  %8 = act.sigmoid %a : tensor<8xf32>
  %9 = act.sigmoid %b : tensor<?xbf16>
  %10 = act.sigmoid %c : tensor<f16>
  %11 = act.sigmoid %d : tensor<3x?xf64>
  %12 = act.tanh %a : tensor<8xf32>
  %13 = act.tanh %b : tensor<?xbf16>
  %14 = act.tanh %c : tensor<f16>
  %15 = act.tanh %d : tensor<3x?xf64>
  return
}

// CHECK-LABEL: func.func @custom(
// CHECK-SAME: %[[A:[^:]+]]: tensor<?x4xf32>, %[[H:[^:]+]]: tensor<f16>, %[[B:[^:]+]]: tensor<2xbf16>, %[[D:[^:]+]]: tensor<?xf64>
// CHECK: act.custom %[[A]] : tensor<?x4xf32> {
// CHECK-NEXT: ^bb0(%[[V:.+]]: f32):
// CHECK-NEXT: %[[HALF:.+]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[M:.+]] = arith.mulf %[[V]], %[[HALF]] : f32
// CHECK-NEXT: act.yield %[[M]] : f32
// CHECK-NEXT: }
// f16 and bf16 bodies compute in f32.
// CHECK: act.custom %[[H]] : tensor<f16> {
// CHECK-NEXT: ^bb0(%[[V:.+]]: f32):
// CHECK-NEXT: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[GT:.+]] = arith.cmpf ogt, %[[V]], %[[ZERO]] : f32
// CHECK-NEXT: %[[E:.+]] = math.exp %[[V]] : f32
// CHECK-NEXT: %[[S:.+]] = arith.select %[[GT]], %[[V]], %[[E]] : f32
// CHECK-NEXT: act.yield %[[S]] : f32
// CHECK-NEXT: }
// CHECK: act.custom %[[B]] {tag = "x"} : tensor<2xbf16> {
// CHECK-NEXT: ^bb0(%[[V:.+]]: f32):
// CHECK-NEXT: act.yield %[[V]] : f32
// CHECK-NEXT: }
// CHECK: act.custom %[[D]] : tensor<?xf64> {
// CHECK-NEXT: ^bb0(%[[V:.+]]: f64):
// CHECK-NEXT: %[[T:.+]] = math.tanh %[[V]] : f64
// CHECK-NEXT: %[[R:.+]] = arith.mulf %[[V]], %[[T]] fastmath<fast> : f64
// CHECK-NEXT: act.yield %[[R]] : f64
// CHECK-NEXT: }
// GENERIC-LABEL: sym_name = "custom"
// GENERIC: "act.custom"(%{{.*}}) ({
// GENERIC-NEXT: ^bb0(%{{.*}}: f32):
// GENERIC: "act.yield"(%{{.*}}) : (f32) -> ()
// GENERIC-NEXT: }) : (tensor<?x4xf32>) -> tensor<?x4xf32>
func.func @custom(%a: tensor<?x4xf32>, %h: tensor<f16>, %b: tensor<2xbf16>, %d: tensor<?xf64>) {
  %0 = act.custom %a : tensor<?x4xf32> {
  ^bb0(%v: f32):
    %c = arith.constant 0.5 : f32
    %m = arith.mulf %v, %c : f32
    act.yield %m : f32
  }
  %1 = act.custom %h : tensor<f16> {
  ^bb0(%v: f32):
    %zero = arith.constant 0.0 : f32
    %gt = arith.cmpf ogt, %v, %zero : f32
    %e = math.exp %v : f32
    %s = arith.select %gt, %v, %e : f32
    act.yield %s : f32
  }
  %2 = act.custom %b {tag = "x"} : tensor<2xbf16> {
  ^bb0(%v: f32):
    act.yield %v : f32
  }
  %3 = act.custom %d : tensor<?xf64> {
  ^bb0(%v: f64):
    %t = math.tanh %v : f64
    %r = arith.mulf %v, %t fastmath<fast> : f64
    act.yield %r : f64
  }
  return
}

// A single slope needs no channel dimension, as in PyTorch for inputs of
// rank < 2: the default channel_dim (1) is not checked then.
// CHECK-LABEL: func.func @prelu_rank_1_single_slope
// CHECK: act.prelu %{{.*}}, %{{.*}} : tensor<4xf32>, tensor<1xf32>
func.func @prelu_rank_1_single_slope(%x: tensor<4xf32>, %s: tensor<1xf32>) -> tensor<4xf32> {
  %0 = act.prelu %x, %s : tensor<4xf32>, tensor<1xf32>
  return %0 : tensor<4xf32>
}

// Dynamic parameters: scalar operands named in the assembly, in any order,
// f16/bf16/f32/f64; the rest stay attributes.
// CHECK-LABEL: func.func @dynamic_parameters(
// CHECK-SAME: %[[X:[^:]+]]: tensor<?xf32>, %[[S:[^:]+]]: f32, %[[D:[^:]+]]: f64, %[[H:[^:]+]]: f16
// CHECK: act.leaky_relu %[[X]] negative_slope(%[[S]] : f32) : tensor<?xf32>
// CHECK: act.clamp %{{.+}} max(%[[D]] : f64) min(%[[H]] : f16) : tensor<?xf32>
// CHECK: act.threshold %{{.+}} value(%[[S]] : f32) {threshold = 1.000000e+00 : f64} : tensor<?xf32>
// CHECK: act.softplus %{{.+}} threshold(%[[S]] : f32) {beta = 2.000000e+00 : f64} : tensor<?xf32>
// CHECK: act.celu %{{.+}} alpha(%[[D]] : f64) : tensor<?xf32>
// GENERIC-LABEL: sym_name = "dynamic_parameters"
// GENERIC: "act.leaky_relu"(%{{.+}}, %{{.+}}) <{dynamic_params = ["negative_slope"], negative_slope = 1.000000e-02 : f64}> : (tensor<?xf32>, f32) -> tensor<?xf32>
// GENERIC: "act.clamp"(%{{.+}}, %{{.+}}, %{{.+}}) <{dynamic_params = ["max", "min"], max = 1.000000e+00 : f64, min = -1.000000e+00 : f64}> : (tensor<?xf32>, f64, f16) -> tensor<?xf32>
func.func @dynamic_parameters(%x: tensor<?xf32>, %s: f32, %d: f64, %h: f16) -> tensor<?xf32> {
  %0 = act.leaky_relu %x negative_slope(%s : f32) : tensor<?xf32>
  %1 = act.clamp %0 max(%d : f64) min(%h : f16) : tensor<?xf32>
  %2 = act.threshold %1 value(%s : f32) {threshold = 1.0 : f64} : tensor<?xf32>
  %3 = act.softplus %2 threshold(%s : f32) {beta = 2.0 : f64} : tensor<?xf32>
  %4 = act.celu %3 alpha(%d : f64) : tensor<?xf32>
  return %4 : tensor<?xf32>
}

// CHECK-LABEL: func.func @statistics
// CHECK: act.statistics %{{.*}} {channel_dim = 0 : i64} : tensor<?x8xf16> -> tensor<?xi64>, tensor<1xi64>, tensor<?xf16>, tensor<1xf16>
// GENERIC-LABEL: sym_name = "statistics"
// GENERIC: "act.statistics"(%{{.*}}) <{channel_dim = 0 : i64}> : (tensor<?x8xf16>) -> (tensor<?xi64>, tensor<1xi64>, tensor<?xf16>, tensor<1xf16>)
func.func @statistics(%y: tensor<?x8xf16>) -> tensor<?xi64> {
  %z, %tz, %m, %tm = act.statistics %y {channel_dim = 0 : i64}
      : tensor<?x8xf16> -> tensor<?xi64>, tensor<1xi64>, tensor<?xf16>, tensor<1xf16>
  return %z : tensor<?xi64>
}
