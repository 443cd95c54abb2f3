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

// -----

// Dynamic parameters are scalar further operands of act.grad and
// act.forward_with_mask, block arguments of the region.
// CHECK-LABEL: func.func @dynamic_parameters
// CHECK: act.grad %{{.+}}, input %{{.+}}, %{{.+}} : tensor<?xf32>, tensor<?xf32>, f32 {
// CHECK: ^bb0(%[[A:.+]]: tensor<?xf32>, %[[S:.+]]: f32):
// CHECK: act.leaky_relu %[[A]] negative_slope(%[[S]] : f32) : tensor<?xf32>
// CHECK: act.forward_with_mask %{{.+}}, %{{.+}}, %{{.+}} : tensor<?xf16>, f64, f64 -> tensor<?xi8> {
// CHECK: act.clamp %{{.+}} min(%{{.+}} : f64) max(%{{.+}} : f64) : tensor<?xf16>
func.func @dynamic_parameters(%dy: tensor<?xf32>, %x: tensor<?xf32>, %s: f32,
                              %h: tensor<?xf16>, %lo: f64, %hi: f64)
    -> (tensor<?xf32>, tensor<?xf16>, tensor<?xi8>) {
  %dx = act.grad %dy, input %x, %s : tensor<?xf32>, tensor<?xf32>, f32 {
  ^bb0(%a: tensor<?xf32>, %b: f32):
    %y = act.leaky_relu %a negative_slope(%b : f32) : tensor<?xf32>
    act.yield %y : tensor<?xf32>
  }
  %y, %m = act.forward_with_mask %h, %lo, %hi : tensor<?xf16>, f64, f64 -> tensor<?xi8> {
  ^bb0(%a: tensor<?xf16>, %b: f64, %c: f64):
    %r = act.clamp %a min(%b : f64) max(%c : f64) : tensor<?xf16>
    act.yield %r : tensor<?xf16>
  }
  return %dx, %y, %m : tensor<?xf32>, tensor<?xf16>, tensor<?xi8>
}
