// A gradient that cannot be derived is a located error, never a silent zero.
// RUN: relu-opt %s --act-derive-gradients --split-input-file -verify-diagnostics | FileCheck %s

// An integer round trip makes x piecewise constant through bit-level code: no
// derivative; the error points at the custom body's op.
func.func @custom_integer(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    // expected-note @+1 {{while deriving the gradient of 'act.custom'}}
    %r = act.custom %a : tensor<?xf32> {
    ^bb0(%v: f32):
      %i = arith.fptosi %v : f32 to i32
      // expected-error @+1 {{cannot differentiate 'arith.sitofp': its operand depends on the input through integer or bit-level operations}}
      %f = arith.sitofp %i : i32 to f32
      act.yield %f : f32
    }
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

func.func @custom_bitcast(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    // expected-note @+1 {{while deriving the gradient of 'act.custom'}}
    %r = act.custom %a : tensor<?xf32> {
    ^bb0(%v: f32):
      %i = arith.bitcast %v : f32 to i32
      %c = arith.constant 1 : i32
      %s = arith.shrui %i, %c : i32
      // expected-error @+1 {{cannot differentiate 'arith.bitcast'}}
      %f = arith.bitcast %s : i32 to f32
      act.yield %f : f32
    }
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// An op without a derivative rule.
func.func @custom_no_rule(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    // expected-note @+1 {{while deriving the gradient of 'act.custom'}}
    %r = act.custom %a : tensor<?xf32> {
    ^bb0(%v: f32):
      %n = arith.constant 3 : i32
      // expected-error @+1 {{cannot differentiate 'math.fpowi': no derivative rule for this op}}
      %p = math.fpowi %v, %n : f32, i32
      act.yield %p : f32
    }
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// Rounding and the integer conditions of selects are fine (slope 0 / no
// tangent): floor(x) + (x > 1 ? x : 0).
// CHECK-LABEL: func.func @custom_fine
// CHECK: ^bb0(%[[DY:.*]]: f32, %[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[C:.*]] = arith.cmpf ogt, %[[X]], %{{.*}} : f32
// CHECK: %[[DX:.*]] = arith.select %[[C]], %[[DY]], %{{.*}} : f32
// CHECK-NEXT: linalg.yield %[[DX]] : f32
func.func @custom_fine(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.custom %a : tensor<?xf32> {
    ^bb0(%v: f32):
      %f = math.floor %v : f32
      %one = arith.constant 1.0 : f32
      %z = arith.constant 0.0 : f32
      %c = arith.cmpf ogt, %v, %one : f32
      %s = arith.select %c, %v, %z : f32
      %t = arith.addf %f, %s : f32
      act.yield %t : f32
    }
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// GELU's output does not determine its input (it is not monotone).
func.func @gelu_output(%dy: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'act.gelu' has no output-based gradient (its output does not determine its derivative)}}
  %dx = act.grad %dy, output %y : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.gelu %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// A negative slope folds both pieces onto the positive half-line.
func.func @leaky_negative_output(%dy: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'act.leaky_relu' has no output-based gradient}}
  %dx = act.grad %dy, output %y : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.leaky_relu %a {negative_slope = -0.5 : f64} : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// Under jax, leaky_relu with slope 0 maps x = -0.0 (slope 1) and x < 0
// (slope 0) both to -0.0.
func.func @leaky_zero_output_jax(%dy: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'act.leaky_relu' has no output-based gradient under jax conventions}}
  %dx = act.grad %dy, output %y {conventions = #act.conventions<jax>} : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.leaky_relu %a {negative_slope = 0.0 : f64} : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// hardswish is piecewise quadratic: its derivative depends on x.
func.func @hardswish_mask(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xi8>) {
  // expected-error @+1 {{'act.hardswish' has no mask-based gradient: its derivative is not piecewise constant}}
  %y, %m = act.forward_with_mask %x : tensor<?xf32> -> tensor<?xi8> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.hardswish %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %y, %m : tensor<?xf32>, tensor<?xi8>
}

// -----

// Three slopes (2, 1, 0) do not fit in one bit.
func.func @three_slopes_mask(%dy: tensor<?xf32>, %m: tensor<?xi8>) -> tensor<?xf32> {
  // expected-error @+1 {{'act.custom' has no mask-based gradient: its derivative takes 3 values (a mask bit selects one of two)}}
  %dx = act.grad %dy, mask %m : tensor<?xf32>, tensor<?xi8> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.custom %a : tensor<?xf32> {
    ^bb0(%v: f32):
      %z = arith.constant 0.0 : f32
      %one = arith.constant 1.0 : f32
      %two = arith.constant 2.0 : f32
      %c1 = arith.cmpf ogt, %v, %one : f32
      %c0 = arith.cmpf ogt, %v, %z : f32
      %d = arith.mulf %v, %two : f32
      %e = arith.subf %d, %one : f32
      %lin = arith.select %c0, %v, %z : f32
      %r2 = arith.select %c1, %e, %lin : f32
      act.yield %r2 : f32
    }
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// prelu's d slope needs x, so a prelu backward has no use for a mask.
func.func @prelu_mask(%x: tensor<?x3xf32>, %s: tensor<3xf32>) -> (tensor<?x3xf32>, tensor<?xi8>) {
  // expected-error @+1 {{'act.forward_with_mask' op the mask variant needs an activation without further tensor operands}}
  %y, %m = act.forward_with_mask %x, %s : tensor<?x3xf32>, tensor<3xf32> -> tensor<?xi8> {
  ^bb0(%a: tensor<?x3xf32>, %b: tensor<3xf32>):
    %r = act.prelu %a, %b : tensor<?x3xf32>, tensor<3xf32>
    act.yield %r : tensor<?x3xf32>
  }
  return %y, %m : tensor<?x3xf32>, tensor<?xi8>
}
