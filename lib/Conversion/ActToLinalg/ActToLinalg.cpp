// act ops on tensors -> linalg.generic whose body is the op's buildScalar.
// Dynamic parameters are scalar inputs of the generic. act.fused groups are
// inlined first, so that linalg elementwise fusion turns each group into one
// generic. act.statistics becomes loops on tensors.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"
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

/// act.statistics -> scf.for loops on tensors: a row-major pass over the
/// input updating the per-channel accumulators, then the totals over the
/// channels. Scalar code reading the input once more after the group that
/// wrote it (docs/fusion.md, "Statistics").
struct StatisticsToLoops : OpRewritePattern<StatisticsOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(StatisticsOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value y = op.getInput();
    auto type = cast<RankedTensorType>(y.getType());
    Type element = type.getElementType();
    FloatType compute = getComputeType(element);
    Type i64 = rewriter.getI64Type();
    int64_t channelDim = op.getChannelDim();
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    Value noZeros = arith::ConstantIntOp::create(rewriter, loc, i64, 0);
    Value noMax = arith::ConstantOp::create(rewriter, loc, rewriter.getFloatAttr(compute, 0));
    Value channels = tensor::DimOp::create(rewriter, loc, y, channelDim);
    auto perChannel = [&](Value result) -> Value {
      auto t = cast<RankedTensorType>(result.getType());
      return t.isDynamicDim(0) ? tensor::EmptyOp::create(rewriter, loc, t, ValueRange{channels})
                               : tensor::EmptyOp::create(rewriter, loc, t.getShape(),
                                                         t.getElementType());
    };

    // The accumulators start at 0 (|y| >= 0, so 0 is max's identity).
    auto init = scf::ForOp::create(
        rewriter, loc, zero, channels, one,
        ValueRange{perChannel(op.getZeros()), perChannel(op.getMaxAbs())},
        [&](OpBuilder &b, Location l, Value c, ValueRange acc) {
          Value z = tensor::InsertOp::create(b, l, noZeros, acc[0], c);
          Value m = tensor::InsertOp::create(b, l, convertFloat(b, l, noMax, element), acc[1], c);
          scf::YieldOp::create(b, l, ValueRange{z, m});
        });

    // One loop per dimension, row-major; the innermost body counts y == 0
    // (ordered: NaN is not zero) and takes maximumf of |y| (NaN propagates).
    // Along the channels the accumulators are the tensors' elements; inside
    // one channel (loops after channel_dim), scalars carried by the loops.
    auto update = [&](OpBuilder &b, Location l, ValueRange ivs, Value count, Value max) {
      Value x = convertFloat(b, l, tensor::ExtractOp::create(b, l, y, ivs), compute);
      auto [newCount, newMax] = StatisticsOp::accumulate(b, l, x, count, max);
      return SmallVector<Value>{newCount, newMax};
    };
    SmallVector<Value> ivs;
    std::function<SmallVector<Value>(OpBuilder &, Location, ValueRange)> nest =
        [&](OpBuilder &b, Location l, ValueRange acc) -> SmallVector<Value> {
      int64_t d = ivs.size();
      if (d == type.getRank())
        return update(b, l, ivs, acc[0], acc[1]);
      Value c = d > channelDim ? ivs[channelDim] : Value();
      SmallVector<Value> carried = llvm::to_vector(acc);
      if (d == channelDim + 1) // the channel's accumulators, as scalars
        carried = {tensor::ExtractOp::create(b, l, acc[0], c),
                   convertFloat(b, l, tensor::ExtractOp::create(b, l, acc[1], c), compute)};
      Value size = tensor::DimOp::create(b, l, y, d);
      auto loop = scf::ForOp::create(
          b, l, zero, size, one, carried,
          [&](OpBuilder &nb, Location nl, Value i, ValueRange inner) {
            ivs.push_back(i);
            SmallVector<Value> next = d == channelDim && d + 1 == type.getRank()
                                          ? SmallVector<Value>{} : nest(nb, nl, inner);
            if (next.empty()) { // channels innermost: update the elements
              Value count = tensor::ExtractOp::create(nb, nl, inner[0], i);
              Value max = convertFloat(nb, nl, tensor::ExtractOp::create(nb, nl, inner[1], i),
                                       compute);
              SmallVector<Value> updated = update(nb, nl, ivs, count, max);
              next = {tensor::InsertOp::create(nb, nl, updated[0], inner[0], i),
                      tensor::InsertOp::create(nb, nl, convertFloat(nb, nl, updated[1], element),
                                               inner[1], i)};
            }
            scf::YieldOp::create(nb, nl, next);
            ivs.pop_back();
          });
      if (d != channelDim + 1)
        return llvm::to_vector_of<Value>(loop.getResults());
      return {tensor::InsertOp::create(b, l, loop.getResult(0), acc[0], c),
              tensor::InsertOp::create(b, l, convertFloat(b, l, loop.getResult(1), element),
                                       acc[1], c)};
    };
    SmallVector<Value> stats = nest(rewriter, loc, init.getResults());

    auto totals = scf::ForOp::create(
        rewriter, loc, zero, channels, one, ValueRange{noZeros, noMax},
        [&](OpBuilder &b, Location l, Value c, ValueRange acc) {
          Value count = tensor::ExtractOp::create(b, l, stats[0], c);
          Value max = convertFloat(b, l, tensor::ExtractOp::create(b, l, stats[1], c), compute);
          auto [totalCount, totalMax] = StatisticsOp::combine(b, l, acc[0], acc[1], count, max);
          scf::YieldOp::create(b, l, ValueRange{totalCount, totalMax});
        });
    Value totalZeros = tensor::FromElementsOp::create(
        rewriter, loc, op.getTotalZeros().getType(), ValueRange{totals.getResult(0)});
    Value totalMax = tensor::FromElementsOp::create(
        rewriter, loc, op.getTotalMaxAbs().getType(),
        ValueRange{convertFloat(rewriter, loc, totals.getResult(1), element)});
    rewriter.replaceOp(op, {stats[0], totalZeros, stats[1], totalMax});
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
    patterns.add<ActivationToGeneric, QuantizeToGeneric, StatisticsToLoops>(&getContext());
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
