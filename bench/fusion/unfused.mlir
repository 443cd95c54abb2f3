// The unfused steps of bench/fusion's groups, one relu-mlir kernel each (a
// function without an act op is not grouped by act-fuse).
func.func @bias_add_last(%x: tensor<?x?x1xf32>, %b: tensor<?xf32>) -> tensor<?x?x1xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %d0 = tensor.dim %x, %c0 : tensor<?x?x1xf32>
  %d1 = tensor.dim %x, %c1 : tensor<?x?x1xf32>
  %e = tensor.empty(%d0, %d1) : tensor<?x?x1xf32>
  %bb = linalg.broadcast ins(%b : tensor<?xf32>) outs(%e : tensor<?x?x1xf32>) dimensions = [0, 2]
  %s = arith.addf %x, %bb : tensor<?x?x1xf32>
  return %s : tensor<?x?x1xf32>
}
func.func @scale_shift_last(%x: tensor<?x?x1xf32>, %s: tensor<?xf32>, %t: tensor<?xf32>) -> tensor<?x?x1xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %d0 = tensor.dim %x, %c0 : tensor<?x?x1xf32>
  %d1 = tensor.dim %x, %c1 : tensor<?x?x1xf32>
  %e = tensor.empty(%d0, %d1) : tensor<?x?x1xf32>
  %sb = linalg.broadcast ins(%s : tensor<?xf32>) outs(%e : tensor<?x?x1xf32>) dimensions = [0, 2]
  %e2 = tensor.empty(%d0, %d1) : tensor<?x?x1xf32>
  %tb = linalg.broadcast ins(%t : tensor<?xf32>) outs(%e2 : tensor<?x?x1xf32>) dimensions = [0, 2]
  %m = arith.mulf %x, %sb : tensor<?x?x1xf32>
  %a = arith.addf %m, %tb : tensor<?x?x1xf32>
  return %a : tensor<?x?x1xf32>
}
func.func @gelu_tanh(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = act.gelu %x {approximate = #act.approximate<tanh>} : tensor<?xf32>
  return %y : tensor<?xf32>
}
func.func @relu(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = act.relu %x : tensor<?xf32>
  return %y : tensor<?xf32>
}
func.func @silu(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = act.silu %x : tensor<?xf32>
  return %y : tensor<?xf32>
}
func.func @mul(%a: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<?xf32> {
  %y = arith.mulf %a, %b : tensor<?xf32>
  return %y : tensor<?xf32>
}
func.func @cast_bf16(%x: tensor<?xf32>) -> tensor<?xbf16> {
  %y = arith.truncf %x : tensor<?xf32> to tensor<?xbf16>
  return %y : tensor<?xbf16>
}
func.func @quantize_u8(%x: tensor<?xf32>) -> tensor<?xi8> {
  %q = act.quantize %x {scale = 0.05 : f64, zero_point = 128 : i64, qmin = 0 : i64, qmax = 255 : i64} : tensor<?xf32> -> tensor<?xi8>
  return %q : tensor<?xi8>
}
// act.statistics alone: the second pass a group without statistics would
// need (NCHW, and channels last with inner fixed to 1).
func.func @statistics(%y: tensor<?x?x?xf32>) -> (tensor<?xi64>, tensor<1xi64>, tensor<?xf32>, tensor<1xf32>) {
  %z, %tz, %m, %tm = act.statistics %y {channel_dim = 1 : i64}
      : tensor<?x?x?xf32> -> tensor<?xi64>, tensor<1xi64>, tensor<?xf32>, tensor<1xf32>
  return %z, %tz, %m, %tm : tensor<?xi64>, tensor<1xi64>, tensor<?xf32>, tensor<1xf32>
}
func.func @statistics_last(%y: tensor<?x?x1xf32>) -> (tensor<?xi64>, tensor<1xi64>, tensor<?xf32>, tensor<1xf32>) {
  %z, %tz, %m, %tm = act.statistics %y {channel_dim = 1 : i64}
      : tensor<?x?x1xf32> -> tensor<?xi64>, tensor<1xi64>, tensor<?xf32>, tensor<1xf32>
  return %z, %tz, %m, %tm : tensor<?xi64>, tensor<1xi64>, tensor<?xf32>, tensor<1xf32>
}
