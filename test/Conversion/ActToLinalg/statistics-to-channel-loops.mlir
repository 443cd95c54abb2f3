// RUN: relu-opt %s --convert-act-statistics-to-channel-loops | FileCheck %s

// One iteration per channel (independent: a thread each on the GPU) running
// over the channel's elements in row-major order, then one iteration
// combining the channels into the totals. The arithmetic is the statistics'
// definition: ordered y == 0 (NaN is not zero), maximumf of |y| (NaN
// propagates), in the compute type (f32 for bf16).

// CHECK-LABEL: func.func @stats(
// CHECK-SAME: %[[Y:.*]]: tensor<?x?x?xbf16>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[NONE:.*]] = arith.constant 0 : i64
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[CH:.*]] = tensor.dim %[[Y]], %[[C1]]
// CHECK: %[[PER:.*]]:2 = scf.for %[[C:.*]] = %[[C0]] to %[[CH]] step %[[C1]] iter_args(%[[Z:.*]] = %{{.*}}, %[[M:.*]] = %{{.*}}) -> (tensor<?xi64>, tensor<?xbf16>) {
// CHECK: scf.for %[[O:.*]] = %[[C0]] to %{{.*}} step %[[C1]] iter_args(%{{.*}} = %[[NONE]], %{{.*}} = %[[ZERO]]) -> (i64, f32)
// CHECK: scf.for %[[I:.*]] = %[[C0]] to %{{.*}} step %[[C1]]
// CHECK: %[[V:.*]] = tensor.extract %[[Y]][%[[O]], %[[C]], %[[I]]] : tensor<?x?x?xbf16>
// CHECK: %[[X:.*]] = arith.extf %[[V]] : bf16 to f32
// CHECK: arith.cmpf oeq, %[[X]], %{{.*}} : f32
// CHECK: arith.extui
// CHECK: math.absf %[[X]]
// CHECK: arith.addi
// CHECK: arith.maximumf
// CHECK: tensor.insert %{{.*}} into %[[Z]][%[[C]]] : tensor<?xi64>
// CHECK: arith.truncf %{{.*}} : f32 to bf16
// CHECK: } {relu.independent_iterations}
// CHECK: %[[TOT:.*]]:2 = scf.for %[[AT:.*]] = %[[C0]] to %[[C1]] step %[[C1]] iter_args({{.*}}) -> (tensor<1xi64>, tensor<1xbf16>) {
// CHECK: scf.for %[[K:.*]] = %[[C0]] to %[[CH]] step %[[C1]] iter_args({{.*}}) -> (i64, f32)
// CHECK: tensor.extract %[[PER]]#0[%[[K]]]
// CHECK: tensor.extract %[[PER]]#1[%[[K]]]
// CHECK: arith.addi
// CHECK: arith.maximumf
// CHECK: } {relu.independent_iterations}
// CHECK: return %[[PER]]#0, %[[TOT]]#0, %[[PER]]#1, %[[TOT]]#1
func.func @stats(%y: tensor<?x?x?xbf16>)
    -> (tensor<?xi64>, tensor<1xi64>, tensor<?xbf16>, tensor<1xbf16>) {
  %z, %tz, %m, %tm = act.statistics %y {channel_dim = 1 : i64}
      : tensor<?x?x?xbf16> -> tensor<?xi64>, tensor<1xi64>, tensor<?xbf16>, tensor<1xbf16>
  return %z, %tz, %m, %tm : tensor<?xi64>, tensor<1xi64>, tensor<?xbf16>, tensor<1xbf16>
}
