#ifndef RELU_CONVERSION_ELEMENTWISECHECKS_H
#define RELU_CONVERSION_ELEMENTWISECHECKS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <string>

namespace relu {

/// What convert-elementwise-to-vector and convert-elementwise-to-gpu both
/// require of a linalg.generic: bufferized, one output written with an
/// identity map and never read, only parallel iterators, projected-
/// permutation input maps and a body of arith and math ops. Returns why
/// `op` does not fit, or an empty string. Each pass adds its own layout
/// rules.
inline std::string checkElementwiseGeneric(mlir::linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics())
    return "operands must be memrefs (run one-shot-bufferize first)";
  if (op.getNumDpsInits() != 1)
    return "expected exactly one output";
  if (op.getNumParallelLoops() != op.getNumLoops())
    return "expected only parallel iterators";
  if (!op.getIndexingMapsArray().back().isIdentity())
    return "expected an identity output map";
  if (!op.getMatchingBlockArgument(op.getDpsInitOperand(0)).use_empty())
    return "the body must not read the output";
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

} // namespace relu

#endif
