func.func @f() -> tensor<3xf32> {
  %c = arith.constant dense<[1.0, 2.0]> : tensor<3xf32>
  %0 = act.relu %c : tensor<3xf32>
  return %0 : tensor<3xf32>
}
