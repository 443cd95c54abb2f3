// An N-d dynamic act.grad for relu-cc-grad.test.
func.func @k(%dy: tensor<?x?xf32>, %x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %dx = act.grad %dy, input %x : tensor<?x?xf32>, tensor<?x?xf32> {
  ^bb0(%a: tensor<?x?xf32>):
    %y = act.gelu %a : tensor<?x?xf32>
    act.yield %y : tensor<?x?xf32>
  }
  return %dx : tensor<?x?xf32>
}
