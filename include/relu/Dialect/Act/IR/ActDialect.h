#ifndef RELU_DIALECT_ACT_IR_ACTDIALECT_H
#define RELU_DIALECT_ACT_IR_ACTDIALECT_H

#include "mlir/IR/Dialect.h"

#include "relu/Dialect/Act/IR/ActOpsDialect.h.inc"

#endif
