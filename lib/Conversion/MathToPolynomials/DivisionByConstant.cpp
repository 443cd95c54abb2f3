// f32 t / d for a constant d as a multiplication by RN(1/d) and one
// correction (Markstein):
//   q = t * z,  s = fma(q, d, -t),  q' = fma(-s, z, q),  z = RN(1/d),
// correctly rounded (bit-identical to the division) when no step underflows
// or overflows: q is within 1 ULP of t / d, s = d q - t is exact, and q' is
// t / d rounded to nearest (Markstein's theorem; Cornea, Harrison and Tang,
// "Scientific Computing on Itanium-based Systems", Theorem 8.3). Signed
// zeros come out right for d > 0: s is +0 for t = +-0, so q' = -0 * z + q
// = q; a negative d divides -t by |d|.
// The rewrite applies where the IR shows that nonzero |t| >= 2^-100 max(1,
// |d|) (no subnormal t, q or s; with a subnormal quotient the exact t / d
// can be a midpoint that the correction misses, e.g. t = 3 * 2^-149, d = 6)
// and that |t| <= 2^126 min(1, |d|); with |d| >= 1 an unbounded t is fine
// except for t = +-inf, where s is NaN: a select keeps q = +-inf there.
// "Shows": t's definition (a sum with a constant is 0 or >= ulp(constant) /
// 2 in magnitude; min/max with constants bound it) and the selects the
// quotient flows into (only the lanes a select passes on matter, and its
// condition bounds the compared values there).
// Where the quotient only decides an integer between finite bounds
// (act.quantize: roundeven, a zero point, clamps, a conversion to an integer),
// neither bound on t is needed: t / d below 2^-100 in magnitude rounds to the
// integer 0 either way, and near the overflow threshold q' and the division
// differ at most between the largest float and inf, which the clamp maps to
// the same bound (the inf select keeps t = +-inf right).
// bench/accuracy/division.sh checks kernels of such forms against the
// division for all 2^32 f32 inputs.
#include "DivisionByConstant.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "llvm/ADT/STLExtras.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/DenseMap.h"

#include <cmath>
#include <limits>

using namespace mlir;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// What the IR shows about an f32 value's non-NaN values: they lie in
/// [lo, hi] (infinities included) and the nonzero ones have a magnitude of
/// at least `tiny`.
struct Range {
  double lo = -kInf, hi = kInf;
  double tiny = std::numeric_limits<float>::denorm_min();

  double maxMagnitude() const { return std::max(std::fabs(lo), std::fabs(hi)); }
  /// Values away from 0 bound `tiny` too.
  Range &tighten() {
    if (lo > 0)
      tiny = std::max(tiny, lo);
    if (hi < 0)
      tiny = std::max(tiny, -hi);
    return *this;
  }
};

/// A scalar or splat f32 constant.
std::optional<double> constantValue(Value v) {
  FloatAttr scalar;
  DenseElementsAttr dense;
  if (matchPattern(v, m_Constant(&scalar)))
    return scalar.getValueAsDouble();
  if (matchPattern(v, m_Constant(&dense)) && dense.isSplat())
    return dense.getSplatValue<APFloat>().convertToDouble();
  return std::nullopt;
}

Range unite(const Range &a, const Range &b) {
  return Range{std::min(a.lo, b.lo), std::max(a.hi, b.hi), std::min(a.tiny, b.tiny)};
}

/// x + k rounded to f32, for x in `x` and a finite nonzero constant k: the
/// exact sum is a multiple of min(ulp(x), ulp(k)), so the rounded one is 0 or
/// at least that; |x| < |k| / 2 gives |x + k| > |k| / 2, and otherwise
/// ulp(x) >= ulp(k) / 2. Hence nonzero sums have magnitude >= ulp(k) / 2
/// (the spacing below |k| is used: never larger than ulp(k)).
Range plusConstant(const Range &x, double k) {
  auto magnitude = static_cast<float>(std::fabs(k));
  double spacing = magnitude - std::nextafter(magnitude, 0.0f);
  // Bounds in double: a little outward covers the f32 rounding.
  auto outward = [](double v, double direction) {
    return std::isinf(v) ? v : v + direction * (std::fabs(v) * 0x1p-20 + 0x1p-140);
  };
  Range sum{outward(x.lo + k, -1), outward(x.hi + k, 1), spacing / 2};
  return sum.tighten();
}

/// Ranges that hold in the lanes where a value is used (see usedWhere).
using Facts = llvm::DenseMap<Value, Range>;

Range intersect(const Range &a, const Range &b) {
  return Range{std::max(a.lo, b.lo), std::min(a.hi, b.hi), std::max(a.tiny, b.tiny)}.tighten();
}

