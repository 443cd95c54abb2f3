#include "relu/Dialect/Act/IR/MathBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace relu::act;

Value MathBuilder::c(double value) const {
  auto elementType = cast<FloatType>(getElementTypeOrSelf(type));
  auto scalar = b.getFloatAttr(elementType, value);
  if (auto shaped = dyn_cast<ShapedType>(type))
    return arith::ConstantOp::create(b, loc, shaped,
                                     DenseElementsAttr::get(shaped, scalar));
  return arith::ConstantOp::create(b, loc, elementType, scalar);
}

Value MathBuilder::add(Value x, Value y) const { return arith::AddFOp::create(b, loc, x, y); }
Value MathBuilder::sub(Value x, Value y) const { return arith::SubFOp::create(b, loc, x, y); }
Value MathBuilder::mul(Value x, Value y) const { return arith::MulFOp::create(b, loc, x, y); }
Value MathBuilder::div(Value x, Value y) const { return arith::DivFOp::create(b, loc, x, y); }
Value MathBuilder::neg(Value x) const { return arith::NegFOp::create(b, loc, x); }
Value MathBuilder::max(Value x, Value y) const { return arith::MaximumFOp::create(b, loc, x, y); }
Value MathBuilder::min(Value x, Value y) const { return arith::MinimumFOp::create(b, loc, x, y); }
Value MathBuilder::exp(Value x) const { return math::ExpOp::create(b, loc, x); }
Value MathBuilder::expm1(Value x) const { return math::ExpM1Op::create(b, loc, x); }
Value MathBuilder::log1p(Value x) const { return math::Log1pOp::create(b, loc, x); }
Value MathBuilder::tanh(Value x) const { return math::TanhOp::create(b, loc, x); }
Value MathBuilder::erf(Value x) const { return math::ErfOp::create(b, loc, x); }
Value MathBuilder::erfc(Value x) const { return math::ErfcOp::create(b, loc, x); }

Value MathBuilder::gt(Value x, Value y) const {
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, y);
}
Value MathBuilder::le(Value x, Value y) const {
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLE, x, y);
}
Value MathBuilder::select(Value cond, Value x, Value y) const {
  return arith::SelectOp::create(b, loc, cond, x, y);
}
