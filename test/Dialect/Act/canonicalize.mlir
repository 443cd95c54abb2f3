// Canonicalization patterns of the act dialect, each with cases that must and
// must not rewrite.
// RUN: relu-opt %s -canonicalize -split-input-file | FileCheck %s

// relu is idempotent: relu(relu x) -> relu x.
// CHECK-LABEL: func.func @relu_of_relu(
// CHECK-SAME: %[[X:[^:]+]]: tensor<?x4xf32>
// CHECK-NEXT: %[[R:.+]] = act.relu %[[X]] : tensor<?x4xf32>
// CHECK-NEXT: return %[[R]], %[[R]]
func.func @relu_of_relu(%x: tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>) {
  %0 = act.relu %x : tensor<?x4xf32>
  %1 = act.relu %0 : tensor<?x4xf32>
  %2 = act.relu %1 : tensor<?x4xf32>
  return %0, %2 : tensor<?x4xf32>, tensor<?x4xf32>
}

// -----

// relu(clamp(x, min >= 0)) -> clamp(x).
// CHECK-LABEL: func.func @relu_of_nonnegative_clamp(
// CHECK-SAME: %[[X:[^:]+]]: tensor<8xf16>
// CHECK-NEXT: %[[C:.+]] = act.clamp %[[X]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : tensor<8xf16>
// CHECK-NEXT: %[[D:.+]] = act.clamp %[[X]] {max = 3.000000e+00 : f64, min = 5.000000e-01 : f64} : tensor<8xf16>
// CHECK-NEXT: return %[[C]], %[[D]]
func.func @relu_of_nonnegative_clamp(%x: tensor<8xf16>) -> (tensor<8xf16>, tensor<8xf16>) {
  %0 = act.clamp %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<8xf16>
  %1 = act.relu %0 : tensor<8xf16>
  %2 = act.clamp %x {min = 0.5 : f64, max = 3.0 : f64} : tensor<8xf16>
  %3 = act.relu %2 : tensor<8xf16>
  return %1, %3 : tensor<8xf16>, tensor<8xf16>
}

// -----

// Not when the clamp may produce negatives (min < 0, or min = -0.0, whose
// -0.0 results relu turns into +0.0).
// CHECK-LABEL: func.func @relu_of_clamp_negative_min(
// CHECK-SAME: %[[X:[^:]+]]: tensor<8xf32>
// CHECK-NEXT: %[[C:.+]] = act.clamp %[[X]] : tensor<8xf32>
// CHECK-NEXT: %[[R:.+]] = act.relu %[[C]] : tensor<8xf32>
// CHECK-NEXT: %[[D:.+]] = act.clamp %[[X]] {max = 6.000000e+00 : f64, min = -0.000000e+00 : f64} : tensor<8xf32>
// CHECK-NEXT: %[[S:.+]] = act.relu %[[D]] : tensor<8xf32>
// CHECK-NEXT: return %[[R]], %[[S]]
func.func @relu_of_clamp_negative_min(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %0 = act.clamp %x : tensor<8xf32>
  %1 = act.relu %0 : tensor<8xf32>
  %2 = act.clamp %x {min = -0.0 : f64, max = 6.0 : f64} : tensor<8xf32>
  %3 = act.relu %2 : tensor<8xf32>
  return %1, %3 : tensor<8xf32>, tensor<8xf32>
}

// -----

// clamp(relu x) with min >= 0 -> clamp x.
// CHECK-LABEL: func.func @clamp_of_relu(
// CHECK-SAME: %[[X:[^:]+]]: tensor<?xbf16>
// CHECK-NEXT: %[[C:.+]] = act.clamp %[[X]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : tensor<?xbf16>
// CHECK-NEXT: %[[D:.+]] = act.clamp %[[X]] {max = 2.000000e+00 : f64, min = 1.000000e+00 : f64} : tensor<?xbf16>
// CHECK-NEXT: return %[[C]], %[[D]]
func.func @clamp_of_relu(%x: tensor<?xbf16>) -> (tensor<?xbf16>, tensor<?xbf16>) {
  %0 = act.relu %x : tensor<?xbf16>
  %1 = act.clamp %0 {min = 0.0 : f64, max = 6.0 : f64} : tensor<?xbf16>
  %2 = act.clamp %0 {min = 1.0 : f64, max = 2.0 : f64} : tensor<?xbf16>
  return %1, %2 : tensor<?xbf16>, tensor<?xbf16>
}

