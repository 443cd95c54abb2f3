// act-fuse: an activation grows into an act.fused group with the elementwise
// producers and consumers that only it reads; everything else stays outside.
// RUN: relu-opt %s --act-fuse --split-input-file | FileCheck %s
// Lowered (the targets' front end), each group is one linalg.generic:
// RUN: relu-opt %s --act-to-fused-linalg --split-input-file | FileCheck %s --check-prefix=ONE

// Bias add broadcast over the last axis (a named linalg.broadcast and an arith
// add on tensors), gelu, and a cast to bf16: one group; the tensor.empty and
// tensor.dim the broadcast needs are copied in, the operands are x and bias.
// CHECK-LABEL: func.func @bias_gelu_cast
// CHECK-SAME: (%[[X:.*]]: tensor<?x64xf32>, %[[B:.*]]: tensor<64xf32>)
// CHECK-NEXT: %[[R:.*]] = act.fused %[[X]], %[[B]] : (tensor<?x64xf32>, tensor<64xf32>) -> tensor<?x64xbf16> {
// CHECK-NEXT: ^bb0(%[[A:.*]]: tensor<?x64xf32>, %[[C:.*]]: tensor<64xf32>):
// CHECK: tensor.dim %[[A]]
// CHECK: tensor.empty
// CHECK: linalg.broadcast ins(%[[C]] : tensor<64xf32>)
// CHECK: arith.addf %[[A]]
// CHECK: act.gelu
// CHECK: %[[T:.*]] = arith.truncf
// CHECK-NEXT: act.fused_yield %[[T]] : tensor<?x64xbf16>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[R]]
// ONE-LABEL: func.func @bias_gelu_cast
// ONE: linalg.generic
// ONE-NOT: linalg.generic
// ONE: return
func.func @bias_gelu_cast(%x: tensor<?x64xf32>, %bias: tensor<64xf32>) -> tensor<?x64xbf16> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x64xf32>
  %e = tensor.empty(%n) : tensor<?x64xf32>
  %bb = linalg.broadcast ins(%bias : tensor<64xf32>) outs(%e : tensor<?x64xf32>) dimensions = [0]
  %s = arith.addf %x, %bb : tensor<?x64xf32>
  %g = act.gelu %s {approximate = #act.approximate<tanh>} : tensor<?x64xf32>
  %t = arith.truncf %g : tensor<?x64xf32> to tensor<?x64xbf16>
  return %t : tensor<?x64xbf16>
}

// -----

