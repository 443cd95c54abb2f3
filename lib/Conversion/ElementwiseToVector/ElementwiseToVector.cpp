// Elementwise linalg.generic on memrefs -> scf.for over full vectors plus one
// masked tail. The generic's scalar body is cloned onto vectors with
// cloneScalarBody, the same utility act.custom uses, so any arith/math body
// (forward activations, derived gradients, fused groups) vectorizes alike.
// Scalar inputs (dynamic activation parameters) are splatted once, before the
// loops.
#include "NarrowExactOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "relu/Conversion/ElementwiseChecks.h"
#include "relu/Conversion/Passes.h"
#include "relu/Dialect/Act/IR/ActInterfaces.h"

namespace relu {
#define GEN_PASS_DEF_CONVERTELEMENTWISETOVECTORPASS
#include "relu/Conversion/Passes.h.inc"
} // namespace relu

using namespace mlir;

namespace {

/// True if the memref's innermost dimension is contiguous.
bool hasUnitInnerStride(MemRefType type) {
  if (type.getRank() == 0)
    return true;
  SmallVector<int64_t> strides;
  int64_t offset;
  return succeeded(type.getStridesAndOffset(strides, offset)) &&
         strides.back() == 1;
}

/// Why `op` cannot be vectorized here, or an empty string if it can.
std::string checkVectorizable(linalg::GenericOp op) {
  if (std::string why = relu::checkElementwiseGeneric(op); !why.empty())
    return why;
  int64_t rank = op.getNumLoops();
  for (OpOperand *input : op.getDpsInputOperands()) {
    // Scalars (dynamic parameters) are splatted once before the loops.
    if (op.isScalar(input)) {
      if (!isa<FloatType>(input->get().getType()))
        return "scalar inputs must be floats";
      continue;
    }
    AffineMap map = op.getMatchingIndexingMap(input);
    auto type = cast<MemRefType>(input->get().getType());
    bool usesInner = rank > 0 && map.isFunctionOfDim(rank - 1);
    if (usesInner && (map.getResults().back() != getAffineDimExpr(rank - 1, op.getContext()) ||
                      !hasUnitInnerStride(type)))
      return "an input varying along the innermost loop must be contiguous there";
  }
  if (!hasUnitInnerStride(cast<MemRefType>(op.getDpsInits()[0].getType())))
    return "the output must be contiguous in its innermost dimension";
  return "";
}

/// The widest float type computed in the body decides the lane count.
int64_t computeLanes(linalg::GenericOp op, unsigned vectorBits) {
  unsigned widest = 8;
  op.getBody()->walk([&](Operation *bodyOp) {
    for (Type type : bodyOp->getResultTypes())
      if (isa<FloatType>(type))
        widest = std::max(widest, type.getIntOrFloatBitWidth());
  });
  for (BlockArgument arg : op.getBody()->getArguments())
    if (isa<FloatType>(arg.getType()))
      widest = std::max(widest, arg.getType().getIntOrFloatBitWidth());
  return std::max<int64_t>(1, vectorBits / widest);
}

/// Emits the vector loops for one generic op.
class GenericVectorizer {
public:
  GenericVectorizer(linalg::GenericOp op, int64_t lanes)
      : op(op), lanes(lanes), b(op), loc(op.getLoc()) {}

