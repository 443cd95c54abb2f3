func.func @two_results(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>) {
  %0 = act.relu %x : tensor<?xf32>
  return %0, %0 : tensor<?xf32>, tensor<?xf32>
}