/// Records what `condition` == `holds` says about float values compared
/// with constants: x > c bounds x below by c, x < c above, both when it does
/// not hold. The bounds are closed and NaN is outside every Range, so strict
/// or not, ordered or not, true or false only decide the side.
void addCondition(Value condition, bool holds, Facts &facts, int depth) {
  if (depth == 0)
    return;
  if (auto both = condition.getDefiningOp<arith::AndIOp>(); both && holds) {
    addCondition(both.getLhs(), true, facts, depth - 1);
    addCondition(both.getRhs(), true, facts, depth - 1);
    return;
  }
  if (auto either = condition.getDefiningOp<arith::OrIOp>(); either && !holds) {
    addCondition(either.getLhs(), false, facts, depth - 1);
    addCondition(either.getRhs(), false, facts, depth - 1);
    return;
  }
  auto compare = condition.getDefiningOp<arith::CmpFOp>();
  if (!compare)
    return;
  using P = arith::CmpFPredicate;
  P predicate = compare.getPredicate();
  bool greater = llvm::is_contained({P::OGT, P::OGE, P::UGT, P::UGE}, predicate);
  bool less = llvm::is_contained({P::OLT, P::OLE, P::ULT, P::ULE}, predicate);
  bool equal = (predicate == P::OEQ || predicate == P::UEQ) && holds;
  if (!greater && !less && !equal)
    return;
  Value x = compare.getLhs();
  std::optional<double> c = constantValue(compare.getRhs());
  if (!c) { // c op x: x is on the other side of c.
    x = compare.getRhs();
    c = constantValue(compare.getLhs());
    std::swap(greater, less);
  }
  if (!c)
    return;
  Range bound;
  if (equal)
    bound = Range{*c, *c, *c == 0 ? kInf : std::fabs(*c)};
  else if (greater == holds)
    bound.lo = *c;
  else
    bound.hi = *c;
  auto [it, inserted] = facts.try_emplace(x, bound);
  if (!inserted)
    it->second = intersect(it->second, bound);
}

/// What holds in the lanes where `v` matters: following its single uses
/// through elementwise ops, a select passes v's lanes on only where its
/// condition is true (v the true value) or false (v the false value). The
/// other lanes may take any value (hardsigmoid's (x + 3) / 6 is selected
/// only for -3 < x < 3).
Facts usedWhere(Value v) {
  Facts facts;
  for (int step = 0; step < 16 && v.hasOneUse(); ++step) {
    OpOperand &use = *v.use_begin();
    Operation *user = use.getOwner();
    if (user->getNumResults() != 1 || !OpTrait::hasElementwiseMappableTraits(user))
      break;
    if (auto select = dyn_cast<arith::SelectOp>(user)) {
      if (use.get() == select.getCondition())
        break;
      addCondition(select.getCondition(), use.get() == select.getTrueValue(), facts,
                   /*depth=*/4);
    }
    v = user->getResult(0);
  }
  return facts;
}

Range rangeOf(Value v, const Facts &facts, int depth);

/// The range of `v` from its defining ops: constants, sums with constants,
/// negations, min/max and selects, `depth` levels deep.
Range rangeFromDefinition(Value v, const Facts &facts, int depth) {
  if (std::optional<double> c = constantValue(v))
    return Range{*c, *c, *c == 0 ? kInf : std::fabs(*c)};
  Operation *op = v.getDefiningOp();
  if (!op || depth == 0)
    return Range();
  auto range = [&](Value operand) { return rangeOf(operand, facts, depth - 1); };
  auto nonZeroConstant = [](Value operand) {
    std::optional<double> c = constantValue(operand);
    return c && *c != 0 && std::isfinite(*c) ? c : std::nullopt;
  };
  auto negated = [](const Range &x) { return Range{-x.hi, -x.lo, x.tiny}; };
  if (auto add = dyn_cast<arith::AddFOp>(op)) {
    if (std::optional<double> k = nonZeroConstant(add.getRhs()))
      return plusConstant(range(add.getLhs()), *k);
    if (std::optional<double> k = nonZeroConstant(add.getLhs()))
      return plusConstant(range(add.getRhs()), *k);
    return Range();
  }
  if (auto sub = dyn_cast<arith::SubFOp>(op)) {
    if (std::optional<double> k = nonZeroConstant(sub.getRhs()))
      return plusConstant(range(sub.getLhs()), -*k);
    if (std::optional<double> k = nonZeroConstant(sub.getLhs()))
      return plusConstant(negated(range(sub.getRhs())), *k);
    return Range();
  }
  if (auto neg = dyn_cast<arith::NegFOp>(op))
    return negated(range(neg.getOperand()));
  if (auto max = dyn_cast<arith::MaximumFOp>(op)) {
    Range a = range(max.getLhs()), b = range(max.getRhs());
    return Range{std::max(a.lo, b.lo), std::max(a.hi, b.hi), std::min(a.tiny, b.tiny)}
        .tighten();
  }
  if (auto min = dyn_cast<arith::MinimumFOp>(op)) {
    Range a = range(min.getLhs()), b = range(min.getRhs());
    return Range{std::min(a.lo, b.lo), std::min(a.hi, b.hi), std::min(a.tiny, b.tiny)}
        .tighten();
  }
  if (auto select = dyn_cast<arith::SelectOp>(op))
    return unite(range(select.getTrueValue()), range(select.getFalseValue()));
  return Range();
}

