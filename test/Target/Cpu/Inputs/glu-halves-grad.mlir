// Backward of GLU groups over the two halves of one tensor, x = [a, b] along
// the channel axis of [outer, 2 * channels, inner] (vLLM's SiluAndMul, a
// linear layer's [tokens, 2 * d] output): act.grad of the act.fused group
// returns dx = [da, db] as one tensor of x's shape (the kernel ABI's halves
// buffer, an output here), derived by the chain rule (docs/fusion.md).
// test/Integration/Cpu/fused.test and test/python/test_fusion.py check them.
// CPU, NVPTX and the XLA handlers of platform cpu (not CUDA's yet).

// d/dx of swiglu of the two halves of one [outer, 2 * channels, inner]
// tensor, x = [a, b] along axis 1 (vLLM's SiluAndMul backward): dx = [da, db]
// as one buffer of x's shape, da = d/da and db = d/db of silu(a) * b derived
// by the chain rule. dy is [outer, channels, inner] (dynamic along axis 1).
func.func @swiglu_halves_grad(%dy: tensor<?x?x?xf32>, %x: tensor<?x?x?xf32>)
    -> tensor<?x?x?xf32> {
  %dx = act.grad %dy, input %x : tensor<?x?x?xf32>, tensor<?x?x?xf32> {
  ^bb0(%xx: tensor<?x?x?xf32>):
    %y = act.fused %xx : (tensor<?x?x?xf32>) -> tensor<?x?x?xf32> {
    ^bb0(%u: tensor<?x?x?xf32>):
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c2 = arith.constant 2 : index
      %outer = tensor.dim %u, %c0 : tensor<?x?x?xf32>
      %doubled = tensor.dim %u, %c1 : tensor<?x?x?xf32>
      %inner = tensor.dim %u, %c2 : tensor<?x?x?xf32>
      %half = arith.divui %doubled, %c2 : index
      %a = tensor.extract_slice %u[0, 0, 0] [%outer, %half, %inner] [1, 1, 1]
          : tensor<?x?x?xf32> to tensor<?x?x?xf32>
      %b = tensor.extract_slice %u[0, %half, 0] [%outer, %half, %inner] [1, 1, 1]
          : tensor<?x?x?xf32> to tensor<?x?x?xf32>
      %s = act.silu %a : tensor<?x?x?xf32>
      %m = arith.mulf %s, %b : tensor<?x?x?xf32>
      act.fused_yield %m : tensor<?x?x?xf32>
    }
    act.yield %y : tensor<?x?x?xf32>
  }
  return %dx : tensor<?x?x?xf32>
}

// The same for gelu:tanh of the halves of the last axis (inner fixed to 1:
// channels last, as a linear layer's [tokens, 2 * d] output).
func.func @geglu_last_halves_grad(%dy: tensor<?x?x1xf32>, %x: tensor<?x?x1xf32>)
    -> tensor<?x?x1xf32> {
  %dx = act.grad %dy, input %x : tensor<?x?x1xf32>, tensor<?x?x1xf32> {
  ^bb0(%xx: tensor<?x?x1xf32>):
    %y = act.fused %xx : (tensor<?x?x1xf32>) -> tensor<?x?x1xf32> {
    ^bb0(%u: tensor<?x?x1xf32>):
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c2 = arith.constant 2 : index
      %outer = tensor.dim %u, %c0 : tensor<?x?x1xf32>
      %doubled = tensor.dim %u, %c1 : tensor<?x?x1xf32>
      %half = arith.divui %doubled, %c2 : index
      %a = tensor.extract_slice %u[0, 0, 0] [%outer, %half, 1] [1, 1, 1]
          : tensor<?x?x1xf32> to tensor<?x?x1xf32>
      %b = tensor.extract_slice %u[0, %half, 0] [%outer, %half, 1] [1, 1, 1]
          : tensor<?x?x1xf32> to tensor<?x?x1xf32>
      %g = act.gelu %a {approximate = #act.approximate<tanh>} : tensor<?x?x1xf32>
      %m = arith.mulf %g, %b : tensor<?x?x1xf32>
      act.fused_yield %m : tensor<?x?x1xf32>
    }
    act.yield %y : tensor<?x?x1xf32>
  }
  return %dx : tensor<?x?x1xf32>
}
