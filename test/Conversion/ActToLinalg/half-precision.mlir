// RUN: relu-opt %s --convert-act-to-linalg | FileCheck %s

// A result stored in a 16-bit float needs about 2^-9 relative accuracy from
// the f32 computation (MathBuilder::approximate): the math functions carry
// `afn` and the storage type's significand bits (bf16: 8, f16: 11; the
// approximation level of convert-math-to-polynomials), divisions `arcp`, and
// arguments are not compensated. f32 results keep
// the full-precision forms.
// CHECK-LABEL: func.func @sigmoid_bf16
// CHECK: math.exp %{{.*}} fastmath<afn> {act.significand_bits = 8 : i32} : f32
// CHECK: arith.divf %{{.*}}, %{{.*}} fastmath<arcp> : f32
// CHECK: arith.truncf %{{.*}} : f32 to bf16
func.func @sigmoid_bf16(%x: tensor<?xbf16>) -> tensor<?xbf16> {
  %0 = act.sigmoid %x : tensor<?xbf16>
  return %0 : tensor<?xbf16>
}

// CHECK-LABEL: func.func @sigmoid_f16
// CHECK: math.exp %{{.*}} fastmath<afn> {act.significand_bits = 11 : i32} : f32
// CHECK: arith.divf %{{.*}}, %{{.*}} fastmath<arcp> : f32
func.func @sigmoid_f16(%x: tensor<?xf16>) -> tensor<?xf16> {
  %0 = act.sigmoid %x : tensor<?xf16>
  return %0 : tensor<?xf16>
}

// CHECK-LABEL: func.func @sigmoid_f32
// CHECK-NOT: fastmath
// CHECK: math.exp %{{[^ ]*}} : f32
// CHECK-NOT: fastmath
// CHECK: return
func.func @sigmoid_f32(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = act.sigmoid %x : tensor<?xf32>
  return %0 : tensor<?xf32>
}

// gelu: bf16 takes erfc(-x / sqrt(2)) as it is; f32 adds the rounding error
// of the argument (fma) times erfc's slope.
// CHECK-LABEL: func.func @gelu_bf16
// CHECK-NOT: math.fma
// CHECK: math.erfc %{{.*}} fastmath<afn> {act.significand_bits = 8 : i32} : f32
// CHECK-NOT: math.fma
// CHECK: return
// CHECK-LABEL: func.func @gelu_f32
// CHECK: math.fma
// CHECK: math.erfc %{{[^ ]*}} : f32
// CHECK: math.fma
// CHECK: return
func.func @gelu_bf16(%x: tensor<?xbf16>) -> tensor<?xbf16> {
  %0 = act.gelu %x : tensor<?xbf16>
  return %0 : tensor<?xbf16>
}
func.func @gelu_f32(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = act.gelu %x : tensor<?xf32>
  return %0 : tensor<?xf32>
}

// An f32 result whose only use rounds it to bf16 (a fusion group's
// cast:bf16) takes the bf16 approximations; with another use it keeps the
// full-precision forms.
// CHECK-LABEL: func.func @silu_cast_bf16
// CHECK: math.exp %{{.*}} fastmath<afn> {act.significand_bits = 8 : i32} : f32
// CHECK: arith.truncf %{{.*}} : tensor<?xf32> to tensor<?xbf16>
// CHECK-LABEL: func.func @silu_cast_f16
// CHECK: math.exp %{{.*}} fastmath<afn> {act.significand_bits = 11 : i32} : f32
// CHECK-LABEL: func.func @silu_two_uses
// CHECK-NOT: fastmath
// CHECK: return
func.func @silu_cast_bf16(%x: tensor<?xf32>) -> tensor<?xbf16> {
  %0 = act.silu %x : tensor<?xf32>
  %1 = arith.truncf %0 : tensor<?xf32> to tensor<?xbf16>
  return %1 : tensor<?xbf16>
}
func.func @silu_cast_f16(%x: tensor<?xf32>) -> tensor<?xf16> {
  %0 = act.silu %x : tensor<?xf32>
  %1 = arith.truncf %0 : tensor<?xf32> to tensor<?xf16>
  return %1 : tensor<?xf16>
}
func.func @silu_two_uses(%x: tensor<?xf32>) -> (tensor<?xbf16>, tensor<?xf32>) {
  %0 = act.silu %x : tensor<?xf32>
  %1 = arith.truncf %0 : tensor<?xf32> to tensor<?xbf16>
  return %1, %0 : tensor<?xbf16>, tensor<?xf32>
}

// gelu:tanh's cubic k1 + k2 x^2: one fma for bf16; f16 keeps the
// multiplication and addition (and no compensation either way).
// CHECK-LABEL: func.func @gelu_tanh_bf16
// CHECK: %[[S:.*]] = arith.mulf %[[X:.*]], %[[X]] : f32
// CHECK: %[[P:.*]] = math.fma %{{.*}}, %[[S]], %{{.*}} : f32
// CHECK: arith.mulf %[[X]], %[[P]] : f32
// CHECK-LABEL: func.func @gelu_tanh_f16
// CHECK-NOT: math.fma
// CHECK: return
func.func @gelu_tanh_bf16(%x: tensor<?xbf16>) -> tensor<?xbf16> {
  %0 = act.gelu %x {approximate = #act.approximate<tanh>} : tensor<?xbf16>
  return %0 : tensor<?xbf16>
}
func.func @gelu_tanh_f16(%x: tensor<?xf16>) -> tensor<?xf16> {
  %0 = act.gelu %x {approximate = #act.approximate<tanh>} : tensor<?xf16>
  return %0 : tensor<?xf16>
}
