// Verifier errors of act.fused and act.quantize.
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
