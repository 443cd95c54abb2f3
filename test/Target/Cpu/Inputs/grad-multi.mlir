// Backward kernels written in MLIR for relu-cc-grad.test: the mask pair, a
// jax-convention gradient in a private helper, prelu's dx and d slope.
func.func @relu_forward_with_mask(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xi8>) {
  %y, %m = act.forward_with_mask %x : tensor<?xf32> -> tensor<?xi8> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.relu %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %y, %m : tensor<?xf32>, tensor<?xi8>
}
func.func @relu_backward_from_mask(%dy: tensor<?xf32>, %m: tensor<?xi8>) -> tensor<?xf32> {
  %dx = act.grad %dy, mask %m : tensor<?xf32>, tensor<?xi8> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.relu %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}
func.func private @gelu_grad(%dy: tensor<?xbf16>, %x: tensor<?xbf16>) -> tensor<?xbf16> {
  %dx = act.grad %dy, input %x {conventions = #act.conventions<jax>} : tensor<?xbf16>, tensor<?xbf16> {
  ^bb0(%a: tensor<?xbf16>):
    %r = act.gelu %a : tensor<?xbf16>
    act.yield %r : tensor<?xbf16>
  }
  return %dx : tensor<?xbf16>
}
func.func @gelu_backward_jax(%dy: tensor<?xbf16>, %x: tensor<?xbf16>) -> tensor<?xbf16> {
  %dx = func.call @gelu_grad(%dy, %x) : (tensor<?xbf16>, tensor<?xbf16>) -> tensor<?xbf16>
  return %dx : tensor<?xbf16>
}
func.func @prelu_backward(%dy: tensor<?x?x?xf32>, %x: tensor<?x?x?xf32>, %s: tensor<?xf32>)
    -> (tensor<?x?x?xf32>, tensor<?xf32>) {
  %dx, %ds = act.grad %dy, input %x, %s
      : tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?xf32> -> tensor<?xf32> {
  ^bb0(%a: tensor<?x?x?xf32>, %b: tensor<?xf32>):
    %r = act.prelu %a, %b {channel_dim = 1 : i64} : tensor<?x?x?xf32>, tensor<?xf32>
    act.yield %r : tensor<?x?x?xf32>
  }
  return %dx, %ds : tensor<?x?x?xf32>, tensor<?xf32>
}
