// RUN: relu-opt %s --convert-math-to-polynomials | FileCheck %s

// f32 exp: Cody-Waite reduction and a two-step power-of-two scale.
// CHECK-LABEL: func.func @exp_f32
// CHECK-NOT: math.exp
// CHECK: math.roundeven
// CHECK: math.fma
// CHECK: arith.shli
// CHECK: arith.bitcast
func.func @exp_f32(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.exp %x : vector<16xf32>
  return %0 : vector<16xf32>
}

// CHECK-LABEL: func.func @tanh_erfc_f32
// CHECK-NOT: math.tanh
// CHECK-NOT: math.erfc
// CHECK: return
func.func @tanh_erfc_f32(%x: f32) -> (f32, f32) {
  %0 = math.tanh %x : f32
  %1 = math.erfc %x : f32
  return %0, %1 : f32, f32
}

// f64 math becomes libm calls (the float64 reference).
// CHECK-LABEL: func.func @f64_to_libm
// CHECK: call @expm1(
// CHECK: call @log1p(
func.func @f64_to_libm(%x: f64) -> f64 {
  %0 = math.expm1 %x : f64
  %1 = math.log1p %0 : f64
  return %1 : f64
}

// With AVX-512, 16 x f32 exp and expm1 scale by 2^k with vscalefps on the
// rounded float k: no conversion to integers.
// RUN: relu-opt %s --convert-math-to-polynomials=avx512=true | FileCheck %s --check-prefix=AVX512
// AVX512-LABEL: func.func @exp_f32
// AVX512-NOT: arith.fptosi
// AVX512: math.roundeven
// AVX512: llvm.call_intrinsic "llvm.x86.avx512.mask.scalef.ps.512"
// AVX512-LABEL: func.func @expm1_zmm
// AVX512-NOT: arith.fptosi
// AVX512: math.floor
// AVX512-COUNT-3: llvm.call_intrinsic "llvm.x86.avx512.mask.scalef.ps.512"
// AVX512-NOT: arith.fptosi
// AVX512: return
func.func @expm1_zmm(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.expm1 %x : vector<16xf32>
  return %0 : vector<16xf32>
}

// minimumf(x, -x) is -|x| (NaN and both zeros included): one sign-bit OR.
// CHECK-LABEL: func.func @neg_abs
// CHECK: %[[A:.*]] = math.absf %arg0
// CHECK: %[[N:.*]] = arith.negf %[[A]]
// CHECK: %[[B:.*]] = math.absf %arg0
// CHECK: %[[M:.*]] = arith.negf %[[B]]
// CHECK: return %[[N]], %[[M]]
func.func @neg_abs(%x: vector<16xf32>) -> (vector<16xf32>, vector<16xf32>) {
  %n = arith.negf %x : vector<16xf32>
  %0 = arith.minimumf %x, %n : vector<16xf32>
  %1 = arith.minimumf %n, %x : vector<16xf32>
  return %0, %1 : vector<16xf32>, vector<16xf32>
}
