// The one definition of every activation's math (`buildScalar`) and the ops'
// verifiers. Shared pieces (softplus, swish, relu6) are helpers used by
// several definitions, so no formula is written twice.
#include "relu/Dialect/Act/IR/ActOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "relu/Dialect/Act/IR/MathBuilder.h"

using namespace mlir;
using namespace relu::act;

// PyTorch's SELU constants.
static constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
static constexpr double kSeluScale = 1.0507009873554804934193349852946;
// GELU: 1/sqrt(2) and sqrt(2/pi), the tanh form's cubic coefficient.
static constexpr double kSqrtHalf = 0.70710678118654752440084436210485;
static constexpr double kSqrtTwoOverPi = 0.79788456080286535587989211986876;
static constexpr double kGeluCubic = 0.044715;
static constexpr double kTwoOverSqrtPi = 1.1283791670955125738961589031215;
// mish uses PyTorch's softplus defaults.
static constexpr double kMishSoftplusThreshold = 20.0;

/// A MathBuilder for `args`; attribute parameters (MathBuilder::param) are
/// rounded to the op's compute type, as run-time kernels hold them, also when
/// the definition is evaluated in f64 (constant folding).
static MathBuilder mathFor(Operation *op, OpBuilder &b, Location loc, ValueRange args) {
  Type element = cast<ShapedType>(op->getResult(0).getType()).getElementType();
  return MathBuilder(b, loc, args.front().getType(), getComputeType(element));
}

static Value leakyMath(const MathBuilder &m, Value x, Value slope) {
  return m.select(m.gt(x, m.c(0)), x, m.mul(x, slope));
}
static Value clampMath(const MathBuilder &m, Value x, double lo, double hi) {
  return m.min(m.max(x, m.param(lo)), m.param(hi));
}
static Value hardsigmoidMath(const MathBuilder &m, Value x) {
  return m.div(clampMath(m, m.add(x, m.c(3)), 0, 6), m.c(6));
}
static Value eluMath(const MathBuilder &m, Value x, double alpha) {
  return m.select(m.gt(x, m.c(0)), x, m.mul(m.param(alpha), m.expm1(x)));
}
/// x * sigmoid(v) without overflow: with e = exp(-|v|) in (0, 1],
///   v >= 0: x / (1 + e),   v < 0: x * e / (1 + e).
static Value xSigmoidMath(const MathBuilder &m, Value x, MathBuilder::Compensated v) {
  Value positive = m.ge(v.hi, m.c(0));
  // -|v| keeps its low part with the matching sign.
  MathBuilder::Compensated negAbs = {
      m.min(v.hi, m.neg(v.hi)), v.lo ? m.select(positive, m.neg(v.lo), v.lo) : Value()};
  Value e = m.exp(negAbs);
  Value ratio = m.div(x, m.add(m.c(1), e));
  return m.select(positive, ratio, m.mul(ratio, e));
}
/// beta * x, exact for beta == 1.
static MathBuilder::Compensated scaled(const MathBuilder &m, double beta, Value x) {
  if (beta == 1.0)
    return {x, Value()};
  return m.mulExact(beta, x);
}
static Value swishMath(const MathBuilder &m, Value x, double beta) {
  return xSigmoidMath(m, x, scaled(m, beta, x));
}
static Value softplusMath(const MathBuilder &m, Value x, double beta,
                          double threshold) {
  MathBuilder::Compensated betaX = scaled(m, beta, x);
  Value smooth = m.log1p(m.exp(betaX));
  if (beta != 1.0)
    smooth = m.div(smooth, m.c(beta));
  return m.select(m.gt(betaX.hi, m.param(threshold)), x, smooth);
}

Value ReluOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  MathBuilder m = mathFor(*this, b, loc, args);
  return m.max(args[0], m.c(0));
}

Value LeakyReluOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  MathBuilder m = mathFor(*this, b, loc, args);
  return leakyMath(m, args[0], m.param(getNegativeSlope().convertToDouble()));
}

