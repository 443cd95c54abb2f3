// act ops on tensors -> linalg.generic whose body is the op's buildScalar.
// Dynamic parameters are scalar inputs of the generic. act.fused groups are
// inlined first, so that linalg elementwise fusion turns each group into one
// generic. act.statistics becomes reducing generics.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"
#include "StatisticsShape.h"

#include "relu/Conversion/Passes.h"
#include "relu/Dialect/Act/IR/ActOps.h"

namespace relu {
#define GEN_PASS_DEF_CONVERTACTTOLINALGPASS
#include "relu/Conversion/Passes.h.inc"
} // namespace relu

using namespace mlir;
using namespace relu::act;

namespace {

/// The activation held in an act.grad / act.forward_with_mask region (and
/// the members of a group held there) is the definition act-derive-gradients
/// differentiates, not a computation: it stays, whichever of the two passes
/// runs first.
bool isGradientDefinition(Operation *op) {
  return op->getParentOfType<GradOp>() || op->getParentOfType<ForwardWithMaskOp>();
}

struct ActivationToGeneric : OpInterfaceRewritePattern<ActivationOpInterface> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;

  LogicalResult matchAndRewrite(ActivationOpInterface op,
                                PatternRewriter &rewriter) const override {
    if (isGradientDefinition(op))
      return failure();
    Location loc = op->getLoc();
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    Type elementType = resultType.getElementType();
    FloatType computeType = getComputeType(elementType);

    SmallVector<AffineMap> maps;
    for (unsigned i = 0, e = op->getNumOperands(); i < e; ++i)
      maps.push_back(op.getOperandIndexingMap(i));
    maps.push_back(rewriter.getMultiDimIdentityMap(resultType.getRank()));

    // Dynamic parameters enter as scalar inputs, converted once to the
    // compute type (as MathBuilder::param rounds static ones).
    SmallVector<Value> inputs;
    for (Value operand : op->getOperands())
      inputs.push_back(isa<ShapedType>(operand.getType())
                           ? operand
                           : convertFloat(rewriter, loc, operand, computeType));

    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, op->getOperand(0));
    Value init = tensor::EmptyOp::create(rewriter, loc, sizes, elementType);
    SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, resultType, inputs, ValueRange{init}, maps,
        iterators, [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
          SmallVector<Value> computeArgs;
          for (Value arg : args.drop_back())
            computeArgs.push_back(convertFloat(b, bodyLoc, arg, computeType));
          Value result = op.buildScalar(b, bodyLoc, computeArgs);
          linalg::YieldOp::create(
              b, bodyLoc, convertFloat(b, bodyLoc, result, elementType));
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

/// act.quantize -> a generic computing QuantizeOp::buildScalar.
struct QuantizeToGeneric : OpRewritePattern<QuantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(QuantizeOp op, PatternRewriter &rewriter) const override {
    if (isGradientDefinition(op))
      return failure();
    Location loc = op.getLoc();
    RankedTensorType resultType = op.getType();
    FloatType computeType = getComputeType(op.getInput().getType().getElementType());
    SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(rewriter, loc, op.getInput());
    Value init = tensor::EmptyOp::create(rewriter, loc, sizes, resultType.getElementType());
    AffineMap identity = rewriter.getMultiDimIdentityMap(resultType.getRank());
    SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, resultType, op.getInput(), init,
        ArrayRef<AffineMap>{identity, identity}, iterators,
        [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
          Value x = convertFloat(b, bodyLoc, args[0], computeType);
          linalg::YieldOp::create(b, bodyLoc, op.buildScalar(b, bodyLoc, x));
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

/// A linalg.generic over `inputs` into `inits` with `maps` and `iterators`
/// whose body is `body(builder, loc, block arguments)`; its results.
SmallVector<Value> buildGeneric(OpBuilder &b, Location loc, ValueRange inputs, ValueRange inits,
                   ArrayRef<AffineMap> maps, ArrayRef<utils::IteratorType> iterators,
                   function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)> body) {
  auto generic = linalg::GenericOp::create(
      b, loc, ValueRange(inits).getTypes(), inputs, inits, maps, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        linalg::YieldOp::create(nb, nl, body(nb, nl, args));
      });
  return generic.getResults();
}

/// act.statistics -> linalg: a generic reducing the input to the
/// per-channel counts and maxima (parallel along channel_dim, reduction
/// along the other dimensions; maxima in the compute type), then one
/// reducing those to the totals, and the roundings of the maxima to the
/// element type (exact: they are values of that type). act-fuse-statistics
/// then fuses the group that computes the input into the first one, so the
/// statistics are taken in the group's vector loop (docs/fusion.md).
struct StatisticsToGenerics : OpRewritePattern<StatisticsOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(StatisticsOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    const StatisticsShape shape = statisticsShape(op, rewriter);
    auto filled = [&](RankedTensorType like, Value value) -> Value {
      SmallVector<Value> sizes;
      if (like.isDynamicDim(0))
        sizes.push_back(tensor::DimOp::create(rewriter, loc, shape.y, shape.channelDim));
      Value empty = tensor::EmptyOp::create(rewriter, loc, like.clone(value.getType()), sizes);
      return linalg::FillOp::create(rewriter, loc, value, empty).getResult(0);
    };
    // The statistics' one definition (StatisticsOp::identities, accumulate, combine).
    auto update = [&](OpBuilder &b, Location l, ValueRange args) -> SmallVector<Value> {
      Value x = convertFloat(b, l, args[0], shape.compute);
      auto [count, max] = StatisticsOp::accumulate(b, l, x, args[1], args[2]);
      return {count, max};
    };
    auto combine = [&](OpBuilder &b, Location l, ValueRange args) -> SmallVector<Value> {
      auto [count, max] = StatisticsOp::combine(b, l, args[2], args[3], args[0], args[1]);
      return {count, max};
    };
    auto reduction = utils::IteratorType::reduction;
    SmallVector<utils::IteratorType> iterators(shape.rank, reduction);
    iterators[shape.channelDim] = utils::IteratorType::parallel;
    AffineMap identity = rewriter.getMultiDimIdentityMap(shape.rank);
    AffineMap channel = AffineMap::get(shape.rank, 0, rewriter.getAffineDimExpr(shape.channelDim));
    auto zerosType = op.getZeros().getType(), totalType = op.getTotalZeros().getType();
    Value inits[] = {filled(zerosType, shape.noZeros), filled(zerosType, shape.noMax)};
    SmallVector<Value> perChannel =
        buildGeneric(rewriter, loc, shape.y, inits, {identity, channel, channel}, iterators,
                     update);
    AffineMap c = rewriter.getMultiDimIdentityMap(1);
    AffineMap single = AffineMap::get(1, 0, rewriter.getAffineConstantExpr(0));
    Value totalInits[] = {filled(totalType, shape.noZeros), filled(totalType, shape.noMax)};
    SmallVector<Value> totals = buildGeneric(rewriter, loc, perChannel, totalInits,
                                             {c, c, single, single}, reduction, combine);
    // The maxima in y's element type.
    auto rounded = [&](Value max) -> Value {
      if (shape.compute == shape.element)
        return max;
      auto maxType = cast<RankedTensorType>(max.getType());
      SmallVector<Value> sizes;
      if (maxType.isDynamicDim(0))
        sizes.push_back(tensor::DimOp::create(rewriter, loc, max, 0));
      Value empty = tensor::EmptyOp::create(rewriter, loc, maxType.clone(shape.element), sizes);
      return buildGeneric(rewriter, loc, max, empty, {c, c}, utils::IteratorType::parallel,
                          [&](OpBuilder &b, Location l, ValueRange args) -> SmallVector<Value> {
                            return {convertFloat(b, l, args[0], shape.element)};
                          })[0];
    };
    rewriter.replaceOp(op, {perChannel[0], totals[0], rounded(perChannel[1]),
                            rounded(totals[1])});
    return success();
  }
};

/// Replaces each act.fused op by the ops of its region (not the forward
/// group of an act.grad, which act-derive-gradients reads).
void inlineGroups(Operation *root) {
  SmallVector<FusedOp> groups;
  root->walk([&](FusedOp op) {
    if (!isGradientDefinition(op))
      groups.push_back(op);
  });
  IRRewriter rewriter(root->getContext());
  for (FusedOp op : groups) {
    Block &body = op.getBody().front();
    auto yield = cast<FusedYieldOp>(body.getTerminator());
    SmallVector<Value> results = yield.getValues();
    rewriter.eraseOp(yield);
    rewriter.inlineBlockBefore(&body, op, op.getInputs());
    rewriter.replaceOp(op, results);
  }
}

struct ConvertActToLinalgPass
    : relu::impl::ConvertActToLinalgPassBase<ConvertActToLinalgPass> {
  void runOnOperation() override {
    inlineGroups(getOperation());
    RewritePatternSet patterns(&getContext());
    patterns.add<ActivationToGeneric, QuantizeToGeneric, StatisticsToGenerics>(&getContext());
    // Only act ops are rewritten; a walk-based driver keeps everything else.
    walkAndApplyPatterns(getOperation(), std::move(patterns));
    WalkResult left = getOperation()->walk([](Operation *op) {
      if (!isa<ActivationOpInterface, QuantizeOp, StatisticsOp>(op) || isGradientDefinition(op))
        return WalkResult::advance();
      op->emitOpError("could not be lowered to linalg");
      return WalkResult::interrupt();
    });
    if (left.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
