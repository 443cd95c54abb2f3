#ifndef RELU_DIALECT_ACT_IR_ACTENUMS_H
#define RELU_DIALECT_ACT_IR_ACTENUMS_H

// The act dialect's enums (GeluApproximation, Conventions, GradSource), shared
// by the interface (buildScalar takes the Conventions) and the ops.
#include "mlir/IR/OpImplementation.h"

#include "relu/Dialect/Act/IR/ActEnums.h.inc"

#endif
