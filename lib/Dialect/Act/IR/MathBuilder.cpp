#include "relu/Dialect/Act/IR/MathBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/APFloat.h"

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
Value MathBuilder::div(Value x, Value y) const {
  return withFlags(arith::DivFOp::create(b, loc, x, y), arith::FastMathFlags::arcp);
}
Value MathBuilder::neg(Value x) const { return arith::NegFOp::create(b, loc, x); }
Value MathBuilder::abs(Value x) const { return math::AbsFOp::create(b, loc, x); }
Value MathBuilder::max(Value x, Value y) const { return arith::MaximumFOp::create(b, loc, x, y); }
Value MathBuilder::min(Value x, Value y) const { return arith::MinimumFOp::create(b, loc, x, y); }
Value MathBuilder::fma(Value x, Value y, Value z) const {
  return math::FmaOp::create(b, loc, x, y, z);
}

Value MathBuilder::param(double value) const {
  return c(parameterType ? split(value, parameterType).first : value);
}

Value MathBuilder::param(Parameter p) const {
  if (!p.dynamic)
    return param(p.value);
  auto elementType = cast<FloatType>(getElementTypeOrSelf(type));
  Value value = convert(p.dynamic, parameterType ? parameterType : elementType);
  value = convert(value, elementType);
  if (isa<VectorType>(type) && !isa<VectorType>(value.getType()))
    value = vector::BroadcastOp::create(b, loc, type, value);
  return value;
}

Value relu::act::convertFloat(OpBuilder &b, Location loc, Value value, Type to) {
  Type from = getElementTypeOrSelf(value.getType());
  if (from == to || !isa<FloatType>(from) || !isa<FloatType>(to))
    return value;
  Type target = to;
  if (auto vector = dyn_cast<VectorType>(value.getType()))
    target = vector.clone(to);
  if (from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth())
    return arith::ExtFOp::create(b, loc, target, value);
  return arith::TruncFOp::create(b, loc, target, value);
}

Value MathBuilder::convert(Value value, FloatType to) const {
  return convertFloat(b, loc, value, to);
}

std::pair<double, double> MathBuilder::split(double k, FloatType to) const {
  auto elementType = to ? to : cast<FloatType>(getElementTypeOrSelf(type));
  llvm::APFloat rounded(k);
  bool losesInfo;
  rounded.convert(elementType.getFloatSemantics(), llvm::APFloat::rmNearestTiesToEven,
                  &losesInfo);
  double hi = rounded.convertToDouble();
  return {hi, k - hi};
}

/// minnum returns its other operand for NaN; finite low parts that matter
/// are far below 1 (at most ulp(hi) / 2 of an argument where exp or erfc is
/// not yet 0). One vminps on AVX-512 (convert-math-to-polynomials).
Value MathBuilder::finiteLow(Value lo) const {
  return arith::MinNumFOp::create(b, loc, lo, c(1));
}

bool MathBuilder::needsCompensation() const {
  return !getElementTypeOrSelf(type).isF64() && !approximate();
}

bool MathBuilder::approximate() const {
  return storageType && storageType.getIntOrFloatBitWidth() == 16 &&
         getElementTypeOrSelf(type).isF32();
}

Value MathBuilder::withFlags(Operation *op, arith::FastMathFlags flags) const {
  if (!approximate())
    return op->getResult(0);
  op->setAttr(cast<arith::ArithFastMathInterface>(op).getFastMathAttrName(),
              arith::FastMathFlagsAttr::get(op->getContext(), flags));
  if (flags == arith::FastMathFlags::afn)
    op->setAttr(kSignificandBitsAttrName,
                b.getI32IntegerAttr(llvm::APFloat::semanticsPrecision(
                    storageType.getFloatSemantics())));
  return op->getResult(0);
}

MathBuilder::Compensated MathBuilder::mulExact(double k, Value x) const {
  if (!needsCompensation())
    return {mul(c(k), x), Value()};
  auto [kHi, kLo] = split(k);
  Value hi = mul(c(kHi), x);
  // fma gives the product's rounding error exactly; kLo * x adds the
  // constant's own rounding (none for k exact in the type, such as 1.5).
  Value lo = fma(c(kHi), x, neg(hi));
  if (kLo != 0)
    lo = fma(c(kLo), x, lo);
  return {hi, lo};
}

