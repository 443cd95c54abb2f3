// 2-D data is neither elementwise (1-D) nor channel (3-D [outer, channels, inner]).
func.func @two_d(%x: tensor<?x?xf32>) -> (tensor<?x?xf32>, tensor<?x?xf32>) {
  %0 = act.relu %x : tensor<?x?xf32>
  return %0, %0 : tensor<?x?xf32>, tensor<?x?xf32>
}
