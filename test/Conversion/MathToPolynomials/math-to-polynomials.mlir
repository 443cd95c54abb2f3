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
// rounded float k: no conversion to integers. k = roundeven(x log2(e)) is
// an fma with 1.5 * 2^23 under embedded round-to-nearest (rounding operand
// 8) and an exact subtraction, no vrndscaleps.
// RUN: relu-opt %s --convert-math-to-polynomials=avx512=true | FileCheck %s --check-prefix=AVX512
// AVX512-LABEL: func.func @exp_f32
// AVX512-NOT: arith.fptosi
// AVX512-NOT: math.roundeven
// AVX512: %[[SHIFT:.*]] = arith.constant dense<0x4B400000> : vector<16xf32>
// AVX512: %[[T:.*]] = llvm.call_intrinsic "llvm.x86.avx512.vfmadd.ps.512"(%{{.*}}, %{{.*}}, %[[SHIFT]], %c8_i32)
// AVX512: %[[K:.*]] = arith.subf %[[T]], %[[SHIFT]]
// AVX512-NOT: math.roundeven
// AVX512: llvm.call_intrinsic "llvm.x86.avx512.mask.scalef.ps.512"(%{{.*}}, %[[K]],
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

// log1p(exp(-|x|)) (softplus): the argument is in [0, 1], log1p needs no
// range reduction: 2 atanh(e / (2 + e)), one division, no log.
// CHECK-LABEL: func.func @log1p_of_unit_exp
// CHECK-NOT: math.log1p
// CHECK: arith.divf
// CHECK-NOT: arith.divf
// CHECK-NOT: math.log
// CHECK: return
func.func @log1p_of_unit_exp(%x: vector<16xf32>) -> vector<16xf32> {
  %a = math.absf %x : vector<16xf32>
  %n = arith.negf %a : vector<16xf32>
  %e = math.exp %n : vector<16xf32>
  %0 = math.log1p %e : vector<16xf32>
  return %0 : vector<16xf32>
}

// expm1 of an argument known to be <= 0 (min(0, x)): no upper clamp, and
// with AVX-512 one vscalefps (2^k <= 1 cannot overflow). min(+0, x) itself
// becomes vminps(+0, x) (minimumf's result for NaN and both zeros: x).
// AVX512-LABEL: func.func @expm1_nonpositive
// AVX512-SAME: (%[[X:.*]]: vector<16xf32>)
// AVX512: %[[ZERO:.*]] = arith.constant dense<0.000000e+00>
// AVX512: llvm.call_intrinsic "llvm.x86.avx512.min.ps.512"(%[[ZERO]], %[[X]], %c4_i32)
// AVX512-NOT: arith.minimumf
// AVX512: llvm.call_intrinsic "llvm.x86.avx512.mask.scalef.ps.512"
// AVX512-NOT: llvm.call_intrinsic
// AVX512: return
func.func @expm1_nonpositive(%x: vector<16xf32>) -> vector<16xf32> {
  %zero = arith.constant dense<0.0> : vector<16xf32>
  %m = arith.minimumf %zero, %x : vector<16xf32>
  %0 = math.expm1 %m : vector<16xf32>
  return %0 : vector<16xf32>
}

// exp(x) * 2^j: the polynomial's coefficients carry the power of two
// (exactly; its last two are 1, now 1/2), no product after the scaling
// (mish's exp(x) / 2). Other factors, and an exp with other users, keep
// their multiplication.
// AVX512-LABEL: func.func @scaled_exp
// AVX512-DAG: %[[HALF:.*]] = arith.constant dense<5.000000e-01>
// AVX512-DAG: %[[THREE:.*]] = arith.constant dense<3.000000e+00>
// AVX512: %[[P1:.*]] = math.fma %{{.*}}, %{{.*}}, %[[HALF]]
// AVX512-NEXT: %[[P:.*]] = math.fma %[[P1]], %{{.*}}, %[[HALF]]
// AVX512-NEXT: %[[H:.*]] = llvm.call_intrinsic "llvm.x86.avx512.mask.scalef.ps.512"(%[[P]],
// AVX512-NOT: arith.mulf
// AVX512: %[[E:.*]] = llvm.call_intrinsic "llvm.x86.avx512.mask.scalef.ps.512"
// AVX512-NEXT: %[[T:.*]] = arith.mulf %[[E]], %[[THREE]]
// AVX512: %[[G:.*]] = llvm.call_intrinsic "llvm.x86.avx512.mask.scalef.ps.512"
// AVX512-NEXT: %[[GH:.*]] = arith.mulf %[[G]], %[[HALF]]
// AVX512-NEXT: %[[S:.*]] = arith.addf %[[GH]], %[[G]]
// AVX512-NEXT: return %[[H]], %[[T]], %[[S]]
func.func @scaled_exp(%x: vector<16xf32>) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>) {
  %half = arith.constant dense<0.5> : vector<16xf32>
  %three = arith.constant dense<3.0> : vector<16xf32>
  %e = math.exp %x : vector<16xf32>
  %0 = arith.mulf %e, %half : vector<16xf32>
  %f = math.exp %x : vector<16xf32>
  %1 = arith.mulf %three, %f : vector<16xf32>
  %g = math.exp %x : vector<16xf32>
  %2 = arith.mulf %g, %half : vector<16xf32>
  %3 = arith.addf %2, %g : vector<16xf32>
  return %0, %1, %3 : vector<16xf32>, vector<16xf32>, vector<16xf32>
}

