// A packed mask of static size needs the static element count it packs.
func.func @dyn_mask(%dy: tensor<?xf32>, %m: tensor<3xi8>) -> tensor<?xf32> {
  %dx = act.grad %dy, mask %m : tensor<?xf32>, tensor<3xi8> {
  ^bb0(%a: tensor<?xf32>):
    %r = act.relu %a : tensor<?xf32>
    act.yield %r : tensor<?xf32>
  }
  return %dx : tensor<?xf32>
}
