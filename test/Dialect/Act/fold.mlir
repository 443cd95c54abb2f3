// Constant folding of every act op through ActivationOpInterface: the op's
// definition is evaluated in f64 and rounded once to the element type.
// Expected values were computed independently (PyTorch formulas in mpmath at
// 60 digits for finite inputs, IEEE-754 float64 arithmetic for piecewise-linear
// ops and for +-0, +-inf and NaN, one rounding to the element type) and
// compared with relu-opt's output. NaN is matched whatever its sign bit; f64
// results of transcendental ops are matched to about 13 significant digits.
// RUN: relu-opt %s -canonicalize | FileCheck %s

//===----------------------------------------------------------------------===//
// prelu, act.custom, rounding and special cases.
//===----------------------------------------------------------------------===//

// Per-channel slope along channel_dim 0 (not the last dimension); -0.0 * -2 = +0.0.
// CHECK-LABEL: func.func @prelu_channel_dim_0()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<{{\[\[}}-5.000000e-01, 2.000000e+00, -1.500000e+00], [8.000000e+00, 5.000000e+00, 0.000000e+00]]> : tensor<2x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @prelu_channel_dim_0() -> tensor<2x3xf32> {
  %x = arith.constant dense<[[-1.0, 2.0, -3.0], [-4.0, 5.0, -0.0]]> : tensor<2x3xf32>
  %s = arith.constant dense<[0.5, -2.0]> : tensor<2xf32>
  %0 = act.prelu %x, %s {channel_dim = 0 : i64} : tensor<2x3xf32>, tensor<2xf32>
  return %0 : tensor<2x3xf32>
}

// The slope is broadcast along the middle dimension. f16 slopes 0.1, 0.2, 0.3 are
// 0.0999755859375, 0.199951171875, 0.300048828125; -3 * 0.300048828125 =
// -0.900146484375 lies halfway between two f16 values and rounds to even,
// -0.900390625. NaN and -inf propagate; +0.0 * slope = +0.0.
// CHECK-LABEL: func.func @prelu_channel_dim_middle_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<{{\[\[\[}}-9.997550e-02, 1.000000e+00], [-1.999510e-01, -3.999020e-01], [-9.003900e-01, 4.000000e+00]], {{\[\[}}-4.998780e-02, 0x{{[7F]}}E00], [0xFC00, 0.000000e+00], [-3.000490e-01, -3.000490e-01]]]> : tensor<2x3x2xf16>
// CHECK-NEXT: return %[[C]]
func.func @prelu_channel_dim_middle_f16() -> tensor<2x3x2xf16> {
  %x = arith.constant dense<[[[-1.0, 1.0], [-1.0, -2.0], [-3.0, 4.0]], [[-0.5, 0x7E00], [0xFC00, 0.0], [-1.0, -1.0]]]> : tensor<2x3x2xf16>
  %s = arith.constant dense<[0.1, 0.2, 0.3]> : tensor<3xf16>
  %0 = act.prelu %x, %s : tensor<2x3x2xf16>, tensor<3xf16>
  return %0 : tensor<2x3x2xf16>
}

// NCHW with the default channel_dim 1; the bf16 slope 0.1 is 0.10009765625.
// CHECK-LABEL: func.func @prelu_nchw_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<{{\[\[\[\[}}-1.000980e-01], [-2.001950e-01]], {{\[\[}}-1.500000e+00], [4.000000e+00]]]]> : tensor<1x2x2x1xbf16>
// CHECK-NEXT: return %[[C]]
func.func @prelu_nchw_bf16() -> tensor<1x2x2x1xbf16> {
  %x = arith.constant dense<[[[[-1.0], [-2.0]], [[-3.0], [4.0]]]]> : tensor<1x2x2x1xbf16>
  %s = arith.constant dense<[0.1, 0.5]> : tensor<2xbf16>
  %0 = act.prelu %x, %s : tensor<1x2x2x1xbf16>, tensor<2xbf16>
  return %0 : tensor<1x2x2x1xbf16>
}

// A splat input with a per-channel slope gives a non-splat result.
// CHECK-LABEL: func.func @prelu_splat_input()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<{{\[\[}}-2.000000e+00, -4.000000e+00, -6.000000e+00], [-2.000000e+00, -4.000000e+00, -6.000000e+00]]> : tensor<2x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @prelu_splat_input() -> tensor<2x3xf32> {
  %x = arith.constant dense<-2.0> : tensor<2x3xf32>
  %s = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %0 = act.prelu %x, %s : tensor<2x3xf32>, tensor<3xf32>
  return %0 : tensor<2x3xf32>
}

// A single slope: -0.0 * 0.25 = -0.0, -inf * 0.25 = -inf.
// CHECK-LABEL: func.func @prelu_splat_slope()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-5.000000e-01, -0.000000e+00, 3.000000e+00, 0xFF800000]> : tensor<4xf32>
// CHECK-NEXT: return %[[C]]
func.func @prelu_splat_slope() -> tensor<4xf32> {
  %x = arith.constant dense<[-2.0, -0.0, 3.0, 0xFF800000]> : tensor<4xf32>
  %s = arith.constant dense<0.25> : tensor<1xf32>
  %0 = act.prelu %x, %s {channel_dim = 0 : i64} : tensor<4xf32>, tensor<1xf32>
  return %0 : tensor<4xf32>
}

// Rank 0.
// CHECK-LABEL: func.func @prelu_rank_0()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<-1.000000e+00> : tensor<f64>
// CHECK-NEXT: return %[[C]]
func.func @prelu_rank_0() -> tensor<f64> {
  %x = arith.constant dense<-4.0> : tensor<f64>
  %s = arith.constant dense<0.25> : tensor<1xf64>
  %0 = act.prelu %x, %s : tensor<f64>, tensor<1xf64>
  return %0 : tensor<f64>
}

// act.custom folds through its body: x * x - 1.
// CHECK-LABEL: func.func @custom_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[8.000000e+00, -1.000000e+00, -7.500000e-01, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<5xf32>
// CHECK-NEXT: return %[[C]]
func.func @custom_f32() -> tensor<5xf32> {
  %x = arith.constant dense<[-3.0, -0.0, 0.5, 0x7F800000, 0x7FC00000]> : tensor<5xf32>
  %0 = act.custom %x : tensor<5xf32> {
  ^bb0(%v: f32):
    %one = arith.constant 1.0 : f32
    %sq = arith.mulf %v, %v : f32
    %r = arith.subf %sq, %one : f32
    act.yield %r : f32
  }
  return %0 : tensor<5xf32>
}