// -----

// Not when min < 0: relu still matters for inputs in [min, 0).
// CHECK-LABEL: func.func @clamp_of_relu_negative_min(
// CHECK-SAME: %[[X:[^:]+]]: tensor<4xf64>
// CHECK-NEXT: %[[R:.+]] = act.relu %[[X]] : tensor<4xf64>
// CHECK-NEXT: %[[C:.+]] = act.clamp %[[R]] : tensor<4xf64>
// CHECK-NEXT: %[[D:.+]] = act.clamp %[[R]] {max = 6.000000e+00 : f64, min = -5.000000e-01 : f64} : tensor<4xf64>
// CHECK-NEXT: return %[[C]], %[[D]]
func.func @clamp_of_relu_negative_min(%x: tensor<4xf64>) -> (tensor<4xf64>, tensor<4xf64>) {
  %0 = act.relu %x : tensor<4xf64>
  %1 = act.clamp %0 : tensor<4xf64>
  %2 = act.clamp %0 {min = -0.5 : f64, max = 6.0 : f64} : tensor<4xf64>
  return %1, %2 : tensor<4xf64>, tensor<4xf64>
}

// -----

// leaky_relu with slope 0 -> relu (see docs/semantics.md for the -0.0 and
// -inf exception).
// CHECK-LABEL: func.func @leaky_relu_zero_slope(
// CHECK-SAME: %[[X:[^:]+]]: tensor<4x?xf32>
// CHECK-NEXT: %[[R:.+]] = act.relu %[[X]] : tensor<4x?xf32>
// CHECK-NEXT: return %[[R]]
func.func @leaky_relu_zero_slope(%x: tensor<4x?xf32>) -> tensor<4x?xf32> {
  %0 = act.leaky_relu %x {negative_slope = 0.0 : f64} : tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// -----

// CHECK-LABEL: func.func @leaky_relu_nonzero_slope(
// CHECK-SAME: %[[X:[^:]+]]: tensor<4xf32>
// CHECK-NEXT: %[[A:.+]] = act.leaky_relu %[[X]] : tensor<4xf32>
// CHECK-NEXT: %[[B:.+]] = act.leaky_relu %[[X]] {negative_slope = 1.000000e-300 : f64} : tensor<4xf32>
// CHECK-NEXT: %[[C:.+]] = act.leaky_relu %[[X]] {negative_slope = -2.000000e+00 : f64} : tensor<4xf32>
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]]
// CHECK-NOT: act.relu
func.func @leaky_relu_nonzero_slope(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = act.leaky_relu %x : tensor<4xf32>
  %1 = act.leaky_relu %x {negative_slope = 1.0e-300 : f64} : tensor<4xf32>
  %2 = act.leaky_relu %x {negative_slope = -2.0 : f64} : tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// prelu with a splat constant slope -> leaky_relu; a splat 0 goes on to relu.
// CHECK-LABEL: func.func @prelu_splat_slope(
// CHECK-SAME: %[[X:[^:]+]]: tensor<?x3x5xf32>, %[[H:[^:]+]]: tensor<2x3xf16>
// CHECK-NOT: act.prelu
// CHECK-NOT: arith.constant
// CHECK: %[[A:.+]] = act.leaky_relu %[[X]] {negative_slope = 2.500000e-01 : f64} : tensor<?x3x5xf32>
// CHECK-NEXT: %[[B:.+]] = act.leaky_relu %[[H]] {negative_slope = 0.0999755859375 : f64} : tensor<2x3xf16>
// CHECK-NEXT: %[[C:.+]] = act.relu %[[X]] : tensor<?x3x5xf32>
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]]
func.func @prelu_splat_slope(%x: tensor<?x3x5xf32>, %h: tensor<2x3xf16>)
    -> (tensor<?x3x5xf32>, tensor<2x3xf16>, tensor<?x3x5xf32>) {
  %s = arith.constant dense<0.25> : tensor<3xf32>
  %0 = act.prelu %x, %s : tensor<?x3x5xf32>, tensor<3xf32>
  // The f16 slope 0.1 is 0.0999755859375 exactly.
  %t = arith.constant dense<0.1> : tensor<1xf16>
  %1 = act.prelu %h, %t {channel_dim = 0 : i64} : tensor<2x3xf16>, tensor<1xf16>
  %z = arith.constant dense<0.0> : tensor<1xf32>
  %2 = act.prelu %x, %z : tensor<?x3x5xf32>, tensor<1xf32>
  return %0, %1, %2 : tensor<?x3x5xf32>, tensor<2x3xf16>, tensor<?x3x5xf32>
}

