// Fusion groups through the whole CPU pipeline: one vector loop per group.
// RUN: relu-opt %s --act-to-llvm-cpu | FileCheck %s
// RUN: relu-opt %s --act-to-fused-linalg | FileCheck %s --check-prefix=ONE

// relu then uint8 quantization: x / scale (a multiplication and an fma
// correction, no division) rounded to even, shifted, clamped (maxnum and
// minnum with constants: vmaxps and vminps, which give qmin for NaN) and
// converted through i32; the group reads f32 and stores i8, once.
// CHECK-LABEL: llvm.func @relu_quantize
// CHECK: llvm.load %{{.*}} : !llvm.ptr -> vector<16xf32>
// CHECK-NOT: llvm.fdiv
// CHECK: llvm.intr.fma
// CHECK-NOT: llvm.fdiv
// CHECK: llvm.intr.roundeven
// CHECK: llvm.fadd
// CHECK-NEXT: llvm.call_intrinsic "llvm.x86.avx512.max.ps.512"
// CHECK-NEXT: llvm.call_intrinsic "llvm.x86.avx512.min.ps.512"
// CHECK-NEXT: llvm.fptosi %{{.*}} : vector<16xf32> to vector<16xi32>
// CHECK: llvm.trunc %{{.*}} : vector<16xi32> to vector<16xi8>
// CHECK: llvm.store %{{.*}} : vector<16xi8>, !llvm.ptr
// CHECK: llvm.intr.masked.store
// CHECK-NOT: llvm.intr.masked.store
// CHECK: llvm.return
func.func @relu_quantize(%x: tensor<?xf32>) -> tensor<?xi8> {
  %r = act.relu %x : tensor<?xf32>
  %q = act.quantize %r {scale = 0.05 : f64, zero_point = 3 : i64, qmin = 0 : i64, qmax = 255 : i64} : tensor<?xf32> -> tensor<?xi8>
  return %q : tensor<?xi8>
}

// swiglu of the two halves of each row: rows are loops, the halves strided
// views of one buffer; one masked tail per row.
// CHECK-LABEL: llvm.func @swiglu_halves
// CHECK: llvm.load %{{.*}} : !llvm.ptr -> vector<16xf32>
// CHECK: llvm.load %{{.*}} : !llvm.ptr -> vector<16xf32>
// CHECK: llvm.store %{{.*}} : vector<16xf32>, !llvm.ptr
// CHECK: llvm.intr.masked.load
// CHECK: llvm.intr.masked.load
// CHECK: llvm.intr.masked.store
// CHECK-NOT: llvm.intr.masked.store
// CHECK-NOT: llvm.store
// CHECK: llvm.return
// ONE-LABEL: func.func @swiglu_halves
// ONE: linalg.generic
// ONE-NOT: linalg.generic
// ONE: return
func.func @swiglu_halves(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %n = tensor.dim %x, %c0 : tensor<?x?xf32>
  %w = tensor.dim %x, %c1 : tensor<?x?xf32>
  %h = arith.divui %w, %c2 : index
  %a = tensor.extract_slice %x[0, 0] [%n, %h] [1, 1] : tensor<?x?xf32> to tensor<?x?xf32>
  %s = act.silu %a : tensor<?x?xf32>
  %b = tensor.extract_slice %x[0, %h] [%n, %h] [1, 1] : tensor<?x?xf32> to tensor<?x?xf32>
  %y = arith.mulf %s, %b : tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}
