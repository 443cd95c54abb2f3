func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = act.custom %x : tensor<4xf32> {
  ^bb0(%v: f32):
    %1 = arith.mulf %v, %v : f32 ))) @@ #
    act.yield %1 : f32
  }
  return %0 : tensor<4xf32>
}