// -----

// Not for a non-splat constant slope, nor for a slope that is not constant.
// CHECK-LABEL: func.func @prelu_non_splat_slope(
// CHECK-SAME: %[[X:[^:]+]]: tensor<?x3xf32>, %[[S:[^:]+]]: tensor<3xf32>
// CHECK-NEXT: %[[K:.+]] = arith.constant dense<[1.000000e-01, 2.000000e-01, 3.000000e-01]> : tensor<3xf32>
// CHECK-NEXT: %[[A:.+]] = act.prelu %[[X]], %[[K]] : tensor<?x3xf32>, tensor<3xf32>
// CHECK-NEXT: %[[B:.+]] = act.prelu %[[X]], %[[S]] : tensor<?x3xf32>, tensor<3xf32>
// CHECK-NEXT: return %[[A]], %[[B]]
// CHECK-NOT: act.leaky_relu
func.func @prelu_non_splat_slope(%x: tensor<?x3xf32>, %s: tensor<3xf32>) -> (tensor<?x3xf32>, tensor<?x3xf32>) {
  %k = arith.constant dense<[0.1, 0.2, 0.3]> : tensor<3xf32>
  %0 = act.prelu %x, %k : tensor<?x3xf32>, tensor<3xf32>
  %1 = act.prelu %x, %s : tensor<?x3xf32>, tensor<3xf32>
  return %0, %1 : tensor<?x3xf32>, tensor<?x3xf32>
}

// -----

// clamp(x, 0, +inf) -> relu(x).
// CHECK-LABEL: func.func @clamp_zero_to_inf(
// CHECK-SAME: %[[X:[^:]+]]: tensor<?xf16>
// CHECK-NEXT: %[[R:.+]] = act.relu %[[X]] : tensor<?xf16>
// CHECK-NEXT: return %[[R]]
func.func @clamp_zero_to_inf(%x: tensor<?xf16>) -> tensor<?xf16> {
  %0 = act.clamp %x {min = 0.0 : f64, max = 0x7FF0000000000000 : f64} : tensor<?xf16>
  return %0 : tensor<?xf16>
}

// -----

// Not relu6 (clamp 0..6), not a negative or -0.0 min, not a finite huge max.
// CHECK-LABEL: func.func @clamp_not_relu(
// CHECK-SAME: %[[X:[^:]+]]: tensor<?xf16>
// CHECK-NEXT: %[[A:.+]] = act.clamp %[[X]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : tensor<?xf16>
// CHECK-NEXT: %[[B:.+]] = act.clamp %[[X]] {max = 0x7FF0000000000000 : f64} : tensor<?xf16>
// CHECK-NEXT: %[[C:.+]] = act.clamp %[[X]] {max = 0x7FF0000000000000 : f64, min = -0.000000e+00 : f64} : tensor<?xf16>
// CHECK-NEXT: %[[D:.+]] = act.clamp %[[X]] {max = 1.7976931348623157E+308 : f64, min = 0.000000e+00 : f64} : tensor<?xf16>
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]], %[[D]]
// CHECK-NOT: act.relu
func.func @clamp_not_relu(%x: tensor<?xf16>) -> (tensor<?xf16>, tensor<?xf16>, tensor<?xf16>, tensor<?xf16>) {
  %0 = act.clamp %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<?xf16>
  %1 = act.clamp %x {min = -1.0 : f64, max = 0x7FF0000000000000 : f64} : tensor<?xf16>
  %2 = act.clamp %x {min = -0.0 : f64, max = 0x7FF0000000000000 : f64} : tensor<?xf16>
  %3 = act.clamp %x {min = 0.0 : f64, max = 0x7FEFFFFFFFFFFFFF : f64} : tensor<?xf16>
  return %0, %1, %2, %3 : tensor<?xf16>, tensor<?xf16>, tensor<?xf16>, tensor<?xf16>
}

// -----

