// Independent-iteration scf.for loops -> grid-stride GPU kernels (part of
// convert-elementwise-to-gpu; see LoopKernels.cpp).
#ifndef RELU_LIB_CONVERSION_ELEMENTWISETOGPU_LOOPKERNELS_H
#define RELU_LIB_CONVERSION_ELEMENTWISETOGPU_LOOPKERNELS_H

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace relu {

/// Whether `op` is a loop act-derive-gradients marked as having independent
/// iterations (kIndependentIterationsAttrName).
bool isIndependentLoop(mlir::Operation *op);

/// Replaces `loop` by the launch of a new kernel `name` in `gpuModule` whose
/// threads take its iterations in a grid-stride loop. Values the loop uses
/// from above are recomputed in the kernel from the function arguments they
/// derive from (sizes, constants), which become the kernel's arguments.
mlir::LogicalResult convertIndependentLoop(mlir::scf::ForOp loop,
                                           mlir::gpu::GPUModuleOp gpuModule,
                                           llvm::StringRef name, unsigned blockSize);

} // namespace relu

#endif
