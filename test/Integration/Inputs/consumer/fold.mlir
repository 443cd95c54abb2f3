func.func @fold() -> tensor<2xf32> {
  %c = arith.constant dense<[-1.0, 2.0]> : tensor<2xf32>
  %0 = act.relu %c : tensor<2xf32>
  return %0 : tensor<2xf32>
}
