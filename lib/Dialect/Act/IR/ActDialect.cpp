#include "relu/Dialect/Act/IR/ActDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"
#include "relu/Dialect/Act/IR/ActOps.h"

using namespace mlir;
using namespace relu::act;

#include "relu/Dialect/Act/IR/ActOpsDialect.cpp.inc"
#include "relu/Dialect/Act/IR/ActEnums.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "relu/Dialect/Act/IR/ActAttrs.cpp.inc"

void ActDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "relu/Dialect/Act/IR/ActOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "relu/Dialect/Act/IR/ActAttrs.cpp.inc"
      >();
}

Operation *ActDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  return arith::ConstantOp::materialize(builder, value, type, loc);
}
