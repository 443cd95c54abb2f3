// Folds and canonicalization patterns that rewrite one activation into a
// simpler one. Each keeps results identical (see docs/semantics.md for the
// one documented exception: leaky_relu with slope 0). Patterns that inspect a
// parameter's value leave ops whose parameter is dynamic alone.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "relu/Dialect/Act/IR/ActOps.h"

using namespace mlir;
using namespace relu::act;

namespace {

/// relu(clamp(x)) -> clamp(x) when clamp's min >= 0.
struct ReluOfNonNegativeClamp : OpRewritePattern<ReluOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReluOp op, PatternRewriter &rewriter) const override {
    auto clamp = op.getInput().getDefiningOp<ClampOp>();
    if (!clamp || !getStaticParameter(clamp, "min") || clamp.getMin().isNegative())
      return failure();
    rewriter.replaceOp(op, clamp.getResult());
    return success();
  }
};

/// clamp(relu(x)) -> clamp(x) when min >= 0.
struct ClampOfRelu : OpRewritePattern<ClampOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ClampOp op, PatternRewriter &rewriter) const override {
    auto relu = op.getInput().getDefiningOp<ReluOp>();
    if (!relu || !getStaticParameter(op, "min") || op.getMin().isNegative())
      return failure();
    rewriter.modifyOpInPlace(op, [&] { op.getInputMutable().assign(relu.getInput()); });
    return success();
  }
};

/// clamp(x, +0.0, +inf) -> relu(x). Not for min = -0.0, which keeps -0.0
/// inputs where relu gives +0.0.
struct ClampToRelu : OpRewritePattern<ClampOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ClampOp op, PatternRewriter &rewriter) const override {
    if (!getStaticParameter(op, "min") || !getStaticParameter(op, "max") ||
        !op.getMin().isPosZero() || !op.getMax().isInfinity() || op.getMax().isNegative())
      return failure();
    rewriter.replaceOpWithNewOp<ReluOp>(op, op.getInput());
    return success();
  }
};

/// leaky_relu(x, 0) -> relu(x).
struct ZeroSlopeLeakyRelu : OpRewritePattern<LeakyReluOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LeakyReluOp op, PatternRewriter &rewriter) const override {
    if (getStaticParameter(op, "negative_slope") != 0.0)
      return failure();
    // Under jax conventions the two differ in their derivative at 0
    // (jax.nn.leaky_relu has slope 1 there, relu 0): keep the op whose
    // gradient act.grad / act.forward_with_mask derive.
    Operation *parent = op->getParentOp();
    if (auto grad = dyn_cast_or_null<GradOp>(parent);
        grad && grad.getConventions() == Conventions::jax)
      return failure();
    if (auto masked = dyn_cast_or_null<ForwardWithMaskOp>(parent);
        masked && masked.getConventions() == Conventions::jax)
      return failure();
    rewriter.replaceOpWithNewOp<ReluOp>(op, op.getInput());
    return success();
  }
};

/// prelu(x, splat constant s) -> leaky_relu(x, s).
struct SplatPReluToLeakyRelu : OpRewritePattern<PReluOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PReluOp op, PatternRewriter &rewriter) const override {
    DenseFPElementsAttr slope;
    if (!matchPattern(op.getSlope(), m_Constant(&slope)) || !slope.isSplat())
      return failure();
    double value = slope.getSplatValue<APFloat>().convertToDouble();
    rewriter.replaceOpWithNewOp<LeakyReluOp>(op, op.getInput(), ValueRange(),
                                             rewriter.getF64FloatAttr(value), ArrayAttr());
    return success();
  }
};

/// Dynamic parameters with a constant value become attributes, holding the
/// value the definition would use (rounded to the compute type).
struct ConstantParametersToAttributes
    : OpInterfaceRewritePattern<ActivationOpInterface> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;
  LogicalResult matchAndRewrite(ActivationOpInterface op,
                                PatternRewriter &rewriter) const override {
    SmallVector<StringRef> names = getDynamicParameterNames(op);
    OperandRange values = getDynamicValues(op);
    if (names.empty() || names.size() != values.size())
      return failure();
    auto element = cast<ShapedType>(op->getResult(0).getType()).getElementType();
    const llvm::fltSemantics &compute = getComputeType(element).getFloatSemantics();
    SmallVector<Attribute> keptNames;
    SmallVector<Value> keptValues;
    SmallVector<NamedAttribute> constants;
    for (auto [name, value] : llvm::zip(names, values)) {
      FloatAttr constant;
      if (!matchPattern(value, m_Constant(&constant))) {
        keptNames.push_back(rewriter.getStringAttr(name));
        keptValues.push_back(value);
        continue;
      }
      APFloat rounded = constant.getValue();
      bool losesInfo;
      rounded.convert(compute, APFloat::rmNearestTiesToEven, &losesInfo);
      constants.push_back(
          rewriter.getNamedAttr(name, rewriter.getF64FloatAttr(rounded.convertToDouble())));
    }
    if (constants.empty())
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      op->setOperands(1, values.size(), keptValues);
      for (NamedAttribute attr : constants)
        op->setAttr(attr.getName(), attr.getValue());
      if (keptNames.empty())
        op->removeAttr("dynamic_params");
      else
        op->setAttr("dynamic_params", rewriter.getArrayAttr(keptNames));
    });
    return success();
  }
};

} // namespace

void ActDialect::getCanonicalizationPatterns(RewritePatternSet &results) const {
  results.add<ConstantParametersToAttributes>(results.getContext());
}

void ReluOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<ReluOfNonNegativeClamp>(context);
}
void ClampOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<ClampOfRelu, ClampToRelu>(context);
}
void LeakyReluOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<ZeroSlopeLeakyRelu>(context);
}
void PReluOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<SplatPReluToLeakyRelu>(context);
}

OpFoldResult CustomOp::fold(FoldAdaptor adaptor) {
  // Folding evaluates the body in f64; a bitcast reinterprets the bits of the
  // compute type, so its meaning would change: leave such bodies to run time.
  if (!getBody().getOps<arith::BitcastOp>().empty())
    return {};
  return foldActivation(*this, adaptor.getOperands());
}

/// Folds prelu on constants by broadcasting the slope along channel_dim and
/// evaluating the shared definition.
OpFoldResult PReluOp::fold(FoldAdaptor adaptor) {
  auto input = dyn_cast_or_null<DenseFPElementsAttr>(adaptor.getInput());
  auto slope = dyn_cast_or_null<DenseFPElementsAttr>(adaptor.getSlope());
  auto type = getType();
  if (!input || !slope || !type.hasStaticShape() ||
      type.getNumElements() > kMaxFoldedElements)
    return {};
  if (slope.isSplat())
    return foldActivation(*this, {input, slope});
  auto slopes = llvm::to_vector(slope.getValues<APFloat>());
  ArrayRef<int64_t> shape = type.getShape();
  int64_t channelDim = getChannelDim();
  int64_t inner = 1;
  for (int64_t d = channelDim + 1; d < type.getRank(); ++d)
    inner *= shape[d];
  SmallVector<APFloat> broadcast;
  for (int64_t i = 0, e = type.getNumElements(); i < e; ++i)
    broadcast.push_back(slopes[(i / inner) % shape[channelDim]]);
  return foldActivation(*this, {input, DenseElementsAttr::get(type, broadcast)});
}
