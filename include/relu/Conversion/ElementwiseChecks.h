#ifndef RELU_CONVERSION_ELEMENTWISECHECKS_H
#define RELU_CONVERSION_ELEMENTWISECHECKS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <string>

namespace relu {

/// What every generic the elementwise conversions take needs: bufferized,
/// projected-permutation input maps and a body of arith and math ops.
/// Returns why `op` does not fit, or an empty string.
inline std::string checkGenericInputsAndBody(mlir::linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics())
    return "operands must be memrefs (run one-shot-bufferize first)";
  for (mlir::OpOperand *input : op.getDpsInputOperands())
    if (!op.isScalar(input) &&
        !op.getMatchingIndexingMap(input).isProjectedPermutation(/*allowZeroInResults=*/true))
      return "input maps must be projected permutations";
  for (mlir::Operation &bodyOp : op.getBody()->without_terminator()) {
    llvm::StringRef dialect = bodyOp.getDialect()->getNamespace();
    if (dialect != "arith" && dialect != "math")
      return "the body may only hold arith and math ops";
  }
  return "";
}

/// What convert-elementwise-to-vector and convert-elementwise-to-gpu both
/// require of an elementwise linalg.generic: checkGenericInputsAndBody, one
/// output written with an identity map and never read, only parallel
/// iterators. Each pass adds its own layout rules (the vector one also takes
/// reductions, ElementwiseToVector.cpp).
inline std::string checkElementwiseGeneric(mlir::linalg::GenericOp op) {
  if (std::string why = checkGenericInputsAndBody(op); !why.empty())
    return why;
  if (op.getNumDpsInits() != 1)
    return "expected exactly one output";
  if (op.getNumParallelLoops() != op.getNumLoops())
    return "expected only parallel iterators";
  if (!op.getIndexingMapsArray().back().isIdentity())
    return "expected an identity output map";
  if (!op.getMatchingBlockArgument(op.getDpsInitOperand(0)).use_empty())
    return "the body must not read the output";
  return "";
}

} // namespace relu

#endif
