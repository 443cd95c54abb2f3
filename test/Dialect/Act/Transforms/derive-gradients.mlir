// The act-derive-gradients pass: backward kernels are the chain rule applied
// to each forward op's buildScalar, simplified. dx = dy * f'(x) is computed
// in forward mode with the seed dy, so inactive branches are exact zeros.
// RUN: relu-opt %s --act-derive-gradients --split-input-file | FileCheck %s

// relu: maximum(x, 0) with the pytorch rule for maximumf (ties to the second
// operand, NaN to the first): dy where !(x <= 0), else 0 = threshold_backward.
// CHECK-LABEL: func.func @relu
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel"]
// CHECK: ^bb0(%[[DY:.*]]: f32, %[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[C:.*]] = arith.cmpf ugt, %[[X]], %[[ZERO]] : f32
// CHECK: %[[DX:.*]] = arith.select %[[C]], %[[DY]], %[[ZERO]] : f32
// CHECK: linalg.yield %[[DX]] : f32
func.func @relu(%dy: tensor<?x8xf32>, %x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %dx = act.grad %dy, input %x : tensor<?x8xf32>, tensor<?x8xf32> {
  ^bb0(%a: tensor<?x8xf32>):
    %y = act.relu %a : tensor<?x8xf32>
    act.yield %y : tensor<?x8xf32>
  }
  return %dx : tensor<?x8xf32>
}

// -----

// elu: written x <= 0 ? alpha * expm1(min(0, x)) : x (PyTorch's elu_backward
// tests self <= 0; min(0, x) spares expm1 its overflow side); expm1' = exp
// (expm1 + 1 would cancel for x << 0), so the forward's expm1 is dead: one exp.
// CHECK-LABEL: func.func @elu
// CHECK: ^bb0(%[[DY:.*]]: f32, %[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-DAG: %[[ALPHA:.*]] = arith.constant 2.000000e+00 : f32
// CHECK-DAG: %[[NEG:.*]] = arith.cmpf ole, %[[X]], %{{.*}} : f32
// CHECK-DAG: %[[MX:.*]] = arith.minimumf %{{.*}}, %[[X]] : f32
// CHECK-DAG: %[[E:.*]] = math.exp %[[MX]] : f32
// CHECK: %[[T:.*]] = arith.mulf %[[DY]], %[[E]] : f32
// CHECK: %[[T2:.*]] = arith.mulf %[[T]], %[[ALPHA]] : f32
// CHECK: %[[DX:.*]] = arith.select %[[NEG]], %[[T2]], %[[DY]] : f32
// CHECK-NEXT: linalg.yield %[[DX]] : f32
// CHECK-NOT: math.expm1
func.func @elu(%dy: tensor<8xf32>, %x: tensor<8xf32>) -> tensor<8xf32> {
  %dx = act.grad %dy, input %x : tensor<8xf32>, tensor<8xf32> {
  ^bb0(%a: tensor<8xf32>):
    %y = act.elu %a {alpha = 2.0 : f64} : tensor<8xf32>
    act.yield %y : tensor<8xf32>
  }
  return %dx : tensor<8xf32>
}

// -----

