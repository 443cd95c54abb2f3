// Exact narrow forms of comparisons, selects and clamps of widened values
// (NarrowExactOps.cpp).
#ifndef RELU_CONVERSION_ELEMENTWISETOVECTOR_NARROWEXACTOPS_H
#define RELU_CONVERSION_ELEMENTWISETOVECTOR_NARROWEXACTOPS_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/PatternMatch.h"

namespace relu {
/// Scalar bodies: ops on values widened from `narrow` computed in `narrow`.
void populateNarrowExactOpsPatterns(mlir::RewritePatternSet &patterns,
                                    mlir::FloatType narrow);
} // namespace relu

#endif