MathBuilder::Compensated MathBuilder::mulExact(Parameter k, Value x) const {
  if (!k.dynamic)
    return mulExact(k.value, x);
  return mulExact(param(k), x);
}

MathBuilder::Compensated MathBuilder::mulExact(Value k, Value x) const {
  Value hi = mul(k, x);
  if (!needsCompensation())
    return {hi, Value()};
  return {hi, fma(k, x, neg(hi))};
}

MathBuilder::Compensated MathBuilder::oddCubicExact(Value x, double k1,
                                                    double k2) const {
  if (!needsCompensation()) {
    // bf16: k1 + k2 x^2 as one fma (f16 and the f64 reference keep their
    // rounding).
    if (approximate() && llvm::APFloat::semanticsPrecision(storageType.getFloatSemantics()) <= 8)
      return {mul(x, fma(c(k2), mul(x, x), c(k1))), Value()};
    return {mul(x, add(c(k1), mul(c(k2), mul(x, x)))), Value()};
  }
  // s + sLo = x^2 exactly.
  Value s = mul(x, x);
  Value sLo = fma(x, x, neg(s));
  // p + pLo = k2 * x^2 (to first order).
  auto [k2Hi, k2Lo] = split(k2);
  Value p = mul(c(k2Hi), s);
  Value pLo = fma(c(k2Hi), s, neg(p));
  pLo = fma(c(k2Hi), sLo, fma(c(k2Lo), s, pLo));
  // u + uLo = k1 + p (TwoSum) + the remainders.
  auto [k1Hi, k1Lo] = split(k1);
  Value u = add(c(k1Hi), p);
  Value pPart = sub(u, c(k1Hi));
  Value uLo = add(sub(c(k1Hi), sub(u, pPart)), sub(p, pPart));
  uLo = add(uLo, add(pLo, c(k1Lo)));
  // v + vLo = x * (u + uLo).
  Value v = mul(x, u);
  Value vLo = fma(x, uLo, fma(x, u, neg(v)));
  return {v, vLo};
}

Value MathBuilder::exp(Compensated v) const {
  Value e = exp(v.hi);
  return v.lo ? fma(e, finiteLow(v.lo), e) : e;
}

// The functions a 16-bit result lets convert-math-to-polynomials approximate
// more cheaply (approximate()).
Value MathBuilder::exp(Value x) const {
  return withFlags(math::ExpOp::create(b, loc, x), arith::FastMathFlags::afn);
}
Value MathBuilder::expm1(Value x) const {
  return withFlags(math::ExpM1Op::create(b, loc, x), arith::FastMathFlags::afn);
}
Value MathBuilder::log1p(Value x) const {
  return withFlags(math::Log1pOp::create(b, loc, x), arith::FastMathFlags::afn);
}
Value MathBuilder::tanh(Value x) const {
  return withFlags(math::TanhOp::create(b, loc, x), arith::FastMathFlags::afn);
}
Value MathBuilder::erf(Value x) const { return math::ErfOp::create(b, loc, x); }
Value MathBuilder::erfc(Value x) const {
  return withFlags(math::ErfcOp::create(b, loc, x), arith::FastMathFlags::afn);
}

Value MathBuilder::gt(Value x, Value y) const {
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, y);
}
Value MathBuilder::le(Value x, Value y) const {
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLE, x, y);
}
Value MathBuilder::ge(Value x, Value y) const {
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, x, y);
}
Value MathBuilder::lt(Value x, Value y) const {
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, y);
}
Value MathBuilder::both(Value p, Value q) const { return arith::AndIOp::create(b, loc, p, q); }
Value MathBuilder::log(Value x) const { return math::LogOp::create(b, loc, x); }
Value MathBuilder::atanh(Value x) const { return math::AtanhOp::create(b, loc, x); }
Value MathBuilder::select(Value cond, Value x, Value y) const {
  return arith::SelectOp::create(b, loc, cond, x, y);
}
