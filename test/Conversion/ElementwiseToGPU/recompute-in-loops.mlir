// RUN: relu-opt --recompute-elementwise-in-loops --split-input-file %s | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>

// An element of a generic the function does not return, read in an
// independent loop: the payload at that element, from the inputs' elements
// (the bias at its broadcast index); the generic stays for its other user.
// CHECK-LABEL: func.func @recomputed
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xf32>, %[[B:.*]]: tensor<?xf32>
// CHECK: %[[Y:.*]] = linalg.generic
// CHECK: scf.for %[[I:.*]] = {{.*}} iter_args(%[[ACC:.*]] = %{{.*}})
// CHECK-NEXT: %[[XE:.*]] = tensor.extract %[[X]][%[[I]], %[[J:.*]]] : tensor<?x?xf32>
// CHECK-NEXT: %[[BE:.*]] = tensor.extract %[[B]][%[[J]]] : tensor<?xf32>
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[XE]], %[[BE]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.maximumf %[[S]], %{{.*}} : f32
// CHECK-NEXT: arith.addf %[[ACC]], %[[R]] : f32
// CHECK: arith.truncf %[[Y]]
func.func @recomputed(%x: tensor<?x?xf32>, %b: tensor<?xf32>, %j: index)
    -> (tensor<?x?xbf16>, f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %d0 = tensor.dim %x, %c0 : tensor<?x?xf32>
  %d1 = tensor.dim %x, %c1 : tensor<?x?xf32>
  %e = tensor.empty(%d0, %d1) : tensor<?x?xf32>
  %y = linalg.generic {indexing_maps = [#id, #row, #id],
                       iterator_types = ["parallel", "parallel"]}
      ins(%x, %b : tensor<?x?xf32>, tensor<?xf32>) outs(%e : tensor<?x?xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<?x?xf32>
  %sum = scf.for %i = %c0 to %d0 step %c1 iter_args(%acc = %zero) -> f32 {
    %v = tensor.extract %y[%i, %j] : tensor<?x?xf32>
    %n = arith.addf %acc, %v : f32
    scf.yield %n : f32
  } {relu.independent_iterations}
  %t = arith.truncf %y : tensor<?x?xf32> to tensor<?x?xbf16>
  return %t, %sum : tensor<?x?xbf16>, f32
}

// -----

#id = affine_map<(d0) -> (d0)>

// A returned result is in the caller's buffer: read, not recomputed.
// CHECK-LABEL: func.func @returned
// CHECK: %[[Y:.*]] = linalg.generic
// CHECK: scf.for
// CHECK-NEXT: tensor.extract %[[Y]]
func.func @returned(%x: tensor<?xf32>) -> (tensor<?xf32>, f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %d0 = tensor.dim %x, %c0 : tensor<?xf32>
  %e = tensor.empty(%d0) : tensor<?xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf32>) outs(%e : tensor<?xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  } -> tensor<?xf32>
  %zero = arith.constant 0.0 : f32
  %sum = scf.for %k = %c0 to %d0 step %c1 iter_args(%acc = %zero) -> f32 {
    %v = tensor.extract %y[%k] : tensor<?xf32>
    %n = arith.addf %acc, %v : f32
    scf.yield %n : f32
  } {relu.independent_iterations}
  return %y, %sum : tensor<?xf32>, f32
}

// -----

#id = affine_map<(d0) -> (d0)>

// Outside an independent loop (not a kernel of its own): read.
// CHECK-LABEL: func.func @outside
// CHECK: %[[Y:.*]] = linalg.generic
// CHECK: tensor.extract %[[Y]]
func.func @outside(%x: tensor<?xf32>, %i: index) -> f32 {
  %c0 = arith.constant 0 : index
  %d0 = tensor.dim %x, %c0 : tensor<?xf32>
  %e = tensor.empty(%d0) : tensor<?xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf32>) outs(%e : tensor<?xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  } -> tensor<?xf32>
  %w = tensor.extract %y[%i] : tensor<?xf32>
  return %w : f32
}
