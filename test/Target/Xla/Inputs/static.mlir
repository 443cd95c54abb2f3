// Kernels with static sizes and a broadcast slope, for the XLA handlers'
// shape checks.
func.func @leaky_1024(%x: tensor<1024xf32>) -> tensor<1024xf32> {
  %0 = act.leaky_relu %x {negative_slope = 0.125 : f64} : tensor<1024xf32>
  return %0 : tensor<1024xf32>
}

func.func @prelu_c4(%x: tensor<?x4x?xf32>, %s: tensor<4xf32>) -> tensor<?x4x?xf32> {
  %0 = act.prelu %x, %s : tensor<?x4x?xf32>, tensor<4xf32>
  return %0 : tensor<?x4x?xf32>
}

func.func @prelu_one(%x: tensor<?x?x?xf64>, %s: tensor<1xf64>) -> tensor<?x?x?xf64> {
  %0 = act.prelu %x, %s : tensor<?x?x?xf64>, tensor<1xf64>
  return %0 : tensor<?x?x?xf64>
}
