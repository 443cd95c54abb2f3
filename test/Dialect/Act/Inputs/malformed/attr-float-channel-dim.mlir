func.func @f(%x: tensor<4x3xf32>, %s: tensor<3xf32>) -> tensor<4x3xf32> {
  %0 = act.prelu %x, %s {channel_dim = 1.5 : f32} : tensor<4x3xf32>, tensor<3xf32>
  return %0 : tensor<4x3xf32>
}
