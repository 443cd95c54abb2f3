// Verifier errors of act.fused, act.quantize and act.statistics.
// RUN: relu-opt %s --split-input-file --verify-diagnostics

func.func @arg_types(%x: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{region arguments must have the operands' types}}
  %y = act.fused %x : (tensor<?xf32>) -> tensor<?xf32> {
  ^bb0(%a: tensor<?xf16>):
    %r = act.relu %a : tensor<?xf16>
    act.fused_yield %r : tensor<?xf16>
  }
  return %y : tensor<?xf32>
}

// -----

func.func @yield_types(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = act.fused %x : (tensor<?xf32>) -> tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.relu %a : tensor<?xf32>
    %t = arith.truncf %r : tensor<?xf32> to tensor<?xbf16>
    // expected-error @+1 {{must yield the types of the group's results}}
    act.fused_yield %t : tensor<?xbf16>
  }
  return %y : tensor<?xf32>
}

// -----

func.func @no_activation(%x: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{group must contain an act op}}
  %y = act.fused %x : (tensor<?xf32>) -> tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = arith.addf %a, %a : tensor<?xf32>
    act.fused_yield %r : tensor<?xf32>
  }
  return %y : tensor<?xf32>
}

// -----

func.func @foreign_op(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = act.fused %x : (tensor<?xf32>) -> tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    // expected-error @+1 {{cannot be part of an act.fused group}}
    %c = func.call @f(%a) : (tensor<?xf32>) -> tensor<?xf32>
    %r = act.relu %c : tensor<?xf32>
    act.fused_yield %r : tensor<?xf32>
  }
  return %y : tensor<?xf32>
}
func.func private @f(tensor<?xf32>) -> tensor<?xf32>

// -----

func.func @range(%x: tensor<?xf32>) -> tensor<?xi8> {
  // expected-error @+1 {{[qmin, qmax] must be an ordered range within [-128, 127] (int8) or [0, 255] (uint8), not [-1, 255]}}
  %q = act.quantize %x {scale = 1.0 : f64, qmin = -1 : i64, qmax = 255 : i64} : tensor<?xf32> -> tensor<?xi8>
  return %q : tensor<?xi8>
}

// -----

func.func @scale(%x: tensor<?xf32>) -> tensor<?xi8> {
  // expected-error @+1 {{scale must be positive and finite}}
  %q = act.quantize %x {scale = 0.0 : f64} : tensor<?xf32> -> tensor<?xi8>
  return %q : tensor<?xi8>
}

// -----

func.func @zero_point(%x: tensor<?xf32>) -> tensor<?xi8> {
  // expected-error @+1 {{zero_point must lie in [qmin, qmax]}}
  %q = act.quantize %x {scale = 1.0 : f64, zero_point = 200 : i64} : tensor<?xf32> -> tensor<?xi8>
  return %q : tensor<?xi8>
}

// -----

func.func @shape(%x: tensor<4xf32>) -> tensor<5xi8> {
  // expected-error @+1 {{all non-scalar operands/results must have the same shape}}
  %q = act.quantize %x {scale = 1.0 : f64} : tensor<4xf32> -> tensor<5xi8>
  return %q : tensor<5xi8>
}

// -----

func.func @stats_dim(%x: tensor<?x?xf32>) -> tensor<?xi64> {
  // expected-error @+1 {{channel_dim 2 is not a dimension of the input}}
  %z, %tz, %m, %tm = act.statistics %x {channel_dim = 2 : i64} : tensor<?x?xf32> -> tensor<?xi64>, tensor<1xi64>, tensor<?xf32>, tensor<1xf32>
  return %z : tensor<?xi64>
}

// -----

func.func @stats_channels(%x: tensor<?x4xf32>) -> tensor<?xi64> {
  // expected-error @+1 {{zeros must be 1-D of size channels}}
  %z, %tz, %m, %tm = act.statistics %x {channel_dim = 1 : i64} : tensor<?x4xf32> -> tensor<5xi64>, tensor<1xi64>, tensor<4xf32>, tensor<1xf32>
  return %tz : tensor<1xi64>
}

// -----

func.func @stats_max_type(%x: tensor<?x4xbf16>) -> tensor<1xi64> {
  // expected-error @+1 {{max_abs must have element type 'bf16'}}
  %z, %tz, %m, %tm = act.statistics %x {channel_dim = 1 : i64} : tensor<?x4xbf16> -> tensor<4xi64>, tensor<1xi64>, tensor<4xf32>, tensor<1xbf16>
  return %tz : tensor<1xi64>
}

// -----

func.func @stats_total(%x: tensor<?x4xf32>) -> tensor<?xi64> {
  // expected-error @+1 {{totals must have the static size 1}}
  %z, %tz, %m, %tm = act.statistics %x {channel_dim = 1 : i64} : tensor<?x4xf32> -> tensor<4xi64>, tensor<?xi64>, tensor<4xf32>, tensor<1xf32>
  return %tz : tensor<?xi64>
}