// Patterns compose: relu(clamp(relu(x), 0, +inf)) -> relu(x).
// CHECK-LABEL: func.func @compose(
// CHECK-SAME: %[[X:[^:]+]]: tensor<4xf32>
// CHECK-NEXT: %[[R:.+]] = act.relu %[[X]] : tensor<4xf32>
// CHECK-NEXT: return %[[R]]
func.func @compose(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = act.relu %x : tensor<4xf32>
  %1 = act.clamp %0 {min = 0.0 : f64, max = 0x7FF0000000000000 : f64} : tensor<4xf32>
  %2 = act.relu %1 : tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

// Constant dynamic parameters become attributes, rounded to the compute type
// as the kernel would use them (0.1 : f64 -> f32 for an f16 tensor); unknown
// values stay operands.
// CHECK-LABEL: func.func @constant_dynamic_parameters(
// CHECK-SAME: %[[X:[^:]+]]: tensor<4xf16>, %[[S:[^:]+]]: f32
// CHECK: %[[A:.+]] = act.clamp %[[X]] max(%[[S]] : f32) {min = 0.10000000149011612 : f64} : tensor<4xf16>
// CHECK: %[[B:.+]] = act.elu %[[A]] {alpha = 2.500000e-01 : f64} : tensor<4xf16>
// CHECK: return %[[B]]
func.func @constant_dynamic_parameters(%x: tensor<4xf16>, %s: f32) -> tensor<4xf16> {
  %lo = arith.constant 0.1 : f64
  %a = arith.constant 0.25 : bf16
  %0 = act.clamp %x min(%lo : f64) max(%s : f32) : tensor<4xf16>
  %1 = act.elu %0 alpha(%a : bf16) : tensor<4xf16>
  return %1 : tensor<4xf16>
}

// -----

// With the constant slope 0 the op becomes leaky_relu {0}, then relu.
// CHECK-LABEL: func.func @constant_zero_slope(
// CHECK-NEXT: act.relu
func.func @constant_zero_slope(%x: tensor<4xf32>) -> tensor<4xf32> {
  %z = arith.constant 0.0 : f32
  %0 = act.leaky_relu %x negative_slope(%z : f32) : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Patterns that inspect parameter values leave dynamic parameters alone
// (the value could be anything at run time): leaky_relu -> relu and
// relu(clamp) do not fire; clamp(relu) with a static min 0 still does (it
// inspects min only).
// CHECK-LABEL: func.func @dynamic_parameters_not_inspected(
// CHECK-SAME: %[[X:[^:]+]]: tensor<4xf32>, %[[S:[^:]+]]: f32
// CHECK-NEXT: %[[A:.+]] = act.leaky_relu %[[X]] negative_slope(%[[S]] : f32)
// CHECK-NEXT: %[[B:.+]] = act.relu %[[A]]
// CHECK-NEXT: %[[C:.+]] = act.clamp %[[B]] min(%[[S]] : f32)
// CHECK-NEXT: %[[E:.+]] = act.clamp %[[C]] max(%[[S]] : f32) {min = 0.000000e+00 : f64}
// CHECK-NEXT: return %[[E]]
func.func @dynamic_parameters_not_inspected(%x: tensor<4xf32>, %s: f32) -> tensor<4xf32> {
  %0 = act.leaky_relu %x negative_slope(%s : f32) : tensor<4xf32>
  %1 = act.relu %0 : tensor<4xf32>
  %2 = act.clamp %1 min(%s : f32) : tensor<4xf32>
  %3 = act.relu %2 : tensor<4xf32>
  %4 = act.clamp %3 max(%s : f32) {min = 0.0 : f64} : tensor<4xf32>
  return %4 : tensor<4xf32>
}

// -----

// A constant input does not fold while a parameter is unknown; once the
// parameter is a constant it becomes an attribute and the op folds
// (leaky_relu(-2, 0.5) = -1).
// CHECK-LABEL: func.func @fold_needs_known_parameters(
// CHECK-SAME: %[[S:[^:]+]]: f32
// CHECK-DAG: %[[FOLDED:.+]] = arith.constant dense<-1.000000e+00> : tensor<4xf32>
// CHECK-DAG: %[[X:.+]] = arith.constant dense<-2.000000e+00> : tensor<4xf32>
// CHECK: %[[D:.+]] = act.leaky_relu %[[X]] negative_slope(%[[S]] : f32) : tensor<4xf32>
// CHECK: return %[[D]], %[[FOLDED]]
func.func @fold_needs_known_parameters(%s: f32) -> (tensor<4xf32>, tensor<4xf32>) {
  %x = arith.constant dense<-2.0> : tensor<4xf32>
  %half = arith.constant 0.5 : f32
  %0 = act.leaky_relu %x negative_slope(%s : f32) : tensor<4xf32>
  %1 = act.leaky_relu %x negative_slope(%half : f32) : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
