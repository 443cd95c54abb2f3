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

// GLU halves, x = [a, b] along axis 1: dx = [da, db] of x's shape, twice
// dy's size along the axis. da (d/da of silu(a) * b: b times silu's
// derivative) and db (d/db: silu(a)) each come from one generic over dy's
// shape reading dy and both halves of x, written into dx's two halves.
// CHECK-LABEL: func.func @swiglu_halves
// CHECK-SAME: (%[[DY:.*]]: tensor<?x?x?xf32>, %[[X:.*]]: tensor<?x?x?xf32>)
// CHECK-DAG: %[[O:.*]] = tensor.dim %[[DY]], %c0
// CHECK-DAG: %[[H:.*]] = tensor.dim %[[DY]], %c1
// CHECK-DAG: %[[I:.*]] = tensor.dim %[[DY]], %c2
// CHECK: %[[TWOH:.*]] = arith.addi %[[H]], %[[H]]
// CHECK: %[[A:.*]] = tensor.extract_slice %[[X]][0, 0, 0] [%[[O]], %[[H]], %[[I]]] [1, 1, 1]
// CHECK: %[[B:.*]] = tensor.extract_slice %[[X]][0, %[[H]], 0] [%[[O]], %[[H]], %[[I]]] [1, 1, 1]
// CHECK: %[[E:.*]] = tensor.empty(%[[O]], %[[TWOH]], %[[I]])
// CHECK: %[[OUTA:.*]] = tensor.extract_slice %[[E]][0, 0, 0] [%[[O]], %[[H]], %[[I]]]
// CHECK: %[[DA:.*]] = linalg.generic
// CHECK-SAME: ins(%[[DY]], %[[A]], %[[B]] : {{.*}}) outs(%[[OUTA]] :
// CHECK: ^bb0(%[[GY:.*]]: f32, %[[GA:.*]]: f32, %[[GB:.*]]: f32, %{{.*}}: f32):
// CHECK: math.exp
// CHECK: arith.mulf {{.*}}%[[GB]]
// CHECK: %[[T:.*]] = tensor.insert_slice %[[DA]] into %[[E]][0, 0, 0] [%[[O]], %[[H]], %[[I]]]
// CHECK: %[[OUTB:.*]] = tensor.extract_slice %[[T]][0, %[[H]], 0] [%[[O]], %[[H]], %[[I]]]
// CHECK: %[[DB:.*]] = linalg.generic
// CHECK-SAME: ins(%[[DY]], %[[A]], %[[B]] : {{.*}}) outs(%[[OUTB]] :
// CHECK: ^bb0(%[[HY:.*]]: f32, %[[HA:.*]]: f32, %[[HB:.*]]: f32, %{{.*}}: f32):
// CHECK-NOT: %[[HB]]
// CHECK: linalg.yield
// CHECK: %[[DX:.*]] = tensor.insert_slice %[[DB]] into %[[T]][0, %[[H]], 0] [%[[O]], %[[H]], %[[I]]]
// CHECK: return %[[DX]]
func.func @swiglu_halves(%dy: tensor<?x?x?xf32>, %x: tensor<?x?x?xf32>) -> tensor<?x?x?xf32> {
  %dx = act.grad %dy, input %x : tensor<?x?x?xf32>, tensor<?x?x?xf32> {
  ^bb0(%xx: tensor<?x?x?xf32>):
    %y = act.fused %xx : (tensor<?x?x?xf32>) -> tensor<?x?x?xf32> {
    ^bb0(%u: tensor<?x?x?xf32>):
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c2 = arith.constant 2 : index
      %outer = tensor.dim %u, %c0 : tensor<?x?x?xf32>
      %doubled = tensor.dim %u, %c1 : tensor<?x?x?xf32>
      %inner = tensor.dim %u, %c2 : tensor<?x?x?xf32>
      %half = arith.divui %doubled, %c2 : index
      %a = tensor.extract_slice %u[0, 0, 0] [%outer, %half, %inner] [1, 1, 1]
          : tensor<?x?x?xf32> to tensor<?x?x?xf32>
      %b = tensor.extract_slice %u[0, %half, 0] [%outer, %half, %inner] [1, 1, 1]
          : tensor<?x?x?xf32> to tensor<?x?x?xf32>
      %s = act.silu %a : tensor<?x?x?xf32>
      %m = arith.mulf %s, %b : tensor<?x?x?xf32>
      act.fused_yield %m : tensor<?x?x?xf32>
    }
    act.yield %y : tensor<?x?x?xf32>
  }
  return %dx : tensor<?x?x?xf32>
}

// -----

