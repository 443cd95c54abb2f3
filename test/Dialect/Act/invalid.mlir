// Every verifier error of the act dialect.
// RUN: relu-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// Operand and result types.
//===----------------------------------------------------------------------===//

func.func @non_float_element(%x: tensor<4xi32>) {
  // expected-error @+1 {{'act.relu' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xi32>'}}
  %0 = act.relu %x : tensor<4xi32>
  return
}

// -----

func.func @non_float_element_f8(%x: tensor<4xf8E4M3FN>) {
  // expected-error @+1 {{'act.gelu' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xf8E4M3FN>'}}
  %0 = act.gelu %x : tensor<4xf8E4M3FN>
  return
}

// -----

func.func @unranked(%x: tensor<*xf32>) {
  // expected-error @+1 {{'act.sigmoid' op operand #0 must be ranked tensor of}}
  %0 = "act.sigmoid"(%x) : (tensor<*xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @not_a_tensor(%x: vector<4xf32>) {
  // expected-error @+1 {{'act.tanh' op operand #0 must be ranked tensor of}}
  %0 = "act.tanh"(%x) : (vector<4xf32>) -> vector<4xf32>
  return
}

// -----

func.func @shape_mismatch(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.relu' op all non-scalar operands/results must have the same shape and base type}}
  %0 = "act.relu"(%x) : (tensor<4xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @rank_mismatch(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.elu' op failed to verify that all of {input, result} have same type}}
  %0 = "act.elu"(%x) : (tensor<4xf32>) -> tensor<4x1xf32>
  return
}

// -----

func.func @element_type_mismatch(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.mish' op requires the same type for all operands and results}}
  %0 = "act.mish"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @static_to_dynamic(%x: tensor<4xf32>) {
  // expected-error @+2 {{'act.silu' op inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<?xf32>'}}
  // expected-error @+1 {{'act.silu' op failed to infer returned types}}
  %0 = "act.silu"(%x) : (tensor<4xf32>) -> tensor<?xf32>
  return
}

// -----

func.func @unranked_result(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.softplus' op result #0 must be ranked tensor of}}
  %0 = "act.softplus"(%x) : (tensor<4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @prelu_result_mismatch(%x: tensor<4x3xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{'act.prelu' op failed to verify that all of {input, result} have same type}}
  %0 = "act.prelu"(%x, %s) : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xf16>
  return
}

// -----

func.func @prelu_slope_element_type(%x: tensor<4x3xf32>, %s: tensor<3xbf16>) {
  // expected-error @+1 {{'act.prelu' op failed to verify that all of {input, slope} have same element type}}
  %0 = act.prelu %x, %s : tensor<4x3xf32>, tensor<3xbf16>
  return
}

// -----

func.func @prelu_unranked_slope(%x: tensor<4x3xf32>, %s: tensor<*xf32>) {
  // expected-error @+1 {{'act.prelu' op operand #1 must be ranked tensor of}}
  %0 = "act.prelu"(%x, %s) : (tensor<4x3xf32>, tensor<*xf32>) -> tensor<4x3xf32>
  return
}

//===----------------------------------------------------------------------===//
// prelu slope and channel_dim.
//===----------------------------------------------------------------------===//

// -----

func.func @prelu_slope_rank_2(%x: tensor<4x3xf32>, %s: tensor<1x3xf32>) {
  // expected-error @+1 {{'act.prelu' op slope must be a 1-D tensor, got rank 2}}
  %0 = act.prelu %x, %s : tensor<4x3xf32>, tensor<1x3xf32>
  return
}

// -----

func.func @prelu_slope_rank_0(%x: tensor<4x3xf32>, %s: tensor<f32>) {
  // expected-error @+1 {{'act.prelu' op slope must be a 1-D tensor, got rank 0}}
  %0 = act.prelu %x, %s : tensor<4x3xf32>, tensor<f32>
  return
}

// -----

func.func @prelu_slope_size(%x: tensor<4x3xf32>, %s: tensor<4xf32>) {
  // expected-error @+1 {{'act.prelu' op slope size 4 must be 1 or the size of input dimension 1 (3)}}
  %0 = act.prelu %x, %s : tensor<4x3xf32>, tensor<4xf32>
  return
}

// -----

func.func @prelu_slope_size_channel_dim(%x: tensor<2x5x7xf16>, %s: tensor<5xf16>) {
  // expected-error @+1 {{'act.prelu' op slope size 5 must be 1 or the size of input dimension 2 (7)}}
  %0 = act.prelu %x, %s {channel_dim = 2 : i64} : tensor<2x5x7xf16>, tensor<5xf16>
  return
}

// -----

func.func @prelu_slope_size_zero(%x: tensor<4x3xf32>, %s: tensor<0xf32>) {
  // expected-error @+1 {{'act.prelu' op slope size 0 must be 1 or the size of input dimension 1 (3)}}
  %0 = act.prelu %x, %s : tensor<4x3xf32>, tensor<0xf32>
  return
}

// -----

func.func @prelu_channel_dim_negative(%x: tensor<4x3xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{'act.prelu' op channel_dim -1 is out of range for an input of rank 2}}
  %0 = act.prelu %x, %s {channel_dim = -1 : i64} : tensor<4x3xf32>, tensor<3xf32>
  return
}

// -----

func.func @prelu_channel_dim_too_big(%x: tensor<4x3xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{'act.prelu' op channel_dim 2 is out of range for an input of rank 2}}
  %0 = act.prelu %x, %s {channel_dim = 2 : i64} : tensor<4x3xf32>, tensor<3xf32>
  return
}

// -----

func.func @prelu_rank_0_slope_size(%x: tensor<f32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{'act.prelu' op slope of a rank-0 input must have size 1}}
  %0 = act.prelu %x, %s : tensor<f32>, tensor<3xf32>
  return
}

// -----

func.func @prelu_rank_0_dynamic_slope(%x: tensor<f64>, %s: tensor<?xf64>) {
  // expected-error @+1 {{'act.prelu' op slope of a rank-0 input must have size 1}}
  %0 = act.prelu %x, %s : tensor<f64>, tensor<?xf64>
  return
}

//===----------------------------------------------------------------------===//
// Attributes.
//===----------------------------------------------------------------------===//

// -----

func.func @clamp_min_above_max(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.clamp' op min (2.000000e+00) must not exceed max (1.000000e+00)}}
  %0 = act.clamp %x {min = 2.0 : f64, max = 1.0 : f64} : tensor<4xf32>
  return
}

// -----

// The default max is 1.
func.func @clamp_min_above_default_max(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.clamp' op min (6.000000e+00) must not exceed max (1.000000e+00)}}
  %0 = act.clamp %x {min = 6.0 : f64} : tensor<4xf32>
  return
}

// -----

func.func @clamp_infinite_bounds_reversed(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.clamp' op min (INF) must not exceed max (-INF)}}
  %0 = act.clamp %x {min = 0x7FF0000000000000 : f64, max = 0xFFF0000000000000 : f64} : tensor<4xf32>
  return
}

// -----

func.func @clamp_nan_min(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.clamp' op min must not be NaN}}
  %0 = act.clamp %x {min = 0x7FF8000000000000 : f64} : tensor<4xf32>
  return
}

// -----

func.func @clamp_nan_max(%x: tensor<4xf16>) {
  // expected-error @+1 {{'act.clamp' op max must not be NaN}}
  %0 = act.clamp %x {min = 0.0 : f64, max = 0xFFF8000000000001 : f64} : tensor<4xf16>
  return
}

// -----

func.func @softplus_beta_zero(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.softplus' op beta must not be 0}}
  %0 = act.softplus %x {beta = 0.0 : f64} : tensor<4xf32>
  return
}

// -----

func.func @softplus_beta_negative_zero(%x: tensor<4xbf16>) {
  // expected-error @+1 {{'act.softplus' op beta must not be 0}}
  %0 = act.softplus %x {beta = -0.0 : f64, threshold = 5.0 : f64} : tensor<4xbf16>
  return
}

// -----

func.func @celu_alpha_zero(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.celu' op alpha must not be 0}}
  %0 = act.celu %x {alpha = 0.0 : f64} : tensor<4xf32>
  return
}

// -----

func.func @gelu_unknown_approximation(%x: tensor<4xf32>) {
  // expected-error @+2 {{expected ::relu::act::GeluApproximation to be one of: none, tanh}}
  // expected-error @+1 {{failed to parse Act_GeluApproximationAttr parameter 'value'}}
  %0 = act.gelu %x {approximate = #act.approximate<sigmoid>} : tensor<4xf32>
  return
}

// -----

func.func @leaky_relu_slope_not_f64(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.leaky_relu' op attribute 'negative_slope' failed to satisfy constraint: 64-bit float attribute}}
  %0 = act.leaky_relu %x {negative_slope = 0.5 : f32} : tensor<4xf32>
  return
}

// -----

func.func @threshold_missing_value(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.threshold' op requires parameter 'value' (an attribute or a dynamic operand)}}
  %0 = act.threshold %x {threshold = 1.0 : f64} : tensor<4xf32>
  return
}

//===----------------------------------------------------------------------===//
// act.custom bodies and act.yield.
//===----------------------------------------------------------------------===//

// -----

func.func @custom_two_args(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.custom' op body must take exactly one scalar of the compute type 'f32'}}
  %0 = act.custom %x : tensor<4xf32> {
  ^bb0(%v: f32, %w: f32):
    act.yield %v : f32
  }
  return
}

// -----

func.func @custom_no_arg(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.custom' op body must take exactly one scalar of the compute type 'f32'}}
  %0 = act.custom %x : tensor<4xf32> {
    %c = arith.constant 1.0 : f32
    act.yield %c : f32
  }
  return
}

// -----

// f16 tensors compute in f32: the body must take f32, not f16.
func.func @custom_f16_arg(%x: tensor<4xf16>) {
  // expected-error @+1 {{'act.custom' op body must take exactly one scalar of the compute type 'f32'}}
  %0 = act.custom %x : tensor<4xf16> {
  ^bb0(%v: f16):
    act.yield %v : f16
  }
  return
}

// -----

func.func @custom_f64_arg_f32(%x: tensor<4xf64>) {
  // expected-error @+1 {{'act.custom' op body must take exactly one scalar of the compute type 'f64'}}
  %0 = act.custom %x : tensor<4xf64> {
  ^bb0(%v: f32):
    act.yield %v : f32
  }
  return
}

// -----

func.func @custom_vector_arg(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.custom' op body must take exactly one scalar of the compute type 'f32'}}
  %0 = act.custom %x : tensor<4xf32> {
  ^bb0(%v: vector<4xf32>):
    %e = vector.extract %v[0] : f32 from vector<4xf32>
    act.yield %e : f32
  }
  return
}

// -----

func.func @custom_yield_f64(%x: tensor<4xf32>) {
  %0 = act.custom %x : tensor<4xf32> {
  ^bb0(%v: f32):
    %d = arith.extf %v : f32 to f64
    // expected-error @+1 {{'act.yield' op must yield one scalar of the compute type 'f32'}}
    act.yield %d : f64
  }
  return
}

// -----

func.func @custom_yield_i1(%x: tensor<4xbf16>) {
  %0 = act.custom %x : tensor<4xbf16> {
  ^bb0(%v: f32):
    %c = arith.cmpf ogt, %v, %v : f32
    // expected-error @+1 {{'act.yield' op must yield one scalar of the compute type 'f32'}}
    act.yield %c : i1
  }
  return
}

// -----

func.func @custom_memref_load(%x: tensor<4xf32>) {
  %0 = act.custom %x : tensor<4xf32> {
  ^bb0(%v: f32):
    %i = arith.constant 0 : index
    %m = memref.alloca() : memref<1xf32>
    // expected-error @-1 {{'memref.alloca' op is not allowed in an act.custom body: only pure arith and math ops are}}
    %l = memref.load %m[%i] : memref<1xf32>
    act.yield %l : f32
  }
  return
}

// -----

func.func private @g(f32) -> f32

func.func @custom_func_call(%x: tensor<4xf32>) {
  %0 = act.custom %x : tensor<4xf32> {
  ^bb0(%v: f32):
    // expected-error @+1 {{'func.call' op is not allowed in an act.custom body: only pure arith and math ops are}}
    %r = func.call @g(%v) : (f32) -> f32
    act.yield %r : f32
  }
  return
}

// -----

// arith.divsi may trap (division by zero): it is not pure.
func.func @custom_impure_arith(%x: tensor<4xf32>) {
  %0 = act.custom %x : tensor<4xf32> {
  ^bb0(%v: f32):
    %i = arith.fptosi %v : f32 to i32
    // expected-error @+1 {{'arith.divsi' op is not allowed in an act.custom body: only pure arith and math ops are}}
    %d = arith.divsi %i, %i : i32
    %f = arith.sitofp %d : i32 to f32
    act.yield %f : f32
  }
  return
}

// -----

func.func @custom_op_with_region(%x: tensor<4xf32>) {
  %0 = act.custom %x : tensor<4xf32> {
  ^bb0(%v: f32):
    // expected-error @+1 {{'scf.execute_region' op is not allowed in an act.custom body: only pure arith and math ops are}}
    %r = scf.execute_region -> f32 {
      scf.yield %v : f32
    }
    act.yield %r : f32
  }
  return
}

// -----

func.func @custom_vector_constant(%x: tensor<4xf32>) {
  %0 = act.custom %x : tensor<4xf32> {
  ^bb0(%v: f32):
    // expected-error @+1 {{'arith.constant' op must operate on scalars in an act.custom body}}
    %s = arith.constant dense<1.0> : vector<4xf32>
    act.yield %v : f32
  }
  return
}

// -----

// The body is isolated from above.
func.func @custom_uses_value_from_above(%x: tensor<4xf32>) {
  %c = arith.constant 1.0 : f32
  // expected-note @+1 {{required by region isolation constraints}}
  %0 = act.custom %x : tensor<4xf32> {
  ^bb0(%v: f32):
    // expected-error @+1 {{'arith.addf' op using value defined outside the region}}
    %r = arith.addf %v, %c : f32
    act.yield %r : f32
  }
  return
}

// -----

func.func @custom_missing_yield(%x: tensor<4xf32>) {
  %0 = act.custom %x : tensor<4xf32> {
  ^bb0(%v: f32):
    // expected-error @+1 {{block with no terminator}}
    %r = arith.addf %v, %v : f32
  }
  return
}

// -----

// A terminator other than act.yield.
func.func @custom_other_terminator(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.custom' op body must end in act.yield}}
  %0 = act.custom %x : tensor<4xf32> {
  ^bb0(%v: f32):
    llvm.unreachable
  }
  return
}

// -----

func.func @custom_empty_region(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.custom' op region #0 ('body') failed to verify constraint: region with 1 blocks}}
  %0 = "act.custom"(%x) ({}) : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @custom_two_blocks(%x: tensor<4xf32>) {
  // expected-error @+1 {{'act.custom' op expects region #0 to have 0 or 1 blocks}}
  %0 = act.custom %x : tensor<4xf32> {
  ^bb0(%v: f32):
    act.yield %v : f32
  ^bb1:
    act.yield %v : f32
  }
  return
}

// -----

func.func @yield_outside_custom(%x: f32) {
  // expected-error @+1 {{'act.yield' op expects parent op to be one of 'act.custom, act.grad, act.forward_with_mask'}}
  act.yield %x : f32
}

// -----

func.func @yield_in_scf(%x: f32, %c: i1) {
  scf.if %c {
    // expected-error @+1 {{'act.yield' op expects parent op to be one of 'act.custom, act.grad, act.forward_with_mask'}}
    act.yield %x : f32
  }
  return
}

// -----

func.func @dynamic_unknown_name(%x: tensor<4xf32>, %s: f32) {
  // expected-error @+1 {{'act.leaky_relu' op has no float parameter 'slope' (parameters: negative_slope)}}
  %0 = act.leaky_relu %x slope(%s : f32) : tensor<4xf32>
  return
}

// -----

func.func @dynamic_no_parameters(%x: tensor<4xf32>, %s: f32) {
  // expected-error @+1 {{expected ':'}}
  %0 = act.relu %x alpha(%s : f32) : tensor<4xf32>
  return
}

// -----

func.func @dynamic_twice(%x: tensor<4xf32>, %s: f32) {
  // expected-error @+1 {{'act.clamp' op parameter 'min' is dynamic twice}}
  %0 = act.clamp %x min(%s : f32) min(%s : f32) : tensor<4xf32>
  return
}

// -----

func.func @dynamic_and_attribute(%x: tensor<4xf32>, %s: f32) {
  // expected-error @+1 {{'act.elu' op parameter 'alpha' is given both as an attribute and as an operand}}
  %0 = act.elu %x alpha(%s : f32) {alpha = 2.0 : f64} : tensor<4xf32>
  return
}

// -----

func.func @dynamic_count(%x: tensor<4xf32>, %s: f32) {
  // expected-error @+1 {{'act.swish' op has 2 dynamic operand(s) but 1 name(s) in dynamic_params}}
  %0 = "act.swish"(%x, %s, %s) {dynamic_params = ["beta"]} : (tensor<4xf32>, f32, f32) -> tensor<4xf32>
  return
}

// -----

func.func @dynamic_type(%x: tensor<4xf32>, %s: i32) {
  // expected-error @+1 {{'act.celu' op operand #1 must be variadic of 16-bit float or bfloat16 type or 32-bit float or 64-bit float, but got 'i32'}}
  %0 = act.celu %x alpha(%s : i32) : tensor<4xf32>
  return
}

// -----

func.func @dynamic_tensor(%x: tensor<4xf32>, %s: tensor<f32>) {
  // expected-error @+1 {{'act.celu' op operand #1 must be variadic of}}
  %0 = act.celu %x alpha(%s : tensor<f32>) : tensor<4xf32>
  return
}

// -----

func.func @dynamic_max_static_min_checked(%x: tensor<4xf32>, %s: f32) {
  // The static half of a rule is still checked; the dynamic half at run time.
  // expected-error @+1 {{'act.clamp' op min must not be NaN}}
  %0 = act.clamp %x max(%s : f32) {min = 0x7FF8000000000000 : f64} : tensor<4xf32>
  return
}
