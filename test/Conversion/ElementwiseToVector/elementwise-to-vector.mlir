// RUN: relu-opt %s --convert-elementwise-to-vector --canonicalize --split-input-file | FileCheck %s
// RUN: relu-opt %s --convert-elementwise-to-vector="vector-bits=256" --canonicalize --split-input-file | FileCheck %s --check-prefix=AVX2

#id = affine_map<(d0, d1) -> (d0, d1)>
// Contiguous operands are flattened; full vectors then one masked tail.
// CHECK-LABEL: func.func @flat
// CHECK: memref.collapse_shape %{{.*}} {{\[\[}}0, 1]] : memref<?x8xf32> into memref<?xf32>
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %c16
// CHECK:   vector.load %{{.*}}[%[[I]]] : memref<?xf32>, vector<16xf32>
// CHECK:   arith.maximumf %{{.*}} : vector<16xf32>
// CHECK:   vector.store
// CHECK: scf.if
// CHECK:   vector.create_mask
// CHECK:   vector.maskedload
// CHECK:   vector.maskedstore
// AVX2-LABEL: func.func @flat
// AVX2: vector<8xf32>
func.func @flat(%x: memref<?x8xf32>, %y: memref<?x8xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<?x8xf32>) outs(%y : memref<?x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  }
  return
}

// -----

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#ch = affine_map<(d0, d1, d2) -> (d1)>
// A slope invariant along the inner loop is loaded once and splatted.
// CHECK-LABEL: func.func @broadcast
// CHECK: scf.for %[[O:.*]] =
// CHECK: scf.for %[[C:.*]] =
// CHECK: memref.load %{{.*}}[%[[C]]] : memref<?xf32>
// CHECK: vector.broadcast %{{.*}} : f32 to vector<16xf32>
func.func @broadcast(%x: memref<?x?x?xf32>, %s: memref<?xf32>, %y: memref<?x?x?xf32>) {
  linalg.generic {indexing_maps = [#id3, #ch, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %s : memref<?x?x?xf32>, memref<?xf32>) outs(%y : memref<?x?x?xf32>) {
  ^bb0(%in: f32, %slope: f32, %out: f32):
    %m = arith.mulf %in, %slope : f32
    linalg.yield %m : f32
  }
  return
}

// -----

#id = affine_map<(d0) -> (d0)>
// f64 bodies use half the lanes.
// CHECK-LABEL: func.func @f64
// CHECK: vector<8xf64>
func.func @f64(%x: memref<?xf64>, %y: memref<?xf64>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<?xf64>) outs(%y : memref<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %m = arith.negf %in : f64
    linalg.yield %m : f64
  }
  return
}

// -----