  void run() {
    SmallVector<Value> operands = op.getOperands();
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    if (canFlatten())
      flatten(operands, maps);
    else
      while (dropUnitInnerDim(operands, maps)) {
      }
    int64_t rank = maps.back().getNumDims();
    if (rank > 0)
      for (Value &operand : operands)
        if (isa<FloatType>(operand.getType()))
          operand = vector::BroadcastOp::create(
              b, loc, VectorType::get({lanes}, operand.getType()), operand);
    Value output = operands.back();
    if (rank == 0) {
      emitStep(operands, maps, {}, Value(), Value());
      op.erase();
      return;
    }
    SmallVector<Value> lbs, ubs, steps;
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    for (int64_t d = 0; d + 1 < rank; ++d) {
      lbs.push_back(zero);
      ubs.push_back(memref::DimOp::create(b, loc, output, d));
      steps.push_back(one);
    }
    scf::buildLoopNest(b, loc, lbs, ubs, steps,
                       [&](OpBuilder &nested, Location, ValueRange outer) {
                         OpBuilder::InsertionGuard guard(b);
                         b.setInsertionPoint(nested.getInsertionBlock(),
                                             nested.getInsertionPoint());
                         emitInnerLoop(operands, maps, outer, rank);
                       });
    op.erase();
  }

private:
  /// All memref maps identity and all memrefs contiguous: one flat
  /// dimension (scalars do not depend on it).
  bool canFlatten() {
    if (op.getNumLoops() <= 1)
      return false;
    return llvm::all_of(op->getOpOperands(), [&](OpOperand &operand) {
      auto type = dyn_cast<MemRefType>(operand.get().getType());
      return !type || (op.getMatchingIndexingMap(&operand).isIdentity() &&
                       type.getLayout().isIdentity());
    });
  }

  void flatten(SmallVector<Value> &operands, SmallVector<AffineMap> &maps) {
    int64_t rank = op.getNumLoops();
    SmallVector<ReassociationIndices> all(1);
    for (int64_t d = 0; d < rank; ++d)
      all[0].push_back(d);
    for (auto [operand, map] : llvm::zip(operands, maps)) {
      if (!isa<MemRefType>(operand.getType())) {
        map = AffineMap::get(1, 0, b.getContext());
        continue;
      }
      operand = memref::CollapseShapeOp::create(b, loc, operand, all);
      map = b.getMultiDimIdentityMap(1);
    }
  }

  /// A static innermost size of 1 (a bias along the last axis called as
  /// [outer, channels, 1]) would make the vector loop one lane wide: that
  /// dimension is merged into the one before it in every operand that uses
  /// it, so vectors run along the previous dimension. False when it cannot.
  bool dropUnitInnerDim(SmallVector<Value> &operands, SmallVector<AffineMap> &maps) {
    int64_t rank = maps.back().getNumDims();
    auto outputType = cast<MemRefType>(operands.back().getType());
    if (rank < 2 || outputType.getDimSize(rank - 1) != 1)
      return false;
    AffineExpr inner = b.getAffineDimExpr(rank - 1);
    for (auto [operand, map] : llvm::zip(operands, maps)) {
      if (!map.isFunctionOfDim(rank - 1))
        continue; // also scalar inputs (dynamic parameters)
      auto type = cast<MemRefType>(operand.getType());
      if (type.getRank() < 2 || !type.getLayout().isIdentity() ||
          map.getResults().back() != inner)
        return false;
    }
    for (auto [operand, map] : llvm::zip(operands, maps)) {
      if (map.isFunctionOfDim(rank - 1)) {
        int64_t r = map.getNumResults();
        SmallVector<ReassociationIndices> groups;
        for (int64_t d = 0; d + 2 < r; ++d)
          groups.push_back({d});
        groups.push_back({r - 2, r - 1});
        operand = memref::CollapseShapeOp::create(b, loc, operand, groups);
        map = map.dropResult(r - 1);
      }
      // No result uses the last dimension any more.
      map = AffineMap::get(rank - 1, 0, map.getResults(), b.getContext());
    }
    return true;
  }

  void emitInnerLoop(ArrayRef<Value> operands, ArrayRef<AffineMap> maps,
                     ValueRange outer, int64_t rank) {
    Value output = operands.back();
    Value n = memref::DimOp::create(b, loc, output, rank - 1);
    Value step = arith::ConstantIndexOp::create(b, loc, lanes);
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value full = arith::SubIOp::create(
        b, loc, n, arith::RemUIOp::create(b, loc, n, step));
    auto loop = scf::ForOp::create(b, loc, zero, full, step);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      emitStep(operands, maps, outer, loop.getInductionVar(), Value());
    }
    // One masked iteration covers the remaining n - full elements.
    Value hasTail = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, full, n);
    auto ifOp = scf::IfOp::create(b, loc, hasTail, /*withElseRegion=*/false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(ifOp.thenBlock());
    Value mask = vector::CreateMaskOp::create(
        b, loc, VectorType::get({lanes}, b.getI1Type()),
        ValueRange{arith::SubIOp::create(b, loc, n, full)});
    emitStep(operands, maps, outer, full, mask);
  }

