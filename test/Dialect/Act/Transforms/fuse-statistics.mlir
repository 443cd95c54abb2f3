// RUN: relu-opt %s --act-fuse-statistics --split-input-file | FileCheck %s

// The group's generic is fused into the per-channel reduction of its
// statistics although its result is also returned: that result becomes the
// fused generic's first result (identity map), so y is computed once.
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#ch = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func.func @returned
// CHECK-NOT: linalg.generic
// CHECK: %[[F:.+]]:3 = linalg.generic {{.*}}iterator_types = ["reduction", "parallel", "reduction"]
// CHECK-SAME: ins(%arg0, %arg1 : tensor<?x?x?xf32>, tensor<?xf32>)
// CHECK: arith.addf
// CHECK: arith.maximumf
// CHECK: arith.cmpf oeq
// CHECK: linalg.yield %{{.+}}, %{{.+}}, %{{.+}} : f32, i64, f32
// CHECK-NOT: linalg.generic
// CHECK: return %[[F]]#0, %[[F]]#1, %[[F]]#2
func.func @returned(%x: tensor<?x?x?xf32>, %b: tensor<?xf32>, %e: tensor<?x?x?xf32>,
                    %z0: tensor<?xi64>, %m0: tensor<?xf32>)
    -> (tensor<?x?x?xf32>, tensor<?xi64>, tensor<?xf32>) {
  %zero = arith.constant 0.0 : f32
  %y = linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %b : tensor<?x?x?xf32>, tensor<?xf32>) outs(%e : tensor<?x?x?xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<?x?x?xf32>
  %st:2 = linalg.generic {indexing_maps = [#id, #ch, #ch], iterator_types = ["reduction", "parallel", "reduction"]}
      ins(%y : tensor<?x?x?xf32>) outs(%z0, %m0 : tensor<?xi64>, tensor<?xf32>) {
  ^bb0(%v: f32, %cnt: i64, %m: f32):
    %isz = arith.cmpf oeq, %v, %zero : f32
    %one = arith.extui %isz : i1 to i64
    %n = arith.addi %cnt, %one : i64
    %av = math.absf %v : f32
    %mm = arith.maximumf %m, %av : f32
    linalg.yield %n, %mm : i64, f32
  } -> (tensor<?xi64>, tensor<?xf32>)
  return %y, %st#0, %st#1 : tensor<?x?x?xf32>, tensor<?xi64>, tensor<?xf32>
}

// -----

// Left alone: an op between the two reads y (the fused generic, built where
// the reduction is, would not dominate it); elementwise consumers are
// linalg-fuse-elementwise-ops' business.
#id = affine_map<(d0) -> (d0)>
#all = affine_map<(d0) -> (0)>
// CHECK-LABEL: func.func @read_before
// CHECK-COUNT-3: linalg.generic
func.func @read_before(%x: tensor<?xf32>, %e: tensor<?xf32>, %e2: tensor<?xf32>, %m0: tensor<1xf32>)
    -> (tensor<?xf32>, tensor<1xf32>) {
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf32>) outs(%e : tensor<?xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.absf %a : f32
    linalg.yield %r : f32
  } -> tensor<?xf32>
  %n = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%y : tensor<?xf32>) outs(%e2 : tensor<?xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.negf %a : f32
    linalg.yield %r : f32
  } -> tensor<?xf32>
  %m = linalg.generic {indexing_maps = [#id, #all], iterator_types = ["reduction"]}
      ins(%y : tensor<?xf32>) outs(%m0 : tensor<1xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %mm = arith.maximumf %acc, %v : f32
    linalg.yield %mm : f32
  } -> tensor<1xf32>
  return %n, %m : tensor<?xf32>, tensor<1xf32>
}
