// Divisions by constants of dividends whose range convert-math-to-polynomials
// sees (a sum with a constant, clamped or not, or used only where a select
// bounds it), and quotients that only decide a clamped integer (act.quantize):
// check_division.c compares the kernels with C's f32 division, bit for bit.

// (x + 3) / 6: hardsigmoid's pytorch form (unbounded: inf guard)
func.func @shift3_by6(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = act.custom %x : tensor<?xf32> {
  ^bb0(%v: f32):
    %c = arith.constant 3.0 : f32
    %t = arith.addf %v, %c : f32
    %d = arith.constant 6.0 : f32
    %q = arith.divf %t, %d : f32
    act.yield %q : f32
  }
  return %y : tensor<?xf32>
}

// min(max(x + 3, 0), 6) / 6: its jax form (bounded: no guard)
func.func @clamp_by6(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = act.custom %x : tensor<?xf32> {
  ^bb0(%v: f32):
    %c = arith.constant 3.0 : f32
    %t = arith.addf %v, %c : f32
    %lo = arith.constant 0.0 : f32
    %hi = arith.constant 6.0 : f32
    %a = arith.maximumf %t, %lo : f32
    %b = arith.minimumf %a, %hi : f32
    %d = arith.constant 6.0 : f32
    %q = arith.divf %b, %d : f32
    act.yield %q : f32
  }
  return %y : tensor<?xf32>
}

// (x - 0.5) / -7: a negative divisor
func.func @shift_by_m7(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = act.custom %x : tensor<?xf32> {
  ^bb0(%v: f32):
    %c = arith.constant 0.5 : f32
    %t = arith.subf %v, %c : f32
    %d = arith.constant -7.0 : f32
    %q = arith.divf %t, %d : f32
    act.yield %q : f32
  }
  return %y : tensor<?xf32>
}

// (1 + x) / 10: a divisor with a factor 2
func.func @shift1_by10(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = act.custom %x : tensor<?xf32> {
  ^bb0(%v: f32):
    %c = arith.constant 1.0 : f32
    %t = arith.addf %c, %v : f32
    %d = arith.constant 10.0 : f32
    %q = arith.divf %t, %d : f32
    act.yield %q : f32
  }
  return %y : tensor<?xf32>
}

// min(max(x + 1, -4), 4) / 0.3: |d| < 1, bounded
func.func @clamp_by_0p3(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = act.custom %x : tensor<?xf32> {
  ^bb0(%v: f32):
    %c = arith.constant 1.0 : f32
    %t = arith.addf %v, %c : f32
    %lo = arith.constant -4.0 : f32
    %hi = arith.constant 4.0 : f32
    %a = arith.maximumf %t, %lo : f32
    %b = arith.minimumf %a, %hi : f32
    %d = arith.constant 0.3 : f32
    %q = arith.divf %b, %d : f32
    act.yield %q : f32
  }
  return %y : tensor<?xf32>
}

// -3 < x < 3 ? (x + 3) / 6 : -1: hardsigmoid's select; the quotient matters
// only where 0 < x + 3 < 6 (no guard).
func.func @window_by6(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = act.custom %x : tensor<?xf32> {
  ^bb0(%v: f32):
    %c3 = arith.constant 3.0 : f32
    %m3 = arith.constant -3.0 : f32
    %m1 = arith.constant -1.0 : f32
    %d = arith.constant 6.0 : f32
    %above = arith.cmpf ogt, %v, %m3 : f32
    %below = arith.cmpf olt, %v, %c3 : f32
    %inside = arith.andi %above, %below : i1
    %t = arith.addf %v, %c3 : f32
    %q = arith.divf %t, %d : f32
    %r = arith.select %inside, %q, %m1 : f32
    act.yield %r : f32
  }
  return %y : tensor<?xf32>
}

// act.quantize divides by its scale, then rounds, clamps and converts to an
// integer: no bound on the dividend is needed (DivisionByConstant.cpp).
// uint8, scale < 1, an unbounded dividend of both signs
func.func @quantize_u8(%x: tensor<?xf32>) -> tensor<?xi8> {
  %q = act.quantize %x {scale = 0.05 : f64, zero_point = 128 : i64, qmin = 0 : i64, qmax = 255 : i64} : tensor<?xf32> -> tensor<?xi8>
  return %q : tensor<?xi8>
}

// int8, scale > 1, after relu (the fused group's form)
func.func @relu_quantize_s8(%x: tensor<?xf32>) -> tensor<?xi8> {
  %r = act.relu %x : tensor<?xf32>
  %q = act.quantize %r {scale = 3.7 : f64, zero_point = -3 : i64, qmin = -128 : i64, qmax = 127 : i64} : tensor<?xf32> -> tensor<?xi8>
  return %q : tensor<?xi8>
}
