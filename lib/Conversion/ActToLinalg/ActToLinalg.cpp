// act ops on tensors -> linalg.generic whose body is the op's buildScalar.
// Dynamic parameters are scalar inputs of the generic.
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

/// The activation held in an act.grad / act.forward_with_mask region is the
/// definition act-derive-gradients differentiates, not a computation: it
/// stays, whichever of the two passes runs first.
bool isGradientDefinition(Operation *op) {
  return isa_and_present<GradOp, ForwardWithMaskOp>(op->getParentOp());
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

struct ConvertActToLinalgPass
    : relu::impl::ConvertActToLinalgPassBase<ConvertActToLinalgPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ActivationToGeneric>(&getContext());
    // Only act ops are rewritten; a walk-based driver keeps everything else.
    walkAndApplyPatterns(getOperation(), std::move(patterns));
    WalkResult left = getOperation()->walk([](ActivationOpInterface op) {
      if (isGradientDefinition(op))
        return WalkResult::advance();
      op->emitOpError("could not be lowered to linalg");
      return WalkResult::interrupt();
    });
    if (left.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
