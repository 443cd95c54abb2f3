// N-d dynamic masks: the flat loop's result goes back to N-d through
// tensor.reshape (LLVM 22's expand-strided-metadata crashes on an expand_shape
// with two dynamic sizes in one group, llvm-project #186830), so the CPU
// pipeline lowers them; one dynamic size keeps tensor.expand_shape.
// RUN: relu-opt %s --act-derive-gradients | FileCheck %s --check-prefix=DERIVE
// RUN: relu-opt %s --act-to-llvm-cpu | FileCheck %s --implicit-check-not=" act." --implicit-check-not=memref. --implicit-check-not=tensor.

// DERIVE-LABEL: func.func @grad_2d
// DERIVE: tensor.collapse_shape %{{.*}} {{\[\[}}0, 1]] : tensor<?x?xf32> into tensor<?xf32>
// DERIVE: %[[SHAPE:.*]] = tensor.from_elements %{{.*}}, %{{.*}} : tensor<2xindex>
// DERIVE: tensor.reshape %{{.*}}(%[[SHAPE]]) : (tensor<?xf32>, tensor<2xindex>) -> tensor<?x?xf32>
// CHECK-LABEL: llvm.func @grad_2d
// CHECK: llvm.bitcast %{{.*}} : vector<2xi8> to vector<16xi1>
func.func @grad_2d(%dy: tensor<?x?xf32>, %m: tensor<?xi8>) -> tensor<?x?xf32> {
  %dx = act.grad %dy, mask %m : tensor<?x?xf32>, tensor<?xi8> {
  ^bb0(%a: tensor<?x?xf32>):
    %r = act.relu %a : tensor<?x?xf32>
    act.yield %r : tensor<?x?xf32>
  }
  return %dx : tensor<?x?xf32>
}

// DERIVE-LABEL: func.func @grad_3d_bf16
// DERIVE: tensor.reshape {{.*}} -> tensor<?x?x?xbf16>
// CHECK-LABEL: llvm.func @grad_3d_bf16
func.func @grad_3d_bf16(%dy: tensor<?x?x?xbf16>, %m: tensor<?xi8>) -> tensor<?x?x?xbf16> {
  %dx = act.grad %dy, mask %m : tensor<?x?x?xbf16>, tensor<?xi8> {
  ^bb0(%a: tensor<?x?x?xbf16>):
    %r = act.clamp %a {min = 0.0 : f64, max = 6.0 : f64} : tensor<?x?x?xbf16>
    act.yield %r : tensor<?x?x?xbf16>
  }
  return %dx : tensor<?x?x?xbf16>
}

// DERIVE-LABEL: func.func @grad_one_dynamic
// DERIVE: tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [4, %{{.*}}] : tensor<?xf32> into tensor<4x?xf32>
// CHECK-LABEL: llvm.func @grad_one_dynamic
func.func @grad_one_dynamic(%dy: tensor<4x?xf32>, %m: tensor<?xi8>) -> tensor<4x?xf32> {
  %dx = act.grad %dy, mask %m : tensor<4x?xf32>, tensor<?xi8> {
  ^bb0(%a: tensor<4x?xf32>):
    %r = act.relu %a : tensor<4x?xf32>
    act.yield %r : tensor<4x?xf32>
  }
  return %dx : tensor<4x?xf32>
}

// DERIVE-LABEL: func.func @forward_2d
// DERIVE: tensor.reshape {{.*}} -> tensor<?x?xf32>
// CHECK-LABEL: llvm.func @forward_2d
// CHECK: llvm.bitcast %{{.*}} : vector<16xi1> to vector<2xi8>
func.func @forward_2d(%x: tensor<?x?xf32>) -> (tensor<?x?xf32>, tensor<?xi8>) {
  %y, %m = act.forward_with_mask %x : tensor<?x?xf32> -> tensor<?xi8> {
  ^bb0(%a: tensor<?x?xf32>):
    %r = act.relu %a : tensor<?x?xf32>
    act.yield %r : tensor<?x?xf32>
  }
  return %y, %m : tensor<?x?xf32>, tensor<?xi8>
}

// DERIVE-LABEL: func.func @forward_3d_f16
// CHECK-LABEL: llvm.func @forward_3d_f16
func.func @forward_3d_f16(%x: tensor<?x?x?xf16>) -> (tensor<?x?x?xf16>, tensor<?xi8>) {
  %y, %m = act.forward_with_mask %x : tensor<?x?x?xf16> -> tensor<?xi8> {
  ^bb0(%a: tensor<?x?x?xf16>):
    %r = act.leaky_relu %a {negative_slope = 0.1 : f64} : tensor<?x?x?xf16>
    act.yield %r : tensor<?x?x?xf16>
  }
  return %y, %m : tensor<?x?x?xf16>, tensor<?xi8>
}
