// Comparisons, selects, minima and maxima of values widened from a narrow
// float type (extf) and of constants it holds exactly are computed in that
// type: the same values (NaN payloads aside: a NaN input passes through
// instead of being quieted by the round trip), and a piecewise-linear body
// (relu6, hardtanh, clamp, threshold, the positive side of leaky_relu)
// selects among its loaded bits instead of converting to f32 and back
// (truncf(extf(x)) folds to x). convert-elementwise-to-vector applies them
// to generic bodies before choosing the lane count, so a body left with
// 16-bit floats only gets vectors of twice the lanes. Only worth it where
// the target compares the narrow type natively (f16 with AVX512_FP16:
// vcmpph); bf16 comparisons are widened again by LLVM and came out slower.
#include "NarrowExactOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"

#include <optional>

using namespace mlir;

namespace {

/// `v` as a value of the narrow float type `narrow`: the operand of an extf
/// from it, or a constant it holds exactly; null otherwise.
Value asNarrow(PatternRewriter &rewriter, Location loc, Value v, FloatType narrow) {
  if (auto ext = v.getDefiningOp<arith::ExtFOp>())
    return ext.getIn().getType() == narrow ? ext.getIn() : Value();
  FloatAttr scalar;
  if (isa<VectorType>(v.getType()) || !matchPattern(v, m_Constant(&scalar)))
    return Value();
  APFloat value = scalar.getValue();
  bool losesInfo = false;
  value.convert(narrow.getFloatSemantics(), APFloat::rmNearestTiesToEven, &losesInfo);
  if (losesInfo)
    return Value();
  return arith::ConstantOp::create(rewriter, loc, narrow, rewriter.getFloatAttr(narrow, value));
}

/// Patterns narrowing to one type.
template <typename Op>
struct Narrowing : OpRewritePattern<Op> {
  Narrowing(MLIRContext *context, FloatType narrow)
      : OpRewritePattern<Op>(context), narrow(narrow) {}
  /// Whether one of `values` is widened from the narrow type.
  bool widened(ValueRange values) const {
    return llvm::any_of(values, [&](Value v) {
      auto ext = v.getDefiningOp<arith::ExtFOp>();
      return ext && ext.getIn().getType() == narrow;
    });
  }
  /// `a` and `b` in the narrow type (asNarrow) when one of them is widened
  /// from it and the other is too or is a constant it holds; else nothing.
  std::optional<std::pair<Value, Value>> narrowed(PatternRewriter &rewriter, Location loc,
                                                  Value a, Value b) const {
    if (!widened({a, b}))
      return std::nullopt;
    Value narrowA = asNarrow(rewriter, loc, a, narrow);
    Value narrowB = asNarrow(rewriter, loc, b, narrow);
    if (!narrowA || !narrowB)
      return std::nullopt;
    return std::make_pair(narrowA, narrowB);
  }
  FloatType narrow;
};

/// cmpf(extf(a), b) -> cmpf(a, b) in a's type (b an extf from it or a
/// constant it holds): extf is exact, so the comparison is the same.
struct NarrowCompare : Narrowing<arith::CmpFOp> {
  using Narrowing::Narrowing;
  LogicalResult matchAndRewrite(arith::CmpFOp op, PatternRewriter &rewriter) const override {
    auto operands = narrowed(rewriter, op.getLoc(), op.getLhs(), op.getRhs());
    if (!operands)
      return failure();
    rewriter.replaceOpWithNewOp<arith::CmpFOp>(op, op.getPredicate(), operands->first,
                                               operands->second);
    return success();
  }
};

/// select(c, extf(a), b) -> extf(select(c, a, b)), b as in NarrowCompare.
struct NarrowSelect : Narrowing<arith::SelectOp> {
  using Narrowing::Narrowing;
  LogicalResult matchAndRewrite(arith::SelectOp op, PatternRewriter &rewriter) const override {
    auto values = narrowed(rewriter, op.getLoc(), op.getTrueValue(), op.getFalseValue());
    if (!values)
      return failure();
    Value select = arith::SelectOp::create(rewriter, op.getLoc(), op.getCondition(),
                                           values->first, values->second);
    rewriter.replaceOpWithNewOp<arith::ExtFOp>(op, op.getType(), select);
    return success();
  }
};

/// maximumf(extf(a), k) -> extf(select(a < k, k, a)) for a constant k held
/// exactly (minimumf: a > k): NaN propagates (the comparison fails), and
/// for k = +0 (minimumf: -0) the comparison is <= (>=), so that both zeros
/// give the zero maximumf (minimumf) gives.
template <typename Op, arith::CmpFPredicate strict, arith::CmpFPredicate orEqual,
          bool negativeZero>
struct NarrowExtremum : Narrowing<Op> {
  using Narrowing<Op>::Narrowing;
  LogicalResult matchAndRewrite(Op op, PatternRewriter &rewriter) const override {
    FloatType narrow = this->narrow;
    Value x = op.getLhs(), k = op.getRhs();
    FloatAttr constant;
    if (!matchPattern(k, m_Constant(&constant))) {
      std::swap(x, k);
      if (!matchPattern(k, m_Constant(&constant)))
        return failure();
    }
    if (!this->widened(x) || constant.getValue().isNaN())
      return failure();
    Value a = asNarrow(rewriter, op.getLoc(), x, narrow);
    Value bound = asNarrow(rewriter, op.getLoc(), k, narrow);
    if (!a || !bound)
      return failure();
    const APFloat &value = constant.getValue();
    bool tie = value.isZero() && value.isNegative() == negativeZero;
    Value replace = arith::CmpFOp::create(rewriter, op.getLoc(), tie ? orEqual : strict, a, bound);
    Value select = arith::SelectOp::create(rewriter, op.getLoc(), replace, bound, a);
    rewriter.replaceOpWithNewOp<arith::ExtFOp>(op, op.getType(), select);
    return success();
  }
};

/// truncf(select(c, a, b)) -> select(c, truncf(a), truncf(b)) when one side
/// is widened from the result type (that side's truncf folds away).
struct TruncOfSelect : Narrowing<arith::TruncFOp> {
  using Narrowing::Narrowing;
  LogicalResult matchAndRewrite(arith::TruncFOp op, PatternRewriter &rewriter) const override {
    if (getElementTypeOrSelf(op.getType()) != narrow)
      return failure();
    auto select = op.getIn().getDefiningOp<arith::SelectOp>();
    if (!select || !select->hasOneUse())
      return failure();
    auto fromResultType = [&](Value v) {
      auto ext = v.getDefiningOp<arith::ExtFOp>();
      return ext && ext.getIn().getType() == op.getType();
    };
    if (!fromResultType(select.getTrueValue()) && !fromResultType(select.getFalseValue()))
      return failure();
    auto trunc = [&](Value v) -> Value {
      return arith::TruncFOp::create(rewriter, op.getLoc(), op.getType(), v);
    };
    rewriter.replaceOpWithNewOp<arith::SelectOp>(op, select.getCondition(),
                                                 trunc(select.getTrueValue()),
                                                 trunc(select.getFalseValue()));
    return success();
  }
};

} // namespace

void relu::populateNarrowExactOpsPatterns(RewritePatternSet &patterns, FloatType narrow) {
  using P = arith::CmpFPredicate;
  patterns.add<NarrowCompare, NarrowSelect, TruncOfSelect,
               NarrowExtremum<arith::MaximumFOp, P::OLT, P::OLE, false>,
               NarrowExtremum<arith::MinimumFOp, P::OGT, P::OGE, true>>(patterns.getContext(),
                                                                         narrow);
}
