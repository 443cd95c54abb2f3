// Backward kernels derived by act-derive-gradients: the input and output
// variants are elementwise generics and become GPU kernels unchanged.
func.func @gelu_backward_f32(%dy: tensor<?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %dx = act.grad %dy, input %x : tensor<?xf32>, tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    %y = act.gelu %a : tensor<?xf32>
    act.yield %y : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}

func.func @sigmoid_backward_output_bf16(%dy: tensor<?xbf16>, %y: tensor<?xbf16>) -> tensor<?xbf16> {
  %dx = act.grad %dy, output %y : tensor<?xbf16>, tensor<?xbf16> {
  ^bb0(%a: tensor<?xbf16>):
    %r = act.sigmoid %a : tensor<?xbf16>
    act.yield %r : tensor<?xbf16>
  }
  return %dx : tensor<?xbf16>
}

func.func @relu_backward_f16(%dy: tensor<?xf16>, %x: tensor<?xf16>) -> tensor<?xf16> {
  %dx = act.grad %dy, input %x : tensor<?xf16>, tensor<?xf16> {
  ^bb0(%a: tensor<?xf16>):
    %r = act.relu %a : tensor<?xf16>
    act.yield %r : tensor<?xf16>
  }
  return %dx : tensor<?xf16>
}
