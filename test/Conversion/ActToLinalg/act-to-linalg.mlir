// RUN: relu-opt %s --convert-act-to-linalg --split-input-file | FileCheck %s

// The generic's body is the op's buildScalar definition.
// CHECK-LABEL: func.func @relu
// CHECK: %[[INIT:.*]] = tensor.empty(%{{.*}}) : tensor<?x8xf32>
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel"]
// CHECK-SAME: outs(%[[INIT]] : tensor<?x8xf32>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[MAX:.*]] = arith.maximumf %[[IN]], %{{.*}} : f32
// CHECK: linalg.yield %[[MAX]] : f32
func.func @relu(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = act.relu %x : tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

// bf16 is computed in f32 and rounded once.
// CHECK-LABEL: func.func @gelu_bf16
// CHECK: ^bb0(%[[IN:.*]]: bf16, %{{.*}}: bf16):
// CHECK: %[[X:.*]] = arith.extf %[[IN]] : bf16 to f32
// CHECK: math.erfc
// CHECK: %[[R:.*]] = arith.truncf %{{.*}} : f32 to bf16
// CHECK: linalg.yield %[[R]] : bf16
func.func @gelu_bf16(%x: tensor<16xbf16>) -> tensor<16xbf16> {
  %0 = act.gelu %x : tensor<16xbf16>
  return %0 : tensor<16xbf16>
}

// -----

// prelu indexes its slope along channel_dim; a size-1 slope broadcasts.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG: #[[ONE:.*]] = affine_map<(d0, d1, d2, d3) -> (0)>
// CHECK-LABEL: func.func @prelu
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[ID]]]
// CHECK: arith.cmpf ogt
// CHECK: arith.select
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ONE]], #[[ID]]]
func.func @prelu(%x: tensor<?x3x4x4xf32>, %s: tensor<3xf32>, %t: tensor<1xf32>)
    -> (tensor<?x3x4x4xf32>, tensor<?x3x4x4xf32>) {
  %0 = act.prelu %x, %s : tensor<?x3x4x4xf32>, tensor<3xf32>
  %1 = act.prelu %x, %t : tensor<?x3x4x4xf32>, tensor<1xf32>
  return %0, %1 : tensor<?x3x4x4xf32>, tensor<?x3x4x4xf32>
}

// -----

// act.custom's body is cloned into the generic.
// CHECK-LABEL: func.func @custom
// CHECK: linalg.generic
// CHECK: %[[C:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[M:.*]] = arith.mulf %{{.*}}, %[[C]] : f32
// CHECK: linalg.yield %[[M]] : f32
func.func @custom(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = act.custom %x : tensor<4xf32> {
  ^bb0(%v: f32):
    %c = arith.constant 0.5 : f32
    %m = arith.mulf %v, %c : f32
    act.yield %m : f32
  }
  return %0 : tensor<4xf32>
}

// -----

// Dynamic parameters are scalar inputs of the generic, converted once (outside
// it) to the compute type; the body uses them where the definition uses the
// parameter.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[SCALAR:.+]] = affine_map<(d0) -> ()>
// CHECK-LABEL: func.func @leaky_relu_dynamic
// CHECK-SAME: (%[[X:.+]]: tensor<?xf16>, %[[S:.+]]: f64)
// CHECK: %[[S32:.+]] = arith.truncf %[[S]] : f64 to f32
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[SCALAR]], #[[ID]]]
// CHECK-SAME: ins(%[[X]], %[[S32]] : tensor<?xf16>, f32)
// CHECK: ^bb0(%[[IN:.+]]: f16, %[[SLOPE:.+]]: f32, %{{.+}}: f16):
// CHECK: %[[V:.+]] = arith.extf %[[IN]] : f16 to f32
// CHECK: arith.mulf %[[V]], %[[SLOPE]] : f32
func.func @leaky_relu_dynamic(%x: tensor<?xf16>, %s: f64) -> tensor<?xf16> {
  %0 = act.leaky_relu %x negative_slope(%s : f64) : tensor<?xf16>
  return %0 : tensor<?xf16>
}

// -----

// act.statistics: a generic reducing y to the per-channel counts (ordered
// == 0) and maxima of |y| (maximumf, in f32 for bf16), both starting at 0,
// parallel along channel_dim and reducing along the other dimensions; one
// reducing those to the totals; the maxima rounded to bf16 (exactly).
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[CH:.+]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-DAG: #[[ONE:.+]] = affine_map<(d0) -> (0)>
// CHECK-LABEL: func.func @statistics
// CHECK-SAME: (%[[Y:.+]]: tensor<?x?x?xbf16>)
// CHECK-DAG: %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK-DAG: %[[FZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[Z0:.+]] = linalg.fill ins(%[[ZERO]] : i64) outs(%{{.+}} : tensor<?xi64>)
// CHECK: %[[M0:.+]] = linalg.fill ins(%[[FZERO]] : f32) outs(%{{.+}} : tensor<?xf32>)
// CHECK: %[[ACC:.+]]:2 = linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]]], iterator_types = ["reduction", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[Y]] : tensor<?x?x?xbf16>) outs(%[[Z0]], %[[M0]] : tensor<?xi64>, tensor<?xf32>)
// CHECK: %[[X:.+]] = arith.extf %{{.+}} : bf16 to f32
// CHECK: %[[EQ:.+]] = arith.cmpf oeq, %[[X]], %[[FZERO]]
// CHECK: arith.extui %[[EQ]] : i1 to i64
// CHECK: math.absf %[[X]] : f32
// CHECK: arith.addi
// CHECK: arith.maximumf
// CHECK: %[[T:.+]]:2 = linalg.generic {{.*}}#[[ONE]], #[[ONE]]], iterator_types = ["reduction"]}
// CHECK-SAME: ins(%[[ACC]]#0, %[[ACC]]#1 : tensor<?xi64>, tensor<?xf32>)
// CHECK: arith.addi
// CHECK: arith.maximumf
// CHECK: %[[M:.+]] = linalg.generic {{.*}} ins(%[[ACC]]#1 : tensor<?xf32>) outs(%{{.+}} : tensor<?xbf16>)
// CHECK: arith.truncf {{.*}} : f32 to bf16
// CHECK: %[[TM:.+]] = linalg.generic {{.*}} ins(%[[T]]#1 : tensor<1xf32>) outs(%{{.+}} : tensor<1xbf16>)
// CHECK: return %[[ACC]]#0, %[[T]]#0, %[[M]], %[[TM]]
func.func @statistics(%y: tensor<?x?x?xbf16>) -> (tensor<?xi64>, tensor<1xi64>, tensor<?xbf16>, tensor<1xbf16>) {
  %z, %tz, %m, %tm = act.statistics %y {channel_dim = 1 : i64}
      : tensor<?x?x?xbf16> -> tensor<?xi64>, tensor<1xi64>, tensor<?xbf16>, tensor<1xbf16>
  return %z, %tz, %m, %tm : tensor<?xi64>, tensor<1xi64>, tensor<?xbf16>, tensor<1xbf16>
}
