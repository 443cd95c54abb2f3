// RUN: relu-opt %s | FileCheck %s
// CHECK: act.relu
func.func @f(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = act.relu %x : tensor<?xf32>
  return %0 : tensor<?xf32>
}