// Halves along the last axis of a 2-D tensor with a residual of dy's shape:
// its gradient (dy) is the first generic's second result.
// CHECK-LABEL: func.func @halves_last_residual
// CHECK: tensor.extract_slice %{{.*}}[0, 0] [4, %{{.*}}] [1, 1]
// CHECK: %[[G:.*]]:2 = linalg.generic
// CHECK: linalg.generic
// CHECK: %[[DX:.*]] = tensor.insert_slice
// CHECK: return %[[DX]], %[[G]]#1
func.func @halves_last_residual(%dy: tensor<4x?xf32>, %x: tensor<4x?xf32>, %r: tensor<4x?xf32>)
    -> (tensor<4x?xf32>, tensor<4x?xf32>) {
  %dx, %dr = act.grad %dy, input %x, %r : tensor<4x?xf32>, tensor<4x?xf32>, tensor<4x?xf32>
      -> tensor<4x?xf32> {
  ^bb0(%xx: tensor<4x?xf32>, %rr: tensor<4x?xf32>):
    %y = act.fused %xx, %rr : (tensor<4x?xf32>, tensor<4x?xf32>) -> tensor<4x?xf32> {
    ^bb0(%u: tensor<4x?xf32>, %v: tensor<4x?xf32>):
      %c1 = arith.constant 1 : index
      %c2 = arith.constant 2 : index
      %doubled = tensor.dim %u, %c1 : tensor<4x?xf32>
      %half = arith.divui %doubled, %c2 : index
      %a = tensor.extract_slice %u[0, 0] [4, %half] [1, 1] : tensor<4x?xf32> to tensor<4x?xf32>
      %b = tensor.extract_slice %u[0, %half] [4, %half] [1, 1] : tensor<4x?xf32> to tensor<4x?xf32>
      %g = act.gelu %a : tensor<4x?xf32>
      %m = arith.mulf %g, %b : tensor<4x?xf32>
      %s = arith.addf %m, %v : tensor<4x?xf32>
      act.fused_yield %s : tensor<4x?xf32>
    }
    act.yield %y : tensor<4x?xf32>
  }
  return %dx, %dr : tensor<4x?xf32>, tensor<4x?xf32>
}

// -----

// The output variant has no meaning for halves (y is half of x's size).
func.func @halves_output(%dy: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{needs its input x = [a, b] (source input)}}
  %dx = act.grad %dy, output %y : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%xx: tensor<?xf32>):
    %r = act.fused %xx : (tensor<?xf32>) -> tensor<?xf32> {
    ^bb0(%u: tensor<?xf32>):
      %c0 = arith.constant 0 : index
      %c2 = arith.constant 2 : index
      %n = tensor.dim %u, %c0 : tensor<?xf32>
      %h = arith.divui %n, %c2 : index
      %a = tensor.extract_slice %u[0] [%h] [1] : tensor<?xf32> to tensor<?xf32>
      %b = tensor.extract_slice %u[%h] [%h] [1] : tensor<?xf32> to tensor<?xf32>
      %s = act.relu %a : tensor<?xf32>
      %m = arith.mulf %s, %b : tensor<?xf32>
      act.fused_yield %m : tensor<?xf32>
    }
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// A slice that is not one of two halves has no scalar form: a located error,
// not a wrong gradient.
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

// -----

// A group ending in act.quantize: dy is the cotangent of the dequantized
// value; dx is the straight-through estimator's, dy * relu'(x) where
// qmin <= roundeven(relu(x) / scale) + zero_point <= qmax, else 0.
// CHECK-LABEL: func.func @relu_quantize
// CHECK: linalg.generic
// CHECK: math.roundeven
// CHECK: arith.cmpf oge
// CHECK: arith.cmpf ole
// CHECK: arith.andi
// CHECK: arith.select
// CHECK-NOT: act.quantize
func.func @relu_quantize(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %q = act.fused %a : (tensor<?xf32>) -> tensor<?xi8> {
    ^bb0(%u: tensor<?xf32>):
      %r = act.relu %u : tensor<?xf32>
      %s = act.quantize %r {scale = 0.05 : f64, zero_point = 3 : i64} : tensor<?xf32> -> tensor<?xi8>
      act.fused_yield %s : tensor<?xi8>
    }
    act.yield %q : tensor<?xi8>
  }
  return %dx : tensor<?xf32>
}

// -----

// The mask variant would compute the forward value from the group's scalar
// form, which holds the straight-through surrogate, not the quantization.
func.func @relu_quantize_mask(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<2xi8>) {
  %y, %m = act.forward_with_mask %x : tensor<16xf32> -> tensor<2xi8> {
  ^bb0(%a: tensor<16xf32>):
    %q = act.fused %a : (tensor<16xf32>) -> tensor<16xi8> {
    ^bb0(%u: tensor<16xf32>):
      %r = act.relu %u : tensor<16xf32>
      // expected-error @+1 {{has no forward value in the mask variant}}
      %s = act.quantize %r {scale = 0.05 : f64} : tensor<16xf32> -> tensor<16xi8>
      act.fused_yield %s : tensor<16xi8>
    }
    act.yield %q : tensor<16xi8>
  }
  return %y, %m : tensor<16xf32>, tensor<2xi8>
}
