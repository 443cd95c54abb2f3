// act ops on tensors -> linalg.generic whose body is the op's buildScalar.
// Dynamic parameters are scalar inputs of the generic. act.fused groups are
// inlined first, so that linalg elementwise fusion turns each group into one
// generic.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
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

/// Converts `value` between float types: extf to widen, truncf (round to
/// nearest even) to narrow.
Value convertFloat(OpBuilder &b, Location loc, Value value, Type to) {
  Type from = value.getType();
  if (from == to)
    return value;
  if (from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth())
    return arith::ExtFOp::create(b, loc, to, value);
  return arith::TruncFOp::create(b, loc, to, value);
}

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
    patterns.add<ActivationToGeneric, QuantizeToGeneric>(&getContext());
    // Only act ops are rewritten; a walk-based driver keeps everything else.
    walkAndApplyPatterns(getOperation(), std::move(patterns));
    WalkResult left = getOperation()->walk([](Operation *op) {
      if (!isa<ActivationOpInterface, QuantizeOp>(op) || isGradientDefinition(op))
        return WalkResult::advance();
      op->emitOpError("could not be lowered to linalg");
      return WalkResult::interrupt();
    });
    if (left.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