// exp of a compensated product c |x| (MathBuilder::exp of mulExact's parts:
// swish's -|beta| |x|): reduced from |x| directly, the exact product inside
// the reduction's fma (no rounded product, low part, bound or correction).
// Only |x| clamped, from above: c |x| >= -104.
// AVX512-LABEL: func.func @compensated_product_exp
// AVX512-SAME: (%[[X:.*]]: vector<16xf32>)
// AVX512: %[[A:.*]] = math.absf %[[X]]
// AVX512: %[[CA:.*]] = arith.minimumf %[[A]], %{{.*}}
// AVX512: %[[K:.*]] = arith.subf
// AVX512: %[[KHI:.*]] = arith.mulf %[[K]], %{{.*}}
// AVX512: %[[R:.*]] = math.fma %[[CA]], %{{.*}}, %[[KHI]]
// AVX512-NOT: arith.minnumf
// AVX512-NOT: llvm.call_intrinsic "llvm.x86.avx512.min.ps.512"
// AVX512: llvm.call_intrinsic "llvm.x86.avx512.mask.scalef.ps.512"
// AVX512-NEXT: return
func.func @compensated_product_exp(%x: vector<16xf32>) -> vector<16xf32> {
  %c = arith.constant dense<-1.5> : vector<16xf32>
  %one = arith.constant dense<1.0> : vector<16xf32>
  %a = math.absf %x : vector<16xf32>
  %h = arith.mulf %a, %c : vector<16xf32>
  %nh = arith.negf %h : vector<16xf32>
  %lo = math.fma %c, %a, %nh : vector<16xf32>
  %e = math.exp %h : vector<16xf32>
  %b = arith.minnumf %lo, %one : vector<16xf32>
  %0 = math.fma %e, %b, %e : vector<16xf32>
  return %0 : vector<16xf32>
}

// f32 tanh on AVX-512 as h / (1 - h) with h = -expm1(-2|x|) / 2: the factor
// -2 rides in the reduction (|x| + k ln2 / 2) and Q's coefficients, -1/2 in
// the result's terms (exact powers of two): no product -2|x|, one clamp of
// |x| from above, one vscalefps, one division.
// AVX512-LABEL: func.func @tanh_zmm
// AVX512-SAME: (%[[X:.*]]: vector<16xf32>)
// AVX512: %[[A:.*]] = math.absf %[[X]]
// AVX512-NEXT: %[[C:.*]] = arith.minimumf %[[A]], %{{.*}}
// AVX512-NOT: arith.mulf %[[A]]
// AVX512-COUNT-1: llvm.call_intrinsic "llvm.x86.avx512.mask.scalef.ps.512"
// AVX512-NOT: llvm.call_intrinsic "llvm.x86.avx512.mask.scalef.ps.512"
// AVX512: %[[D:.*]] = arith.subf %{{.*}}, %[[H:.*]] :
// AVX512-NEXT: %[[Q:.*]] = arith.divf %[[H]], %[[D]]
// AVX512-NEXT: math.copysign %[[Q]], %[[X]]
func.func @tanh_zmm(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.tanh %x : vector<16xf32>
  return %0 : vector<16xf32>
}

