// What a GPU kernel recomputes of the host function's values (part of
// convert-elementwise-to-gpu; see KernelValues.cpp).
#ifndef RELU_LIB_CONVERSION_ELEMENTWISETOGPU_KERNELVALUES_H
#define RELU_LIB_CONVERSION_ELEMENTWISETOGPU_KERNELVALUES_H

#include "mlir/IR/ValueRange.h"
#include "llvm/ADT/SetVector.h"

namespace relu {

/// How a kernel obtains host values `roots`: the operations without memory
/// effects or regions computing them (sizes, constants, views of a buffer),
/// in topological order, which the kernel recomputes; and the values those
/// start from, in the order the roots reach them, which the kernel takes as
/// arguments (function arguments, or results of operations it cannot
/// recompute, for the caller to accept or refuse).
struct KernelValues {
  llvm::SetVector<mlir::Value> arguments;
  llvm::SmallVector<mlir::Operation *> recomputed;
};

KernelValues collectKernelValues(mlir::ValueRange roots);

} // namespace relu

#endif