// GELU tanh, x * sigmoid(2z) with e = exp(-|2z|): one exp, no tanh, the
// forward's positive/negative split kept, the compensated argument's rounding
// corrections differentiated too (fma).
// CHECK-LABEL: func.func @gelu_tanh
// CHECK: linalg.generic
// CHECK-NOT: math.tanh
// CHECK: math.fma
// CHECK: arith.cmpf oge
// CHECK: math.exp
// CHECK-NOT: math.exp
// CHECK-NOT: math.tanh
// CHECK: linalg.yield
// CHECK-NEXT: } -> tensor<?xf32>
func.func @gelu_tanh(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %y = act.gelu %a {approximate = #act.approximate<tanh>} : tensor<?xf32>
    act.yield %y : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// mish, defined as x * (q / (q + 1/2)), q = h^2 + h (n / 4 for n = e^2 + 2e),
// h = e / 2, e = exp(min(x, 20)) (= x tanh(softplus x) below PyTorch's
// softplus threshold 20, x above it, where q + 1/2 rounds to q): one exp,
// shared with the forward; the quotient by q + 1/2 multiplies by its one
// reciprocal; min's slope (1 below 20, 0 above) selects e's tangent, so above
// 20 the gradient is dy * (q / (q + 1/2)) = dy.
// CHECK-LABEL: func.func @mish
// CHECK: ^bb0(%[[DY:.*]]: f32, %[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[M:.*]] = arith.minimumf %[[X]], %{{.*}} : f32
// CHECK: %[[E:.*]] = math.exp %[[M]] : f32
// CHECK: %[[H:.*]] = arith.mulf %[[E]], %{{.*}} : f32
// CHECK: %[[N:.*]] = math.fma %[[H]], %[[H]], %[[H]] : f32
// CHECK: %[[BELOW:.*]] = arith.cmpf ult, %[[X]], %{{.*}} : f32
// CHECK: %[[D:.*]] = arith.addf %[[N]], %{{.*}} : f32
// CHECK: %[[RD:.*]] = arith.divf %{{.*}}, %[[D]] : f32
// CHECK: %[[S:.*]] = arith.mulf %[[N]], %[[RD]] : f32
// CHECK: %[[DS:.*]] = arith.mulf %[[DY]], %[[S]] : f32
// CHECK: arith.select %[[BELOW]]
// CHECK-NOT: arith.divf
// CHECK: %[[DX:.*]] = arith.addf %[[DS]], %{{.*}} : f32
// CHECK-NEXT: linalg.yield %[[DX]] : f32
// CHECK-NOT: math.
func.func @mish(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %y = act.mish %a : tensor<?xf32>
    act.yield %y : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// act.custom is differentiated the same way: 0.5 x^2 + exp(x) gives
// (dy x + dy x) * 0.5 + dy exp(x). bf16 is computed in f32, rounded once.
// CHECK-LABEL: func.func @custom
// CHECK: ^bb0(%[[DYB:.*]]: bf16, %[[XB:.*]]: bf16, %{{.*}}: bf16):
// CHECK-DAG: %[[DY:.*]] = arith.extf %[[DYB]] : bf16 to f32
// CHECK-DAG: %[[X:.*]] = arith.extf %[[XB]] : bf16 to f32
// CHECK-DAG: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG: %[[E:.*]] = math.exp %[[X]] : f32
// CHECK-DAG: %[[P:.*]] = arith.mulf %[[DY]], %[[X]] : f32
// CHECK-DAG: %[[Q:.*]] = arith.mulf %[[DY]], %[[E]] : f32
// CHECK: %[[S:.*]] = arith.addf %[[P]], %[[P]] : f32
// CHECK: %[[H:.*]] = arith.mulf %[[S]], %[[HALF]] : f32
// CHECK: %[[DX:.*]] = arith.addf %[[H]], %[[Q]] : f32
// CHECK: %[[R:.*]] = arith.truncf %[[DX]] : f32 to bf16
// CHECK: linalg.yield %[[R]] : bf16
func.func @custom(%dy: tensor<?xbf16>, %x: tensor<?xbf16>) -> tensor<?xbf16> {
  %dx = act.grad %dy, input %x : tensor<?xbf16>, tensor<?xbf16> {
  ^bb0(%a: tensor<?xbf16>):
    %y = act.custom %a : tensor<?xbf16> {
    ^bb0(%v: f32):
      %c = arith.constant 0.5 : f32
      %s = arith.mulf %v, %v : f32
      %m = arith.mulf %s, %c : f32
      %e = math.exp %v : f32
      %r = arith.addf %m, %e : f32
      act.yield %r : f32
    }
    act.yield %y : tensor<?xbf16>
  }
  return %dx : tensor<?xbf16>
}

// -----

// hardswish (pytorch form x < -3 ? x * 0 : x <= 3 ? x (x + 3) / 6 : x): the
// x * 0 piece's derivative is an exact 0, the middle one (2x + 3) / 6.
// CHECK-LABEL: func.func @hardswish
// CHECK: ^bb0(%[[DY:.*]]: f32, %[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-DAG: %[[LOW:.*]] = arith.cmpf olt, %[[X]], %{{.*}} : f32
// CHECK-DAG: %[[MID:.*]] = arith.cmpf ole, %[[X]], %{{.*}} : f32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[IN:.*]] = arith.select %[[MID]], %{{.*}}, %[[DY]] : f32
// CHECK: %[[DX:.*]] = arith.select %[[LOW]], %[[ZERO]], %[[IN]] : f32
// CHECK: linalg.yield %[[DX]] : f32
func.func @hardswish(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %y = act.hardswish %a : tensor<?xf32>
    act.yield %y : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

// -----

// prelu: dx is elementwise (the slope indexed along channel_dim); d slope is
// the derivative with respect to the slope, x > 0 ? 0 : x * dy, summed over
// every position but the channel in an scf.for nest of vectors (the sum kept
// in f32, rounded once to f16). The sum comes first: it reads dy, which a C
// caller's in-place dx overwrites.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func.func @prelu
// CHECK: %[[DS:.*]] = scf.for %[[C:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (tensor<3xf16>)
// CHECK: scf.for
// CHECK: scf.for
// CHECK: vector.create_mask
// CHECK: vector.transfer_read {{.*}} : tensor<?x3x20xf16>, vector<16xf16>
// CHECK: arith.extf {{.*}} : vector<16xf16> to vector<16xf32>
// CHECK: arith.cmpf ogt, {{.*}} : vector<16xf32>
// CHECK: %[[XDY:.*]] = arith.mulf {{.*}} : vector<16xf32>
// CHECK: arith.select %{{.*}}, %{{.*}}, %[[XDY]] : vector<16xi1>, vector<16xf32>
// CHECK: vector.reduction <add>, %{{.*}} : vector<16xf32> into f32
// CHECK: arith.truncf {{.*}} : f32 to f16
// CHECK: tensor.insert {{.*}} into %[[ACC]][%[[C]]] : tensor<3xf16>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[CH]], #[[ID]]]
// CHECK: arith.cmpf ogt
// CHECK: arith.select
// CHECK: return %{{.*}}, %[[DS]]
func.func @prelu(%dy: tensor<?x3x20xf16>, %x: tensor<?x3x20xf16>, %s: tensor<3xf16>)
    -> (tensor<?x3x20xf16>, tensor<3xf16>) {
  %dx, %ds = act.grad %dy, input %x, %s
      : tensor<?x3x20xf16>, tensor<?x3x20xf16>, tensor<3xf16> -> tensor<3xf16> {
  ^bb0(%a: tensor<?x3x20xf16>, %b: tensor<3xf16>):
    %y = act.prelu %a, %b : tensor<?x3x20xf16>, tensor<3xf16>
    act.yield %y : tensor<?x3x20xf16>
  }
  return %dx, %ds : tensor<?x3x20xf16>, tensor<3xf16>
}

// -----

// Channels-last prelu: vectors run along the channels, one per 16 channels.
// CHECK-LABEL: func.func @prelu_channels_last
// CHECK: scf.for %[[C:.*]] = %{{.*}} to %{{.*}} step %c16
// CHECK: vector.transfer_read %{{.*}}[%[[C]]]
// CHECK: scf.for
// CHECK: vector.transfer_write %{{.*}}, %{{.*}}[%[[C]]] : vector<16xf32>, tensor<?xf32>
func.func @prelu_channels_last(%dy: tensor<?x?xf32>, %x: tensor<?x?xf32>, %s: tensor<?xf32>)
    -> (tensor<?x?xf32>, tensor<?xf32>) {
  %dx, %ds = act.grad %dy, input %x, %s
      : tensor<?x?xf32>, tensor<?x?xf32>, tensor<?xf32> -> tensor<?xf32> {
  ^bb0(%a: tensor<?x?xf32>, %b: tensor<?xf32>):
    %y = act.prelu %a, %b : tensor<?x?xf32>, tensor<?xf32>
    act.yield %y : tensor<?x?xf32>
  }
  return %dx, %ds : tensor<?x?xf32>, tensor<?xf32>
}

// -----

// A dynamic parameter is a constant for d/dx: a scalar input of the generic,
// converted once to the compute type, used where the definition uses it
// (elu, pytorch conventions: x <= 0 ? dy * alpha * exp(x) : dy).
// CHECK-LABEL: func.func @dynamic_alpha
// CHECK-SAME: %[[S:[^:]+]]: f64
// CHECK: %[[A:.+]] = arith.truncf %[[S]] : f64 to f32
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.+}}, %{{.+}}, %[[A]] : tensor<?xf16>, tensor<?xf16>, f32)
// CHECK: ^bb0(%[[DY:.+]]: f16, %[[X:.+]]: f16, %[[ALPHA:.+]]: f32, %{{.+}}: f16):
// CHECK-DAG: %[[DYC:.+]] = arith.extf %[[DY]]
// CHECK-DAG: %[[XC:.+]] = arith.extf %[[X]]
// CHECK: %[[MX:.+]] = arith.minimumf %{{.+}}, %[[XC]] : f32
// CHECK: %[[E:.+]] = math.exp %[[MX]] : f32
// CHECK: %[[P:.+]] = arith.mulf %[[DYC]], %[[E]] : f32
// CHECK: %[[Q:.+]] = arith.mulf %[[P]], %[[ALPHA]] : f32
// CHECK: arith.select %{{.+}}, %[[Q]], %[[DYC]] : f32
func.func @dynamic_alpha(%dy: tensor<?xf16>, %x: tensor<?xf16>, %s: f64) -> tensor<?xf16> {
  %dx = act.grad %dy, input %x, %s : tensor<?xf16>, tensor<?xf16>, f64 {
  ^bb0(%a: tensor<?xf16>, %b: f64):
    %y = act.elu %a alpha(%b : f64) : tensor<?xf16>
    act.yield %y : tensor<?xf16>
  }
  return %dx : tensor<?xf16>
}

// -----

// The mask variants: scalar parameters are splatted once, before the loop.
// CHECK-LABEL: func.func @dynamic_mask
// CHECK-SAME: %[[S:[^:]+]]: f32
// CHECK: %[[SPLAT:.+]] = vector.broadcast %[[S]] : f32 to vector<16xf32>
// CHECK: scf.for
// CHECK: arith.mulf %{{.+}}, %[[SPLAT]] : vector<16xf32>
// CHECK-NOT: vector.broadcast %[[S]]
// CHECK: return
func.func @dynamic_mask(%x: tensor<?xf32>, %s: f32) -> (tensor<?xf32>, tensor<?xi8>) {
  %y, %m = act.forward_with_mask %x, %s : tensor<?xf32>, f32 -> tensor<?xi8> {
  ^bb0(%a: tensor<?xf32>, %b: f32):
    %r = act.leaky_relu %a negative_slope(%b : f32) : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %y, %m : tensor<?xf32>, tensor<?xi8>
}

// -----

// Quotients by a divisor whose form does not bound it away from 0 (here
// x + 1) keep their divisions: sharing its reciprocal would overflow for a
// subnormal divisor. (mish above shares one for q + 1/2.)
// CHECK-LABEL: func.func @ratio_unbounded_divisor
// CHECK: ^bb0(%[[DY:.*]]: f32, %[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[D:.*]] = arith.addf %[[X]], %{{.*}} : f32
// CHECK: %[[Q:.*]] = arith.divf %[[X]], %[[D]] : f32
// CHECK: %[[T:.*]] = arith.subf %[[DY]], %{{.*}} : f32
// CHECK: arith.divf %[[T]], %[[D]] : f32
func.func @ratio_unbounded_divisor(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %y = act.custom %a : tensor<?xf32> {
    ^bb0(%v: f32):
      %one = arith.constant 1.0 : f32
      %d = arith.addf %v, %one : f32
      %q = arith.divf %v, %d : f32
      act.yield %q : f32
    }
    act.yield %y : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}
