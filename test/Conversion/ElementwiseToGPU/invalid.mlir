// RUN: relu-opt %s --convert-elementwise-to-gpu --split-input-file --verify-diagnostics

#id = affine_map<(d0) -> (d0)>
func.func @reads_output(%x: memref<?xf32>, %y: memref<?xf32>) {
  // expected-error @+1 {{cannot become a GPU kernel: the body must not read the output}}
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<?xf32>) outs(%y : memref<?xf32>) {
  ^bb0(%a: f32, %b: f32):
    %r = arith.addf %a, %b : f32
    linalg.yield %r : f32
  }
  return
}

// -----

#id = affine_map<(d0) -> (d0)>
func.func @captures(%x: memref<?xf32>, %y: memref<?xf32>, %s: f32) {
  // expected-error @+1 {{its body uses a value defined outside it that is not a constant}}
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<?xf32>) outs(%y : memref<?xf32>) {
  ^bb0(%a: f32, %b: f32):
    %r = arith.mulf %a, %s : f32
    linalg.yield %r : f32
  }
  return
}

// -----

#id = affine_map<(d0) -> (d0)>
#pairs = affine_map<(d0) -> (d0 floordiv 2)>
func.func @not_strided(%x: memref<?xf32, #pairs>, %y: memref<?xf32>) {
  // expected-error @+1 {{operands must have strided layouts}}
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<?xf32, #pairs>) outs(%y : memref<?xf32>) {
  ^bb0(%a: f32, %b: f32):
    linalg.yield %a : f32
  }
  return
}

// -----

#id = affine_map<(d0) -> (d0)>
#sum = affine_map<(d0) -> ()>
func.func @reduction(%x: memref<?xf32>, %y: memref<f32>) {
  // expected-error @+1 {{expected only parallel iterators}}
  linalg.generic {indexing_maps = [#id, #sum], iterator_types = ["reduction"]}
      ins(%x : memref<?xf32>) outs(%y : memref<f32>) {
  ^bb0(%a: f32, %b: f32):
    %r = arith.addf %a, %b : f32
    linalg.yield %r : f32
  }
  return
}

// -----

#id = affine_map<(d0) -> (d0)>
func.func @tensors(%x: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{operands must be memrefs (run one-shot-bufferize first)}}
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf32>) outs(%y : tensor<?xf32>) {
  ^bb0(%a: f32, %b: f32):
    linalg.yield %a : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}