// An f16 custom op: the f32 body constant 0.1 is 0.100000001490116; exp(x) *
// that is rounded once to f16: 0.0999755859375, 0.271728515625, 0.73876953125.
// CHECK-LABEL: func.func @custom_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[9.997550e-02, 2.717290e-01, 7.387690e-01]> : tensor<3xf16>
// CHECK-NEXT: return %[[C]]
func.func @custom_f16() -> tensor<3xf16> {
  %x = arith.constant dense<[0.0, 1.0, 2.0]> : tensor<3xf16>
  %0 = act.custom %x : tensor<3xf16> {
  ^bb0(%v: f32):
    %c = arith.constant 0.1 : f32
    %e = math.exp %v : f32
    %r = arith.mulf %e, %c : f32
    act.yield %r : f32
  }
  return %0 : tensor<3xf16>
}

// x > 0 ? x : tanh(x) in f64; tanh(-1) = -0.761594155955764888...
// CHECK-LABEL: func.func @custom_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<{{\[\[}}-0.76159415595576{{[0-9]*}}, 2.000000e+00], [-0.000000e+00, 0x7FF0000000000000]]> : tensor<2x2xf64>
// CHECK-NEXT: return %[[C]]
func.func @custom_f64() -> tensor<2x2xf64> {
  %x = arith.constant dense<[[-1.0, 2.0], [-0.0, 0x7FF0000000000000]]> : tensor<2x2xf64>
  %0 = act.custom %x : tensor<2x2xf64> {
  ^bb0(%v: f64):
    %zero = arith.constant 0.0 : f64
    %gt = arith.cmpf ogt, %v, %zero : f64
    %t = math.tanh %v : f64
    %r = arith.select %gt, %v, %t : f64
    act.yield %r : f64
  }
  return %0 : tensor<2x2xf64>
}

// Integer ops in a body: fptosi/sitofp truncate toward zero (-0.5 -> +0.0).
// CHECK-LABEL: func.func @custom_int_ops()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-2.000000e+00, 3.000000e+00, 0.000000e+00, 1.000000e+02]> : tensor<4xbf16>
// CHECK-NEXT: return %[[C]]
func.func @custom_int_ops() -> tensor<4xbf16> {
  %x = arith.constant dense<[-2.5, 3.75, -0.5, 100.0]> : tensor<4xbf16>
  %0 = act.custom %x : tensor<4xbf16> {
  ^bb0(%v: f32):
    %i = arith.fptosi %v : f32 to i32
    %r = arith.sitofp %i : i32 to f32
    act.yield %r : f32
  }
  return %0 : tensor<4xbf16>
}

// A splat input folds to a splat: sqrt(2) rounded to f32 is 1.41421354.
// CHECK-LABEL: func.func @custom_splat()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<1.41421354> : tensor<3x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @custom_splat() -> tensor<3x3xf32> {
  %x = arith.constant dense<2.0> : tensor<3x3xf32>
  %0 = act.custom %x : tensor<3x3xf32> {
  ^bb0(%v: f32):
    %r = math.sqrt %v : f32
    act.yield %r : f32
  }
  return %0 : tensor<3x3xf32>
}

// Attribute parameters are rounded to the compute type (f32 for bf16) first,
// as a kernel holds them: -(1 + 2^-8 + 2^-30) becomes -(1 + 2^-8), so
// -1 * slope is the bf16 tie 1 + 2^-8, which rounds to even: 1.0. (With the
// f64 slope the result would have been 1 + 2^-7.)
// CHECK-LABEL: func.func @single_rounding_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<1.000000e+00> : tensor<2xbf16>
// CHECK-NEXT: return %[[C]]
func.func @single_rounding_bf16() -> tensor<2xbf16> {
  %x = arith.constant dense<[-1.0, 1.0]> : tensor<2xbf16>
  %0 = act.leaky_relu %x {negative_slope = -1.003906250931322574615478515625 : f64} : tensor<2xbf16>
  return %0 : tensor<2xbf16>
}

