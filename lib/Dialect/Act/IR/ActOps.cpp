// The one definition of every activation's math (`buildScalar`) and the ops'
// verifiers. Shared pieces (softplus, swish, relu6) are helpers used by
// several definitions, so no formula is written twice.
#include "relu/Dialect/Act/IR/ActOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "relu/Dialect/Act/IR/MathBuilder.h"

#include <limits>

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

/// The float type `op`'s result is stored in: its element type, or the
/// type of the `arith.truncf` that is its only use (a fusion group's cast to
/// bf16/f16, `--fuse ...,gelu,cast:bf16`): then only that rounding is seen.
static FloatType storageTypeOf(Operation *op) {
  Value result = op->getResult(0);
  if (result.hasOneUse())
    if (auto truncation = dyn_cast<arith::TruncFOp>(*result.getUsers().begin()))
      return dyn_cast<FloatType>(getElementTypeOrSelf(truncation.getType()));
  return dyn_cast<FloatType>(getElementTypeOrSelf(result.getType()));
}

/// A MathBuilder for `args`; attribute parameters (MathBuilder::param) are
/// rounded to the op's compute type, as run-time kernels hold them, also when
/// the definition is evaluated in f64 (constant folding). The type the result
/// is stored in sets the precision it needs (MathBuilder::approximate).
static MathBuilder mathFor(Operation *op, OpBuilder &b, Location loc, ValueRange args) {
  Type element = cast<ShapedType>(op->getResult(0).getType()).getElementType();
  return MathBuilder(b, loc, args.front().getType(), getComputeType(element),
                     storageTypeOf(op));
}

// Conventions. Each definition is written in the form whose chain-rule
// derivative (Derivative.cpp) is the framework's backward at kinks and NaN:
// the piece a comparison sends x = kink (or NaN) to is the piece whose slope
// the framework returns there. maximumf/minimumf differentiate by a fixed
// rule (Derivative.h: the second operand takes ties; NaN goes to the first
// under pytorch, to the second under jax). All forms of one op compute the
// same values, except that the jax forms give jax's own values where jax's
// definition differs (softplus has no threshold; docs/gradients.md).
static bool isJax(Conventions conventions) { return conventions == Conventions::jax; }

