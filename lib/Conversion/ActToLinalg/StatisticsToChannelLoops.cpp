// act.statistics -> loops whose iterations are independent, for targets that
// give each iteration its own thread (the GPU, as act-derive-gradients' d
// slope sums: convert-elementwise-to-gpu makes each loop a kernel):
//
//   for c in [0, channels)        one thread per channel, in row-major order
//     zeros[c], max_abs[c] = the statistics of channel c's elements
//   for _ in [0, 1)               one thread: the totals over the channels
//     total_zeros[0], total_max_abs[0]
//
// Deterministic (no atomics; the same order on every launch). The update per
// element and the combination are StatisticsOp::accumulate and ::combine.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"
#include "StatisticsShape.h"

#include "relu/Conversion/Passes.h"
#include "relu/Dialect/Act/IR/ActOps.h"
#include "relu/Dialect/Act/IR/MathBuilder.h"
#include "relu/Dialect/Act/Transforms/Passes.h"

namespace relu {
#define GEN_PASS_DEF_CONVERTSTATISTICSTOCHANNELLOOPSPASS
#include "relu/Conversion/Passes.h.inc"
} // namespace relu

using namespace mlir;
using namespace relu::act;

namespace {

scf::ForOp independent(scf::ForOp loop) {
  loop->setAttr(relu::kIndependentIterationsAttrName, UnitAttr::get(loop.getContext()));
  return loop;
}

struct StatisticsToChannelLoops : OpRewritePattern<StatisticsOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(StatisticsOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    const StatisticsShape shape = statisticsShape(op, rewriter);
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    Value channels = tensor::DimOp::create(rewriter, loc, shape.y, shape.channelDim);
    auto empty = [&](Value result) -> Value {
      auto t = cast<RankedTensorType>(result.getType());
      return t.isDynamicDim(0) ? tensor::EmptyOp::create(rewriter, loc, t, ValueRange{channels})
                               : tensor::EmptyOp::create(rewriter, loc, t.getShape(),
                                                         t.getElementType());
    };
    // Stores the accumulators at `at` of the two result tensors.
    auto store = [&](OpBuilder &b, Location l, ValueRange acc, ValueRange stats, Value at) {
      scf::YieldOp::create(
          b, l,
          ValueRange{tensor::InsertOp::create(b, l, stats[0], acc[0], at),
                     tensor::InsertOp::create(b, l, convertFloat(b, l, stats[1], shape.element),
                                              acc[1], at)});
    };

    // Channel c's elements, row-major: a loop per other dimension carrying
    // the accumulators.
    SmallVector<Value> ivs(shape.rank);
    std::function<SmallVector<Value>(OpBuilder &, Location, int64_t, ValueRange)> nest =
        [&](OpBuilder &b, Location l, int64_t d, ValueRange acc) -> SmallVector<Value> {
      if (d == shape.rank) {
        Value v = convertFloat(b, l, tensor::ExtractOp::create(b, l, shape.y, ivs), shape.compute);
        auto [count, max] = StatisticsOp::accumulate(b, l, v, acc[0], acc[1]);
        return {count, max};
      }
      if (d == shape.channelDim)
        return nest(b, l, d + 1, acc);
      auto loop = scf::ForOp::create(
          b, l, zero, tensor::DimOp::create(b, l, shape.y, d), one, acc,
          [&](OpBuilder &nb, Location nl, Value i, ValueRange inner) {
            ivs[d] = i;
            scf::YieldOp::create(nb, nl, nest(nb, nl, d + 1, inner));
          });
      return llvm::to_vector_of<Value>(loop.getResults());
    };
    auto perChannel = independent(scf::ForOp::create(
        rewriter, loc, zero, channels, one, ValueRange{empty(op.getZeros()), empty(op.getMaxAbs())},
        [&](OpBuilder &b, Location l, Value c, ValueRange acc) {
          ivs[shape.channelDim] = c;
          store(b, l, acc, nest(b, l, 0, ValueRange{shape.noZeros, shape.noMax}), c);
        }));

    auto totals = independent(scf::ForOp::create(
        rewriter, loc, zero, one, one,
        ValueRange{empty(op.getTotalZeros()), empty(op.getTotalMaxAbs())},
        [&](OpBuilder &b, Location l, Value at, ValueRange acc) {
          auto overChannels = scf::ForOp::create(
              b, l, zero, channels, one, ValueRange{shape.noZeros, shape.noMax},
              [&](OpBuilder &nb, Location nl, Value c, ValueRange sums) {
                Value count = tensor::ExtractOp::create(nb, nl, perChannel.getResult(0), c);
                Value max = convertFloat(
                    nb, nl, tensor::ExtractOp::create(nb, nl, perChannel.getResult(1), c),
                    shape.compute);
                auto [total, totalMax] = StatisticsOp::combine(nb, nl, sums[0], sums[1], count, max);
                scf::YieldOp::create(nb, nl, ValueRange{total, totalMax});
              });
          store(b, l, acc, overChannels.getResults(), at);
        }));
    rewriter.replaceOp(op, {perChannel.getResult(0), totals.getResult(0), perChannel.getResult(1),
                            totals.getResult(1)});
    return success();
  }
};

struct ConvertStatisticsToChannelLoopsPass
    : relu::impl::ConvertStatisticsToChannelLoopsPassBase<ConvertStatisticsToChannelLoopsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<StatisticsToChannelLoops>(&getContext());
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace
