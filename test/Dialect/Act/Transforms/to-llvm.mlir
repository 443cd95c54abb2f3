// The derived backward kernels compile with the CPU pipeline.
// RUN: relu-opt %s --act-derive-gradients --act-to-llvm-cpu | FileCheck %s --implicit-check-not=" act." --implicit-check-not=linalg. --implicit-check-not=vector.transfer --implicit-check-not="llvm.call @expf"
// RUN: relu-opt %s --act-derive-gradients="vector-bits=256" --act-to-llvm-cpu="vector-bits=256" | FileCheck %s --check-prefix=AVX2

// CHECK-LABEL: llvm.func @gelu_backward
// CHECK: llvm.intr.masked.load
// CHECK: llvm.intr.masked.store
// AVX2-LABEL: llvm.func @gelu_backward
// AVX2: vector<8xf32>
func.func @gelu_backward(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.gelu %a {approximate = #act.approximate<tanh>} : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// CHECK-LABEL: llvm.func @sigmoid_backward_from_output
// CHECK: llvm.fdiv {{.*}} : vector<16xf32>
func.func @sigmoid_backward_from_output(%dy: tensor<?xf16>, %y: tensor<?xf16>) -> tensor<?xf16> {
  %dx = act.grad %dy, output %y : tensor<?xf16>, tensor<?xf16> {
  ^bb0(%a: tensor<?xf16>):
    %r = act.sigmoid %a : tensor<?xf16>
    act.yield %r : tensor<?xf16>
  }
  return %dx : tensor<?xf16>
}

// The mask pair: packed with a bitcast of 16 i1 lanes to 2 bytes.
// CHECK-LABEL: llvm.func @relu_forward_mask
// CHECK: llvm.bitcast %{{.*}} : vector<16xi1> to vector<2xi8>
// CHECK: llvm.intr.masked.store
// AVX2-LABEL: llvm.func @relu_forward_mask
// AVX2: llvm.bitcast %{{.*}} : vector<8xi1> to vector<1xi8>
func.func @relu_forward_mask(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xi8>) {
  %y, %m = act.forward_with_mask %x : tensor<?xf32> -> tensor<?xi8> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.relu %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %y, %m : tensor<?xf32>, tensor<?xi8>
}

// CHECK-LABEL: llvm.func @relu_backward_mask
// CHECK: llvm.bitcast %{{.*}} : vector<2xi8> to vector<16xi1>
// CHECK: llvm.select %{{.*}} : vector<16xi1>, vector<16xf32>
func.func @relu_backward_mask(%dy: tensor<?xf32>, %m: tensor<?xi8>) -> tensor<?xf32> {
  %dx = act.grad %dy, mask %m : tensor<?xf32>, tensor<?xi8> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.relu %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// prelu: dx and the d slope reduction.
// CHECK-LABEL: llvm.func @prelu_backward
// CHECK: llvm.intr.vector.reduce.fadd
func.func @prelu_backward(%dy: tensor<?x?x?xf32>, %x: tensor<?x?x?xf32>, %s: tensor<?xf32>)
    -> (tensor<?x?x?xf32>, tensor<?xf32>) {
  %dx, %ds = act.grad %dy, input %x, %s
      : tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?xf32> -> tensor<?xf32> {
  ^bb0(%a: tensor<?x?x?xf32>, %b: tensor<?xf32>):
    %r = act.prelu %a, %b : tensor<?x?x?xf32>, tensor<?xf32>
    act.yield %r : tensor<?x?x?xf32>
  }
  return %dx, %ds : tensor<?x?x?xf32>, tensor<?xf32>
}