// Per-channel x * scale + shift (folded batch norm) on NCHW, as one
// linalg.generic with channel broadcasts, then relu: one group.
#id = affine_map<(n, c, h) -> (n, c, h)>
#ch = affine_map<(n, c, h) -> (c)>
// CHECK-LABEL: func.func @scale_shift_relu
// CHECK: act.fused %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x8x16xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x16xf32>
// CHECK: linalg.generic
// CHECK: act.relu
// CHECK: act.fused_yield
// CHECK-NOT: linalg.generic
// ONE-LABEL: func.func @scale_shift_relu
// ONE: linalg.generic
// ONE-NOT: linalg.generic
// ONE: return
func.func @scale_shift_relu(%x: tensor<2x8x16xf32>, %scale: tensor<8xf32>, %shift: tensor<8xf32>) -> tensor<2x8x16xf32> {
  %e = tensor.empty() : tensor<2x8x16xf32>
  %bn = linalg.generic {indexing_maps = [#id, #ch, #ch, #id], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %scale, %shift : tensor<2x8x16xf32>, tensor<8xf32>, tensor<8xf32>) outs(%e : tensor<2x8x16xf32>) {
  ^bb0(%v: f32, %s: f32, %t: f32, %o: f32):
    %m = arith.mulf %v, %s : f32
    %a = arith.addf %m, %t : f32
    linalg.yield %a : f32
  } -> tensor<2x8x16xf32>
  %y = act.relu %bn : tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}

// -----

// Residual add before and after the activation, and a chain of activations
// ending in a clamp: one group with operands x, r1, r2.
// CHECK-LABEL: func.func @residual_chain
// CHECK-NEXT: %[[R:.*]] = act.fused %arg0, %arg1, %arg2 : (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32> {
// CHECK: arith.addf
// CHECK: act.silu
// CHECK: act.leaky_relu
// CHECK: act.clamp
// CHECK: linalg.add
// CHECK: act.fused_yield
// CHECK-NEXT: }
// CHECK-NEXT: return %[[R]]
// ONE-LABEL: func.func @residual_chain
// ONE: linalg.generic
// ONE-NOT: linalg.generic
// ONE: return
func.func @residual_chain(%x: tensor<?xf32>, %r1: tensor<?xf32>, %r2: tensor<?xf32>) -> tensor<?xf32> {
  %s = arith.addf %x, %r1 : tensor<?xf32>
  %a = act.silu %s : tensor<?xf32>
  %b = act.leaky_relu %a {negative_slope = 0.1 : f64} : tensor<?xf32>
  %c = act.clamp %b {min = -2.0 : f64, max = 2.0 : f64} : tensor<?xf32>
  %d = linalg.add ins(%c, %r2 : tensor<?xf32>, tensor<?xf32>) outs(%x : tensor<?xf32>) -> tensor<?xf32>
  return %d : tensor<?xf32>
}

// -----

// GLU family: swiglu of two tensors, and geglu of the two halves of one
// tensor along its last axis (the slices come into the group, which reads x).
// CHECK-LABEL: func.func @swiglu
// CHECK: act.fused %arg0, %arg1 : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK: act.silu
// CHECK: arith.mulf
// ONE-LABEL: func.func @swiglu
// ONE: linalg.generic
// ONE-NOT: linalg.generic
// ONE: return
func.func @swiglu(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %s = act.silu %a : tensor<4x8xf32>
  %y = arith.mulf %s, %b : tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
// CHECK-LABEL: func.func @geglu_halves
// CHECK-NEXT: act.fused %arg0 : (tensor<4x16xf32>) -> tensor<4x8xf32>
// CHECK: tensor.extract_slice %{{.*}}[0, 0] [4, 8] [1, 1]
// CHECK: act.gelu
// CHECK: tensor.extract_slice %{{.*}}[0, 8] [4, 8] [1, 1]
// CHECK: arith.mulf
// ONE-LABEL: func.func @geglu_halves
// ONE: linalg.generic
// ONE-NOT: linalg.generic
// ONE: return
func.func @geglu_halves(%x: tensor<4x16xf32>) -> tensor<4x8xf32> {
  %a = tensor.extract_slice %x[0, 0] [4, 8] [1, 1] : tensor<4x16xf32> to tensor<4x8xf32>
  %g = act.gelu %a : tensor<4x8xf32>
  %b = tensor.extract_slice %x[0, 8] [4, 8] [1, 1] : tensor<4x16xf32> to tensor<4x8xf32>
  %y = arith.mulf %g, %b : tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

// relu then int8 quantization.
// CHECK-LABEL: func.func @relu_quantize
// CHECK: act.fused %arg0 : (tensor<?xf32>) -> tensor<?xi8>
// CHECK: act.relu
// CHECK: act.quantize
// ONE-LABEL: func.func @relu_quantize
// ONE: linalg.generic
// ONE-NOT: linalg.generic
// ONE: return
func.func @relu_quantize(%x: tensor<?xf32>) -> tensor<?xi8> {
  %r = act.relu %x : tensor<?xf32>
  %q = act.quantize %r {scale = 0.05 : f64, zero_point = 0 : i64, qmin = 0 : i64, qmax = 255 : i64} : tensor<?xf32> -> tensor<?xi8>
  return %q : tensor<?xi8>
}

// -----

// Negative: the pre-activation sum is also returned (another user), so the
// add stays outside; the activation's result has two users, so neither
// consumer joins. Nothing is grouped.
// CHECK-LABEL: func.func @other_users
// CHECK-NOT: act.fused
// CHECK: arith.addf
// CHECK: act.relu
// CHECK: arith.truncf
// CHECK: arith.mulf
func.func @other_users(%x: tensor<?xf32>, %r: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xbf16>, tensor<?xf32>) {
  %s = arith.addf %x, %r : tensor<?xf32>
  %y = act.relu %s : tensor<?xf32>
  %t = arith.truncf %y : tensor<?xf32> to tensor<?xbf16>
  %m = arith.mulf %y, %r : tensor<?xf32>
  return %s, %t, %m : tensor<?xf32>, tensor<?xbf16>, tensor<?xf32>
}

// -----

// Negative: shapes that do not broadcast. A transposing generic and a
// reduction are not elementwise over the activation's iteration space.
#t = affine_map<(i, j) -> (j, i)>
#i2 = affine_map<(i, j) -> (i, j)>
#r = affine_map<(i, j) -> (i)>
// CHECK-LABEL: func.func @transpose
// CHECK-NOT: act.fused
func.func @transpose(%x: tensor<8x8xf32>, %y: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %e = tensor.empty() : tensor<8x8xf32>
  %s = linalg.generic {indexing_maps = [#t, #i2, #i2], iterator_types = ["parallel", "parallel"]}
      ins(%x, %y : tensor<8x8xf32>, tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %v = arith.addf %a, %b : f32
    linalg.yield %v : f32
  } -> tensor<8x8xf32>
  %g = act.gelu %s : tensor<8x8xf32>
  return %g : tensor<8x8xf32>
}
// CHECK-LABEL: func.func @reduction_consumer
// CHECK-NOT: act.fused
func.func @reduction_consumer(%x: tensor<8x8xf32>, %acc: tensor<8xf32>) -> tensor<8xf32> {
  %g = act.gelu %x : tensor<8x8xf32>
  %s = linalg.generic {indexing_maps = [#i2, #r], iterator_types = ["parallel", "reduction"]}
      ins(%g : tensor<8x8xf32>) outs(%acc : tensor<8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %v = arith.addf %a, %o : f32
    linalg.yield %v : f32
  } -> tensor<8xf32>
  return %s : tensor<8xf32>
}

// -----

// Negative: a lone activation, and activations inside act.grad, stay as they are.
// CHECK-LABEL: func.func @lone
// CHECK-NOT: act.fused
func.func @lone(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = act.relu %x : tensor<?xf32>
  return %y : tensor<?xf32>
}

// -----

// A run-time activation parameter (a scalar) is an operand of the group.
// CHECK-LABEL: func.func @dynamic_parameter
// CHECK-NEXT: act.fused %arg0, %arg1, %arg2 : (tensor<?xf32>, tensor<?xf32>, f32) -> tensor<?xf32>
// CHECK: act.leaky_relu %{{.*}} negative_slope(%{{.*}} : f32)
// ONE-LABEL: func.func @dynamic_parameter
// ONE: linalg.generic
// ONE-NOT: linalg.generic
// ONE: return
func.func @dynamic_parameter(%x: tensor<?xf32>, %r: tensor<?xf32>, %slope: f32) -> tensor<?xf32> {
  %s = arith.addf %x, %r : tensor<?xf32>
  %y = act.leaky_relu %s negative_slope(%slope : f32) : tensor<?xf32>
  return %y : tensor<?xf32>
}
