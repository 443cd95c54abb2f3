// The hidden layers of a small MLP, h = act(x W + b), with the activations as
// act ops: the matmul and bias add are upstream linalg/arith, the activation
// is one act op whatever its formula.

// Layer 1: GELU (tanh approximation) in f32.
func.func @hidden_layer_gelu(%x: tensor<8x16xf32>, %w: tensor<16x32xf32>,
                             %b: tensor<32xf32>) -> tensor<8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %init = tensor.empty() : tensor<8x32xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%init : tensor<8x32xf32>) -> tensor<8x32xf32>
  %xw = linalg.matmul ins(%x, %w : tensor<8x16xf32>, tensor<16x32xf32>)
                      outs(%acc : tensor<8x32xf32>) -> tensor<8x32xf32>
  %bias = linalg.broadcast ins(%b : tensor<32xf32>) outs(%init : tensor<8x32xf32>) dimensions = [0]
  %pre = arith.addf %xw, %bias : tensor<8x32xf32>
  %h = act.gelu %pre {approximate = #act.approximate<tanh>} : tensor<8x32xf32>
  return %h : tensor<8x32xf32>
}

// Activations of other layers on their pre-activations (any batch size):
// leaky ReLU and SiLU in bf16, ReLU6 as a clamp, a per-channel PReLU (NCHW,
// channel_dim 1 by default).
func.func @more_activations(%pre: tensor<?x32xbf16>, %conv: tensor<?x64x7x7xf32>,
                            %slope: tensor<64xf32>)
    -> (tensor<?x32xbf16>, tensor<?x32xbf16>, tensor<?x32xbf16>, tensor<?x64x7x7xf32>) {
  %0 = act.leaky_relu %pre {negative_slope = 0.1 : f64} : tensor<?x32xbf16>
  %1 = act.silu %pre : tensor<?x32xbf16>
  %2 = act.clamp %pre {min = 0.0 : f64, max = 6.0 : f64} : tensor<?x32xbf16>
  %3 = act.prelu %conv, %slope : tensor<?x64x7x7xf32>, tensor<64xf32>
  return %0, %1, %2, %3 : tensor<?x32xbf16>, tensor<?x32xbf16>, tensor<?x32xbf16>, tensor<?x64x7x7xf32>
}
