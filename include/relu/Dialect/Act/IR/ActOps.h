#ifndef RELU_DIALECT_ACT_IR_ACTOPS_H
#define RELU_DIALECT_ACT_IR_ACTOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "relu/Dialect/Act/IR/ActDialect.h"
#include "relu/Dialect/Act/IR/ActInterfaces.h"

#include "relu/Dialect/Act/IR/ActEnums.h"

#define GET_ATTRDEF_CLASSES
#include "relu/Dialect/Act/IR/ActAttrs.h.inc"

#define GET_OP_CLASSES
#include "relu/Dialect/Act/IR/ActOps.h.inc"

#endif
