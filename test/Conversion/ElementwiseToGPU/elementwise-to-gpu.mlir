// RUN: relu-opt %s --convert-elementwise-to-gpu --split-input-file | FileCheck %s
// RUN: relu-opt %s --convert-elementwise-to-gpu="unroll=1 block-size=128" --split-input-file | FileCheck %s --check-prefix=ONE

// f32: 4 lanes (128-bit vectors), 4 vectors per thread and iteration, loads
// first; an unaligned head and the tail share one scalar loop.

#id = affine_map<(d0) -> (d0)>
// CHECK: module attributes {gpu.container_module}
// CHECK-LABEL: func.func @__relu_kernel_relu_f32(
// CHECK-SAME: %[[X:.*]]: memref<?xf32>, %[[Y:.*]]: memref<?xf32>)
// CHECK: %[[N:.*]] = memref.dim %[[Y]]
// CHECK: %[[BLOCKS:.*]] = arith.ceildivui %[[N]], %c4096
// CHECK: %[[GRID:.*]] = arith.maxui %[[BLOCKS]], %c1
// CHECK: gpu.launch_func @relu_kernels::@relu_f32 blocks in (%[[GRID]], %c1, %c1) threads in (%c256, %c1, %c1) args(%[[X]] : memref<?xf32>, %[[Y]] : memref<?xf32>)
// CHECK-NOT: linalg.generic
// CHECK: gpu.module @relu_kernels
// CHECK: gpu.func @relu_f32(%[[KX:.*]]: memref<?xf32>, %[[KY:.*]]: memref<?xf32>) kernel
// CHECK-SAME: known_block_size = array<i32: 256, 1, 1>
// CHECK-SAME: relu.elements_per_thread = 16 : i64, relu.lanes = 4 : i64
// CHECK-DAG: gpu.thread_id x
// CHECK-DAG: gpu.block_id x
// CHECK-DAG: gpu.block_dim x
// CHECK-DAG: gpu.grid_dim x
// The head: elements up to the output's first 16-byte boundary, provided
// the input is misaligned alike; otherwise everything is scalar.
// CHECK: %[[YP:.*]] = memref.extract_aligned_pointer_as_index %[[KY]]
// CHECK: %[[XP:.*]] = memref.extract_aligned_pointer_as_index %[[KX]]
// CHECK: %[[HEAD:.*]] = arith.select %{{.*}}, %{{.*}}, %{{.*}} : index
// Unrolled: four loads, then four computations and stores.
// CHECK: scf.for
// CHECK-COUNT-4: vector.load %[[KX]][%{{.*}}] {alignment = 16 : i64} : memref<?xf32>, vector<4xf32>
// CHECK: arith.maximumf %{{.*}} : vector<4xf32>
// CHECK: vector.store %{{.*}}, %[[KY]][%{{.*}}] {alignment = 16 : i64} : memref<?xf32>, vector<4xf32>
// CHECK-COUNT-3: vector.store
// Remaining vectors one at a time.
// CHECK: scf.for
// CHECK: vector.load %[[KX]]{{.*}}alignment = 16
// CHECK: vector.store
// Head and tail elements.
// CHECK: scf.for
// CHECK: arith.cmpi ult, %{{.*}}, %[[HEAD]]
// CHECK: memref.load %[[KX]]
// CHECK: arith.maximumf %{{.*}} : f32
// CHECK: memref.store
// CHECK: gpu.return

