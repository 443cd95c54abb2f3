//===- FuseStatistics.cpp - fuse a group into its statistics' reduction ---===//
//
// act-fuse-statistics: upstream elementwise fusion (fuseElementwiseOps) for
// consumers with reduction iterators (the per-channel reduction of
// act.statistics). The producer's result stays a result of the fused generic
// when other ops read it (the upstream pattern fuses only producers it can
// erase), so the group and its statistics become one loop nest.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/Dominance.h"
#include "relu/Dialect/Act/Transforms/Passes.h"

namespace relu {
#define GEN_PASS_DEF_ACTFUSESTATISTICSPASS
#include "relu/Dialect/Act/Transforms/Passes.h.inc"
} // namespace relu

using namespace mlir;

namespace {

/// Fuses the all-parallel producer of one input of `consumer` (a generic with
/// reduction loops) into it; the producer's results that other ops read
/// become results of the fused generic. Those readers must come after the
/// consumer (where the fused generic is built). False if none fits.
bool fuseOneProducer(RewriterBase &rewriter, linalg::GenericOp consumer, DominanceInfo &dom) {
  for (OpOperand *operand : consumer.getDpsInputOperands()) {
    if (!linalg::areElementwiseOpsFusable(operand))
      continue;
    Operation *producer = operand->get().getDefiningOp();
    bool readersAfter = llvm::all_of(producer->getUsers(), [&](Operation *user) {
      return user == consumer || dom.properlyDominates(consumer.getOperation(), user);
    });
    if (!readersAfter)
      continue;
    rewriter.setInsertionPoint(consumer);
    FailureOr<linalg::ElementwiseOpFusionResult> fused =
        linalg::fuseElementwiseOps(rewriter, operand);
    if (failed(fused))
      continue;
    for (auto [original, replacement] : fused->replacements)
      rewriter.replaceAllUsesWith(original, replacement);
    rewriter.eraseOp(consumer);
    rewriter.eraseOp(producer);
    return true;
  }
  return false;
}

struct ActFuseStatisticsPass
    : relu::impl::ActFuseStatisticsPassBase<ActFuseStatisticsPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    bool changed = true;
    while (changed) {
      changed = false;
      DominanceInfo dom(getOperation());
      getOperation()->walk([&](linalg::GenericOp op) {
        if (op.getNumReductionLoops() == 0 || !fuseOneProducer(rewriter, op, dom))
          return WalkResult::advance();
        changed = true;
        return WalkResult::interrupt();
      });
    }
  }
};

} // namespace
