// Statistics of a value the kernel then casts: the f32 value is materialized
// between the group's kernels, which the GPU kernels cannot do (they read and
// write only the entry point's buffers).
func.func @stats_before_cast(%x: tensor<?x?x?xf32>)
    -> (tensor<?x?x?xbf16>, tensor<?xi64>, tensor<1xi64>, tensor<?xf32>, tensor<1xf32>) {
  %y = act.relu %x : tensor<?x?x?xf32>
  %z, %tz, %m, %tm = act.statistics %y {channel_dim = 1 : i64}
      : tensor<?x?x?xf32> -> tensor<?xi64>, tensor<1xi64>, tensor<?xf32>, tensor<1xf32>
  %b = arith.truncf %y : tensor<?x?x?xf32> to tensor<?x?x?xbf16>
  return %b, %z, %tz, %m, %tm : tensor<?x?x?xbf16>, tensor<?xi64>, tensor<1xi64>, tensor<?xf32>, tensor<1xf32>
}