/// The range of `v` from its defining ops (constants, sums with constants,
/// negations, min/max, selects) and `facts`, `depth` levels deep.
Range rangeOf(Value v, const Facts &facts, int depth) {
  Range known = rangeFromDefinition(v, facts, depth);
  auto fact = facts.find(v);
  return fact == facts.end() ? known : intersect(known, fact->second);
}

/// Whether `quotient` only decides an integer between finite bounds: its one
/// use is roundeven, whose result goes, through sums with constants, into a
/// minimum and a maximum with finite constants and then to an integer.
bool decidesClampedInteger(Value quotient) {
  if (!quotient.hasOneUse() || !isa<math::RoundEvenOp>(*quotient.user_begin()))
    return false;
  auto finiteConstant = [](Operation *op) {
    return llvm::any_of(op->getOperands(), [](Value operand) {
      std::optional<double> c = constantValue(operand);
      return c && std::isfinite(*c);
    });
  };
  bool above = false, below = false;
  Value v = quotient.user_begin()->getResult(0);
  for (int step = 0; step < 8 && v.hasOneUse(); ++step) {
    Operation *user = *v.user_begin();
    if (isa<arith::FPToSIOp, arith::FPToUIOp>(user))
      return above && below;
    if (!finiteConstant(user))
      return false;
    if (isa<arith::MinimumFOp, arith::MinNumFOp>(user))
      above = true;
    else if (isa<arith::MaximumFOp, arith::MaxNumFOp>(user))
      below = true;
    else if (!isa<arith::AddFOp, arith::SubFOp>(user))
      return false;
    v = user->getResult(0);
  }
  return false;
}

struct DivisionByConstant : OpRewritePattern<arith::DivFOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(arith::DivFOp op, PatternRewriter &rewriter) const override {
    if (!getElementTypeOrSelf(op.getType()).isF32())
      return failure();
    std::optional<double> divisor = constantValue(op.getRhs());
    if (!divisor || *divisor == 0 || !std::isfinite(*divisor))
      return failure();
    double d = *divisor, magnitude = std::fabs(d);
    int exponent;
    if (std::frexp(magnitude, &exponent) == 0.5)
      return failure(); // A power of two: LLVM multiplies by 1/d, exact.
    Range t = rangeOf(op.getLhs(), usedWhere(op.getResult()), /*depth=*/8);
    bool integerOnly = decidesClampedInteger(op.getResult());
    if (!integerOnly && t.tiny < 0x1p-100 * std::max(1.0, magnitude))
      return failure();
    bool bounded = t.maxMagnitude() <= 0x1p126 * std::min(1.0, magnitude);
    if (!bounded && magnitude < 1 && !integerOnly)
      return failure();

    Location loc = op.getLoc();
    Type type = op.getType();
    auto constant = [&](double value) -> Value {
      auto scalar = rewriter.getF32FloatAttr(value);
      if (auto vector = dyn_cast<VectorType>(type))
        return arith::ConstantOp::create(rewriter, loc, vector,
                                         DenseElementsAttr::get(vector, scalar));
      return arith::ConstantOp::create(rewriter, loc, scalar);
    };
    Value dividend = op.getLhs();
    if (d < 0)
      dividend = arith::NegFOp::create(rewriter, loc, dividend);
    Value reciprocal = constant(static_cast<float>(1.0 / magnitude));
    Value q = arith::MulFOp::create(rewriter, loc, dividend, reciprocal);
    Value s = math::FmaOp::create(rewriter, loc, q, constant(magnitude),
                                  arith::NegFOp::create(rewriter, loc, dividend));
    Value result = math::FmaOp::create(rewriter, loc, arith::NegFOp::create(rewriter, loc, s),
                                       reciprocal, q);
    if (!bounded) {
      // t = +-inf: q is the quotient, s is NaN.
      Value isInf = arith::CmpFOp::create(rewriter, loc, arith::CmpFPredicate::OEQ,
                                          math::AbsFOp::create(rewriter, loc, q),
                                          constant(kInf));
      result = arith::SelectOp::create(rewriter, loc, isInf, q, result);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void relu::populateDivisionByConstantPatterns(RewritePatternSet &patterns) {
  patterns.add<DivisionByConstant>(patterns.getContext());
}
