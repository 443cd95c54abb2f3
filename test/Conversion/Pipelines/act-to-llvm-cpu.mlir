// RUN: relu-opt %s --act-to-llvm-cpu | FileCheck %s
// RUN: relu-opt %s --act-to-llvm-cpu="vector-bits=256" | FileCheck %s --check-prefix=AVX2

// A chain of activations lowers to one vectorized LLVM function with no
// temporary buffer and no libm call.
// CHECK-LABEL: llvm.func @chain
// CHECK-NOT: llvm.call @expf
// CHECK-NOT: llvm.call @tanhf
// CHECK: vector<16xf32>
// CHECK: llvm.intr.masked.load
// CHECK: llvm.intr.masked.store
// AVX2: vector<8xf32>
func.func @chain(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = act.gelu %x {approximate = #act.approximate<tanh>} : tensor<?xf32>
  %1 = act.mish %0 : tensor<?xf32>
  %2 = act.clamp %1 {min = 0.0 : f64, max = 6.0 : f64} : tensor<?xf32>
  return %2 : tensor<?xf32>
}

// Dynamic parameters (scalar operands) fuse and vectorize the same way: one
// loop nest, the f64 bound converted once to the compute type and both
// scalars splatted once (shufflevector) before the loop.
// CHECK-LABEL: llvm.func @dynamic
// CHECK-SAME: %{{[^:]+}}: f32, %{{[^:]+}}: f64
// CHECK: llvm.fptrunc %{{.+}} : f64 to f32
// CHECK: llvm.shufflevector
// CHECK: llvm.shufflevector
// CHECK: llvm.br ^bb1
// CHECK: llvm.intr.masked.store
func.func @dynamic(%x: tensor<?xf32>, %s: f32, %hi: f64) -> tensor<?xf32> {
  %0 = act.leaky_relu %x negative_slope(%s : f32) : tensor<?xf32>
  %1 = act.clamp %0 max(%hi : f64) {min = 0.0 : f64} : tensor<?xf32>
  return %1 : tensor<?xf32>
}