// minnum/maxnum with a constant (not NaN): one vminps/vmaxps with the
// constant second, which is what they return for a NaN x. Two variables keep
// minnum (LLVM's NaN fix-up).
// AVX512-LABEL: func.func @num_with_constant
// AVX512-SAME: (%[[X:.*]]: vector<16xf32>, %[[Y:.*]]: vector<16xf32>)
// AVX512-DAG: %[[ONE:.*]] = arith.constant dense<1.000000e+00>
// AVX512-DAG: %[[TWO:.*]] = arith.constant dense<2.000000e+00>
// AVX512: %[[MIN:.*]] = llvm.call_intrinsic "llvm.x86.avx512.min.ps.512"(%[[X]], %[[ONE]], %c4_i32)
// AVX512: %[[MAX:.*]] = llvm.call_intrinsic "llvm.x86.avx512.max.ps.512"(%[[X]], %[[TWO]], %c4_i32)
// AVX512: %[[XY:.*]] = arith.minnumf %[[X]], %[[Y]]
// AVX512: return %[[MIN]], %[[MAX]], %[[XY]]
func.func @num_with_constant(%x: vector<16xf32>, %y: vector<16xf32>)
    -> (vector<16xf32>, vector<16xf32>, vector<16xf32>) {
  %one = arith.constant dense<1.0> : vector<16xf32>
  %two = arith.constant dense<2.0> : vector<16xf32>
  %0 = arith.minnumf %x, %one : vector<16xf32>
  %1 = arith.maxnumf %two, %x : vector<16xf32>
  %2 = arith.minnumf %x, %y : vector<16xf32>
  return %0, %1, %2 : vector<16xf32>, vector<16xf32>, vector<16xf32>
}

// sigmoid's v >= 0 ? 1 / d : (1 / d) * e becomes (v >= 0 ? 1 : e) / d: one
// division of the selected numerator, no product.
// CHECK-LABEL: func.func @selected_numerator
// CHECK-SAME: (%[[C:.*]]: vector<16xi1>, %[[D:.*]]: vector<16xf32>, %[[E:.*]]: vector<16xf32>)
// CHECK: %[[ONE:.*]] = arith.constant dense<1.000000e+00>
// CHECK: %[[N:.*]] = arith.select %[[C]], %[[ONE]], %[[E]]
// CHECK: %[[Q:.*]] = arith.divf %[[N]], %[[D]]
// CHECK: %[[M:.*]] = arith.select %[[C]], %[[E]], %[[ONE]]
// CHECK: %[[P:.*]] = arith.divf %[[M]], %[[D]]
// CHECK-NOT: arith.mulf
// CHECK: return %[[Q]], %[[P]]
func.func @selected_numerator(%c: vector<16xi1>, %d: vector<16xf32>, %e: vector<16xf32>)
    -> (vector<16xf32>, vector<16xf32>) {
  %one = arith.constant dense<1.0> : vector<16xf32>
  %r = arith.divf %one, %d : vector<16xf32>
  %re = arith.mulf %r, %e : vector<16xf32>
  %er = arith.mulf %e, %r : vector<16xf32>
  %0 = arith.select %c, %r, %re : vector<16xi1>, vector<16xf32>
  %1 = arith.select %c, %er, %r : vector<16xi1>, vector<16xf32>
  return %0, %1 : vector<16xf32>, vector<16xf32>
}

// Only a +0 bound becomes vminps (whose NaN and zero rules are minimumf's
// there); -0 and other bounds stay minimumf (LLVM lowers those to one
// instruction already).
// AVX512-LABEL: func.func @minimum_with_zero
// AVX512-SAME: (%[[X:.*]]: vector<16xf32>)
// AVX512: llvm.call_intrinsic "llvm.x86.avx512.min.ps.512"(%{{.*}}, %[[X]], %c4_i32)
// AVX512: arith.minimumf %[[X]], %{{.*}}
// AVX512-NOT: llvm.call_intrinsic
// AVX512: return
func.func @minimum_with_zero(%x: vector<16xf32>) -> (vector<16xf32>, vector<16xf32>) {
  %zero = arith.constant dense<0.0> : vector<16xf32>
  %negzero = arith.constant dense<-0.0> : vector<16xf32>
  %0 = arith.minimumf %x, %zero : vector<16xf32>
  %1 = arith.minimumf %x, %negzero : vector<16xf32>
  return %0, %1 : vector<16xf32>, vector<16xf32>
}