Value PReluOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  return leakyMath(mathFor(*this, b, loc, args), args[0], args[1]);
}

AffineMap PReluOp::getOperandIndexingMap(unsigned index) {
  int64_t rank = getType().getRank();
  MLIRContext *ctx = getContext();
  if (index == 0)
    return AffineMap::getMultiDimIdentityMap(rank, ctx);
  if (rank == 0 || getSlope().getType().getDimSize(0) == 1)
    return AffineMap::get(rank, 0, getAffineConstantExpr(0, ctx));
  return AffineMap::get(rank, 0, getAffineDimExpr(getChannelDim(), ctx));
}

Value ClampOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  return clampMath(mathFor(*this, b, loc, args), args[0], getMin().convertToDouble(),
                   getMax().convertToDouble());
}

Value ThresholdOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  MathBuilder m = mathFor(*this, b, loc, args);
  Value x = args[0];
  return m.select(m.le(x, m.param(getThreshold().convertToDouble())),
                  m.param(getValue().convertToDouble()), x);
}

Value HardSigmoidOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  return hardsigmoidMath(mathFor(*this, b, loc, args), args[0]);
}

Value HardSwishOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  MathBuilder m = mathFor(*this, b, loc, args);
  return m.mul(args[0], hardsigmoidMath(m, args[0]));
}

Value EluOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  return eluMath(mathFor(*this, b, loc, args), args[0], getAlpha().convertToDouble());
}

Value SeluOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  MathBuilder m = mathFor(*this, b, loc, args);
  return m.mul(m.param(kSeluScale), eluMath(m, args[0], kSeluAlpha));
}

Value CeluOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  MathBuilder m = mathFor(*this, b, loc, args);
  double alpha = getAlpha().convertToDouble();
  Value x = args[0];
  return m.select(m.gt(x, m.c(0)), x,
                  m.mul(m.param(alpha), m.expm1(m.div(x, m.param(alpha)))));
}

// GELU in forms without cancellation in the negative tail, with the
// arguments of erfc and exp carried in extra precision (see MathBuilder):
//   0.5 * x * (1 + erf(x / sqrt(2)))  ==  0.5 * x * erfc(-x / sqrt(2))
//   0.5 * x * (1 + tanh(z))           ==  x * sigmoid(2 * z)
Value GeluOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  MathBuilder m = mathFor(*this, b, loc, args);
  Value x = args[0];
  if (getApproximate() == GeluApproximation::tanh) {
    double k1 = 2 * kSqrtTwoOverPi;
    return xSigmoidMath(m, x, m.oddCubicExact(x, k1, k1 * kGeluCubic));
  }
  // erfc(a + aLo) = erfc(a) - aLo * 2/sqrt(pi) * exp(-a^2) to first order.
  MathBuilder::Compensated a = m.mulExact(-kSqrtHalf, x);
  Value erfc = m.erfc(a.hi);
  if (a.lo) {
    Value slope = m.mul(m.c(kTwoOverSqrtPi), m.exp(m.neg(m.mul(a.hi, a.hi))));
    erfc = m.fma(m.neg(a.lo), slope, erfc);
  }
  return m.mul(m.mul(m.c(0.5), x), erfc);
}

Value SigmoidOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  MathBuilder m = mathFor(*this, b, loc, args);
  return xSigmoidMath(m, m.c(1), {args[0], Value()});
}

Value TanhOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  return mathFor(*this, b, loc, args).tanh(args[0]);
}

Value SiluOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  return swishMath(mathFor(*this, b, loc, args), args[0], 1.0);
}

Value SwishOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  return swishMath(mathFor(*this, b, loc, args), args[0], getBeta().convertToDouble());
}

Value SoftplusOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  return softplusMath(mathFor(*this, b, loc, args), args[0],
                      getBeta().convertToDouble(),
                      getThreshold().convertToDouble());
}

