// What both act.statistics lowerings (ActToLinalg.cpp's generics,
// StatisticsToChannelLoops.cpp's loops) read off the op.
#ifndef RELU_CONVERSION_ACTTOLINALG_STATISTICSSHAPE_H
#define RELU_CONVERSION_ACTTOLINALG_STATISTICSSHAPE_H

#include "relu/Dialect/Act/IR/ActOps.h"

namespace relu::act {

/// y, its element type, the type the maxima are computed in, y's rank and
/// channel axis, and the accumulators' starting values
/// (StatisticsOp::identities).
struct StatisticsShape {
  mlir::Value y;
  mlir::Type element;
  mlir::FloatType compute;
  int64_t rank, channelDim;
  mlir::Value noZeros, noMax;
};

inline StatisticsShape statisticsShape(StatisticsOp op, mlir::OpBuilder &b) {
  mlir::Value y = op.getInput();
  auto type = mlir::cast<mlir::RankedTensorType>(y.getType());
  mlir::FloatType compute = getComputeType(type.getElementType());
  auto [noZeros, noMax] = StatisticsOp::identities(b, op.getLoc(), compute);
  return {y, type.getElementType(), compute, type.getRank(),
          static_cast<int64_t>(op.getChannelDim()), noZeros, noMax};
}

} // namespace relu::act

#endif
