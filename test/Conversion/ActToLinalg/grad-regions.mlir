// The activation held by act.grad / act.forward_with_mask is a definition,
// not a computation: convert-act-to-linalg leaves it (and converts the rest),
// so act-derive-gradients may run after it. (relu-cc once ran them in this
// order and failed with "region must hold exactly one activation and
// act.yield".)
// RUN: relu-opt %s --convert-act-to-linalg | FileCheck %s
// RUN: relu-opt %s --convert-act-to-linalg --act-derive-gradients | FileCheck %s --check-prefix=DERIVED --implicit-check-not=" act."

// CHECK-LABEL: func.func @grad_then_forward
// CHECK: act.grad %{{.*}}, output %{{.*}} : tensor<?xf32>, tensor<?xf32> {
// CHECK-NEXT: ^bb0(%[[A:.*]]: tensor<?xf32>):
// CHECK-NEXT: %[[R:.*]] = act.relu %[[A]] : tensor<?xf32>
// CHECK-NEXT: act.yield %[[R]] : tensor<?xf32>
// CHECK: act.forward_with_mask
// CHECK-NEXT: ^bb0
// CHECK-NEXT: act.clamp
// CHECK: linalg.generic
// CHECK-NOT: act.gelu
// DERIVED-LABEL: func.func @grad_then_forward
// DERIVED: linalg.generic
// DERIVED: scf.for
// DERIVED: linalg.generic
func.func @grad_then_forward(%dy: tensor<?xf32>, %y: tensor<?xf32>, %x: tensor<?xf32>)
    -> (tensor<?xf32>, tensor<?xf32>, tensor<?xi8>, tensor<?xf32>) {
  %dx = act.grad %dy, output %y : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.relu %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  %z, %m = act.forward_with_mask %x : tensor<?xf32> -> tensor<?xi8> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.clamp %a {min = 0.0 : f64, max = 6.0 : f64} : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  %g = act.gelu %x : tensor<?xf32>
  return %dx, %z, %m, %g : tensor<?xf32>, tensor<?xf32>, tensor<?xi8>, tensor<?xf32>
}
