#ifndef RELU_DIALECT_ACT_IR_ACTTRAITS_H
#define RELU_DIALECT_ACT_IR_ACTTRAITS_H

#include "mlir/IR/OpDefinition.h"

namespace relu::act::OpTrait {
/// Marks an activation whose math is piecewise linear.
template <typename ConcreteType>
class PiecewiseLinear
    : public mlir::OpTrait::TraitBase<ConcreteType, PiecewiseLinear> {};
} // namespace relu::act::OpTrait

#endif
