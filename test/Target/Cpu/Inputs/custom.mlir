// A user-defined activation (mish written by hand) and a chain of built-in
// ones, compiled from MLIR rather than from quick specs.
func.func @my_mish(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = act.custom %x : tensor<?xf32> {
  ^bb0(%v: f32):
    %e = math.exp %v : f32
    %sp = math.log1p %e : f32
    %t = math.tanh %sp : f32
    %r = arith.mulf %v, %t : f32
    act.yield %r : f32
  }
  return %y : tensor<?xf32>
}

func.func @bias_free_chain(%x: tensor<?xbf16>) -> tensor<?xbf16> {
  %0 = act.gelu %x {approximate = #act.approximate<tanh>} : tensor<?xbf16>
  %1 = act.clamp %0 {min = -2.0 : f64, max = 2.0 : f64} : tensor<?xbf16>
  return %1 : tensor<?xbf16>
}

func.func @per_channel(%x: tensor<?x?x?xf16>, %s: tensor<?xf16>) -> tensor<?x?x?xf16> {
  %0 = act.prelu %x, %s : tensor<?x?x?xf16>, tensor<?xf16>
  return %0 : tensor<?x?x?xf16>
}
