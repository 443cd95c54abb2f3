// One value cast to two types: the value is materialized between the group's
// kernel and the two casts' (neither fuses a producer with two users), which
// the GPU kernels cannot do (they read and write only the entry point's
// buffers).
func.func @two_casts(%x: tensor<?xf32>) -> (tensor<?xbf16>, tensor<?xf16>) {
  %y = act.relu %x : tensor<?xf32>
  %b = arith.truncf %y : tensor<?xf32> to tensor<?xbf16>
  %h = arith.truncf %y : tensor<?xf32> to tensor<?xf16>
  return %b, %h : tensor<?xbf16>, tensor<?xf16>
}
