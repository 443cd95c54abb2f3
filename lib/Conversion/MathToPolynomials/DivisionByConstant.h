// f32 division by a constant as a correctly rounded multiply-and-correct
// sequence where the dividend's range allows it (DivisionByConstant.cpp).
#ifndef RELU_CONVERSION_MATHTOPOLYNOMIALS_DIVISIONBYCONSTANT_H
#define RELU_CONVERSION_MATHTOPOLYNOMIALS_DIVISIONBYCONSTANT_H

#include "mlir/IR/PatternMatch.h"

namespace relu {
void populateDivisionByConstantPatterns(mlir::RewritePatternSet &patterns);
} // namespace relu

#endif