/// pytorch: x > 0 ? x : s * x (leaky_relu_backward tests self > 0);
/// jax: x >= 0 ? x : s * x (jax.nn.leaky_relu, slope 1 at 0).
static Value leakyMath(const MathBuilder &m, Value x, Value slope,
                       Conventions conventions) {
  Value positive = isJax(conventions) ? m.ge(x, m.c(0)) : m.gt(x, m.c(0));
  return m.select(positive, x, m.mul(x, slope));
}
/// minimum(maximum(x, lo), hi): slope 0 at both bounds (hardtanh_backward,
/// jax.nn.relu6); NaN has slope 1 under pytorch. jax.nn.hard_tanh is
/// where(x > 1, 1, where(x < -1, -1, x)): slope 1 at the bounds.
static Value clampMath(const MathBuilder &m, Value x, Parameter lo, Parameter hi,
                       Conventions conventions = Conventions::pytorch) {
  if (isJax(conventions) && lo.is(-1.0) && hi.is(1.0))
    return m.select(m.gt(x, m.param(hi)), m.param(hi),
                    m.select(m.lt(x, m.param(lo)), m.param(lo), x));
  return m.min(m.max(x, m.param(lo)), m.param(hi));
}
/// clamp(x + 3, 0, 6) / 6. pytorch's hardsigmoid_backward is
/// (x > -3 && x < 3) ? 1/6 : 0, so 0 at -3, 3 and NaN: outside (-3, 3) the
/// form takes no value from x (NaN becomes a NaN constant).
static Value hardsigmoidMath(const MathBuilder &m, Value x, Conventions conventions) {
  if (isJax(conventions))
    return m.div(clampMath(m, m.add(x, m.c(3)), {0}, {6}), m.c(6));
  Value inside = m.both(m.gt(x, m.c(-3)), m.lt(x, m.c(3)));
  Value outside = m.select(m.ge(x, m.c(3)), m.c(1),
                           m.select(m.le(x, m.c(-3)), m.c(0),
                                    m.c(std::numeric_limits<double>::quiet_NaN())));
  return m.select(inside, m.div(m.add(x, m.c(3)), m.c(6)), outside);
}
/// x * hardsigmoid(x). pytorch's hardswish_backward: x < -3: 0,
/// x <= 3: x / 3 + 1/2 (so -1/2 at -3 and 3/2 at 3), else 1 (NaN too); the
/// pieces are x * 0 (as x * hardsigmoid(x) there: -0.0, NaN for -inf),
/// x * (x + 3) / 6 and x. jax: x * hardsigmoid(x) with jax's relu6.
static Value hardswishMath(const MathBuilder &m, Value x, Conventions conventions) {
  if (isJax(conventions))
    return m.mul(x, hardsigmoidMath(m, x, conventions));
  Value middle = m.mul(x, m.div(m.add(x, m.c(3)), m.c(6)));
  return m.select(m.lt(x, m.c(-3)), m.mul(x, m.c(0)),
                  m.select(m.le(x, m.c(3)), middle, x));
}
/// pytorch: x <= 0 ? alpha * expm1(x / scale) : x (elu_backward tests
/// self <= 0, so NaN has slope 1); jax: x > 0 ? x : ... (NaN slope NaN).
/// `inputScale` is celu's alpha (1 for elu and selu).
static Value eluMath(const MathBuilder &m, Value x, Parameter alpha, Parameter inputScale,
                     Conventions conventions) {
  Value u = inputScale.is(1.0) ? x : m.div(x, m.param(inputScale));
  // expm1 of min(0, u), the same where it is selected, is cheaper to
  // approximate (no overflow side); ties give u its slope at 0.
  Value negative = m.mul(m.param(alpha), m.expm1(m.min(m.c(0), u)));
  if (isJax(conventions))
    return m.select(m.gt(x, m.c(0)), x, negative);
  return m.select(m.le(x, m.c(0)), negative, x);
}
/// The preimage of eluMath's y for alpha >= 0: y itself on the linear piece,
/// scale * log1p(y / alpha) on the exponential one (clamped to -1: rounding
/// of y may step past the asymptote -alpha).
static Value eluPreimage(const MathBuilder &m, Value y, double alpha, double inputScale,
                         double outputScale) {
  if (!(alpha >= 0))
    return Value();
  Value linear = outputScale == 1.0 ? y : m.div(y, m.param(outputScale));
  if (alpha == 0)
    return linear;
  Value scaledY = m.div(y, m.param(alpha * outputScale));
  Value x = m.log1p(m.max(scaledY, m.c(-1)));
  if (inputScale != 1.0)
    x = m.mul(m.param(inputScale), x);
  return m.select(m.gt(y, m.c(0)), linear, x);
}
/// Whether v >= 0 (false for NaN), and -|v| compensated.
struct SignedMagnitude {
  Value positive;
  MathBuilder::Compensated negAbs;
};
/// -|v| of a compensated v keeps its low part with the matching sign. -|v|
/// is min(v, -v), so that at v = +-0 the tie rule of the derivative gives
/// sigmoid its slope 1/4.
static SignedMagnitude signedMagnitude(const MathBuilder &m, MathBuilder::Compensated v) {
  Value positive = m.ge(v.hi, m.c(0));
  return {positive,
          {m.min(v.hi, m.neg(v.hi)), v.lo ? m.select(positive, m.neg(v.lo), v.lo) : Value()}};
}
/// beta * x, exact for beta == 1.
static MathBuilder::Compensated scaled(const MathBuilder &m, Parameter beta, Value x) {
  if (beta.is(1.0))
    return {x, Value()};
  return m.mulExact(beta, x);
}
/// The signed magnitude of beta * x (beta != 1) as -|beta| * |x| and its
/// rounding error: no sign flips of both parts. (Where it is used, a factor x
/// makes the slope of |x| at 0 irrelevant.)
static SignedMagnitude scaledSignedMagnitude(const MathBuilder &m, Parameter beta, Value x) {
  if (beta.is(1.0))
    return signedMagnitude(m, {x, Value()});
  Value magnitude = m.abs(x);
  if (!beta.dynamic)
    return {beta.value > 0 ? m.ge(x, m.c(0)) : m.le(x, m.c(0)),
            m.mulExact(-std::abs(beta.value), magnitude)};
  Value betaValue = m.param(beta);
  return {m.ge(m.mul(betaValue, x), m.c(0)),
          m.mulExact(m.neg(m.abs(betaValue)), magnitude)};
}
/// x * sigmoid(v) without overflow: with e = exp(-|v|) in (0, 1],
///   v >= 0: x / (1 + e),   v < 0: x * e / (1 + e).
/// (Both agree at v = +-0, so a sign test of x - or of beta * x in either
/// direction - picks correctly there too.)
static Value xSigmoidMath(const MathBuilder &m, Value x, SignedMagnitude v) {
  Value e = m.exp(v.negAbs);
  Value ratio = m.div(x, m.add(m.c(1), e));
  return m.select(v.positive, ratio, m.mul(ratio, e));
}
static Value swishMath(const MathBuilder &m, Value x, Parameter beta) {
  return xSigmoidMath(m, x, scaledSignedMagnitude(m, beta, x));
}
/// pytorch: beta * x > threshold ? x : log1p(exp(beta * x)) / beta (slope 1
/// above the threshold, as softplus_backward). jax.nn.softplus is
/// logaddexp(x, 0), with no threshold; here logaddexp(beta * x, 0) / beta.
/// Both as max(v, 0) + log1p(exp(-|v|)) with v = beta * x: nothing
/// overflows, one exp and one log1p whose argument is in (0, 1] (cheap to
/// approximate, convert-math-to-polynomials), and the slope is sigmoid(v).
/// -|v| is min(v, -v), the positive part max(0, v) (jax: x + ... from +-0
/// up), so that at v = +-0 the tie rules of the derivatives give slope 1/2.
static Value softplusMath(const MathBuilder &m, Value x, Parameter beta,
                          Parameter threshold, Conventions conventions) {
  MathBuilder::Compensated betaX = scaled(m, beta, x);
  Value betaValue = beta.dynamic ? m.param(beta) : m.c(beta.value);
  auto overBeta = [&](Value v) { return beta.is(1.0) ? v : m.div(v, betaValue); };
  SignedMagnitude v = signedMagnitude(m, betaX);
  Value tail = m.log1p(m.exp(v.negAbs));
  if (isJax(conventions))
    return m.select(v.positive, m.add(x, overBeta(tail)), overBeta(tail));
  Value smooth = overBeta(m.add(m.max(m.c(0), betaX.hi), tail));
  return m.select(m.gt(betaX.hi, m.param(threshold)), x, smooth);
}

