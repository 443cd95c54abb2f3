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

// act.statistics: accumulators set to 0 per channel, one row-major loop nest
// over the input (bf16 extended to f32) counting ordered == 0 and taking
// maximumf of |y| per channel (in scalars carried by the loops after the
// channel dimension), then the totals over the channels.
// CHECK-LABEL: func.func @statistics
// CHECK-SAME: (%[[Y:.+]]: tensor<?x?x?xbf16>)
// CHECK: %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK: %[[C:.+]] = tensor.dim %[[Y]], %c1
// CHECK: %[[Z0:.+]] = tensor.empty(%[[C]]) : tensor<?xi64>
// CHECK: %[[M0:.+]] = tensor.empty(%[[C]]) : tensor<?xbf16>
// CHECK: %[[INIT:.+]]:2 = scf.for {{.*}} to %[[C]] {{.*}} iter_args(%{{.+}} = %[[Z0]], %{{.+}} = %[[M0]])
// CHECK: tensor.insert %[[ZERO]]
// CHECK: %[[ACC:.+]]:2 = scf.for
// CHECK: scf.for
// CHECK: scf.for %{{.+}} = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%{{.+}} = %{{.+}}, %{{.+}} = %{{.+}}) -> (i64, f32)
// CHECK: %[[E:.+]] = tensor.extract %[[Y]]
// CHECK: %[[X:.+]] = arith.extf %[[E]] : bf16 to f32
// CHECK: arith.cmpf oeq, %[[X]]
// CHECK: arith.extui {{.*}} : i1 to i64
// CHECK: math.absf %[[X]] : f32
// CHECK: arith.addi
// CHECK: arith.maximumf
// CHECK: scf.yield {{.*}} : i64, f32
// CHECK: tensor.insert {{.*}} : tensor<?xi64>
// CHECK: arith.truncf {{.*}} : f32 to bf16
// CHECK: tensor.insert {{.*}} : tensor<?xbf16>
// CHECK: %[[T:.+]]:2 = scf.for {{.*}} iter_args(%{{.+}} = %[[ZERO]], %{{.+}} = %{{.+}}) -> (i64, f32)
// CHECK: arith.addi
// CHECK: arith.maximumf
// CHECK: %[[TZ:.+]] = tensor.from_elements %[[T]]#0 : tensor<1xi64>
// CHECK: %[[TM:.+]] = arith.truncf %[[T]]#1 : f32 to bf16
// CHECK: %[[TMT:.+]] = tensor.from_elements %[[TM]] : tensor<1xbf16>
// CHECK: return %[[ACC]]#0, %[[TZ]], %[[ACC]]#1, %[[TMT]]
func.func @statistics(%y: tensor<?x?x?xbf16>) -> (tensor<?xi64>, tensor<1xi64>, tensor<?xbf16>, tensor<1xbf16>) {
  %z, %tz, %m, %tm = act.statistics %y {channel_dim = 1 : i64}
      : tensor<?x?x?xbf16> -> tensor<?xi64>, tensor<1xi64>, tensor<?xbf16>, tensor<1xbf16>
  return %z, %tz, %m, %tm : tensor<?xi64>, tensor<1xi64>, tensor<?xbf16>, tensor<1xbf16>
}