// mish(x) = x * tanh(softplus(x)) with tanh(log1p(e)) = n / (n + 2),
// n = e * (e + 2), e = exp(x): one exponential instead of exp, log1p and tanh.
// Above softplus's threshold mish(x) = x * tanh(x), which is x in f32 and f64.
Value MishOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  MathBuilder m = mathFor(*this, b, loc, args);
  Value x = args[0];
  Value e = m.exp(x);
  Value n = m.fma(e, e, m.add(e, e));
  Value smooth = m.div(m.mul(x, n), m.add(n, m.c(2)));
  return m.select(m.gt(x, m.c(kMishSoftplusThreshold)), x, smooth);
}

Value CustomOp::buildScalar(OpBuilder &b, Location loc, ValueRange args) {
  return cloneScalarBody(b, getBody().front(), args);
}

//===----------------------------------------------------------------------===//
// Verifiers
//===----------------------------------------------------------------------===//

LogicalResult ClampOp::verify() {
  double lo = getMin().convertToDouble(), hi = getMax().convertToDouble();
  if (std::isnan(lo) || std::isnan(hi))
    return emitOpError("min and max must not be NaN");
  if (lo > hi)
    return emitOpError("min (") << lo << ") must not exceed max (" << hi << ")";
  return success();
}

LogicalResult CeluOp::verify() {
  if (getAlpha().isZero())
    return emitOpError("alpha must not be 0");
  return success();
}

LogicalResult SoftplusOp::verify() {
  if (getBeta().isZero())
    return emitOpError("beta must not be 0");
  return success();
}

LogicalResult PReluOp::verify() {
  auto inputType = getInput().getType();
  auto slopeType = getSlope().getType();
  if (slopeType.getRank() != 1)
    return emitOpError("slope must be a 1-D tensor, got rank ")
           << slopeType.getRank();
  int64_t slopeSize = slopeType.getDimSize(0);
  int64_t channelDim = getChannelDim();
  // One slope for every element needs no channel dimension (as PyTorch, whose
  // inputs of rank < 2 have none).
  if (slopeSize == 1)
    return success();
  if (inputType.getRank() == 0)
    return emitOpError("slope of a rank-0 input must have size 1");
  if (channelDim < 0 || channelDim >= inputType.getRank())
    return emitOpError("channel_dim ")
           << channelDim << " is out of range for an input of rank "
           << inputType.getRank();
  int64_t channels = inputType.getDimSize(channelDim);
  if (ShapedType::isStatic(slopeSize) && slopeSize != 1 &&
      ShapedType::isStatic(channels) && slopeSize != channels)
    return emitOpError("slope size ")
           << slopeSize << " must be 1 or the size of input dimension "
           << channelDim << " (" << channels << ")";
  return success();
}

LogicalResult CustomOp::verifyRegions() {
  Block &body = getBody().front();
  FloatType computeType = getComputeType(getInput().getType().getElementType());
  if (body.getNumArguments() != 1 || body.getArgument(0).getType() != computeType)
    return emitOpError("body must take exactly one scalar of the compute type ")
           << computeType;
  auto yield = dyn_cast<YieldOp>(body.getTerminator());
  if (!yield)
    return emitOpError("body must end in act.yield");
  if (yield.getValue().getType() != computeType)
    return yield.emitOpError("must yield one scalar of the compute type ")
           << computeType;
  for (Operation &op : body.without_terminator()) {
    StringRef dialect = op.getDialect() ? op.getDialect()->getNamespace() : "";
    if ((dialect != "arith" && dialect != "math") || !isPure(&op) ||
        op.getNumRegions() != 0)
      return op.emitOpError("is not allowed in an act.custom body: only pure "
                            "arith and math ops are");
    for (Type type : llvm::concat<Type>(op.getOperandTypes(), op.getResultTypes()))
      if (!type.isIntOrIndexOrFloat())
        return op.emitOpError("must operate on scalars in an act.custom body");
  }
  return success();
}

#define GET_OP_CLASSES
#include "relu/Dialect/Act/IR/ActOps.cpp.inc"
