// RUN: relu-opt %s --convert-math-to-polynomials=avx512=true | FileCheck %s
// RUN: relu-opt %s --convert-math-to-polynomials | FileCheck %s --check-prefix=NOAVX

// f32 math with `afn` (a result stored in bf16/f16, MathBuilder::approximate)
// takes the cheaper approximations: exp with a one-step reduction (one fma)
// and a degree-4 polynomial (4 more), against two and six without the flag.
// CHECK-LABEL: func.func @exp_afn
// CHECK: llvm.call_intrinsic "llvm.x86.avx512.vfmadd.ps.512"
// CHECK-COUNT-5: math.fma
// CHECK-NOT: math.fma
// CHECK: llvm.x86.avx512.mask.scalef.ps.512
// CHECK-LABEL: func.func @exp_exact
// CHECK: llvm.call_intrinsic "llvm.x86.avx512.vfmadd.ps.512"
// CHECK-COUNT-8: math.fma
// CHECK-NOT: math.fma
// CHECK: llvm.x86.avx512.mask.scalef.ps.512
func.func @exp_afn(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.exp %x fastmath<afn> : vector<16xf32>
  return %0 : vector<16xf32>
}
func.func @exp_exact(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.exp %x : vector<16xf32>
  return %0 : vector<16xf32>
}

// A result stored in bf16 (act.significand_bits = 8) needs about 2^-11:
// exp takes 2^f of degree 3 on f = t - floor(t) (vreduceps), t = x log2(e),
// scaled by 2^floor(t) (vscalefps), with no clamp; expm1's Q has degree 1,
// erfc's P degree 3 (two fma less); f16 (11 bits) keeps the `afn` forms.
// CHECK-LABEL: func.func @exp_bf16
// CHECK-SAME: (%[[X:.*]]: vector<16xf32>)
// CHECK-NOT: maximumf
// CHECK: %[[T:.*]] = arith.mulf %[[X]], %{{.*}}
// CHECK: %[[F:.*]] = llvm.call_intrinsic "llvm.x86.avx512.mask.reduce.ps.512"(%[[T]], %c9_i32
// CHECK-COUNT-3: math.fma %{{.*}}, %[[F]]
// CHECK-NOT: math.fma
// CHECK: llvm.call_intrinsic "llvm.x86.avx512.mask.scalef.ps.512"(%{{.*}}, %[[T]],
// CHECK-LABEL: func.func @expm1_bf16
// CHECK-COUNT-4: math.fma
// CHECK-NOT: math.fma
// CHECK: return
// CHECK-LABEL: func.func @expm1_f16
// CHECK-COUNT-5: math.fma
// CHECK-NOT: math.fma
// CHECK: return
// CHECK-LABEL: func.func @erfc_bf16
// CHECK-COUNT-7: math.fma
// CHECK-NOT: math.fma
// CHECK: return
// CHECK-LABEL: func.func @erfc_f16
// CHECK-COUNT-11: math.fma
// CHECK-NOT: math.fma
// CHECK: return
func.func @exp_bf16(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.exp %x fastmath<afn> {act.significand_bits = 8 : i32} : vector<16xf32>
  return %0 : vector<16xf32>
}
func.func @expm1_bf16(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.expm1 %x fastmath<afn> {act.significand_bits = 8 : i32} : vector<16xf32>
  return %0 : vector<16xf32>
}
func.func @expm1_f16(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.expm1 %x fastmath<afn> {act.significand_bits = 11 : i32} : vector<16xf32>
  return %0 : vector<16xf32>
}
func.func @erfc_bf16(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.erfc %x fastmath<afn> {act.significand_bits = 8 : i32} : vector<16xf32>
  return %0 : vector<16xf32>
}
func.func @erfc_f16(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.erfc %x fastmath<afn> {act.significand_bits = 11 : i32} : vector<16xf32>
  return %0 : vector<16xf32>
}

// Divisions with `arcp` by a value that varies per element: x * vrcp14ps(y)
// on AVX-512. Without the flag, and by a broadcast (a dynamic parameter,
// possibly subnormal: the flag is dropped) or a constant, a division stays.
// CHECK-LABEL: func.func @divisions
// CHECK-SAME: (%[[X:.*]]: vector<16xf32>, %[[Y:.*]]: vector<16xf32>, %[[S:.*]]: f32)
// CHECK: %[[R:.*]] = llvm.call_intrinsic "llvm.x86.avx512.rcp14.ps.512"(%[[Y]]
// CHECK: %[[Q:.*]] = arith.mulf %[[X]], %[[R]]
// CHECK: %[[D:.*]] = arith.divf %[[X]], %[[Y]] : vector<16xf32>
// CHECK: %[[B:.*]] = vector.broadcast %[[S]]
// CHECK: arith.divf %[[X]], %[[B]] : vector<16xf32>
// CHECK: return %[[Q]], %[[D]]
// NOAVX-LABEL: func.func @divisions
// NOAVX-NOT: rcp14
// NOAVX: arith.divf %{{.*}}, %{{.*}} fastmath<arcp> : vector<16xf32>
// NOAVX: arith.divf %{{.*}}, %{{.*}} : vector<16xf32>
// NOAVX: arith.divf %{{.*}}, %{{.*}} : vector<16xf32>
func.func @divisions(%x: vector<16xf32>, %y: vector<16xf32>, %s: f32)
    -> (vector<16xf32>, vector<16xf32>, vector<16xf32>) {
  %0 = arith.divf %x, %y fastmath<arcp> : vector<16xf32>
  %1 = arith.divf %x, %y : vector<16xf32>
  %b = vector.broadcast %s : f32 to vector<16xf32>
  %2 = arith.divf %x, %b fastmath<arcp> : vector<16xf32>
  return %0, %1, %2 : vector<16xf32>, vector<16xf32>, vector<16xf32>
}

