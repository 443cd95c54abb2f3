// act.grad and act.forward_with_mask: round trip and verifier.
// RUN: relu-opt %s --split-input-file | relu-opt --split-input-file | FileCheck %s
// RUN: relu-opt %s --split-input-file -mlir-print-op-generic | relu-opt --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @grads
// CHECK: act.grad %{{.*}}, input %{{.*}} : tensor<?xf32>, tensor<?xf32> {
// CHECK: ^bb0(%[[A:.*]]: tensor<?xf32>):
// CHECK: act.gelu %[[A]] {approximate = #act.approximate<tanh>} : tensor<?xf32>
// CHECK: act.grad %{{.*}}, output %{{.*}} {conventions = #act.conventions<jax>} : tensor<?xf32>, tensor<?xf32> {
// CHECK: act.grad %{{.*}}, mask %{{.*}} : tensor<?xf32>, tensor<?xi8> {
// CHECK: act.grad %{{.*}}, input %{{.*}}, %{{.*}} : tensor<2x3xbf16>, tensor<2x3xbf16>, tensor<3xbf16> -> tensor<3xbf16> {
// CHECK: act.forward_with_mask %{{.*}} : tensor<4x5xf16> -> tensor<3xi8> {
func.func @grads(%dy: tensor<?xf32>, %x: tensor<?xf32>, %m: tensor<?xi8>,
                 %dp: tensor<2x3xbf16>, %xp: tensor<2x3xbf16>, %s: tensor<3xbf16>,
                 %h: tensor<4x5xf16>) {
  %0 = act.grad %dy, input %x : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.gelu %a {approximate = #act.approximate<tanh>} : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  %1 = act.grad %dy, output %x {conventions = #act.conventions<jax>} : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.sigmoid %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  %2 = act.grad %dy, mask %m : tensor<?xf32>, tensor<?xi8> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.relu %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  %3, %4 = act.grad %dp, input %xp, %s : tensor<2x3xbf16>, tensor<2x3xbf16>, tensor<3xbf16> -> tensor<3xbf16> {
  ^bb0(%a: tensor<2x3xbf16>, %b: tensor<3xbf16>):
    %r = act.prelu %a, %b : tensor<2x3xbf16>, tensor<3xbf16>
    act.yield %r : tensor<2x3xbf16>
  }
  %5, %6 = act.forward_with_mask %h : tensor<4x5xf16> -> tensor<3xi8> {
  ^bb0(%a: tensor<4x5xf16>):
    %r = act.clamp %a {min = 0.0 : f64, max = 6.0 : f64} : tensor<4x5xf16>
    act.yield %r : tensor<4x5xf16>
  }
  return
}
