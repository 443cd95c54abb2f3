// RUN: relu-opt %s --convert-elementwise-to-vector="native-f16=true" --canonicalize --split-input-file | FileCheck %s
// RUN: relu-opt %s --convert-elementwise-to-vector --canonicalize --split-input-file | FileCheck %s --check-prefix=WIDE

// relu6 on f16 (as convert-act-to-linalg writes it): the clamp of the
// widened value becomes selects among the loaded f16 values and f16
// constants, with <= for the +0 bound (maximumf(-0, +0) is +0); nothing is
// widened or rounded, and the body of 16-bit floats gets 32 lanes.
// CHECK-LABEL: func.func @relu6_f16
// CHECK-NOT: arith.extf
// CHECK-NOT: arith.truncf
// CHECK: scf.for %{{.*}} step %c32
// CHECK: %[[X:.+]] = vector.load %{{.*}} : memref<?xf16>, vector<32xf16>
// CHECK: %[[LOW:.+]] = arith.cmpf ole, %[[X]], %[[ZERO:.+]] : vector<32xf16>
// CHECK: %[[A:.+]] = arith.select %[[LOW]], %[[ZERO]], %[[X]] : vector<32xi1>, vector<32xf16>
// CHECK: %[[HIGH:.+]] = arith.cmpf ogt, %[[A]], %[[SIX:.+]] : vector<32xf16>
// CHECK: %[[B:.+]] = arith.select %[[HIGH]], %[[SIX]], %[[A]] : vector<32xi1>, vector<32xf16>
// CHECK: vector.store %[[B]]
// CHECK-NOT: arith.extf
// CHECK-NOT: arith.truncf
// WIDE-LABEL: func.func @relu6_f16
// WIDE: step %c16
// WIDE: arith.extf
// WIDE: arith.maximumf
// WIDE: arith.minimumf
// WIDE: arith.truncf
func.func @relu6_f16(%x: memref<?xf16>, %y: memref<?xf16>) {
  %zero = arith.constant 0.0 : f32
  %six = arith.constant 6.0 : f32
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%x : memref<?xf16>) outs(%y : memref<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %v = arith.extf %in : f16 to f32
    %lo = arith.maximumf %v, %zero : f32
    %hi = arith.minimumf %lo, %six : f32
    %r = arith.truncf %hi : f32 to f16
    linalg.yield %r : f16
  }
  return
}

// -----

// leaky_relu: the comparison and the positive branch are f16, the scaled
// branch stays f32 (rounded once), so the body keeps 16 lanes. A bound that
// f16 does not hold (0.1) and bf16 values stay as they are.
// CHECK-LABEL: func.func @mixed
// CHECK: step %c16
// CHECK: %[[X:.+]] = vector.load %{{.*}} : memref<?xf16>, vector<16xf16>
// CHECK: %[[W:.+]] = arith.extf %[[X]] : vector<16xf16> to vector<16xf32>
// CHECK: %[[POS:.+]] = arith.cmpf ogt, %[[X]], %{{.+}} : vector<16xf16>
// CHECK: %[[M:.+]] = arith.mulf %[[W]], %{{.+}} : vector<16xf32>
// CHECK: %[[MT:.+]] = arith.truncf %[[M]] : vector<16xf32> to vector<16xf16>
// CHECK: arith.select %[[POS]], %[[X]], %[[MT]] : vector<16xi1>, vector<16xf16>
// CHECK: arith.maximumf %{{.+}} : vector<16xf32>
// CHECK: arith.maximumf %{{.+}} : vector<16xf32>
func.func @mixed(%x: memref<?xf16>, %b: memref<?xbf16>, %y: memref<?xf16>, %z: memref<?xf16>,
                 %w: memref<?xbf16>) {
  %zero = arith.constant 0.0 : f32
  %slope = arith.constant 0.2 : f32
  %tenth = arith.constant 0.1 : f32
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%x : memref<?xf16>) outs(%y : memref<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %v = arith.extf %in : f16 to f32
    %pos = arith.cmpf ogt, %v, %zero : f32
    %m = arith.mulf %v, %slope : f32
    %s = arith.select %pos, %v, %m : f32
    %r = arith.truncf %s : f32 to f16
    linalg.yield %r : f16
  }
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%x : memref<?xf16>) outs(%z : memref<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %v = arith.extf %in : f16 to f32
    %m = arith.maximumf %v, %tenth : f32
    %r = arith.truncf %m : f32 to f16
    linalg.yield %r : f16
  }
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%b : memref<?xbf16>) outs(%w : memref<?xbf16>) {
  ^bb0(%in: bf16, %out: bf16):
    %v = arith.extf %in : bf16 to f32
    %m = arith.maximumf %v, %zero : f32
    %r = arith.truncf %m : f32 to bf16
    linalg.yield %r : bf16
  }
  return
}
