func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = act.clamp %x {min = 0.0 : f64, max = 6.0 : f64 : tensor<4xf32>
  return %0 : tensor<4xf32>
}
