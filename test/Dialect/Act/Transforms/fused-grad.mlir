// act.grad holding an act.fused: the group is one activation of its operands
// (its scalar form), differentiated by the chain rule. Per-channel operands
// get per-channel sums (the prelu slope machinery), operands of x's shape
// elementwise gradients.
// RUN: relu-opt %s --act-derive-gradients --split-input-file -verify-diagnostics | FileCheck %s
// The group held by act.grad is a definition: convert-act-to-linalg first
// leaves it.
// RUN: relu-opt %s --convert-act-to-linalg --act-derive-gradients --split-input-file -verify-diagnostics | FileCheck %s

// d bias: a loop summing dy * gelu'(x + bias[c]) per channel; dx: a generic
// reading dy, x and the bias broadcast along dimension 1.
// CHECK-LABEL: func.func @bias_gelu
// CHECK: scf.for
// CHECK: vector.transfer_read
// CHECK: arith.addf
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #[[CH:.*]], #{{.*}}]
// CHECK-NOT: act.fused
func.func @bias_gelu(%dy: tensor<?x8xf32>, %x: tensor<?x8xf32>, %bias: tensor<8xf32>)
    -> (tensor<?x8xf32>, tensor<8xf32>) {
  %dx, %db = act.grad %dy, input %x, %bias : tensor<?x8xf32>, tensor<?x8xf32>, tensor<8xf32> -> tensor<8xf32> {
  ^bb0(%a: tensor<?x8xf32>, %b: tensor<8xf32>):
    %y = act.fused %a, %b : (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x8xf32> {
    ^bb0(%xa: tensor<?x8xf32>, %xb: tensor<8xf32>):
      %c0 = arith.constant 0 : index
      %n = tensor.dim %xa, %c0 : tensor<?x8xf32>
      %e = tensor.empty(%n) : tensor<?x8xf32>
      %bb = linalg.broadcast ins(%xb : tensor<8xf32>) outs(%e : tensor<?x8xf32>) dimensions = [0]
      %s = arith.addf %xa, %bb : tensor<?x8xf32>
      %g = act.gelu %s : tensor<?x8xf32>
      act.fused_yield %g : tensor<?x8xf32>
    }
    act.yield %y : tensor<?x8xf32>
  }
  return %dx, %db : tensor<?x8xf32>, tensor<8xf32>
}

// -----

// swiglu: da = dy * b * silu'(a) and db = dy * silu(a), both elementwise.
// CHECK-LABEL: func.func @swiglu
// CHECK: linalg.generic
// CHECK: ^bb0(%[[DY:.*]]: f32, %[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK: linalg.generic
// CHECK-NOT: scf.for
func.func @swiglu(%dy: tensor<?xf32>, %a: tensor<?xf32>, %b: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>) {
  %da, %db = act.grad %dy, input %a, %b : tensor<?xf32>, tensor<?xf32>, tensor<?xf32> -> tensor<?xf32> {
  ^bb0(%xa: tensor<?xf32>, %xb: tensor<?xf32>):
    %y = act.fused %xa, %xb : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32> {
    ^bb0(%u: tensor<?xf32>, %v: tensor<?xf32>):
      %s = act.silu %u : tensor<?xf32>
      %m = arith.mulf %s, %v : tensor<?xf32>
      act.fused_yield %m : tensor<?xf32>
    }
    act.yield %y : tensor<?xf32>
  }
  return %da, %db : tensor<?xf32>, tensor<?xf32>
}

// -----

// A slice has no scalar form: a located error, not a wrong gradient. (GLU
// halves do not even fit act.grad, whose dx has dy's type.)
func.func @slice(%dy: tensor<4x8xf32>, %x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %dx = act.grad %dy, input %x : tensor<4x8xf32>, tensor<4x8xf32> {
  ^bb0(%a: tensor<4x8xf32>):
    %y = act.fused %a : (tensor<4x8xf32>) -> tensor<4x8xf32> {
    ^bb0(%u: tensor<4x8xf32>):
      // expected-error @+1 {{has no scalar form in an act.fused group}}
      %h = tensor.extract_slice %u[0, 0] [4, 8] [1, 1] : tensor<4x8xf32> to tensor<4x8xf32>
      %g = act.gelu %h : tensor<4x8xf32>
      act.fused_yield %g : tensor<4x8xf32>
    }
    act.yield %y : tensor<4x8xf32>
  }
  return %dx : tensor<4x8xf32>
}
