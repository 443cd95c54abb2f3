func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = act.elu %x {ÿþ = 1.0 : f64} : tensor<4xf32>
  return %0 : tensor<4xf32>
}
