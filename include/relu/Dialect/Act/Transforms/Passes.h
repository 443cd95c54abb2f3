#ifndef RELU_DIALECT_ACT_TRANSFORMS_PASSES_H
#define RELU_DIALECT_ACT_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace relu {

/// Unit attribute act-derive-gradients puts on the scf.for loops it writes
/// whose iterations are independent (each writes its own elements and reads
/// none another writes): the mask loops and the loops over channels of
/// operand gradients. convert-elementwise-to-gpu turns them into kernels.
constexpr llvm::StringLiteral kIndependentIterationsAttrName = "relu.independent_iterations";

#define GEN_PASS_DECL
#include "relu/Dialect/Act/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "relu/Dialect/Act/Transforms/Passes.h.inc"

} // namespace relu

#endif
