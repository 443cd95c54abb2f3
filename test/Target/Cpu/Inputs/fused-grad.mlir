// Backward of fused groups: act.grad holding an act.fused differentiates the
// whole group by the chain rule (docs/fusion.md). Each kernel returns dx and
// the gradients of the group's further operands: per-channel ones summed
// over every other axis, operands of x's shape elementwise.
// test/python/test_fusion.py checks them against jax.grad of the unfused
// compositions and against finite differences.

// d/dx, d/dbias of gelu_tanh(x + bias[c]).
func.func @bias_gelu_grad(%dy: tensor<?x?x?xf32>, %x: tensor<?x?x?xf32>, %bias: tensor<?xf32>)
    -> (tensor<?x?x?xf32>, tensor<?xf32>) {
  %dx, %db = act.grad %dy, input %x, %bias
      : tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?xf32> -> tensor<?xf32> {
  ^bb0(%a: tensor<?x?x?xf32>, %b: tensor<?xf32>):
    %y = act.fused %a, %b : (tensor<?x?x?xf32>, tensor<?xf32>) -> tensor<?x?x?xf32> {
    ^bb0(%xa: tensor<?x?x?xf32>, %xb: tensor<?xf32>):
      %c0 = arith.constant 0 : index
      %c2 = arith.constant 2 : index
      %d0 = tensor.dim %xa, %c0 : tensor<?x?x?xf32>
      %d1 = tensor.dim %xb, %c0 : tensor<?xf32>
      %d2 = tensor.dim %xa, %c2 : tensor<?x?x?xf32>
      %e = tensor.empty(%d0, %d1, %d2) : tensor<?x?x?xf32>
      %bb = linalg.broadcast ins(%xb : tensor<?xf32>) outs(%e : tensor<?x?x?xf32>) dimensions = [0, 2]
      %s = arith.addf %xa, %bb : tensor<?x?x?xf32>
      %g = act.gelu %s {approximate = #act.approximate<tanh>} : tensor<?x?x?xf32>
      act.fused_yield %g : tensor<?x?x?xf32>
    }
    act.yield %y : tensor<?x?x?xf32>
  }
  return %dx, %db : tensor<?x?x?xf32>, tensor<?xf32>
}

// d/dx, d/dscale, d/dshift of silu(x * scale[c] + shift[c]) (a linalg.generic
// with channel broadcasts).
#id = affine_map<(n, c, h) -> (n, c, h)>
#ch = affine_map<(n, c, h) -> (c)>
func.func @scale_shift_silu_grad(%dy: tensor<?x?x?xf32>, %x: tensor<?x?x?xf32>,
    %scale: tensor<?xf32>, %shift: tensor<?xf32>)
    -> (tensor<?x?x?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %dx, %ds, %dt = act.grad %dy, input %x, %scale, %shift
      : tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?xf32>, tensor<?xf32>
      -> tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?x?x?xf32>, %s: tensor<?xf32>, %t: tensor<?xf32>):
    %y = act.fused %a, %s, %t : (tensor<?x?x?xf32>, tensor<?xf32>, tensor<?xf32>) -> tensor<?x?x?xf32> {
    ^bb0(%xa: tensor<?x?x?xf32>, %xs: tensor<?xf32>, %xt: tensor<?xf32>):
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c2 = arith.constant 2 : index
      %d0 = tensor.dim %xa, %c0 : tensor<?x?x?xf32>
      %d1 = tensor.dim %xa, %c1 : tensor<?x?x?xf32>
      %d2 = tensor.dim %xa, %c2 : tensor<?x?x?xf32>
      %e = tensor.empty(%d0, %d1, %d2) : tensor<?x?x?xf32>
      %bn = linalg.generic {indexing_maps = [#id, #ch, #ch, #id], iterator_types = ["parallel", "parallel", "parallel"]}
          ins(%xa, %xs, %xt : tensor<?x?x?xf32>, tensor<?xf32>, tensor<?xf32>) outs(%e : tensor<?x?x?xf32>) {
      ^bb0(%v: f32, %sv: f32, %tv: f32, %o: f32):
        %m = arith.mulf %v, %sv : f32
        %r = arith.addf %m, %tv : f32
        linalg.yield %r : f32
      } -> tensor<?x?x?xf32>
      %g = act.silu %bn : tensor<?x?x?xf32>
      act.fused_yield %g : tensor<?x?x?xf32>
    }
    act.yield %y : tensor<?x?x?xf32>
  }
  return %dx, %ds, %dt : tensor<?x?x?xf32>, tensor<?xf32>, tensor<?xf32>
}

// d/dx, d/dr1, d/dr2 of elu(x + r1) + r2 (residuals before and after).
func.func @residual_elu_grad(%dy: tensor<?xf32>, %x: tensor<?xf32>, %r1: tensor<?xf32>, %r2: tensor<?xf32>)
    -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %dx, %d1, %d2 = act.grad %dy, input %x, %r1, %r2
      : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32> -> tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>, %b: tensor<?xf32>, %c: tensor<?xf32>):
    %y = act.fused %a, %b, %c : (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32> {
    ^bb0(%xa: tensor<?xf32>, %xb: tensor<?xf32>, %xc: tensor<?xf32>):
      %s = arith.addf %xa, %xb : tensor<?xf32>
      %e = act.elu %s : tensor<?xf32>
      %r = arith.addf %e, %xc : tensor<?xf32>
      act.fused_yield %r : tensor<?xf32>
    }
    act.yield %y : tensor<?xf32>
  }
  return %dx, %d1, %d2 : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// d/da, d/db of swiglu: silu(a) * b.
func.func @swiglu_grad(%dy: tensor<?xf32>, %a: tensor<?xf32>, %b: tensor<?xf32>)
    -> (tensor<?xf32>, tensor<?xf32>) {
  %da, %db = act.grad %dy, input %a, %b : tensor<?xf32>, tensor<?xf32>, tensor<?xf32> -> tensor<?xf32> {
  ^bb0(%xa: tensor<?xf32>, %xb: tensor<?xf32>):
    %y = act.fused %xa, %xb : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32> {
    ^bb0(%u: tensor<?xf32>, %v: tensor<?xf32>):
      %s = act.silu %u : tensor<?xf32>
      %m = arith.mulf %s, %v : tensor<?xf32>
      act.fused_yield %m : tensor<?xf32>
    }
    act.yield %y : tensor<?xf32>
  }
  return %da, %db : tensor<?xf32>, tensor<?xf32>
}
