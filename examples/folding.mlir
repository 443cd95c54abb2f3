// Constant folding and canonicalization (relu-opt -canonicalize).

// Every act op folds on constant inputs: the activation is evaluated in f64
// and rounded once to the element type.
func.func @fold_constants() -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %x = arith.constant dense<[-2.0, -0.5, 0.0, 3.0]> : tensor<4xf32>
  %relu = act.relu %x : tensor<4xf32>
  %leaky = act.leaky_relu %x {negative_slope = 0.25 : f64} : tensor<4xf32>
  %sigmoid = act.sigmoid %x : tensor<4xf32>
  return %relu, %leaky, %sigmoid : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// relu is idempotent: relu(relu(x)) is relu(x).
func.func @relu_of_relu(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = act.relu %x : tensor<?x4xf32>
  %1 = act.relu %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// A clamp to [0, 6] (ReLU6) already removes negatives: relu(clamp(x)) is clamp(x).
func.func @relu_of_relu6(%x: tensor<8xf16>) -> tensor<8xf16> {
  %0 = act.clamp %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<8xf16>
  %1 = act.relu %0 : tensor<8xf16>
  return %1 : tensor<8xf16>
}
