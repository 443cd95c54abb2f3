func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = act.leaky_relu %x {negative_slope = 0.2 : f64} : tensor<4xf32>
  return %0 : tensor<4xf32>