// erfc with `afn`: exp(-a^2) * t * P(t), t = vrcp14ps(1 + 0.45 |a|), no
// division; upstream's approximation (with divisions) otherwise.
// CHECK-LABEL: func.func @erfc_afn
// CHECK-NOT: arith.divf
// CHECK: llvm.x86.avx512.rcp14.ps.512
// CHECK-NOT: arith.divf
// CHECK: return
// CHECK-LABEL: func.func @erfc_exact
// CHECK: arith.divf
// CHECK-NOT: rcp14
// CHECK: return
func.func @erfc_afn(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.erfc %x fastmath<afn> : vector<16xf32>
  return %0 : vector<16xf32>
}
func.func @erfc_exact(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.erfc %x : vector<16xf32>
  return %0 : vector<16xf32>
}

// tanh with `afn`: e / (2 + e) as e * vrcp14ps(2 + e).
// CHECK-LABEL: func.func @tanh_afn
// CHECK-NOT: arith.divf
// CHECK: llvm.x86.avx512.rcp14.ps.512
// CHECK: math.copysign
// NOAVX-LABEL: func.func @tanh_afn
// NOAVX: arith.divf
func.func @tanh_afn(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.tanh %x fastmath<afn> : vector<16xf32>
  return %0 : vector<16xf32>
}

// bf16 expm1 of an argument known to be <= 0 (-|x|): f = t - roundeven(t)
// (vreduceps, imm 8), k = t - f, 2^k p(f) + (2^k - 1) with p = f Q(f), no
// clamp.
// CHECK-LABEL: func.func @expm1_bf16_nonpositive
// CHECK-NOT: maximumf
// CHECK: %[[T:.*]] = arith.mulf
// CHECK: %[[F:.*]] = llvm.call_intrinsic "llvm.x86.avx512.mask.reduce.ps.512"(%[[T]], %c8_i32
// CHECK: %[[K:.*]] = arith.subf %[[T]], %[[F]]
// CHECK-COUNT-2: math.fma
// CHECK: arith.mulf %{{.*}}, %[[F]]
// CHECK: %[[S:.*]] = llvm.call_intrinsic "llvm.x86.avx512.mask.scalef.ps.512"(%{{.*}}, %[[K]],
// CHECK: math.fma %[[S]]
// CHECK-NEXT: return
func.func @expm1_bf16_nonpositive(%x: vector<16xf32>) -> vector<16xf32> {
  %a = math.absf %x : vector<16xf32>
  %n = arith.negf %a : vector<16xf32>
  %0 = math.expm1 %n fastmath<afn> {act.significand_bits = 8 : i32} : vector<16xf32>
  return %0 : vector<16xf32>
}

// bf16 tanh: x P(x^2) / Q(x^2) on x clamped to [-4, 4], no exponential;
// a division without AVX-512. f16 keeps expm1's form.
// CHECK-LABEL: func.func @tanh_bf16
// CHECK-SAME: (%[[X:.*]]: vector<16xf32>)
// CHECK: %[[LO:.*]] = arith.maximumf %[[X]], %{{.*}}
// CHECK: %[[C:.*]] = arith.minimumf %[[LO]], %{{.*}}
// CHECK: %[[S:.*]] = arith.mulf %[[C]], %[[C]]
// CHECK-NOT: scalef
// CHECK: llvm.x86.avx512.rcp14.ps.512
// CHECK-NOT: scalef
// CHECK: return
// CHECK-LABEL: func.func @tanh_f16
// CHECK: scalef
// NOAVX-LABEL: func.func @tanh_bf16
// NOAVX-NOT: math.exp
// NOAVX: arith.divf
// NOAVX: return
func.func @tanh_bf16(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.tanh %x fastmath<afn> {act.significand_bits = 8 : i32} : vector<16xf32>
  return %0 : vector<16xf32>
}
func.func @tanh_f16(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.tanh %x fastmath<afn> {act.significand_bits = 11 : i32} : vector<16xf32>
  return %0 : vector<16xf32>
}

// bf16 exp(-z) scales z by -log2(e) directly (the negation is exact).
// CHECK-LABEL: func.func @exp_bf16_negated
// CHECK-SAME: (%[[Z:.*]]: vector<16xf32>)
// CHECK-NOT: arith.negf
// CHECK: arith.mulf %[[Z]], %{{.*}} : vector<16xf32>
// CHECK: llvm.x86.avx512.mask.reduce.ps.512
func.func @exp_bf16_negated(%z: vector<16xf32>) -> vector<16xf32> {
  %n = arith.negf %z : vector<16xf32>
  %0 = math.exp %n fastmath<afn> {act.significand_bits = 8 : i32} : vector<16xf32>
  return %0 : vector<16xf32>
}