// A scalar input (a dynamic activation parameter) is splatted once, before
// the loops; the flattened memrefs keep their identity maps.
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#scalar2 = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @scalar_input
// CHECK-SAME: (%[[X:.+]]: memref<?x?xf32>, %[[S:.+]]: f32, %[[Y:.+]]: memref<?x?xf32>)
// CHECK: %[[SPLAT:.+]] = vector.broadcast %[[S]] : f32 to vector<16xf32>
// CHECK: scf.for
// CHECK: %[[V:.+]] = vector.load
// CHECK: arith.mulf %[[V]], %[[SPLAT]] : vector<16xf32>
// CHECK-NOT: vector.broadcast %[[S]]
// CHECK: return
func.func @scalar_input(%x: memref<?x?xf32>, %s: f32, %y: memref<?x?xf32>) {
  linalg.generic {indexing_maps = [#id2, #scalar2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x, %s : memref<?x?xf32>, f32) outs(%y : memref<?x?xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %m = arith.mulf %a, %b : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// A static innermost size of 1 ([outer, channels, 1], a bias along the last
// axis): that dimension is merged away, so vectors run along the channels
// and the per-channel operand is loaded as a vector.
// CHECK-LABEL: func.func @unit_inner
// CHECK: memref.collapse_shape %arg0 {{\[}}[0], [1, 2]] : memref<?x?x1xf32> into memref<?x?xf32>
// CHECK: memref.collapse_shape %arg2 {{\[}}[0], [1, 2]] : memref<?x?x1xf32> into memref<?x?xf32>
// CHECK: scf.for
// CHECK: scf.for
// CHECK: vector.load %{{.*}} : memref<?x?xf32>, vector<16xf32>
// CHECK: vector.load %arg1[%{{.*}}] : memref<?xf32>, vector<16xf32>
func.func @unit_inner(%x: memref<?x?x1xf32>, %b: memref<?xf32>, %y: memref<?x?x1xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                                   affine_map<(d0, d1, d2) -> (d1)>,
                                   affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %b : memref<?x?x1xf32>, memref<?xf32>) outs(%y : memref<?x?x1xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A group with its statistics (act-fuse-statistics), NCHW: the per-channel
// count and max are reductions along the innermost loop, so they are vector
// accumulators carried by it (starting at the neutral elements 0 and -inf),
// kept in the tail's masked lanes, then reduced into the outputs' values.
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#ch = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func.func @statistics_nchw
// CHECK-DAG: %[[NOCOUNT:.+]] = arith.constant dense<0> : vector<16xi64>
// CHECK-DAG: %[[NOMAX:.+]] = arith.constant dense<0xFF800000> : vector<16xf32>
// CHECK: scf.for %[[O:.+]] =
// CHECK: scf.for %[[C:.+]] =
// CHECK: %[[LOOP:.+]]:2 = scf.for %{{.+}} = %{{.+}} to %{{.+}} step %c16 iter_args(%[[N:.+]] = %[[NOCOUNT]], %[[M:.+]] = %[[NOMAX]]) -> (vector<16xi64>, vector<16xf32>)
// CHECK:   vector.load {{.*}} vector<16xf32>
// CHECK:   arith.addi %[[N]], %{{.+}} : vector<16xi64>
// CHECK:   arith.maximumf %[[M]], %{{.+}} : vector<16xf32>
// CHECK:   vector.store %{{.+}}, %arg2
// CHECK: %[[TAIL:.+]]:2 = scf.if
// CHECK:   vector.maskedload
// CHECK:   vector.maskedstore
// CHECK:   arith.select %{{.+}}, %{{.+}}, %[[LOOP]]#0 : vector<16xi1>, vector<16xi64>
// CHECK:   arith.select %{{.+}}, %{{.+}}, %[[LOOP]]#1 : vector<16xi1>, vector<16xf32>
// CHECK: } else {
// CHECK:   scf.yield %[[LOOP]]#0, %[[LOOP]]#1
// CHECK: %[[N0:.+]] = memref.load %arg3[%[[C]]]
// CHECK: %[[NR:.+]] = vector.reduction <add>, %[[TAIL]]#0, %[[N0]] : vector<16xi64> into i64
// CHECK: memref.store %[[NR]], %arg3[%[[C]]]
// CHECK: %[[M0:.+]] = memref.load %arg4[%[[C]]]
// CHECK: %[[MR:.+]] = vector.reduction <maximumf>, %[[TAIL]]#1, %[[M0]] : vector<16xf32> into f32
// CHECK: memref.store %[[MR]], %arg4[%[[C]]]
func.func @statistics_nchw(%x: memref<?x?x?xf32>, %b: memref<?xf32>, %y: memref<?x?x?xf32>,
                           %z: memref<?xi64>, %m: memref<?xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [#id, #ch, #id, #ch, #ch],
                  iterator_types = ["reduction", "parallel", "reduction"]}
      ins(%x, %b : memref<?x?x?xf32>, memref<?xf32>) outs(%y, %z, %m : memref<?x?x?xf32>, memref<?xi64>, memref<?xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32, %cnt: i64, %mx: f32):
    %s = arith.addf %a, %c : f32
    %r = arith.maximumf %s, %zero : f32
    %isz = arith.cmpf oeq, %r, %zero : f32
    %one = arith.extui %isz : i1 to i64
    %n = arith.addi %cnt, %one : i64
    %av = math.absf %r : f32
    %mm = arith.maximumf %mx, %av : f32
    linalg.yield %r, %n, %mm : f32, i64, f32
  }
  return
}

// -----

// Channels last (inner size 1, merged away): the per-channel outputs vary
// along the vector loop, so each step loads, updates and stores them.
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#ch = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func.func @statistics_last
// CHECK: scf.for %[[R:.+]] =
// CHECK-NOT: iter_args
// CHECK: scf.for %[[I:.+]] = %{{.+}} to %{{.+}} step %c16 {
// CHECK:   vector.load %arg2[%[[I]]] : memref<?xi64>, vector<16xi64>
// CHECK:   vector.load %arg3[%[[I]]] : memref<?xf32>, vector<16xf32>
// CHECK:   vector.store %{{.+}}, %arg2[%[[I]]] : memref<?xi64>, vector<16xi64>
// CHECK:   vector.store %{{.+}}, %arg3[%[[I]]] : memref<?xf32>, vector<16xf32>
// CHECK: scf.if
// CHECK:   vector.maskedload %arg2
// CHECK:   vector.maskedstore %arg2
// CHECK-NOT: vector.reduction
func.func @statistics_last(%x: memref<?x?x1xf32>, %y: memref<?x?x1xf32>,
                           %z: memref<?xi64>, %m: memref<?xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [#id, #id, #ch, #ch],
                  iterator_types = ["reduction", "parallel", "reduction"]}
      ins(%x : memref<?x?x1xf32>) outs(%y, %z, %m : memref<?x?x1xf32>, memref<?xi64>, memref<?xf32>) {
  ^bb0(%a: f32, %o: f32, %cnt: i64, %mx: f32):
    %r = arith.maximumf %a, %zero : f32
    %isz = arith.cmpf oeq, %r, %zero : f32
    %one = arith.extui %isz : i1 to i64
    %n = arith.addi %cnt, %one : i64
    %av = math.absf %r : f32
    %mm = arith.maximumf %mx, %av : f32
    linalg.yield %r, %n, %mm : f32, i64, f32
  }
  return
}
