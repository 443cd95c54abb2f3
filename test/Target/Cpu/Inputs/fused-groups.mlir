// Unfused compositions of activations with their producers and consumers;
// relu-cc's act-fuse makes each function one group (one loop nest).
// test/python/test_fusion.py checks them against float64 references.
#id = affine_map<(n, c, h) -> (n, c, h)>
#ch = affine_map<(n, c, h) -> (c)>

// gelu_tanh(x + bias[c]): a named broadcast over the channel axis.
func.func @bias_gelu(%x: tensor<?x?x?xf32>, %bias: tensor<?xf32>) -> tensor<?x?x?xf32> {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %d0 = tensor.dim %x, %c0 : tensor<?x?x?xf32>
  %d1 = tensor.dim %bias, %c0 : tensor<?xf32>
  %d2 = tensor.dim %x, %c2 : tensor<?x?x?xf32>
  %e = tensor.empty(%d0, %d1, %d2) : tensor<?x?x?xf32>
  %b = linalg.broadcast ins(%bias : tensor<?xf32>) outs(%e : tensor<?x?x?xf32>) dimensions = [0, 2]
  %s = arith.addf %x, %b : tensor<?x?x?xf32>
  %y = act.gelu %s {approximate = #act.approximate<tanh>} : tensor<?x?x?xf32>
  return %y : tensor<?x?x?xf32>
}

// relu(x * scale[c] + shift[c]): inference batch norm, folded.
func.func @scale_shift_relu(%x: tensor<?x?x?xf32>, %scale: tensor<?xf32>, %shift: tensor<?xf32>) -> tensor<?x?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %d0 = tensor.dim %x, %c0 : tensor<?x?x?xf32>
  %d1 = tensor.dim %x, %c1 : tensor<?x?x?xf32>
  %d2 = tensor.dim %x, %c2 : tensor<?x?x?xf32>
  %e = tensor.empty(%d0, %d1, %d2) : tensor<?x?x?xf32>
  %bn = linalg.generic {indexing_maps = [#id, #ch, #ch, #id], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %scale, %shift : tensor<?x?x?xf32>, tensor<?xf32>, tensor<?xf32>) outs(%e : tensor<?x?x?xf32>) {
  ^bb0(%v: f32, %s: f32, %t: f32, %o: f32):
    %m = arith.mulf %v, %s : f32
    %a = arith.addf %m, %t : f32
    linalg.yield %a : f32
  } -> tensor<?x?x?xf32>
  %y = act.relu %bn : tensor<?x?x?xf32>
  return %y : tensor<?x?x?xf32>
}

// silu(x + r1) + r2: residual adds before and after.
func.func @residual_silu(%x: tensor<?xf32>, %r1: tensor<?xf32>, %r2: tensor<?xf32>) -> tensor<?xf32> {
  %s = arith.addf %x, %r1 : tensor<?xf32>
  %a = act.silu %s : tensor<?xf32>
  %y = linalg.add ins(%a, %r2 : tensor<?xf32>, tensor<?xf32>) outs(%x : tensor<?xf32>) -> tensor<?xf32>
  return %y : tensor<?xf32>
}

// clamp(elu(leaky_relu(x)), -0.5, 0.75): a chain of activations and a clamp.
func.func @chain(%x: tensor<?xf32>) -> tensor<?xf32> {
  %a = act.leaky_relu %x {negative_slope = 0.2 : f64} : tensor<?xf32>
  %b = act.elu %a : tensor<?xf32>
  %c = act.clamp %b {min = -0.5 : f64, max = 0.75 : f64} : tensor<?xf32>
  return %c : tensor<?xf32>
}

// GLU family on two tensors; swiglu rounded to bf16.
func.func @swiglu_bf16(%a: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<?xbf16> {
  %s = act.silu %a : tensor<?xf32>
  %y = arith.mulf %s, %b : tensor<?xf32>
  %t = arith.truncf %y : tensor<?xf32> to tensor<?xbf16>
  return %t : tensor<?xbf16>
}
func.func @geglu(%a: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<?xf32> {
  %g = act.gelu %a : tensor<?xf32>
  %y = arith.mulf %g, %b : tensor<?xf32>
  return %y : tensor<?xf32>
}
func.func @reglu_f16(%a: tensor<?xf16>, %b: tensor<?xf16>) -> tensor<?xf16> {
  %r = act.relu %a : tensor<?xf16>
  %y = arith.mulf %r, %b : tensor<?xf16>
  return %y : tensor<?xf16>
}
