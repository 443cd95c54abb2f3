func.func @f(%x: tensor<4x3xf32>, %s: tensor<3xf32>) -> tensor<4x3xf32> {
  %0 = act.prelu %x, %s {channel_dim = 99999999999999999999 : i64} : tensor<4x3xf32>, tensor<3xf32>
  return %0 : tensor<4x3xf32>
}