// leaky_relu with slope 0 folds with its own definition x * 0 before the
// slope-0 -> relu pattern can apply: -0.0 stays -0.0 and -inf gives NaN.
// CHECK-LABEL: func.func @leaky_relu_zero_slope_constant()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-0.000000e+00, -0.000000e+00, 0x{{[7F]}}FC00000, 3.000000e+00]> : tensor<4xf32>
// CHECK-NEXT: return %[[C]]
func.func @leaky_relu_zero_slope_constant() -> tensor<4xf32> {
  %x = arith.constant dense<[-2.0, -0.0, 0xFF800000, 3.0]> : tensor<4xf32>
  %0 = act.leaky_relu %x {negative_slope = 0.0 : f64} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// 65536 elements is the largest constant that folds.
// CHECK-LABEL: func.func @largest_folded_splat()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<0.000000e+00> : tensor<65536xf32>
// CHECK-NEXT: return %[[C]]
func.func @largest_folded_splat() -> tensor<65536xf32> {
  %x = arith.constant dense<-1.0> : tensor<65536xf32>
  %0 = act.relu %x : tensor<65536xf32>
  return %0 : tensor<65536xf32>
}

// f16 subnormals: 1e-4 * expm1(-2^-14) underflows to -0.0; 2^-24 stays.
// CHECK-LABEL: func.func @subnormal_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-0.000000e+00, 5.960460e-08, -1.000170e-04]> : tensor<3xf16>
// CHECK-NEXT: return %[[C]]
func.func @subnormal_f16() -> tensor<3xf16> {
  %x = arith.constant dense<[-0.00006103515625, 0.00000005960464477539063, -12.0]> : tensor<3xf16>
  %0 = act.elu %x {alpha = 0.0001 : f64} : tensor<3xf16>
  return %0 : tensor<3xf16>
}

//===----------------------------------------------------------------------===//
// Nothing folds without constant, static-shaped operands of bounded size.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @no_fold_non_constant(
// CHECK: act.gelu
// CHECK: act.prelu
// CHECK: act.custom
func.func @no_fold_non_constant(%x: tensor<4xf32>, %h: tensor<2x3xf16>, %s: tensor<3xf16>) -> (tensor<4xf32>, tensor<2x3xf16>, tensor<4xf32>) {
  %0 = act.gelu %x : tensor<4xf32>
  %k = arith.constant dense<[0.5, 1.0, 2.0]> : tensor<3xf16>
  %1 = act.prelu %h, %k : tensor<2x3xf16>, tensor<3xf16>
  %2 = act.custom %x : tensor<4xf32> {
  ^bb0(%v: f32):
    act.yield %v : f32
  }
  return %0, %1, %2 : tensor<4xf32>, tensor<2x3xf16>, tensor<4xf32>
}

// CHECK-LABEL: func.func @no_fold_non_constant_slope(
// CHECK: act.prelu
func.func @no_fold_non_constant_slope(%s: tensor<3xf32>) -> tensor<2x3xf32> {
  %x = arith.constant dense<-1.0> : tensor<2x3xf32>
  %0 = act.prelu %x, %s : tensor<2x3xf32>, tensor<3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @no_fold_dynamic_shape(
// CHECK: act.sigmoid %{{.*}} : tensor<?xf32>
// CHECK: act.prelu %{{.*}}, %{{.*}} : tensor<?x3xf32>, tensor<3xf32>
func.func @no_fold_dynamic_shape() -> (tensor<?xf32>, tensor<?x3xf32>) {
  %c = arith.constant dense<[-1.0, 2.0]> : tensor<2xf32>
  %d = tensor.cast %c : tensor<2xf32> to tensor<?xf32>
  %0 = act.sigmoid %d : tensor<?xf32>
  %e = arith.constant dense<-1.0> : tensor<2x3xf32>
  %f = tensor.cast %e : tensor<2x3xf32> to tensor<?x3xf32>
  %s = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %1 = act.prelu %f, %s : tensor<?x3xf32>, tensor<3xf32>
  return %0, %1 : tensor<?xf32>, tensor<?x3xf32>
}

// 65537 elements: one more than the fold bound.
// CHECK-LABEL: func.func @no_fold_too_many_elements(
// CHECK: act.relu %{{.*}} : tensor<65537xf32>
func.func @no_fold_too_many_elements() -> tensor<65537xf32> {
  %x = arith.constant dense<-1.0> : tensor<65537xf32>
  %0 = act.relu %x : tensor<65537xf32>
  return %0 : tensor<65537xf32>
}

// Regression: prelu with a per-channel slope broadcast the slope over all
// 4e8 elements before checking the fold bound (out of memory).
// CHECK-LABEL: func.func @no_fold_huge_prelu(
// CHECK: act.prelu %{{.*}}, %{{.*}} {channel_dim = 0 : i64} : tensor<4x100000000xf32>, tensor<4xf32>
func.func @no_fold_huge_prelu() -> tensor<4x100000000xf32> {
  %x = arith.constant dense<-1.0> : tensor<4x100000000xf32>
  %s = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %0 = act.prelu %x, %s {channel_dim = 0 : i64} : tensor<4x100000000xf32>, tensor<4xf32>
  return %0 : tensor<4x100000000xf32>
}

// Regression: a body that bitcasts the compute type is not folded, as folding
// evaluates it in f64 (it used to fold |x| to zeros).
// CHECK-LABEL: func.func @no_fold_custom_bitcast(
// CHECK: act.custom
// CHECK: arith.bitcast %{{.*}} : f32 to i32
func.func @no_fold_custom_bitcast() -> tensor<3xf32> {
  %x = arith.constant dense<[-1.5, 2.0, -0.0]> : tensor<3xf32>
  %0 = act.custom %x : tensor<3xf32> {
  ^bb0(%v: f32):
    %i = arith.bitcast %v : f32 to i32
    %m = arith.constant 2147483647 : i32
    %a = arith.andi %i, %m : i32
    %f = arith.bitcast %a : i32 to f32
    act.yield %f : f32
  }
  return %0 : tensor<3xf32>
}

//===----------------------------------------------------------------------===//
// Every op on f32, f16, bf16 and f64, with -inf, -25, -3, -1.7, -1, -0.5, -0.0,
// 0.0, 0.3, 1, 3, 25, inf and NaN (each input rounded to the element type), and
// on splat inputs.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @relu_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 3.000000e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @relu_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.relu %x : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @leaky_relu_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0xFF800000, -2.500000e-01, -3.000000e-02, -1.700000e-02, -0.00999999977, -5.000000e-03, -0.000000e+00, 0.000000e+00, 3.000000e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @leaky_relu_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.leaky_relu %x : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @leaky_relu_slope_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x7F800000, 6.250000e+00, 7.500000e-01, 4.250000e-01, 2.500000e-01, 1.250000e-01, 0.000000e+00, -0.000000e+00, 3.000000e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @leaky_relu_slope_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.leaky_relu %x {negative_slope = -0.25 : f64} : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @clamp_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-1.000000e+00, -1.000000e+00, -1.000000e+00, -1.000000e+00, -1.000000e+00, -5.000000e-01, -0.000000e+00, 0.000000e+00, 3.000000e-01, 1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @clamp_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.clamp %x : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @relu6_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 3.000000e-01, 1.000000e+00, 3.000000e+00, 6.000000e+00, 6.000000e+00, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @relu6_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.clamp %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// The threshold 0.3 is held as f32(0.3), so the f32 input 0.3 is not above it.
// CHECK-LABEL: func.func @threshold_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @threshold_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.threshold %x {threshold = 0.3 : f64, value = -7.0 : f64} : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @hardsigmoid_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 0.000000e+00, 0.216666654, 0.333333343, 0.416666657, 5.000000e-01, 5.000000e-01, 5.500000e-01, 0.666666686, 1.000000e+00, 1.000000e+00, 1.000000e+00, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @hardsigmoid_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.hardsigmoid %x : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @hardswish_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FC00000, -0.000000e+00, -0.000000e+00, -0.36833334, -0.333333343, -0.208333328, -0.000000e+00, 0.000000e+00, 1.650000e-01, 0.666666686, 3.000000e+00, 2.500000e+01, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @hardswish_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.hardswish %x : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @elu_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-1.000000e+00, -1.000000e+00, -0.950212955, -0.817316472, -0.632120549, -0.393469334, -0.000000e+00, 0.000000e+00, 3.000000e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @elu_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.elu %x : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @elu_alpha_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-5.000000e-01, -5.000000e-01, -0.475106478, -0.408658236, -0.316060275, -0.196734667, -0.000000e+00, 0.000000e+00, 3.000000e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @elu_alpha_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.elu %x {alpha = 0.5 : f64} : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @selu_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-1.75809932, -1.75809932, -1.6705687, -1.43692362, -1.11133075, -0.691758215, -0.000000e+00, 0.000000e+00, 0.315210313, 1.05070102, 3.15210295, 26.2675247, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @selu_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.selu %x : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @celu_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-2.000000e+00, -1.99999249, -1.55373967, -1.14517021, -0.786938667, -0.442398429, -0.000000e+00, 0.000000e+00, 3.000000e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @celu_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.celu %x {alpha = 2.0 : f64} : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @gelu_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FC00000, -0.000000e+00, -0.00404969417, -0.075761281, -0.158655256, -0.154268771, -0.000000e+00, 0.000000e+00, 0.18537344, 0.841344773, 2.99595022, 2.500000e+01, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @gelu_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.gelu %x : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @gelu_tanh_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FC00000, -0.000000e+00, -0.00363739207, -7.589410e-02, -0.158808008, -1.542860e-01, -0.000000e+00, 0.000000e+00, 0.185370937, 8.411920e-01, 2.99636269, 2.500000e+01, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @gelu_tanh_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.gelu %x {approximate = #act.approximate<tanh>} : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @silu_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FC00000, -3.47198603E-10, -0.142277613, -0.262590945, -0.268941432, -0.188770339, -0.000000e+00, 0.000000e+00, 0.172332764, 0.731058597, 2.85772228, 2.500000e+01, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @silu_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.silu %x : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @swish_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FC00000, -1.29388878E-15, -0.0329608284, -0.123125017, -0.182425529, -0.160410658, -0.000000e+00, 0.000000e+00, 0.183191776, 0.817574501, 2.96703911, 2.500000e+01, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @swish_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.swish %x {beta = 1.5 : f64} : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @mish_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FC00000, -3.47198603E-10, -0.145647466, -0.282589376, -0.30340147, -0.220743775, -0.000000e+00, 0.000000e+00, 0.208001375, 0.865098416, 2.98653507, 2.500000e+01, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @mish_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.mish %x : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @softplus_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 1.38879437E-11, 0.048587352, 0.167786017, 0.313261688, 4.740770e-01, 0.693147182, 0.693147182, 0.854355275, 1.31326163, 3.04858732, 2.500000e+01, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @softplus_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.softplus %x : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @softplus_beta_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 9.64374946E-23, 0.0012378426, 0.0164142344, 0.0634640083, 0.156630844, 0.346573591, 0.346573591, 5.187440e-01, 1.06346405, 3.000000e+00, 2.500000e+01, 0x7F800000, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @softplus_beta_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.softplus %x {beta = 2.0 : f64, threshold = 4.0 : f64} : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @sigmoid_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 1.38879437E-11, 0.0474258736, 0.154465258, 0.268941432, 0.377540678, 5.000000e-01, 5.000000e-01, 0.574442506, 0.731058597, 0.952574133, 1.000000e+00, 1.000000e+00, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @sigmoid_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.sigmoid %x : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @tanh_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-1.000000e+00, -1.000000e+00, -0.995054781, -0.935409069, -0.761594176, -0.462117165, -0.000000e+00, 0.000000e+00, 0.291312635, 0.761594176, 0.995054781, 1.000000e+00, 1.000000e+00, 0x{{[7F]}}FC00000]> : tensor<14xf32>
// CHECK-NEXT: return %[[C]]
func.func @tanh_f32() -> tensor<14xf32> {
  %x = arith.constant dense<[0xFF800000, -25.0, -3.0, -1.7000000476837158, -1.0, -0.5, -0.0, 0.0, 0.30000001192092896, 1.0, 3.0, 25.0, 0x7F800000, 0x7FC00000]> : tensor<14xf32>
  %0 = act.tanh %x : tensor<14xf32>
  return %0 : tensor<14xf32>
}

// CHECK-LABEL: func.func @relu_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 3.000490e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7C00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @relu_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.relu %x : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @leaky_relu_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0xFC00, -2.500000e-01, -2.999880e-02, -1.699830e-02, -1.000210e-02, -5.001070e-03, -0.000000e+00, 0.000000e+00, 3.000490e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7C00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @leaky_relu_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.leaky_relu %x : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @leaky_relu_slope_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x7C00, 6.250000e+00, 7.500000e-01, 4.250490e-01, 2.500000e-01, 1.250000e-01, 0.000000e+00, -0.000000e+00, 3.000490e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7C00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @leaky_relu_slope_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.leaky_relu %x {negative_slope = -0.25 : f64} : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @clamp_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-1.000000e+00, -1.000000e+00, -1.000000e+00, -1.000000e+00, -1.000000e+00, -5.000000e-01, -0.000000e+00, 0.000000e+00, 3.000490e-01, 1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @clamp_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.clamp %x : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @relu6_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 3.000490e-01, 1.000000e+00, 3.000000e+00, 6.000000e+00, 6.000000e+00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @relu6_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.clamp %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @threshold_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, 3.000490e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7C00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @threshold_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.threshold %x {threshold = 0.3 : f64, value = -7.0 : f64} : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @hardsigmoid_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 0.000000e+00, 2.166750e-01, 3.332520e-01, 4.167480e-01, 5.000000e-01, 5.000000e-01, 5.498050e-01, 6.665040e-01, 1.000000e+00, 1.000000e+00, 1.000000e+00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @hardsigmoid_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.hardsigmoid %x : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @hardswish_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}E00, -0.000000e+00, -0.000000e+00, -3.684080e-01, -3.332520e-01, -2.083740e-01, -0.000000e+00, 0.000000e+00, 1.650390e-01, 6.665040e-01, 3.000000e+00, 2.500000e+01, 0x7C00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @hardswish_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.hardswish %x : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @elu_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-1.000000e+00, -1.000000e+00, -9.501950e-01, -8.173830e-01, -6.323240e-01, -3.935550e-01, -0.000000e+00, 0.000000e+00, 3.000490e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7C00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @elu_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.elu %x : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @elu_alpha_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-5.000000e-01, -5.000000e-01, -4.750980e-01, -4.086910e-01, -3.161620e-01, -1.967770e-01, -0.000000e+00, 0.000000e+00, 3.000490e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7C00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @elu_alpha_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.elu %x {alpha = 0.5 : f64} : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @selu_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-1.757810e+00, -1.757810e+00, -1.670900e+00, -1.436520e+00, -1.111330e+00, -6.918940e-01, -0.000000e+00, 0.000000e+00, 3.151860e-01, 1.050780e+00, 3.152340e+00, 2.626560e+01, 0x7C00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @selu_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.selu %x : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @celu_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-2.000000e+00, -2.000000e+00, -1.553710e+00, -1.145510e+00, -7.871090e-01, -4.423830e-01, -0.000000e+00, 0.000000e+00, 3.000490e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7C00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @celu_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.celu %x {alpha = 2.0 : f64} : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @gelu_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}E00, -0.000000e+00, -4.051210e-03, -7.574460e-02, -1.586910e-01, -1.542970e-01, -0.000000e+00, 0.000000e+00, 1.854250e-01, 8.413080e-01, 2.996090e+00, 2.500000e+01, 0x7C00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @gelu_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.gelu %x : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @gelu_tanh_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}E00, -0.000000e+00, -3.637310e-03, -7.586670e-02, -1.588130e-01, -1.542970e-01, -0.000000e+00, 0.000000e+00, 1.854250e-01, 8.413080e-01, 2.996090e+00, 2.500000e+01, 0x7C00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @gelu_tanh_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.gelu %x {approximate = #act.approximate<tanh>} : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @silu_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}E00, -0.000000e+00, -1.423340e-01, -2.626950e-01, -2.690430e-01, -1.887210e-01, -0.000000e+00, 0.000000e+00, 1.723630e-01, 7.309570e-01, 2.857420e+00, 2.500000e+01, 0x7C00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @silu_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.silu %x : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @swish_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}E00, -0.000000e+00, -3.295900e-02, -1.231080e-01, -1.823730e-01, -1.604000e-01, -0.000000e+00, 0.000000e+00, 1.832280e-01, 8.173830e-01, 2.966800e+00, 2.500000e+01, 0x7C00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @swish_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.swish %x {beta = 1.5 : f64} : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @mish_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}E00, -0.000000e+00, -1.456300e-01, -2.824710e-01, -3.034670e-01, -2.207030e-01, -0.000000e+00, 0.000000e+00, 2.080080e-01, 8.652340e-01, 2.986330e+00, 2.500000e+01, 0x7C00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @mish_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.mish %x : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @softplus_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 4.858400e-02, 1.677250e-01, 3.132320e-01, 4.741210e-01, 6.933590e-01, 6.933590e-01, 8.544920e-01, 1.313480e+00, 3.048830e+00, 2.500000e+01, 0x7C00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @softplus_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.softplus %x : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @softplus_beta_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 1.237870e-03, 1.640320e-02, 6.347650e-02, 1.566160e-01, 3.466800e-01, 3.466800e-01, 5.185550e-01, 1.063480e+00, 3.000000e+00, 2.500000e+01, 0x7C00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @softplus_beta_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.softplus %x {beta = 2.0 : f64, threshold = 4.0 : f64} : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @sigmoid_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 4.742430e-02, 1.544190e-01, 2.690430e-01, 3.774410e-01, 5.000000e-01, 5.000000e-01, 5.742190e-01, 7.309570e-01, 9.526360e-01, 1.000000e+00, 1.000000e+00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @sigmoid_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.sigmoid %x : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @tanh_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-1.000000e+00, -1.000000e+00, -9.951170e-01, -9.355460e-01, -7.617180e-01, -4.621580e-01, -0.000000e+00, 0.000000e+00, 2.912600e-01, 7.617180e-01, 9.951170e-01, 1.000000e+00, 1.000000e+00, 0x{{[7F]}}E00]> : tensor<14xf16>
// CHECK-NEXT: return %[[C]]
func.func @tanh_f16() -> tensor<14xf16> {
  %x = arith.constant dense<[0xFC00, -25.0, -3.0, -1.7001953125, -1.0, -0.5, -0.0, 0.0, 0.300048828125, 1.0, 3.0, 25.0, 0x7C00, 0x7E00]> : tensor<14xf16>
  %0 = act.tanh %x : tensor<14xf16>
  return %0 : tensor<14xf16>
}

// CHECK-LABEL: func.func @relu_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 3.007810e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7F80, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @relu_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.relu %x : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @leaky_relu_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0xFF80, -2.500000e-01, -3.002930e-02, -1.708980e-02, -1.000980e-02, -5.004880e-03, -0.000000e+00, 0.000000e+00, 3.007810e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7F80, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @leaky_relu_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.leaky_relu %x : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @leaky_relu_slope_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x7F80, 6.250000e+00, 7.500000e-01, 4.257810e-01, 2.500000e-01, 1.250000e-01, 0.000000e+00, -0.000000e+00, 3.007810e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7F80, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @leaky_relu_slope_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.leaky_relu %x {negative_slope = -0.25 : f64} : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @clamp_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-1.000000e+00, -1.000000e+00, -1.000000e+00, -1.000000e+00, -1.000000e+00, -5.000000e-01, -0.000000e+00, 0.000000e+00, 3.007810e-01, 1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @clamp_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.clamp %x : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @relu6_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 3.007810e-01, 1.000000e+00, 3.000000e+00, 6.000000e+00, 6.000000e+00, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @relu6_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.clamp %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @threshold_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, 3.007810e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7F80, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @threshold_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.threshold %x {threshold = 0.3 : f64, value = -7.0 : f64} : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @hardsigmoid_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 0.000000e+00, 2.158200e-01, 3.339840e-01, 4.160160e-01, 5.000000e-01, 5.000000e-01, 5.507810e-01, 6.679690e-01, 1.000000e+00, 1.000000e+00, 1.000000e+00, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @hardsigmoid_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.hardsigmoid %x : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @hardswish_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FC0, -0.000000e+00, -0.000000e+00, -3.671880e-01, -3.339840e-01, -2.080080e-01, -0.000000e+00, 0.000000e+00, 1.650390e-01, 6.679690e-01, 3.000000e+00, 2.500000e+01, 0x7F80, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @hardswish_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.hardswish %x : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @elu_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-1.000000e+00, -1.000000e+00, -9.492180e-01, -8.164060e-01, -6.328130e-01, -3.925780e-01, -0.000000e+00, 0.000000e+00, 3.007810e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7F80, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @elu_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.elu %x : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @elu_alpha_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-5.000000e-01, -5.000000e-01, -4.746090e-01, -4.082030e-01, -3.164060e-01, -1.962890e-01, -0.000000e+00, 0.000000e+00, 3.007810e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7F80, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @elu_alpha_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.elu %x {alpha = 0.5 : f64} : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @selu_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-1.757810e+00, -1.757810e+00, -1.671880e+00, -1.437500e+00, -1.109380e+00, -6.914060e-01, -0.000000e+00, 0.000000e+00, 3.164060e-01, 1.046880e+00, 3.156250e+00, 2.625000e+01, 0x7F80, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @selu_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.selu %x : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @celu_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-2.000000e+00, -2.000000e+00, -1.554690e+00, -1.148440e+00, -7.851560e-01, -4.433590e-01, -0.000000e+00, 0.000000e+00, 3.007810e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7F80, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @celu_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.celu %x {alpha = 2.0 : f64} : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @gelu_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FC0, -0.000000e+00, -4.058840e-03, -7.519530e-02, -1.582030e-01, -1.542970e-01, -0.000000e+00, 0.000000e+00, 1.855470e-01, 8.398430e-01, 3.000000e+00, 2.500000e+01, 0x7F80, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @gelu_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.gelu %x : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @gelu_tanh_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FC0, -0.000000e+00, -3.631590e-03, -7.568360e-02, -1.591800e-01, -1.542970e-01, -0.000000e+00, 0.000000e+00, 1.855470e-01, 8.398430e-01, 3.000000e+00, 2.500000e+01, 0x7F80, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @gelu_tanh_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.gelu %x {approximate = #act.approximate<tanh>} : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @silu_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FC0, -3.474270e-10, -1.425780e-01, -2.617190e-01, -2.695310e-01, -1.884770e-01, -0.000000e+00, 0.000000e+00, 1.728520e-01, 7.304680e-01, 2.859380e+00, 2.500000e+01, 0x7F80, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @silu_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.silu %x : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @swish_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FC0, -1.290630e-15, -3.295900e-02, -1.230470e-01, -1.826170e-01, -1.601560e-01, -0.000000e+00, 0.000000e+00, 1.835940e-01, 8.164060e-01, 2.968750e+00, 2.500000e+01, 0x7F80, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @swish_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.swish %x {beta = 1.5 : f64} : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @mish_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FC0, -3.474270e-10, -1.455080e-01, -2.832030e-01, -3.027340e-01, -2.207030e-01, -0.000000e+00, 0.000000e+00, 2.089840e-01, 8.632810e-01, 2.984380e+00, 2.500000e+01, 0x7F80, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @mish_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.mish %x : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @softplus_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 1.386980e-11, 4.858400e-02, 1.669920e-01, 3.125000e-01, 4.746090e-01, 6.914060e-01, 6.914060e-01, 8.554680e-01, 1.312500e+00, 3.046880e+00, 2.500000e+01, 0x7F80, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @softplus_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.softplus %x : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @softplus_beta_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 9.636650e-23, 1.235960e-03, 1.635740e-02, 6.347650e-02, 1.562500e-01, 3.457030e-01, 3.457030e-01, 5.195310e-01, 1.062500e+00, 3.000000e+00, 2.500000e+01, 0x7F80, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @softplus_beta_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.softplus %x {beta = 2.0 : f64, threshold = 4.0 : f64} : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @sigmoid_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 1.386980e-11, 4.736330e-02, 1.542970e-01, 2.695310e-01, 3.769530e-01, 5.000000e-01, 5.000000e-01, 5.742190e-01, 7.304680e-01, 9.531250e-01, 1.000000e+00, 1.000000e+00, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @sigmoid_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.sigmoid %x : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @tanh_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-1.000000e+00, -1.000000e+00, -9.960930e-01, -9.375000e-01, -7.617180e-01, -4.628910e-01, -0.000000e+00, 0.000000e+00, 2.929690e-01, 7.617180e-01, 9.960930e-01, 1.000000e+00, 1.000000e+00, 0x{{[7F]}}FC0]> : tensor<14xbf16>
// CHECK-NEXT: return %[[C]]
func.func @tanh_bf16() -> tensor<14xbf16> {
  %x = arith.constant dense<[0xFF80, -25.0, -3.0, -1.703125, -1.0, -0.5, -0.0, 0.0, 0.30078125, 1.0, 3.0, 25.0, 0x7F80, 0x7FC0]> : tensor<14xbf16>
  %0 = act.tanh %x : tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// CHECK-LABEL: func.func @relu_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 3.000000e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7FF0000000000000, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @relu_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.relu %x : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @leaky_relu_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0xFFF0000000000000, -2.500000e-01, -3.000000e-02, -1.700000e-02, -1.000000e-02, -5.000000e-03, -0.000000e+00, 0.000000e+00, 3.000000e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7FF0000000000000, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @leaky_relu_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.leaky_relu %x : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @leaky_relu_slope_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x7FF0000000000000, 6.250000e+00, 7.500000e-01, 4.250000e-01, 2.500000e-01, 1.250000e-01, 0.000000e+00, -0.000000e+00, 3.000000e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7FF0000000000000, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @leaky_relu_slope_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.leaky_relu %x {negative_slope = -0.25 : f64} : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @clamp_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-1.000000e+00, -1.000000e+00, -1.000000e+00, -1.000000e+00, -1.000000e+00, -5.000000e-01, -0.000000e+00, 0.000000e+00, 3.000000e-01, 1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @clamp_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.clamp %x : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @relu6_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 3.000000e-01, 1.000000e+00, 3.000000e+00, 6.000000e+00, 6.000000e+00, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @relu6_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.clamp %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @threshold_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, -7.000000e+00, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7FF0000000000000, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @threshold_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.threshold %x {threshold = 0.3 : f64, value = -7.0 : f64} : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @hardsigmoid_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 0.000000e+00, 0.21666666666666667, 0.33333333333333331, 0.41666666666666669, 5.000000e-01, 5.000000e-01, 0.54999999999999993, 0.66666666666666663, 1.000000e+00, 1.000000e+00, 1.000000e+00, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @hardsigmoid_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.hardsigmoid %x : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @hardswish_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FF8000000000000, -0.000000e+00, -0.000000e+00, -0.36833333333333335, -0.33333333333333331, -0.20833333333333334, -0.000000e+00, 0.000000e+00, 0.16499999999999998, 0.66666666666666663, 3.000000e+00, 2.500000e+01, 0x7FF0000000000000, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @hardswish_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.hardswish %x : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @elu_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-1.000000e+00, -0.9999999999861{{[0-9]*}}, -0.95021293163213{{[0-9]*}}, -0.81731647594726{{[0-9]*}}, -0.63212055882855{{[0-9]*}}, -0.39346934028736{{[0-9]*}}, -0.000000e+00, 0.000000e+00, 3.000000e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7FF0000000000000, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @elu_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.elu %x : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @elu_alpha_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-5.000000e-01, -0.49999999999305{{[0-9]*}}, -0.47510646581606{{[0-9]*}}, -0.40865823797363{{[0-9]*}}, -0.31606027941427{{[0-9]*}}, -0.19673467014368{{[0-9]*}}, -0.000000e+00, 0.000000e+00, 3.000000e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7FF0000000000000, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @elu_alpha_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.elu %x {alpha = 0.5 : f64} : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @selu_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-1.7580993408473{{[0-9]*}}, -1.7580993408229{{[0-9]*}}, -1.6705687287671{{[0-9]*}}, -1.436923557626{{[0-9]*}}, -1.1113307378125{{[0-9]*}}, -0.69175818780287{{[0-9]*}}, -0.000000e+00, 0.000000e+00, 0.31521029620664{{[0-9]*}}, 1.0507009873554{{[0-9]*}}, 3.1521029620664{{[0-9]*}}, 26.267524683887{{[0-9]*}}, 0x7FF0000000000000, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @selu_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.selu %x : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @celu_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-2.000000e+00, -1.9999925466936{{[0-9]*}}, -1.5537396797031{{[0-9]*}}, -1.1451701361025{{[0-9]*}}, -0.78693868057473{{[0-9]*}}, -0.44239843385719{{[0-9]*}}, -0.000000e+00, 0.000000e+00, 3.000000e-01, 1.000000e+00, 3.000000e+00, 2.500000e+01, 0x7FF0000000000000, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @celu_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.celu %x {alpha = 2.0 : f64} : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @gelu_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FF8000000000000, -7.6417417659562{{[0-9]*}}E-137, -0.0040496940948902{{[0-9]*}}, -0.075761286689523{{[0-9]*}}, -0.15865525393145{{[0-9]*}}, -0.15426876936299{{[0-9]*}}, -0.000000e+00, 0.000000e+00, 0.1853734266566{{[0-9]*}}, 0.84134474606854{{[0-9]*}}, 2.9959503059051{{[0-9]*}}, 2.500000e+01, 0x7FF0000000000000, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @gelu_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.gelu %x : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @gelu_tanh_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FF8000000000000, -0.000000e+00, -0.0036373920817730{{[0-9]*}}, -0.075894104448843{{[0-9]*}}, -0.15880800939172{{[0-9]*}}, -0.15428599017485{{[0-9]*}}, -0.000000e+00, 0.000000e+00, 0.18537092354275{{[0-9]*}}, 0.84119199060827{{[0-9]*}}, 2.9963626079182{{[0-9]*}}, 2.500000e+01, 0x7FF0000000000000, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @gelu_tanh_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.gelu %x {approximate = #act.approximate<tanh>} : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @silu_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FF8000000000000, -3.4719859661927{{[0-9]*}}E-10, -0.14227761953270{{[0-9]*}}, -0.26259095064200{{[0-9]*}}, -0.26894142136999{{[0-9]*}}, -0.18877033439907{{[0-9]*}}, -0.000000e+00, 0.000000e+00, 0.17233275504349{{[0-9]*}}, 0.7310585786300{{[0-9]*}}, 2.8577223804672{{[0-9]*}}, 24.9999999996{{[0-9]*}}, 0x7FF0000000000000, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @silu_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.silu %x : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @swish_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FF8000000000000, -1.2938887514504{{[0-9]*}}E-15, -0.032960827891779{{[0-9]*}}, -0.12312502511458{{[0-9]*}}, -0.18242552380635{{[0-9]*}}, -0.16041065041230{{[0-9]*}}, -0.000000e+00, 0.000000e+00, 0.18319177018476{{[0-9]*}}, 0.81757447619364{{[0-9]*}}, 2.9670391721082{{[0-9]*}}, 2.500000e+01, 0x7FF0000000000000, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @swish_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.swish %x {beta = 1.5 : f64} : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @mish_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0x{{[7F]}}FF8000000000000, -3.4719859662168{{[0-9]*}}E-10, -0.14564746127562{{[0-9]*}}, -0.28258938060391{{[0-9]*}}, -0.30340146137410{{[0-9]*}}, -0.22074377465173{{[0-9]*}}, -0.000000e+00, 0.000000e+00, 0.20800137234811{{[0-9]*}}, 0.86509838826731{{[0-9]*}}, 2.9865350049679{{[0-9]*}}, 2.500000e+01, 0x7FF0000000000000, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @mish_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.mish %x : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @softplus_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 1.3887943864867{{[0-9]*}}E-11, 0.048587351573742{{[0-9]*}}, 0.16778602938626{{[0-9]*}}, 0.31326168751822{{[0-9]*}}, 0.47407698418010{{[0-9]*}}, 0.69314718055994{{[0-9]*}}, 0.69314718055994{{[0-9]*}}, 0.85435524446852{{[0-9]*}}, 1.3132616875182{{[0-9]*}}, 3.0485873515737{{[0-9]*}}, 2.500000e+01, 0x7FF0000000000000, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @softplus_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.softplus %x : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @softplus_beta_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 9.6437492398195{{[0-9]*}}E-23, 0.0012378425688652{{[0-9]*}}, 0.016414235212432{{[0-9]*}}, 0.063464005521486{{[0-9]*}}, 0.15663084375911{{[0-9]*}}, 0.34657359027997{{[0-9]*}}, 0.34657359027997{{[0-9]*}}, 0.5187439752429{{[0-9]*}}, 1.0634640055214{{[0-9]*}}, 3.000000e+00, 2.500000e+01, 0x7FF0000000000000, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @softplus_beta_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.softplus %x {beta = 2.0 : f64, threshold = 4.0 : f64} : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @sigmoid_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[0.000000e+00, 1.3887943864771{{[0-9]*}}E-11, 0.047425873177566{{[0-9]*}}, 0.1544652650835{{[0-9]*}}, 0.26894142136999{{[0-9]*}}, 0.37754066879814{{[0-9]*}}, 5.000000e-01, 5.000000e-01, 0.57444251681165{{[0-9]*}}, 0.7310585786300{{[0-9]*}}, 0.95257412682243{{[0-9]*}}, 0.99999999998611{{[0-9]*}}, 1.000000e+00, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @sigmoid_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.sigmoid %x : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @tanh_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<[-1.000000e+00, -1.000000e+00, -0.99505475368673{{[0-9]*}}, -0.93540907060309{{[0-9]*}}, -0.76159415595576{{[0-9]*}}, -0.46211715726000{{[0-9]*}}, -0.000000e+00, 0.000000e+00, 0.2913126124515{{[0-9]*}}, 0.76159415595576{{[0-9]*}}, 0.99505475368673{{[0-9]*}}, 1.000000e+00, 1.000000e+00, 0x{{[7F]}}FF8000000000000]> : tensor<14xf64>
// CHECK-NEXT: return %[[C]]
func.func @tanh_f64() -> tensor<14xf64> {
  %x = arith.constant dense<[0xFFF0000000000000, -25.0, -3.0, -1.7, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 3.0, 25.0, 0x7FF0000000000000, 0x7FF8000000000000]> : tensor<14xf64>
  %0 = act.tanh %x : tensor<14xf64>
  return %0 : tensor<14xf64>
}

// CHECK-LABEL: func.func @relu_splat_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<0.000000e+00> : tensor<2x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @relu_splat_f32() -> tensor<2x3xf32> {
  %x = arith.constant dense<-1.5> : tensor<2x3xf32>
  %0 = act.relu %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @relu6_splat_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<0.000000e+00> : tensor<2x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @relu6_splat_f32() -> tensor<2x3xf32> {
  %x = arith.constant dense<-1.5> : tensor<2x3xf32>
  %0 = act.clamp %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @elu_splat_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<-0.776869833> : tensor<2x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @elu_splat_f32() -> tensor<2x3xf32> {
  %x = arith.constant dense<-1.5> : tensor<2x3xf32>
  %0 = act.elu %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @gelu_splat_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<-0.100210801> : tensor<2x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @gelu_splat_f32() -> tensor<2x3xf32> {
  %x = arith.constant dense<-1.5> : tensor<2x3xf32>
  %0 = act.gelu %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @mish_splat_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<-0.298099756> : tensor<2x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @mish_splat_f32() -> tensor<2x3xf32> {
  %x = arith.constant dense<-1.5> : tensor<2x3xf32>
  %0 = act.mish %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @tanh_splat_f32()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<-0.905148268> : tensor<2x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @tanh_splat_f32() -> tensor<2x3xf32> {
  %x = arith.constant dense<-1.5> : tensor<2x3xf32>
  %0 = act.tanh %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @relu_splat_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<2.500000e+00> : tensor<2x3xf16>
// CHECK-NEXT: return %[[C]]
func.func @relu_splat_f16() -> tensor<2x3xf16> {
  %x = arith.constant dense<2.5> : tensor<2x3xf16>
  %0 = act.relu %x : tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @relu6_splat_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<2.500000e+00> : tensor<2x3xf16>
// CHECK-NEXT: return %[[C]]
func.func @relu6_splat_f16() -> tensor<2x3xf16> {
  %x = arith.constant dense<2.5> : tensor<2x3xf16>
  %0 = act.clamp %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @elu_splat_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<2.500000e+00> : tensor<2x3xf16>
// CHECK-NEXT: return %[[C]]
func.func @elu_splat_f16() -> tensor<2x3xf16> {
  %x = arith.constant dense<2.5> : tensor<2x3xf16>
  %0 = act.elu %x : tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @gelu_splat_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<2.484380e+00> : tensor<2x3xf16>
// CHECK-NEXT: return %[[C]]
func.func @gelu_splat_f16() -> tensor<2x3xf16> {
  %x = arith.constant dense<2.5> : tensor<2x3xf16>
  %0 = act.gelu %x : tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @mish_splat_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<2.470700e+00> : tensor<2x3xf16>
// CHECK-NEXT: return %[[C]]
func.func @mish_splat_f16() -> tensor<2x3xf16> {
  %x = arith.constant dense<2.5> : tensor<2x3xf16>
  %0 = act.mish %x : tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @tanh_splat_f16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<9.868160e-01> : tensor<2x3xf16>
// CHECK-NEXT: return %[[C]]
func.func @tanh_splat_f16() -> tensor<2x3xf16> {
  %x = arith.constant dense<2.5> : tensor<2x3xf16>
  %0 = act.tanh %x : tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @relu_splat_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<0.000000e+00> : tensor<2x3xbf16>
// CHECK-NEXT: return %[[C]]
func.func @relu_splat_bf16() -> tensor<2x3xbf16> {
  %x = arith.constant dense<-0.75> : tensor<2x3xbf16>
  %0 = act.relu %x : tensor<2x3xbf16>
  return %0 : tensor<2x3xbf16>
}

// CHECK-LABEL: func.func @relu6_splat_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<0.000000e+00> : tensor<2x3xbf16>
// CHECK-NEXT: return %[[C]]
func.func @relu6_splat_bf16() -> tensor<2x3xbf16> {
  %x = arith.constant dense<-0.75> : tensor<2x3xbf16>
  %0 = act.clamp %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<2x3xbf16>
  return %0 : tensor<2x3xbf16>
}

// CHECK-LABEL: func.func @elu_splat_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<-5.273440e-01> : tensor<2x3xbf16>
// CHECK-NEXT: return %[[C]]
func.func @elu_splat_bf16() -> tensor<2x3xbf16> {
  %x = arith.constant dense<-0.75> : tensor<2x3xbf16>
  %0 = act.elu %x : tensor<2x3xbf16>
  return %0 : tensor<2x3xbf16>
}

// CHECK-LABEL: func.func @gelu_splat_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<-1.699220e-01> : tensor<2x3xbf16>
// CHECK-NEXT: return %[[C]]
func.func @gelu_splat_bf16() -> tensor<2x3xbf16> {
  %x = arith.constant dense<-0.75> : tensor<2x3xbf16>
  %0 = act.gelu %x : tensor<2x3xbf16>
  return %0 : tensor<2x3xbf16>
}

// CHECK-LABEL: func.func @mish_splat_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<-2.773440e-01> : tensor<2x3xbf16>
// CHECK-NEXT: return %[[C]]
func.func @mish_splat_bf16() -> tensor<2x3xbf16> {
  %x = arith.constant dense<-0.75> : tensor<2x3xbf16>
  %0 = act.mish %x : tensor<2x3xbf16>
  return %0 : tensor<2x3xbf16>
}

// CHECK-LABEL: func.func @tanh_splat_bf16()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<-6.367190e-01> : tensor<2x3xbf16>
// CHECK-NEXT: return %[[C]]
func.func @tanh_splat_bf16() -> tensor<2x3xbf16> {
  %x = arith.constant dense<-0.75> : tensor<2x3xbf16>
  %0 = act.tanh %x : tensor<2x3xbf16>
  return %0 : tensor<2x3xbf16>
}

// CHECK-LABEL: func.func @relu_splat_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<1.000000e-01> : tensor<2x3xf64>
// CHECK-NEXT: return %[[C]]
func.func @relu_splat_f64() -> tensor<2x3xf64> {
  %x = arith.constant dense<0.1> : tensor<2x3xf64>
  %0 = act.relu %x : tensor<2x3xf64>
  return %0 : tensor<2x3xf64>
}

// CHECK-LABEL: func.func @relu6_splat_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<1.000000e-01> : tensor<2x3xf64>
// CHECK-NEXT: return %[[C]]
func.func @relu6_splat_f64() -> tensor<2x3xf64> {
  %x = arith.constant dense<0.1> : tensor<2x3xf64>
  %0 = act.clamp %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<2x3xf64>
  return %0 : tensor<2x3xf64>
}

// CHECK-LABEL: func.func @elu_splat_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<1.000000e-01> : tensor<2x3xf64>
// CHECK-NEXT: return %[[C]]
func.func @elu_splat_f64() -> tensor<2x3xf64> {
  %x = arith.constant dense<0.1> : tensor<2x3xf64>
  %0 = act.elu %x : tensor<2x3xf64>
  return %0 : tensor<2x3xf64>
}

// CHECK-LABEL: func.func @gelu_splat_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<0.053982783727702{{[0-9]*}}> : tensor<2x3xf64>
// CHECK-NEXT: return %[[C]]
func.func @gelu_splat_f64() -> tensor<2x3xf64> {
  %x = arith.constant dense<0.1> : tensor<2x3xf64>
  %0 = act.gelu %x : tensor<2x3xf64>
  return %0 : tensor<2x3xf64>
}

// CHECK-LABEL: func.func @mish_splat_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<0.063179417491489{{[0-9]*}}> : tensor<2x3xf64>
// CHECK-NEXT: return %[[C]]
func.func @mish_splat_f64() -> tensor<2x3xf64> {
  %x = arith.constant dense<0.1> : tensor<2x3xf64>
  %0 = act.mish %x : tensor<2x3xf64>
  return %0 : tensor<2x3xf64>
}

// CHECK-LABEL: func.func @tanh_splat_f64()
// CHECK-NEXT: %[[C:.+]] = arith.constant dense<0.099667994624955{{[0-9]*}}> : tensor<2x3xf64>
// CHECK-NEXT: return %[[C]]
func.func @tanh_splat_f64() -> tensor<2x3xf64> {
  %x = arith.constant dense<0.1> : tensor<2x3xf64>
  %0 = act.tanh %x : tensor<2x3xf64>
  return %0 : tensor<2x3xf64>
}

