// conventions = jax: the same derivation of the jax forms of the definitions
// and jax's rule for maximumf/minimumf (NaN to the second operand), so that
// kinks and NaN follow jax.grad of jax.nn.
// RUN: relu-opt %s --act-derive-gradients --split-input-file | FileCheck %s

// relu: jax's custom jvp, x > 0 ? g : 0 (NaN gives 0).
// CHECK-LABEL: func.func @relu
// CHECK: ^bb0(%[[DY:.*]]: f32, %[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[C:.*]] = arith.cmpf ogt, %[[X]], %[[ZERO:.*]] : f32
// CHECK: arith.select %[[C]], %[[DY]], %[[ZERO]] : f32
func.func @relu(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x {conventions = #act.conventions<jax>} : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.relu %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// leaky_relu: jnp.where(x >= 0, x, s * x): slope 1 at 0.
// CHECK-LABEL: func.func @leaky_relu
// CHECK: ^bb0(%[[DY:.*]]: f32, %[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[C:.*]] = arith.cmpf oge, %[[X]], %{{.*}} : f32
// CHECK: %[[S:.*]] = arith.mulf %[[DY]], %{{.*}} : f32
// CHECK: arith.select %[[C]], %[[DY]], %[[S]] : f32
func.func @leaky_relu(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x {conventions = #act.conventions<jax>} : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.leaky_relu %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// hard_tanh: where(x > 1, 1, where(x < -1, -1, x)): slope 1 at +-1 and NaN.
// CHECK-LABEL: func.func @hard_tanh
// CHECK: ^bb0(%[[DY:.*]]: f32, %[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ABOVE:.*]] = arith.cmpf ogt, %[[X]], %{{.*}} : f32
// CHECK: %[[BELOW:.*]] = arith.cmpf olt, %[[X]], %{{.*}} : f32
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[IN:.*]] = arith.select %[[BELOW]], %[[ZERO]], %[[DY]] : f32
// CHECK: arith.select %[[ABOVE]], %[[ZERO]], %[[IN]] : f32
func.func @hard_tanh(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x {conventions = #act.conventions<jax>} : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.clamp %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// relu6 keeps minimum(maximum(x, 0), 6); jax's rule sends NaN to the second
// operands (the bounds): ordered comparisons.
// CHECK-LABEL: func.func @relu6
// CHECK-DAG: arith.cmpf ogt
// CHECK-DAG: arith.cmpf olt
// CHECK-NOT: arith.cmpf u
func.func @relu6(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x {conventions = #act.conventions<jax>} : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.clamp %a {min = 0.0 : f64, max = 6.0 : f64} : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// softplus: jax.nn.softplus = logaddexp(x, 0), no threshold: the slope is
// sigmoid(x) on both sides (1 - e^-x / (1 + e^-x) from +-0 up).
// CHECK-LABEL: func.func @softplus
// CHECK-NOT: 2.000000e+01
// CHECK: %[[POS:.*]] = arith.cmpf oge
// CHECK: arith.select %[[POS]]
// CHECK-NOT: 2.000000e+01
func.func @softplus(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x {conventions = #act.conventions<jax>} : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.softplus %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// hard_swish: x * relu6(x + 3) / 6 by the product rule (0 at -3, 1 at 3).
// CHECK-LABEL: func.func @hardswish
// CHECK-DAG: arith.maximumf
// CHECK-DAG: arith.minimumf
// CHECK-DAG: arith.cmpf ogt
// CHECK-DAG: arith.cmpf olt
// CHECK: %[[DX:.*]] = arith.addf
// CHECK-NEXT: linalg.yield %[[DX]]
func.func @hardswish(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x {conventions = #act.conventions<jax>} : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.hardswish %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// elu: jnp.where(x > 0, x, ...): NaN takes the exponential piece (NaN slope).
// CHECK-LABEL: func.func @elu
// CHECK: ^bb0(%[[DY:.*]]: f32, %[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[POS:.*]] = arith.cmpf ogt, %[[X]], %{{.*}} : f32
// CHECK: arith.select %[[POS]], %[[DY]], %{{.*}} : f32
func.func @elu(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x {conventions = #act.conventions<jax>} : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.elu %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// The mask bit follows the conventions too: jax's relu bit is x > 0.
// CHECK-LABEL: func.func @relu_mask
// CHECK: arith.cmpf ogt, %{{.*}}, %{{.*}} : vector<16xf32>
// CHECK: vector.bitcast
func.func @relu_mask(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xi8>) {
  %y, %m = act.forward_with_mask %x {conventions = #act.conventions<jax>} : tensor<?xf32> -> tensor<?xi8> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.relu %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %y, %m : tensor<?xf32>, tensor<?xi8>
}
