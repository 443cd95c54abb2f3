// RUN: relu-opt %s --act-to-nvvm | FileCheck %s
// RUN: relu-opt %s --act-to-nvvm="format=isa chips=sm_90" | FileCheck %s --check-prefix=PTX

// act on tensors -> linalg -> bufferized -> grid-stride gpu.func kernels ->
// NVVM, for every chip (sm_80 and sm_90 by default). PTX serialization
// links the CUDA toolkit's libdevice.
// REQUIRES: ptxas

// CHECK: gpu.module @relu_kernels [#nvvm.target<O = 3, chip = "sm_80", features = "+ptx80">, #nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">]
// CHECK: llvm.func @gelu_bf16(
// CHECK-SAME: nvvm.kernel
// CHECK-SAME: nvvm.maxntid = array<i32: 256, 1, 1>
// CHECK: llvm.load {{.*}} {alignment = 16 : i64} : !llvm.ptr -> vector<8xbf16>
// CHECK: llvm.fpext {{.*}} : vector<8xbf16> to vector<8xf32>
// Our exp approximation (no libdevice call for it): fma, roundeven.
// CHECK: llvm.intr.fma
// CHECK: llvm.fptrunc {{.*}} : vector<8xf32> to vector<8xbf16>
// CHECK: llvm.store {{.*}} {alignment = 16 : i64} : vector<8xbf16>, !llvm.ptr
// CHECK: llvm.func @relu_f32(
// CHECK: llvm.intr.maximum({{.*}}) : (vector<4xf32>, vector<4xf32>) -> vector<4xf32>
// CHECK-NOT: llvm.call @__nv_exp

// PTX: gpu.binary @relu_kernels
// PTX-SAME: .target sm_90
// PTX-SAME: .entry gelu_bf16(
// PTX-SAME: ld.global.v4.b32
// PTX-SAME: cvt.f32.bf16
// PTX-SAME: cvt.rn.bf16x2.f32
// PTX-SAME: st.global.v4.b32
// PTX-SAME: .entry relu_f32(
// PTX-SAME: ld.global.v4.b32
// PTX-SAME: max.NaN.f32
// PTX-SAME: st.global.v4.b32
// PTX-NOT: .f64

func.func @gelu_bf16(%x: tensor<?xbf16>) -> tensor<?xbf16> {
  %y = act.gelu %x : tensor<?xbf16>
  return %y : tensor<?xbf16>
}

func.func @relu_f32(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = act.relu %x : tensor<?xf32>
  return %y : tensor<?xf32>
}
