// Scalar arguments are run-time parameters, named after the activation
// parameter they feed when that is unambiguous.
func.func @one(%x: tensor<?xf32>, %s: f32) -> tensor<?xf32> {
  %y = act.leaky_relu %x negative_slope(%s : f32) : tensor<?xf32>
  return %y : tensor<?xf32>
}
// Two slopes: the name would repeat, so both are argN.
func.func @two_slopes(%x: tensor<?xf32>, %a: f32, %b: f32) -> tensor<?xf32> {
  %y = act.leaky_relu %x negative_slope(%a : f32) : tensor<?xf32>
  %z = act.leaky_relu %y negative_slope(%b : f32) : tensor<?xf32>
  return %z : tensor<?xf32>
}
// One value for two different parameters: argN; an f64 argument of an f32
// kernel is checked at the compute type.
func.func @shared(%x: tensor<?xf32>, %v: f64) -> tensor<?xf32> {
  %y = act.clamp %x min(%v : f64) {max = 4.0 : f64} : tensor<?xf32>
  %z = act.threshold %y threshold(%v : f64) {value = 0.0 : f64} : tensor<?xf32>
  return %z : tensor<?xf32>
}
