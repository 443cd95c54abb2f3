// Backward variants: from the output y (a preimage x~ of y is differentiated
// and simplified; the forward result f(x~) is y) and from a 1-bit mask that
// act.forward_with_mask writes beside y.
// RUN: relu-opt %s --act-derive-gradients --split-input-file | FileCheck %s

// relu from y: y itself is a preimage; dy where !(y <= 0) (PyTorch's
// threshold_backward(grad, result, 0)).
// CHECK-LABEL: func.func @relu_output
// CHECK: ^bb0(%[[DY:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[C:.*]] = arith.cmpf ugt, %[[Y]], %[[ZERO:.*]] : f32
// CHECK: %[[DX:.*]] = arith.select %[[C]], %[[DY]], %[[ZERO]] : f32
// CHECK: linalg.yield %[[DX]] : f32
func.func @relu_output(%dy: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, output %y : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.relu %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// leaky_relu from y: the preimage y > 0 ? y : y / s compares like y.
// CHECK-LABEL: func.func @leaky_relu_output
// CHECK: ^bb0(%[[DY:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[C:.*]] = arith.cmpf ogt, %[[Y]], %{{.*}} : f32
// CHECK: %[[S:.*]] = arith.mulf %[[DY]], %{{.*}} : f32
// CHECK: %[[DX:.*]] = arith.select %[[C]], %[[DY]], %[[S]] : f32
// CHECK-NOT: arith.divf
// CHECK: linalg.yield %[[DX]] : f32
func.func @leaky_relu_output(%dy: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, output %y : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.leaky_relu %a {negative_slope = 0.2 : f64} : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// elu from y: x~ = y > 0 ? y : log1p(max(y / alpha, -1)); exp(log1p(u))
// cancels and x~ <= 0 becomes y <= 0, so no transcendental remains:
// dy * min(max(y / alpha, -1) + 1, 1) * alpha (PyTorch: dy * (y + alpha));
// the min is exp(min(0, x~)) of the definition's expm1(min(0, x)).
// CHECK-LABEL: func.func @elu_output
// CHECK: ^bb0(%[[DY:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK-NOT: math.
// CHECK: %[[U:.*]] = arith.divf %[[Y]], %[[ALPHA:.*]] : f32
// CHECK: %[[M:.*]] = arith.maximumf %[[U]], %{{.*}} : f32
// CHECK: %[[NEG:.*]] = arith.cmpf ole, %[[Y]], %{{.*}} : f32
// CHECK: %[[M1:.*]] = arith.addf %[[M]], %{{.*}} : f32
// CHECK: %[[M2:.*]] = arith.minimumf %[[M1]], %{{.*}} : f32
// CHECK: %[[T:.*]] = arith.mulf %[[DY]], %[[M2]] : f32
// CHECK: %[[T2:.*]] = arith.mulf %[[T]], %[[ALPHA]] : f32
// CHECK: %[[DX:.*]] = arith.select %[[NEG]], %[[T2]], %[[DY]] : f32
// CHECK-NOT: math.
// CHECK: linalg.yield %[[DX]] : f32
func.func @elu_output(%dy: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, output %y : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.elu %a {alpha = 1.5 : f64} : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// selu and celu (scaled inputs and outputs) simplify the same way.
// CHECK-LABEL: func.func @selu_celu_output
// CHECK: linalg.generic
// CHECK-NOT: math.
// CHECK: arith.cmpf ole
// CHECK-NOT: math.
// CHECK: linalg.yield
// CHECK: linalg.generic
// CHECK-NOT: math.
// CHECK: arith.cmpf ole
// CHECK-NOT: math.
// CHECK: linalg.yield
func.func @selu_celu_output(%dy: tensor<?xf32>, %y: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>) {
  %dx = act.grad %dy, output %y : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.selu %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  %dx2 = act.grad %dy, output %y : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.celu %a {alpha = 0.5 : f64} : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx, %dx2 : tensor<?xf32>, tensor<?xf32>
}

// -----

// tanh from y: the derivative (1 - t^2) uses the forward result t, which is
// y: dy * (1 - y^2). The preimage atanh(y) is dead.
// CHECK-LABEL: func.func @tanh_output
// CHECK: ^bb0(%[[DY:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK-NOT: math.
// CHECK: %[[Y2:.*]] = arith.mulf %[[Y]], %[[Y]] : f32
// CHECK: %[[D:.*]] = arith.subf %{{.*}}, %[[Y2]] : f32
// CHECK: %[[DX:.*]] = arith.mulf %[[DY]], %[[D]] : f32
// CHECK-NEXT: linalg.yield %[[DX]] : f32
func.func @tanh_output(%dy: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, output %y : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.tanh %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// sigmoid from y: x~ = log(q), q = y / (1 - y); exp(-|x~|) becomes
// min(q, 1 / q) and x~ >= 0 becomes q >= 1: no transcendental remains.
// CHECK-LABEL: func.func @sigmoid_output
// CHECK: ^bb0(%[[DY:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK-NOT: math.
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[OMY:.*]] = arith.subf %[[ONE]], %[[Y]] : f32
// CHECK: %[[Q:.*]] = arith.divf %[[Y]], %[[OMY]] : f32
// CHECK: %[[POS:.*]] = arith.cmpf oge, %[[Q]], %[[ONE]] : f32
// CHECK: %[[RQ:.*]] = arith.divf %[[ONE]], %[[Q]] : f32
// CHECK: %[[E:.*]] = arith.minimumf %[[Q]], %[[RQ]] : f32
// CHECK-NOT: math.
// CHECK: arith.select %[[POS]]
// CHECK-NEXT: linalg.yield
func.func @sigmoid_output(%dy: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, output %y : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.sigmoid %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// The mask forward: y and the bits of one flat vector loop over whole
// vectors (in-bounds accesses), then one masked tail iteration; the bit is
// relu's derivative select with its leaves dy -> 1, 0 -> 0, lanes past the
// end cleared in the tail, packed by vector.bitcast.
// CHECK-LABEL: func.func @relu_forward_mask
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0, 1]] : tensor<4x?xf32> into tensor<?xf32>
// CHECK: %[[N:.*]] = tensor.dim %[[FLAT]]
// CHECK: %[[BYTES:.*]] = arith.divui
// CHECK: tensor.empty(%[[BYTES]]) : tensor<?xi8>
// CHECK: %[[REM:.*]] = arith.remui %[[N]], %c16
// CHECK: %[[FULL:.*]] = arith.subi %[[N]], %[[REM]]
// CHECK: %[[MAIN:.*]]:2 = scf.for %[[I:.*]] = %{{.*}} to %[[FULL]] step %c16
// CHECK: %[[X:.*]] = vector.transfer_read %[[FLAT]][%[[I]]], %{{.*}} {in_bounds = [true]}
// CHECK: arith.maximumf %[[X]]
// CHECK: %[[BIT:.*]] = arith.cmpf ugt, %[[X]], %{{.*}} : vector<16xf32>
// CHECK-NEXT: %[[PACKED:.*]] = vector.bitcast %[[BIT]] : vector<16xi1> to vector<2xi8>
// CHECK: %[[J:.*]] = arith.divui %[[I]], %c8
// CHECK: vector.transfer_write %{{.*}}[%[[I]]] {in_bounds = [true]} : vector<16xf32>, tensor<?xf32>
// CHECK: vector.transfer_write %[[PACKED]], %{{.*}}[%[[J]]] {in_bounds = [true]} : vector<2xi8>, tensor<?xi8>
// CHECK: scf.for %[[T:.*]] = %[[FULL]] to %[[N]] step %c16 iter_args(%{{.*}} = %[[MAIN]]#0, %{{.*}} = %[[MAIN]]#1)
// CHECK: %[[XT:.*]] = vector.transfer_read %[[FLAT]][%[[T]]], %{{.*}} : tensor<?xf32>, vector<16xf32>
// CHECK: %[[BITT:.*]] = arith.cmpf ugt, %[[XT]]
// CHECK: %[[LIVE:.*]] = vector.create_mask
// CHECK: %[[BITS:.*]] = arith.andi %[[BITT]], %[[LIVE]] : vector<16xi1>
// CHECK: vector.bitcast %[[BITS]] : vector<16xi1> to vector<2xi8>
// CHECK: tensor.expand_shape
func.func @relu_forward_mask(%x: tensor<4x?xf32>) -> (tensor<4x?xf32>, tensor<?xi8>) {
  %y, %m = act.forward_with_mask %x : tensor<4x?xf32> -> tensor<?xi8> {
  ^bb0(%a: tensor<4x?xf32>):
    %r = act.relu %a : tensor<4x?xf32>
    act.yield %r : tensor<4x?xf32>
  }
  return %y, %m : tensor<4x?xf32>, tensor<?xi8>
}

// -----

// The mask backward reads dy and 2 bytes per 16 elements: dy or dy * s
// (whole vectors, then a masked tail as above).
// CHECK-LABEL: func.func @leaky_relu_mask
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %c16
// CHECK: %[[DY:.*]] = vector.transfer_read %{{.*}}[%[[I]]], %{{.*}} {in_bounds = [true]} : tensor<?xbf16>, vector<16xbf16>
// CHECK: %[[J:.*]] = arith.divui %[[I]], %c8
// CHECK: %[[BYTES:.*]] = vector.transfer_read %{{.*}}[%[[J]]], %{{.*}} {in_bounds = [true]} : tensor<?xi8>, vector<2xi8>
// CHECK: %[[BITS:.*]] = vector.bitcast %[[BYTES]] : vector<2xi8> to vector<16xi1>
// CHECK: %[[DYF:.*]] = arith.extf %[[DY]] : vector<16xbf16> to vector<16xf32>
// CHECK: %[[S:.*]] = arith.mulf %[[DYF]], %{{.*}} : vector<16xf32>
// CHECK: %[[DX:.*]] = arith.select %[[BITS]], %[[DYF]], %[[S]] : vector<16xi1>, vector<16xf32>
// CHECK: arith.truncf %[[DX]] : vector<16xf32> to vector<16xbf16>
func.func @leaky_relu_mask(%dy: tensor<?xbf16>, %m: tensor<?xi8>) -> tensor<?xbf16> {
  %dx = act.grad %dy, mask %m : tensor<?xbf16>, tensor<?xi8> {
  ^bb0(%a: tensor<?xbf16>):
    %r = act.leaky_relu %a {negative_slope = 0.1 : f64} : tensor<?xbf16>
    act.yield %r : tensor<?xbf16>
  }
  return %dx : tensor<?xbf16>
}

// -----

// clamp (relu6): three pieces, two derivative values: the bit combines both
// comparisons.
// CHECK-LABEL: func.func @relu6_forward_mask
// CHECK: %[[IN:.*]] = arith.cmpf ult, %{{.*}}, %{{.*}} : vector<16xf32>
// CHECK: %[[ABOVE:.*]] = arith.cmpf ugt, %{{.*}}, %{{.*}} : vector<16xf32>
// CHECK: arith.select %[[IN]], %[[ABOVE]], %{{.*}} : vector<16xi1>, vector<16xi1>
// CHECK: vector.bitcast
func.func @relu6_forward_mask(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xi8>) {
  %y, %m = act.forward_with_mask %x : tensor<?xf32> -> tensor<?xi8> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.clamp %a {min = 0.0 : f64, max = 6.0 : f64} : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %y, %m : tensor<?xf32>, tensor<?xi8>
}
