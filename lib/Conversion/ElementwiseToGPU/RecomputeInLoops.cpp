// An elementwise generic's elements recomputed where independent loops read
// them, so that its result need not be a buffer between GPU kernels.
//
// The GPU kernels read and write only the entry point's buffers. A value the
// function does not return but an independent loop reads (statistics of a
// group's result that the group then casts) would be such a buffer: instead
// the loop computes the element it extracts from the generic's inputs, with
// the generic's own payload (the same ops, hence the same values), and the
// generic, left with its other users, fuses into them.
#include "LoopKernels.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"
#include "relu/Conversion/Passes.h"

namespace relu {
#define GEN_PASS_DEF_RECOMPUTEELEMENTWISEINLOOPSPASS
#include "relu/Conversion/Passes.h.inc"
} // namespace relu

using namespace mlir;

namespace {

bool inIndependentLoop(Operation *op) {
  for (Operation *parent = op->getParentOp(); parent; parent = parent->getParentOp())
    if (relu::isIndependentLoop(parent))
      return true;
  return false;
}

struct RecomputeAtExtract : OpRewritePattern<tensor::ExtractOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::ExtractOp op, PatternRewriter &rewriter) const override {
    auto result = dyn_cast<OpResult>(op.getTensor());
    auto generic = result ? dyn_cast<linalg::GenericOp>(result.getOwner()) : nullptr;
    if (!generic || !generic.hasPureTensorSemantics() || !inIndependentLoop(op) ||
        generic.getNumParallelLoops() != generic.getNumLoops() ||
        llvm::any_of(result.getUsers(), [](Operation *user) { return isa<func::ReturnOp>(user); }))
      return failure();
    OpOperand *init = generic.getDpsInitOperand(result.getResultNumber());
    if (!generic.getMatchingIndexingMap(init).isIdentity() ||
        generic.payloadUsesValueFromOperand(init))
      return failure();
    for (OpOperand *input : generic.getDpsInputOperands())
      if (!generic.getMatchingIndexingMap(input).isProjectedPermutation())
        return failure();

    Location loc = op.getLoc();
    ValueRange at = op.getIndices();
    IRMapping mapping;
    for (OpOperand *input : generic.getDpsInputOperands()) {
      Value value = input->get();
      if (isa<ShapedType>(value.getType())) {
        SmallVector<Value> indices;
        for (AffineExpr e : generic.getMatchingIndexingMap(input).getResults())
          indices.push_back(at[cast<AffineDimExpr>(e).getPosition()]);
        value = tensor::ExtractOp::create(rewriter, loc, value, indices);
      }
      mapping.map(generic.getMatchingBlockArgument(input), value);
    }
    Block *body = generic.getBody();
    for (Operation &inner : body->without_terminator()) {
      if (auto index = dyn_cast<linalg::IndexOp>(inner))
        mapping.map(index.getResult(), at[index.getDim()]);
      else
        rewriter.clone(inner, mapping);
    }
    rewriter.replaceOp(op, mapping.lookupOrDefault(
                               body->getTerminator()->getOperand(result.getResultNumber())));
    return success();
  }
};

struct RecomputeElementwiseInLoopsPass
    : relu::impl::RecomputeElementwiseInLoopsPassBase<RecomputeElementwiseInLoopsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<RecomputeAtExtract>(&getContext());
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace
