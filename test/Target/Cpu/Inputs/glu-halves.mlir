// GLU of the two halves of one tensor along the channel axis of a 3-D
// [outer, 2 * channels, inner] input: act(a) * b, a = x[:, :channels, :],
// b = x[:, channels:, :]. relu-cc reads such an input as the kernel ABI's
// halves buffer (2 * outer * channels * inner elements) and writes
// [outer, channels, inner] (test/python/test_fusion.py).
func.func @swiglu_halves(%x: tensor<?x?x?xf32>) -> tensor<?x?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %outer = tensor.dim %x, %c0 : tensor<?x?x?xf32>
  %doubled = tensor.dim %x, %c1 : tensor<?x?x?xf32>
  %inner = tensor.dim %x, %c2 : tensor<?x?x?xf32>
  %half = arith.divui %doubled, %c2 : index
  %a = tensor.extract_slice %x[0, 0, 0] [%outer, %half, %inner] [1, 1, 1]
      : tensor<?x?x?xf32> to tensor<?x?x?xf32>
  %b = tensor.extract_slice %x[0, %half, 0] [%outer, %half, %inner] [1, 1, 1]
      : tensor<?x?x?xf32> to tensor<?x?x?xf32>
  %s = act.silu %a : tensor<?x?x?xf32>
  %y = arith.mulf %s, %b : tensor<?x?x?xf32>
  return %y : tensor<?x?x?xf32>
}

// The halves of the last axis (inner fixed to 1: vectors run along the
// channels), geglu.
func.func @geglu_last_halves(%x: tensor<?x?x1xf32>) -> tensor<?x?x1xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %outer = tensor.dim %x, %c0 : tensor<?x?x1xf32>
  %doubled = tensor.dim %x, %c1 : tensor<?x?x1xf32>
  %half = arith.divui %doubled, %c2 : index
  %a = tensor.extract_slice %x[0, 0, 0] [%outer, %half, 1] [1, 1, 1]
      : tensor<?x?x1xf32> to tensor<?x?x1xf32>
  %b = tensor.extract_slice %x[0, %half, 0] [%outer, %half, 1] [1, 1, 1]
      : tensor<?x?x1xf32> to tensor<?x?x1xf32>
  %g = act.gelu %a : tensor<?x?x1xf32>
  %y = arith.mulf %g, %b : tensor<?x?x1xf32>
  return %y : tensor<?x?x1xf32>
}
