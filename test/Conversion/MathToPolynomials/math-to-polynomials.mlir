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