// ONE-LABEL: gpu.func @relu_f32
// ONE-SAME: known_block_size = array<i32: 128, 1, 1>
// ONE-SAME: relu.elements_per_thread = 4 : i64
// ONE-COUNT-1: vector.load
// ONE-NOT: vector.load
// ONE: gpu.return
func.func @__relu_kernel_relu_f32(%x: memref<?xf32>, %y: memref<?xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<?xf32>) outs(%y : memref<?xf32>) {
  ^bb0(%a: f32, %b: f32):
    %zero = arith.constant 0.0 : f32
    %r = arith.maximumf %a, %zero : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// bf16: 8 lanes (bf16x8 = 128 bits), computed in f32 between extf and truncf;
// 2 vectors per thread and iteration (16 elements).
#id = affine_map<(d0) -> (d0)>
// CHECK-LABEL: gpu.func @silu_bf16
// CHECK-SAME: relu.elements_per_thread = 16 : i64, relu.lanes = 8 : i64
// CHECK: vector.load {{.*}} {alignment = 16 : i64} : memref<?xbf16>, vector<8xbf16>
// CHECK: vector.load {{.*}} {alignment = 16 : i64} : memref<?xbf16>, vector<8xbf16>
// CHECK: arith.extf {{.*}} : vector<8xbf16> to vector<8xf32>
// CHECK: math.exp {{.*}} : vector<8xf32>
// CHECK: arith.truncf {{.*}} : vector<8xf32> to vector<8xbf16>
// CHECK: vector.store {{.*}} {alignment = 16 : i64} : memref<?xbf16>, vector<8xbf16>
func.func @__relu_kernel_silu_bf16(%x: memref<?xbf16>, %y: memref<?xbf16>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<?xbf16>) outs(%y : memref<?xbf16>) {
  ^bb0(%a: bf16, %b: bf16):
    %one = arith.constant 1.0 : f32
    %v = arith.extf %a : bf16 to f32
    %n = arith.negf %v : f32
    %e = math.exp %n : f32
    %d = arith.addf %e, %one : f32
    %r = arith.divf %v, %d : f32
    %t = arith.truncf %r : f32 to bf16
    linalg.yield %t : bf16
  }
  return
}

// -----

// A backward kernel (two inputs, derived body): both inputs are vector-loaded
// and both must share the output's misalignment for the vector path.
#id = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @__relu_kernel_relu_backward_f16(
// CHECK: gpu.launch_func @relu_kernels::@relu_backward_f16 {{.*}} args(%{{.*}} : memref<?xf16>, %{{.*}} : memref<?xf16>, %{{.*}} : memref<?xf16>)
// CHECK-LABEL: gpu.func @relu_backward_f16
// CHECK-SAME: relu.lanes = 8 : i64
// CHECK-COUNT-3: memref.extract_aligned_pointer_as_index
// CHECK: vector.load %arg0{{.*}}vector<8xf16>
// CHECK: vector.load %arg1{{.*}}vector<8xf16>
// CHECK: arith.cmpf ogt, {{.*}} : vector<8xf32>
// CHECK: arith.select {{.*}} : vector<8xi1>, vector<8xf32>
func.func @__relu_kernel_relu_backward_f16(%dy: memref<?xf16>, %x: memref<?xf16>, %dx: memref<?xf16>) {
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%dy, %x : memref<?xf16>, memref<?xf16>) outs(%dx : memref<?xf16>) {
  ^bb0(%g: f16, %a: f16, %b: f16):
    %zero = arith.constant 0.0 : f32
    %gf = arith.extf %g : f16 to f32
    %af = arith.extf %a : f16 to f32
    %pos = arith.cmpf ogt, %af, %zero : f32
    %r = arith.select %pos, %gf, %zero : f32
    %t = arith.truncf %r : f32 to f16
    linalg.yield %t : f16
  }
  return
}

// -----

