// act.fused and act.quantize: verification and act.quantize's definition.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Diagnostics.h"
#include <cmath>
#include "relu/Dialect/Act/IR/ActOps.h"
#include "relu/Dialect/Act/IR/MathBuilder.h"

using namespace mlir;
using namespace relu::act;

//===----------------------------------------------------------------------===//
// act.fused
//===----------------------------------------------------------------------===//

/// The dialects whose tensor ops may appear in a group (docs/fusion.md).
static bool isGroupDialect(Operation &op) {
  StringRef name = op.getDialect() ? op.getDialect()->getNamespace() : "";
  return name == "act" || name == "arith" || name == "math" || name == "linalg" ||
         name == "tensor";
}

LogicalResult FusedOp::verifyRegions() {
  Block &body = getBody().front();
  if (TypeRange(body.getArgumentTypes()) != getInputs().getTypes())
    return emitOpError("region arguments must have the operands' types");
  auto yield = dyn_cast<FusedYieldOp>(body.getTerminator());
  if (!yield)
    return emitOpError("region must end in act.fused_yield");
  if (yield.getValues().getTypes() != getResultTypes())
    return yield.emitOpError("must yield the types of the group's results");
  bool hasActivation = false;
  for (Operation &op : body.without_terminator()) {
    if (!isGroupDialect(op))
      return op.emitOpError("cannot be part of an act.fused group (only act, arith, "
                            "math, linalg and tensor ops)");
    hasActivation |= isa<ActivationOpInterface, QuantizeOp>(op);
  }
  if (!hasActivation)
    return emitOpError("group must contain an act op");
  return success();
}

//===----------------------------------------------------------------------===//
// act.quantize
//===----------------------------------------------------------------------===//

LogicalResult QuantizeOp::verify() {
  // I64Attr accessors return uint64_t: compare as signed values.
  int64_t lo = getQmin(), hi = getQmax(), zeroPoint = getZeroPoint();
  bool isSigned = lo >= -128 && hi <= 127, isUnsigned = lo >= 0 && hi <= 255;
  if (lo > hi || !(isSigned || isUnsigned))
    return emitOpError("[qmin, qmax] must be an ordered range within [-128, 127] "
                       "(int8) or [0, 255] (uint8), not [")
           << lo << ", " << hi << "]";
  double scale = getScale().convertToDouble();
  if (!(scale > 0) || std::isinf(scale))
    return emitOpError("scale must be positive and finite");
  if (zeroPoint < lo || zeroPoint > hi)
    return emitOpError("zero_point must lie in [qmin, qmax]");
  return success();
}

Value QuantizeOp::buildScalar(OpBuilder &b, Location loc, Value x) {
  MathBuilder m(b, loc, x.getType());
  // maxnumf/minnumf return the other operand for NaN: NaN saturates to qmin.
  Value scaled = math::RoundEvenOp::create(b, loc, m.div(x, m.c(getScale().convertToDouble())));
  Value shifted = m.add(scaled, m.c(double(int64_t(getZeroPoint()))));
  Value clamped = arith::MinNumFOp::create(
      b, loc, arith::MaxNumFOp::create(b, loc, shifted, m.c(double(int64_t(getQmin())))),
      m.c(double(int64_t(getQmax()))));
  // Through i32: 255 does not fit a signed i8 conversion; the low 8 bits are
  // the uint8 value.
  auto withElement = [&](Type element) -> Type {
    if (auto vector = dyn_cast<VectorType>(x.getType()))
      return vector.clone(element);
    return element;
  };
  Value wide = arith::FPToSIOp::create(b, loc, withElement(b.getI32Type()), clamped);
  return arith::TruncIOp::create(b, loc, withElement(b.getI8Type()), wide);
}
