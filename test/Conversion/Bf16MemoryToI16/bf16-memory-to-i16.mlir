// RUN: relu-opt %s --convert-bf16-memory-to-i16 --canonicalize | FileCheck %s

// bf16 travels between memory and the integer code of arith-expand as i16:
// the bitcasts fold away and no bf16 value is left.
// CHECK-LABEL: llvm.func @copy_bits
// CHECK-NOT: bf16
// CHECK: %[[V:.*]] = llvm.load %{{.*}} : !llvm.ptr -> vector<8xi16>
// CHECK: %[[M:.*]] = llvm.intr.masked.load %{{.*}}, %{{.*}}, %{{.*}} {alignment = 2 : i32} : (!llvm.ptr, vector<8xi1>, vector<8xi16>) -> vector<8xi16>
// CHECK: %[[S:.*]] = llvm.load %{{.*}} : !llvm.ptr -> i16
// CHECK: llvm.store %[[V]], %{{.*}} : vector<8xi16>, !llvm.ptr
// CHECK: llvm.intr.masked.store %[[M]], %{{.*}}, %{{.*}} {alignment = 2 : i32} : vector<8xi16>, vector<8xi1> into !llvm.ptr
// CHECK: llvm.store %[[S]], %{{.*}} : i16, !llvm.ptr
// CHECK-NOT: bf16
llvm.func @copy_bits(%p: !llvm.ptr, %q: !llvm.ptr, %mask: vector<8xi1>) {
  %zero = llvm.mlir.constant(dense<0.0> : vector<8xbf16>) : vector<8xbf16>
  %v = llvm.load %p {alignment = 2 : i64} : !llvm.ptr -> vector<8xbf16>
  %vi = llvm.bitcast %v : vector<8xbf16> to vector<8xi16>
  %m = llvm.intr.masked.load %p, %mask, %zero {alignment = 2 : i32} : (!llvm.ptr, vector<8xi1>, vector<8xbf16>) -> vector<8xbf16>
  %mi = llvm.bitcast %m : vector<8xbf16> to vector<8xi16>
  %s = llvm.load %p : !llvm.ptr -> bf16
  %si = llvm.bitcast %s : bf16 to i16
  %vo = llvm.bitcast %vi : vector<8xi16> to vector<8xbf16>
  llvm.store %vo, %q {alignment = 2 : i64} : vector<8xbf16>, !llvm.ptr
  %mo = llvm.bitcast %mi : vector<8xi16> to vector<8xbf16>
  llvm.intr.masked.store %mo, %q, %mask {alignment = 2 : i32} : vector<8xbf16>, vector<8xi1> into !llvm.ptr
  %so = llvm.bitcast %si : i16 to bf16
  llvm.store %so, %q : bf16, !llvm.ptr
  llvm.return
}

// Other types are left alone.
// CHECK-LABEL: llvm.func @f16
// CHECK: llvm.load %{{.*}} : !llvm.ptr -> vector<8xf16>
llvm.func @f16(%p: !llvm.ptr, %q: !llvm.ptr) {
  %v = llvm.load %p : !llvm.ptr -> vector<8xf16>
  llvm.store %v, %q : vector<8xf16>, !llvm.ptr
  llvm.return
}
