// RUN: relu-opt %s --convert-elementwise-to-vector --split-input-file --verify-diagnostics

#id = affine_map<(d0) -> (d0)>
func.func @on_tensors(%x: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{cannot be vectorized: operands must be memrefs (run one-shot-bufferize first)}}
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf32>) outs(%y : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>
#red = affine_map<(d0) -> ()>
// A reduction whose combiner has no vector.reduction kind.
func.func @reduction(%x: memref<?xf32>, %y: memref<f32>) {
  // expected-error @+1 {{cannot be vectorized: each output must be written with an identity map or be a reduction by one arith op of a vector.reduction kind}}
  linalg.generic {indexing_maps = [#id, #red], iterator_types = ["reduction"]}
      ins(%x : memref<?xf32>) outs(%y : memref<f32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.subf %out, %in : f32
    linalg.yield %s : f32
  }
  return
}
