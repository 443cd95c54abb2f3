// RUN: relu-opt %s --act-to-llvm-cpu | FileCheck %s
// RUN: relu-opt %s --act-to-llvm-cpu="vector-bits=256" | FileCheck %s --check-prefix=AVX2

// A bf16 kernel divides with vrcp14ps (its f32 math only needs about 2^-13
// relative accuracy, MathBuilder::approximate); an f32 kernel keeps the
// correctly rounded division. The main loop and the masked tail each have one.
// CHECK-LABEL: llvm.func @sigmoid_bf16
// CHECK-NOT: llvm.fdiv
// CHECK-COUNT-2: llvm.call_intrinsic "llvm.x86.avx512.rcp14.ps.512"
// CHECK-NOT: llvm.fdiv
// CHECK-LABEL: llvm.func @sigmoid_f32
// CHECK-NOT: rcp14
// CHECK-COUNT-2: llvm.fdiv
// CHECK-NOT: rcp14
// CHECK: llvm.return
// Without AVX-512 the division stays, with the flag for LLVM.
// AVX2-LABEL: llvm.func @sigmoid_bf16
// AVX2-NOT: rcp14
// AVX2: llvm.fdiv {{.*}} {fastmathFlags = #llvm.fastmath<arcp>} : vector<8xf32>
func.func @sigmoid_bf16(%x: tensor<?xbf16>) -> tensor<?xbf16> {
  %0 = act.sigmoid %x : tensor<?xbf16>
  return %0 : tensor<?xbf16>
}
func.func @sigmoid_f32(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = act.sigmoid %x : tensor<?xf32>
  return %0 : tensor<?xf32>
}
