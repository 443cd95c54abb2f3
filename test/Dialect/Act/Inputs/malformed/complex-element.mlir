func.func @f(%x: tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>> {
  %0 = act.tanh %x : tensor<4xcomplex<f32>>
  return %0 : tensor<4xcomplex<f32>>
}
