#include "relu/Dialect/Act/IR/ActInterfaces.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;

#include "relu/Dialect/Act/IR/ActInterfaces.cpp.inc"

FloatType relu::act::getComputeType(Type elementType) {
  if (elementType.isF64())
    return Float64Type::get(elementType.getContext());
  return Float32Type::get(elementType.getContext());
}

Value relu::act::cloneScalarBody(OpBuilder &builder, Block &body,
                                 ValueRange args) {
  return cloneScalarBodyResults(builder, body, args).front();
}

SmallVector<Value> relu::act::cloneScalarBodyResults(OpBuilder &builder, Block &body,
                                                     ValueRange args) {
  // The body is written for one scalar float type; `args` may be of another
  // float type (f64 for the reference) and/or vectors. Every use of the body's
  // float type is retyped to the argument's, with the argument's shape.
  Type bodyType = body.getArgument(0).getType();
  Type argType = args.front().getType();
  Type argElementType = getElementTypeOrSelf(argType);
  auto vectorType = dyn_cast<VectorType>(argType);
  auto retype = [&](Type type) -> Type {
    Type element = type == bodyType ? argElementType : type;
    return vectorType ? VectorType::get(vectorType.getShape(), element) : element;
  };

  IRMapping mapping;
  mapping.map(body.getArguments(), args);
  for (Operation &op : body.without_terminator()) {
    if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
      TypedAttr value = constant.getValue();
      if (auto floatValue = dyn_cast<FloatAttr>(value);
          floatValue && value.getType() == bodyType)
        value = FloatAttr::get(argElementType, floatValue.getValueAsDouble());
      Type type = retype(constant.getType());
      if (auto shaped = dyn_cast<ShapedType>(type))
        value = DenseElementsAttr::get(shaped, value);
      mapping.map(constant.getResult(),
                  arith::ConstantOp::create(builder, op.getLoc(), type, value));
      continue;
    }
    // Values from above the body (constants hoisted by canonicalization)
    // are splatted once when cloning onto vectors.
    for (Value operand : op.getOperands())
      if (vectorType && !mapping.contains(operand) &&
          operand.getParentBlock() != &body)
        mapping.map(operand, vector::BroadcastOp::create(
                                 builder, op.getLoc(),
                                 retype(operand.getType()), operand));
    Operation *clone = builder.clone(op, mapping);
    for (Value result : clone->getResults())
      result.setType(retype(result.getType()));
  }
  // A value from above yielded as it is (a fill's constant) is splatted too.
  Operation *yield = body.getTerminator();
  return llvm::map_to_vector(yield->getOperands(), [&](Value v) -> Value {
    if (mapping.contains(v) || !vectorType)
      return mapping.lookupOrDefault(v);
    return vector::BroadcastOp::create(builder, yield->getLoc(), retype(v.getType()), v);
  });
}
