// RUN: relu-opt %s --convert-math-to-polynomials --split-input-file | FileCheck %s

// (x + 3) / 6: nonzero dividends are >= ulp(3) / 2 in magnitude, but
// unbounded: q = t * RN(1/6), s = fma(q, 6, -t), q - s * RN(1/6), and a
// select keeps q for t = +-inf.
// CHECK-LABEL: func.func @shifted
// CHECK-DAG: %[[INF:.+]] = arith.constant dense<0x7F800000> : vector<16xf32>
// CHECK-DAG: %[[SIX:.+]] = arith.constant dense<6.000000e+00> : vector<16xf32>
// CHECK-DAG: %[[R:.+]] = arith.constant dense<0.166666672> : vector<16xf32>
// CHECK: %[[T:.+]] = arith.addf
// CHECK: %[[Q:.+]] = arith.mulf %[[T]], %[[R]]
// CHECK: %[[NT:.+]] = arith.negf %[[T]]
// CHECK: %[[S:.+]] = math.fma %[[Q]], %[[SIX]], %[[NT]]
// CHECK: %[[NS:.+]] = arith.negf %[[S]]
// CHECK: %[[C:.+]] = math.fma %[[NS]], %[[R]], %[[Q]]
// CHECK: %[[A:.+]] = math.absf %[[Q]]
// CHECK: %[[ISINF:.+]] = arith.cmpf oeq, %[[A]], %[[INF]]
// CHECK: %[[RES:.+]] = arith.select %[[ISINF]], %[[Q]], %[[C]]
// CHECK: return %[[RES]]
func.func @shifted(%x: vector<16xf32>) -> vector<16xf32> {
  %c3 = arith.constant dense<3.0> : vector<16xf32>
  %c6 = arith.constant dense<6.0> : vector<16xf32>
  %t = arith.addf %x, %c3 : vector<16xf32>
  %q = arith.divf %t, %c6 : vector<16xf32>
  return %q : vector<16xf32>
}

// -----

// clamp(x + 3, 0, 6) / 6 is bounded: no select. A negative divisor divides
// the negated dividend by its magnitude (signed zeros).
// CHECK-LABEL: func.func @clamped
// CHECK-NOT: arith.select
// CHECK: %[[T:.+]] = arith.minimumf
// CHECK-NOT: arith.select
// CHECK: %[[Q6:.+]] = arith.mulf %[[T]], %{{.+}} : f32
// CHECK: %[[NEG:.+]] = arith.negf %[[T]] : f32
// CHECK: math.fma %[[Q6]], %{{.+}}, %[[NEG]]
// CHECK: %[[NT:.+]] = arith.negf %[[T]] : f32
// CHECK: %[[Q7:.+]] = arith.mulf %[[NT]], %{{.+}} : f32
// CHECK: math.fma %[[Q7]], %{{.+}}, %[[T]]
// CHECK-NOT: arith.divf
// CHECK-NOT: arith.select
// CHECK: return
func.func @clamped(%x: f32) -> (f32, f32) {
  %c0 = arith.constant 0.0 : f32
  %c3 = arith.constant 3.0 : f32
  %c6 = arith.constant 6.0 : f32
  %m7 = arith.constant -7.0 : f32
  %t = arith.addf %x, %c3 : f32
  %lo = arith.maximumf %t, %c0 : f32
  %clamped = arith.minimumf %lo, %c6 : f32
  %q = arith.divf %clamped, %c6 : f32
  %r = arith.divf %clamped, %m7 : f32
  return %q, %r : f32, f32
}

// -----

// Kept as divisions: a dividend that may be subnormal (x / 6: a midpoint
// such as 3 * 2^-149 / 6 would round the wrong way), an unbounded dividend
// over |d| < 1 (t * RN(1/d) may overflow), a power of two (LLVM multiplies
// by its reciprocal), a divisor that is not a constant, and f64.
// CHECK-LABEL: func.func @kept
// CHECK-NOT: math.fma
// CHECK-COUNT-5: arith.divf
// CHECK-NOT: math.fma
func.func @kept(%x: f32, %y: f32, %z: f64) -> (f32, f32, f32, f32, f64) {
  %c3 = arith.constant 3.0 : f32
  %c6 = arith.constant 6.0 : f32
  %small = arith.constant 0.3 : f32
  %four = arith.constant 4.0 : f32
  %d3 = arith.constant 3.0 : f64
  %d6 = arith.constant 6.0 : f64
  %t = arith.addf %x, %c3 : f32
  %0 = arith.divf %x, %c6 : f32
  %1 = arith.divf %t, %small : f32
  %2 = arith.divf %t, %four : f32
  %3 = arith.divf %t, %y : f32
  %td = arith.addf %z, %d3 : f64
  %4 = arith.divf %td, %d6 : f64
  return %0, %1, %2, %3, %4 : f32, f32, f32, f32, f64
}

// -----

// Used only where -3 < x < 3 (through a multiplication into a select's true
// value), (x + 3) / 6 is bounded: no select for infinities. Used where
// x > -3 does not hold (a select's false value), it is unbounded below: one
// guard, for that division only.
// CHECK-LABEL: func.func @windowed
// CHECK-NOT: arith.divf
// CHECK-COUNT-1: arith.cmpf oeq
// CHECK-NOT: arith.cmpf oeq
// CHECK-NOT: arith.divf
// CHECK: return
func.func @windowed(%x: f32) -> (f32, f32) {
  %c3 = arith.constant 3.0 : f32
  %m3 = arith.constant -3.0 : f32
  %c6 = arith.constant 6.0 : f32
  %above = arith.cmpf ogt, %x, %m3 : f32
  %below = arith.cmpf olt, %x, %c3 : f32
  %inside = arith.andi %above, %below : i1
  %t = arith.addf %x, %c3 : f32
  %q = arith.divf %t, %c6 : f32
  %m = arith.mulf %x, %q : f32
  %r = arith.select %inside, %m, %x : f32
  %q2 = arith.divf %t, %c6 : f32
  %r2 = arith.select %above, %x, %q2 : f32
  return %r, %r2 : f32, f32
}