  /// Loads the inputs at inner index `inner` (null for rank 0), computes the
  /// body and stores the result; masked when `mask` is set.
  void emitStep(ArrayRef<Value> operands, ArrayRef<AffineMap> maps,
                ValueRange outer, Value inner, Value mask) {
    int64_t rank = maps.back().getNumDims();
    auto indicesFor = [&](AffineMap map) {
      SmallVector<Value> indices;
      for (AffineExpr expr : map.getResults()) {
        if (auto dim = dyn_cast<AffineDimExpr>(expr))
          indices.push_back(dim.getPosition() + 1 == unsigned(rank)
                                ? inner
                                : outer[dim.getPosition()]);
        else
          indices.push_back(arith::ConstantIndexOp::create(b, loc, 0));
      }
      return indices;
    };
    bool vectorized = rank > 0;
    SmallVector<Value> args;
    for (auto [operand, map] : llvm::zip(operands.drop_back(), maps.drop_back())) {
      if (!isa<MemRefType>(operand.getType())) { // a scalar, splatted in run()
        args.push_back(operand);
        continue;
      }
      Type elementType = cast<MemRefType>(operand.getType()).getElementType();
      SmallVector<Value> indices = indicesFor(map);
      if (!vectorized) {
        args.push_back(memref::LoadOp::create(b, loc, operand, indices));
        continue;
      }
      auto vectorType = VectorType::get({lanes}, elementType);
      if (!map.isFunctionOfDim(rank - 1)) {
        Value scalar = memref::LoadOp::create(b, loc, operand, indices);
        args.push_back(vector::BroadcastOp::create(b, loc, vectorType, scalar));
      } else if (mask) {
        Value passThru = arith::ConstantOp::create(
            b, loc, vectorType,
            DenseElementsAttr::get(vectorType, b.getZeroAttr(elementType)));
        args.push_back(vector::MaskedLoadOp::create(b, loc, vectorType, operand,
                                                    indices, mask, passThru));
      } else {
        args.push_back(vector::LoadOp::create(b, loc, vectorType, operand, indices));
      }
    }
    args.push_back(args.front()); // The output block argument is unused.
    Value result = relu::act::cloneScalarBody(b, *op.getBody(), args);
    Value output = operands.back();
    SmallVector<Value> outIndices = indicesFor(maps.back());
    if (!vectorized)
      memref::StoreOp::create(b, loc, result, output, outIndices);
    else if (mask)
      vector::MaskedStoreOp::create(b, loc, output, outIndices, mask, result);
    else
      vector::StoreOp::create(b, loc, result, output, outIndices);
  }

  linalg::GenericOp op;
  int64_t lanes;
  OpBuilder b;
  Location loc;
};

struct ConvertElementwiseToVectorPass
    : relu::impl::ConvertElementwiseToVectorPassBase<ConvertElementwiseToVectorPass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> generics;
    getOperation()->walk([&](linalg::GenericOp op) { generics.push_back(op); });
    RewritePatternSet narrowing(&getContext());
    if (nativeF16)
      relu::populateNarrowExactOpsPatterns(narrowing, Float16Type::get(&getContext()));
    FrozenRewritePatternSet narrowingPatterns(std::move(narrowing));
    for (linalg::GenericOp op : generics) {
      // Before the lane count is chosen: a body left with f16 only gets
      // twice the lanes.
      if (nativeF16 && failed(applyPatternsGreedily(op.getRegion(), narrowingPatterns)))
        return signalPassFailure();
      std::string reason = checkVectorizable(op);
      if (!reason.empty()) {
        op.emitOpError("cannot be vectorized: ") << reason;
        return signalPassFailure();
      }
      GenericVectorizer(op, computeLanes(op, vectorBits)).run();
    }
  }
};

} // namespace