Value ReluOp::buildScalar(OpBuilder &b, Location loc, ValueRange args, Conventions) {
  MathBuilder m = mathFor(*this, b, loc, args);
  return m.max(args[0], m.c(0));
}

/// relu's output is its own preimage: y = +0.0 for every x <= 0.
Value ReluOp::buildPreimage(OpBuilder &, Location, Value y, Conventions) { return y; }

Value LeakyReluOp::buildScalar(OpBuilder &b, Location loc, ValueRange args,
                               Conventions conventions) {
  MathBuilder m = mathFor(*this, b, loc, args);
  return leakyMath(m, args[0], m.param(getParameter(*this, "negative_slope", args)),
                   conventions);
}

/// y on the positive piece, y / slope on the other. With slope 0, y (= +-0.0
/// or x) is its own preimage under pytorch; under jax -0.0 comes from both
/// pieces (x = -0.0 has slope 1, x < 0 slope 0), so there is none. A dynamic
/// slope has none (its sign is unknown here).
Value LeakyReluOp::buildPreimage(OpBuilder &b, Location loc, Value y,
                                 Conventions conventions) {
  std::optional<double> staticSlope = getStaticParameter(*this, "negative_slope");
  if (!staticSlope)
    return Value();
  double slope = *staticSlope;
  MathBuilder m = mathFor(*this, b, loc, y);
  if (slope == 0)
    return isJax(conventions) ? Value() : y;
  if (!(slope > 0))
    return Value();
  Value positive = isJax(conventions) ? m.ge(y, m.c(0)) : m.gt(y, m.c(0));
  return m.select(positive, y, m.div(y, m.param(slope)));
}

