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

#define GEN_PASS_DECL
#include "relu/Dialect/Act/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "relu/Dialect/Act/Transforms/Passes.h.inc"

} // namespace relu

#endif