// prelu: the [outer, channels, inner] input and output are contiguous in the
// output's order (flattened to 1-D, vectorized); the per-channel slope is
// loaded per lane at the delinearized channel index.
#x = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#s = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: gpu.func @prelu_f32
// CHECK-SAME: (%[[X:.*]]: memref<?x?x?xf32>, %[[S:.*]]: memref<?xf32>, %[[Y:.*]]: memref<?x?x?xf32>)
// CHECK-DAG: %[[C:.*]] = memref.dim %[[Y]], %c1
// CHECK-DAG: %[[I:.*]] = memref.dim %[[Y]], %c2
// CHECK-DAG: %[[FX:.*]] = memref.collapse_shape %[[X]] {{\[\[}}0, 1, 2]] : memref<?x?x?xf32> into memref<?xf32>
// CHECK-DAG: %[[FY:.*]] = memref.collapse_shape %[[Y]] {{\[\[}}0, 1, 2]] : memref<?x?x?xf32> into memref<?xf32>
// CHECK: scf.for
// CHECK: vector.load %[[FX]]
// CHECK: arith.divui %{{.*}}, %[[I]]
// CHECK: arith.remui %{{.*}}, %[[C]]
// CHECK: memref.load %[[S]]
// CHECK: vector.from_elements
// CHECK: vector.store %{{.*}}, %[[FY]]
func.func @__relu_kernel_prelu_f32(%x: memref<?x?x?xf32>, %s: memref<?xf32>, %y: memref<?x?x?xf32>) {
  linalg.generic {indexing_maps = [#x, #s, #x], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %s : memref<?x?x?xf32>, memref<?xf32>) outs(%y : memref<?x?x?xf32>) {
  ^bb0(%a: f32, %slope: f32, %b: f32):
    %zero = arith.constant 0.0 : f32
    %neg = arith.cmpf olt, %a, %zero : f32
    %m = arith.mulf %a, %slope : f32
    %r = arith.select %neg, %m, %a : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Constants hoisted out of the body are cloned into the kernel; f64 uses
// 2 lanes; static shapes work; the kernels of one function are numbered.
#id = affine_map<(d0) -> (d0)>
// CHECK-LABEL: gpu.func @two_f64
// CHECK-SAME: relu.lanes = 2 : i64
// CHECK: vector.load {{.*}} : memref<1000xf64>, vector<2xf64>
// CHECK: arith.constant dense<2.000000e+00> : vector<2xf64>
// CHECK-LABEL: gpu.func @two_f64_1
func.func @__relu_kernel_two_f64(%x: memref<1000xf64>, %y: memref<1000xf64>) {
  %two = arith.constant 2.0 : f64
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<1000xf64>) outs(%y : memref<1000xf64>) {
  ^bb0(%a: f64, %b: f64):
    %r = arith.mulf %a, %two : f64
    linalg.yield %r : f64
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%y : memref<1000xf64>) outs(%y : memref<1000xf64>) {
  ^bb0(%a: f64, %b: f64):
    %r = arith.mulf %a, %two : f64
    linalg.yield %r : f64
  }
  return
}

// -----

// A scalar input (a dynamic activation parameter) becomes a kernel argument,
// splatted once per thread for the vector loop.
#id3 = affine_map<(d0) -> (d0)>
#scalar3 = affine_map<(d0) -> ()>
// CHECK-LABEL: func.func @scalar_input
// CHECK: gpu.launch_func @relu_kernels::@scalar_input
// CHECK-SAME: args(%{{.+}} : memref<?xf32>, %{{.+}} : f32, %{{.+}} : memref<?xf32>)
// CHECK: gpu.func @scalar_input(%[[X:.+]]: memref<?xf32>, %[[S:.+]]: f32, %[[Y:.+]]: memref<?xf32>) kernel
// CHECK: %[[SPLAT:.+]] = vector.broadcast %[[S]] : f32 to vector<4xf32>
// CHECK: scf.for
// CHECK: arith.mulf %{{.+}}, %[[SPLAT]] : vector<4xf32>
func.func @scalar_input(%x: memref<?xf32>, %s: f32, %y: memref<?xf32>) {
  linalg.generic {indexing_maps = [#id3, #scalar3, #id3], iterator_types = ["parallel"]}
      ins(%x, %s : memref<?xf32>, f32) outs(%y : memref<?xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %m = arith.mulf %a, %b : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// A copy between buffers (a gradient equal to dy) becomes a copy kernel; a
// copy of a buffer onto itself (through a loop that only passes it along) is
// dropped.
// CHECK-LABEL: func.func @copies
// CHECK-SAME: (%[[A:.+]]: memref<?xf32>, %[[B:.+]]: memref<?xf32>)
// CHECK-NOT: memref.copy
// CHECK: gpu.launch_func @relu_kernels::@copies
// CHECK-SAME: args(%[[A]] : memref<?xf32>, %[[B]] : memref<?xf32>)
// CHECK-NOT: gpu.launch_func
// CHECK-NOT: memref.copy
// CHECK: return
// CHECK: gpu.func @copies(
// CHECK: vector.load
// CHECK: vector.store
func.func @copies(%a: memref<?xf32>, %b: memref<?xf32>) {
  memref.copy %a, %b : memref<?xf32> to memref<?xf32>
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  %same = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %b) -> memref<?xf32> {
    scf.yield %acc : memref<?xf32>
  }
  memref.copy %same, %b : memref<?xf32> to memref<?xf32>
  return
}

// -----

// GLU halves: views of one [outer, 2 * channels, inner] buffer. The launch
// passes the buffer once; the kernel rebuilds both views from it (the
// offsets and sizes from its sizes) and reads them at the delinearized
// index (they are not contiguous along the output's order): a vector within
// one row (inner, unit stride) from the index of its first element, others
// lane by lane; the output is written with vectors.
#id3d = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @halves
// CHECK-SAME: (%[[X:.+]]: memref<?x?x?xf32>, %[[Y:.+]]: memref<?x?x?xf32>)
// CHECK-NOT: memref.subview
// CHECK: gpu.launch_func @relu_kernels::@halves
// CHECK-SAME: args(%[[X]] : memref<?x?x?xf32>, %[[Y]] : memref<?x?x?xf32>)
// CHECK: gpu.func @halves(%[[KX:.+]]: memref<?x?x?xf32>, %[[KY:.+]]: memref<?x?x?xf32>)
// CHECK: %[[C:.+]] = memref.dim %[[KX]], %c1
// CHECK: %[[HALF:.+]] = arith.divui %[[C]], %c2
// CHECK: %[[A:.+]] = memref.subview %[[KX]][0, 0, 0]
// CHECK: %[[B:.+]] = memref.subview %[[KX]][0, %[[HALF]], 0]
// CHECK: scf.for
// CHECK-NOT: vector.load
// CHECK: %[[I:.+]] = arith.remui %[[START:.+]], %[[INNER:.+]] : index
// CHECK: %[[END:.+]] = arith.addi %[[I]], %c4
// CHECK: %[[IN_ROW:.+]] = arith.cmpi ule, %[[END]], %[[INNER]]
// CHECK: scf.if %[[IN_ROW]] -> (vector<4xf32>) {
// CHECK: memref.load %[[A]][%{{.+}}, %{{.+}}, %[[I]]]
// CHECK: %[[I1:.+]] = arith.addi %[[I]], %c1
// CHECK: memref.load %[[A]][%{{.+}}, %{{.+}}, %[[I1]]]
// CHECK: } else {
// CHECK: %[[NEXT:.+]] = arith.addi %[[START]], %c1
// CHECK: arith.remui %[[NEXT]], %[[INNER]]
// CHECK: }
// CHECK: scf.if
// CHECK: memref.load %[[B]]
// CHECK: vector.store %{{.+}}, %{{.+}}{{\[}}%{{.+}}] {alignment = 16 : i64}
func.func @halves(%x: memref<?x?x?xf32>, %y: memref<?x?x?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %outer = memref.dim %x, %c0 : memref<?x?x?xf32>
  %doubled = memref.dim %x, %c1 : memref<?x?x?xf32>
  %inner = memref.dim %x, %c2 : memref<?x?x?xf32>
  %half = arith.divui %doubled, %c2 : index
  %a = memref.subview %x[0, 0, 0] [%outer, %half, %inner] [1, 1, 1]
      : memref<?x?x?xf32> to memref<?x?x?xf32, strided<[?, ?, 1]>>
  %b = memref.subview %x[0, %half, 0] [%outer, %half, %inner] [1, 1, 1]
      : memref<?x?x?xf32> to memref<?x?x?xf32, strided<[?, ?, 1], offset: ?>>
  linalg.generic {indexing_maps = [#id3d, #id3d, #id3d],
                  iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%a, %b : memref<?x?x?xf32, strided<[?, ?, 1]>>,
                   memref<?x?x?xf32, strided<[?, ?, 1], offset: ?>>)
      outs(%y : memref<?x?x?xf32>) {
  ^bb0(%va: f32, %vb: f32, %out: f32):
    %m = arith.mulf %va, %vb : f32
    linalg.yield %m : f32
  }
  return
}