Value PReluOp::buildScalar(OpBuilder &b, Location loc, ValueRange args,
                           Conventions conventions) {
  return leakyMath(mathFor(*this, b, loc, args), args[0], args[1], conventions);
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

Value ClampOp::buildScalar(OpBuilder &b, Location loc, ValueRange args,
                           Conventions conventions) {
  return clampMath(mathFor(*this, b, loc, args), args[0],
                   getParameter(*this, "min", args), getParameter(*this, "max", args),
                   conventions);
}

Value ThresholdOp::buildScalar(OpBuilder &b, Location loc, ValueRange args, Conventions) {
  MathBuilder m = mathFor(*this, b, loc, args);
  Value x = args[0];
  return m.select(m.le(x, m.param(getParameter(*this, "threshold", args))),
                  m.param(getParameter(*this, "value", args)), x);
}

Value HardSigmoidOp::buildScalar(OpBuilder &b, Location loc, ValueRange args,
                                 Conventions conventions) {
  return hardsigmoidMath(mathFor(*this, b, loc, args), args[0], conventions);
}

Value HardSwishOp::buildScalar(OpBuilder &b, Location loc, ValueRange args,
                               Conventions conventions) {
  return hardswishMath(mathFor(*this, b, loc, args), args[0], conventions);
}

Value EluOp::buildScalar(OpBuilder &b, Location loc, ValueRange args,
                         Conventions conventions) {
  return eluMath(mathFor(*this, b, loc, args), args[0],
                 getParameter(*this, "alpha", args), {1.0}, conventions);
}

/// A dynamic alpha has no preimage (its sign is unknown here).
Value EluOp::buildPreimage(OpBuilder &b, Location loc, Value y, Conventions) {
  std::optional<double> alpha = getStaticParameter(*this, "alpha");
  if (!alpha)
    return Value();
  return eluPreimage(mathFor(*this, b, loc, y), y, *alpha, 1.0, 1.0);
}

Value SeluOp::buildScalar(OpBuilder &b, Location loc, ValueRange args,
                          Conventions conventions) {
  MathBuilder m = mathFor(*this, b, loc, args);
  return m.mul(m.param(kSeluScale),
               eluMath(m, args[0], {kSeluAlpha}, {1.0}, conventions));
}

Value SeluOp::buildPreimage(OpBuilder &b, Location loc, Value y, Conventions) {
  return eluPreimage(mathFor(*this, b, loc, y), y, kSeluAlpha, 1.0, kSeluScale);
}

Value CeluOp::buildScalar(OpBuilder &b, Location loc, ValueRange args,
                          Conventions conventions) {
  Parameter alpha = getParameter(*this, "alpha", args);
  return eluMath(mathFor(*this, b, loc, args), args[0], alpha, alpha, conventions);
}

Value CeluOp::buildPreimage(OpBuilder &b, Location loc, Value y, Conventions) {
  std::optional<double> alpha = getStaticParameter(*this, "alpha");
  if (!alpha)
    return Value();
  return eluPreimage(mathFor(*this, b, loc, y), y, *alpha, *alpha, 1.0);
}

// GELU in forms without cancellation in the negative tail, with the
// arguments of erfc and exp carried in extra precision (see MathBuilder):
//   0.5 * x * (1 + erf(x / sqrt(2)))  ==  0.5 * x * erfc(-x / sqrt(2))
//   0.5 * x * (1 + tanh(z))           ==  x * sigmoid(2 * z)
Value GeluOp::buildScalar(OpBuilder &b, Location loc, ValueRange args, Conventions) {
  MathBuilder m = mathFor(*this, b, loc, args);
  Value x = args[0];
  if (getApproximate() == GeluApproximation::tanh) {
    double k1 = 2 * kSqrtTwoOverPi;
    return xSigmoidMath(m, x, signedMagnitude(m, m.oddCubicExact(x, k1, k1 * kGeluCubic)));
  }
  // erfc(a + aLo) = erfc(a) - aLo * 2/sqrt(pi) * exp(-a^2) to first order.
  MathBuilder::Compensated a = m.mulExact(-kSqrtHalf, x);
  Value erfc = m.erfc(a.hi);
  if (a.lo) {
    // exp(-|a|^2), as upstream's f32 erfc approximation computes its own
    // exp(-a^2) (convert-math-to-polynomials): the CSE after that pass then
    // keeps one exponential for both (the values are the same for every a).
    Value magnitude = m.abs(a.hi);
    Value slope =
        m.mul(m.c(kTwoOverSqrtPi), m.exp(m.neg(m.mul(magnitude, magnitude))));
    // a.lo is NaN for x = +-inf (never inf: |-sqrt(1/2) x| does not overflow).
    erfc = m.fma(m.neg(m.finiteLow(a.lo)), slope, erfc);
  }
  return m.mul(m.mul(m.c(0.5), x), erfc);
}

Value SigmoidOp::buildScalar(OpBuilder &b, Location loc, ValueRange args, Conventions) {
  MathBuilder m = mathFor(*this, b, loc, args);
  return xSigmoidMath(m, m.c(1), signedMagnitude(m, {args[0], Value()}));
}

/// logit(y) = log(y / (1 - y)).
Value SigmoidOp::buildPreimage(OpBuilder &b, Location loc, Value y, Conventions) {
  MathBuilder m = mathFor(*this, b, loc, y);
  return m.log(m.div(y, m.sub(m.c(1), y)));
}

Value TanhOp::buildScalar(OpBuilder &b, Location loc, ValueRange args, Conventions) {
  return mathFor(*this, b, loc, args).tanh(args[0]);
}

Value TanhOp::buildPreimage(OpBuilder &b, Location loc, Value y, Conventions) {
  return mathFor(*this, b, loc, y).atanh(y);
}

Value SiluOp::buildScalar(OpBuilder &b, Location loc, ValueRange args, Conventions) {
  return swishMath(mathFor(*this, b, loc, args), args[0], {1.0});
}

Value SwishOp::buildScalar(OpBuilder &b, Location loc, ValueRange args, Conventions) {
  return swishMath(mathFor(*this, b, loc, args), args[0],
                   getParameter(*this, "beta", args));
}

Value SoftplusOp::buildScalar(OpBuilder &b, Location loc, ValueRange args,
                              Conventions conventions) {
  return softplusMath(mathFor(*this, b, loc, args), args[0],
                      getParameter(*this, "beta", args),
                      getParameter(*this, "threshold", args), conventions);
}

// mish(x) = x * tanh(softplus(x)) with tanh(log1p(e)) = n / (n + 2),
// n = e * (e + 2), e = exp(x): one exponential instead of exp, log1p and tanh.
// Scaled by 1/4 (exact): with h = e / 2, n / 4 = h * h + h is one fma and
// tanh = (n / 4) / (n / 4 + 1/2); exp(x) / 2 costs nothing more than exp
// (convert-math-to-polynomials folds the factor into exp's polynomial).
// Above softplus's threshold mish(x) = x * tanh(x), which is x in f32 and f64,
// so both conventions (with or without the cut-off) agree on it; there
// e = exp(min(x, 20)) makes n / 4 + 1/2 round to n / 4 (in f32 and f64), so
// the product is x exactly with no select.
Value MishOp::buildScalar(OpBuilder &b, Location loc, ValueRange args,
                          Conventions conventions) {
  MathBuilder m = mathFor(*this, b, loc, args);
  Value x = args[0];
  Value h = m.mul(m.exp(m.min(x, m.c(kMishSoftplusThreshold))), m.c(0.5));
  Value quarterN = m.fma(h, h, h);
  return m.mul(x, m.div(quarterN, m.add(quarterN, m.c(0.5))));
}

Value CustomOp::buildScalar(OpBuilder &b, Location loc, ValueRange args, Conventions) {
  return cloneScalarBody(b, getBody().front(), args);
}

//===----------------------------------------------------------------------===//
// Verifiers
//===----------------------------------------------------------------------===//

// Parameter domains: the verifier checks them on static values
// (verifyParameters), the kernel shim on dynamic ones at run time.
SmallVector<ParameterRule> ClampOp::getParameterRules() {
  return {{ParameterRule::NotNaN, "min", ""},
          {ParameterRule::NotNaN, "max", ""},
          {ParameterRule::NotGreater, "min", "max"}};
}

SmallVector<ParameterRule> CeluOp::getParameterRules() {
  return {{ParameterRule::NonZero, "alpha", ""}};
}

SmallVector<ParameterRule> SoftplusOp::getParameterRules() {
  return {{ParameterRule::NonZero, "beta", ""}};
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

/// act.grad prints its source as a bare keyword: `act.grad %dy, input %x`.
static ParseResult parseGradSource(OpAsmParser &parser, GradSourceAttr &source) {
  StringRef keyword;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseKeyword(&keyword))
    return failure();
  std::optional<GradSource> value = symbolizeGradSource(keyword);
  if (!value)
    return parser.emitError(loc, "expected input, output or mask");
  source = GradSourceAttr::get(parser.getContext(), *value);
  return success();
}
static void printGradSource(OpAsmPrinter &printer, Operation *, GradSourceAttr source) {
  printer << stringifyGradSource(source.getValue());
}

/// Dynamic parameters print as `name(%value : type)`, in operand order:
///   act.clamp %x min(%lo : f32) max(%hi : f32) : tensor<?xf32>
static OptionalParseResult
parseDynamicParameters(OpAsmParser &parser,
                       SmallVectorImpl<OpAsmParser::UnresolvedOperand> &values,
                       SmallVectorImpl<Type> &types, ArrayAttr &names) {
  SmallVector<Attribute> nameAttrs;
  std::string name;
  while (succeeded(parser.parseOptionalKeywordOrString(&name))) {
    OpAsmParser::UnresolvedOperand value;
    Type type;
    if (parser.parseLParen() || parser.parseOperand(value) ||
        parser.parseColonType(type) || parser.parseRParen())
      return ParseResult(failure());
    nameAttrs.push_back(parser.getBuilder().getStringAttr(name));
    values.push_back(value);
    types.push_back(type);
  }
  if (nameAttrs.empty())
    return std::nullopt;
  names = parser.getBuilder().getArrayAttr(nameAttrs);
  return success();
}
static void printDynamicParameters(OpAsmPrinter &printer, Operation *op,
                                   OperandRange values, TypeRange types,
                                   ArrayAttr) {
  for (auto [i, name, value, type] :
       llvm::enumerate(getDynamicParameterNames(op), values, types)) {
    if (i)
      printer << " ";
    printer.printKeywordOrString(name);
    printer << "(" << value << " : " << type << ")";
  }
}

#define GET_OP_CLASSES
#include "relu/Dialect/Act/IR/ActOps.cpp.inc"
