func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = act.relu %x : tensor<4x
