// Elementwise linalg.generic on memrefs -> scf.for over full vectors plus one
// masked tail. The generic's scalar body is cloned onto vectors with
// cloneScalarBody, the same utility act.custom uses, so any arith/math body
// (forward activations, derived gradients, fused groups) vectorizes alike.
// Scalar inputs (dynamic activation parameters) are splatted once, before the
// loops. Outputs the body reads are reductions (act.statistics fused into a
// group): updated per vector where they vary along the innermost loop, else
// carried by it as vector accumulators and reduced after it.
#include "NarrowExactOps.h"

#include "mlir/Analysis/SliceAnalysis.h"
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
#include "llvm/ADT/TypeSwitch.h"

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

/// The vector.reduction kind of a reduction's combiner, if it has one.
std::optional<vector::CombiningKind> combiningKind(Operation *combiner) {
  using Kind = vector::CombiningKind;
  return llvm::TypeSwitch<Operation *, std::optional<Kind>>(combiner)
      .Case<arith::AddIOp, arith::AddFOp>([](auto) { return Kind::ADD; })
      .Case<arith::MulIOp, arith::MulFOp>([](auto) { return Kind::MUL; })
      .Case<arith::MaximumFOp>([](auto) { return Kind::MAXIMUMF; })
      .Case<arith::MinimumFOp>([](auto) { return Kind::MINIMUMF; })
      .Case<arith::MaxNumFOp>([](auto) { return Kind::MAXNUMF; })
      .Case<arith::MinNumFOp>([](auto) { return Kind::MINNUMF; })
      .Case<arith::MaxSIOp>([](auto) { return Kind::MAXSI; })
      .Case<arith::MinSIOp>([](auto) { return Kind::MINSI; })
      .Case<arith::MaxUIOp>([](auto) { return Kind::MAXUI; })
      .Case<arith::MinUIOp>([](auto) { return Kind::MINUI; })
      .Default([](Operation *) { return std::nullopt; });
}

/// The combiner of output `i` if the body reads it as a reduction whose
/// combiner has a vector.reduction kind and a neutral element, else null.
Operation *reductionCombiner(linalg::GenericOp op, unsigned i) {
  SmallVector<Operation *> combiners;
  if (!matchReduction(op.getRegionOutputArgs(), i, combiners) || combiners.size() != 1 ||
      !combiningKind(combiners[0]) || !arith::getNeutralElement(combiners[0]))
    return nullptr;
  return combiners[0];
}

/// What a generic with several outputs or reduction iterators must be:
/// outputs the body does not read have identity maps, those it reads are
/// reductions (reductionCombiner).
std::string checkReducingGeneric(linalg::GenericOp op) {
  if (std::string why = relu::checkGenericInputsAndBody(op); !why.empty())
    return why;
  for (auto [i, init] : llvm::enumerate(op.getDpsInitsMutable())) {
    AffineMap map = op.getMatchingIndexingMap(&init);
    if (!map.isProjectedPermutation(/*allowZeroInResults=*/true))
      return "output maps must be projected permutations";
    if (op.getMatchingBlockArgument(&init).use_empty() ? !map.isIdentity()
                                                        : !reductionCombiner(op, i))
      return "each output must be written with an identity map or be a reduction "
             "by one arith op of a vector.reduction kind";
  }
  return "";
}

/// Why `op` cannot be vectorized here, or an empty string if it can.
std::string checkVectorizable(linalg::GenericOp op) {
  bool elementwise = op.getNumDpsInits() == 1 && op.getNumReductionLoops() == 0;
  if (std::string why = elementwise ? relu::checkElementwiseGeneric(op)
                                    : checkReducingGeneric(op);
      !why.empty())
    return why;
  int64_t rank = op.getNumLoops();
  for (OpOperand &operand : op->getOpOperands()) {
    // Scalars (dynamic parameters, fill values) are splatted once before the loops.
    if (op.isScalar(&operand)) {
      if (!isa<FloatType, IntegerType>(operand.get().getType()))
        return "scalar inputs must be floats or integers";
      continue;
    }
    AffineMap map = op.getMatchingIndexingMap(&operand);
    auto type = cast<MemRefType>(operand.get().getType());
    bool usesInner = rank > 0 && map.isFunctionOfDim(rank - 1);
    if (usesInner && (map.getResults().back() != getAffineDimExpr(rank - 1, op.getContext()) ||
                      !hasUnitInnerStride(type)))
      return op.isDpsInit(&operand)
                 ? "an output varying along the innermost loop must be contiguous there"
                 : "an input varying along the innermost loop must be contiguous there";
  }
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
      : op(op), lanes(lanes), b(op), loc(op.getLoc()),
        numInputs(op.getNumDpsInputs()) {
    for (unsigned i = 0, e = op.getNumDpsInits(); i < e; ++i)
      combiners.push_back(op.getRegionOutputArgs()[i].use_empty() ? nullptr
                                                                  : reductionCombiner(op, i));
  }

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
        if (isa<FloatType, IntegerType>(operand.getType()))
          operand = vector::BroadcastOp::create(
              b, loc, VectorType::get({lanes}, operand.getType()), operand);
    if (rank == 0) {
      emitStep(operands, maps, {}, Value(), Value(), {});
      op.erase();
      return;
    }
    SmallVector<Value> lbs, ubs, steps;
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    for (int64_t d = 0; d + 1 < rank; ++d) {
      lbs.push_back(zero);
      ubs.push_back(loopSize(operands, maps, d));
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
  /// The size of loop dimension `d`: that of an operand indexed by it.
  Value loopSize(ArrayRef<Value> operands, ArrayRef<AffineMap> maps, int64_t d) {
    for (auto [operand, map] : llvm::zip(operands, maps))
      if (std::optional<unsigned> at = map.getResultPosition(b.getAffineDimExpr(d));
          at && isa<MemRefType>(operand.getType()))
        return memref::DimOp::create(b, loc, operand, *at);
    llvm_unreachable("linalg ops index every loop dimension");
  }

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
    if (rank < 2)
      return false;
    AffineExpr inner = b.getAffineDimExpr(rank - 1);
    // The last two dimensions of an operand merged into one.
    auto lastTwoMerged = [](int64_t r) {
      SmallVector<ReassociationIndices> groups;
      for (int64_t d = 0; d + 2 < r; ++d)
        groups.push_back({d});
      groups.push_back({r - 2, r - 1});
      return groups;
    };
    bool unitInner = false;
    for (auto [operand, map] : llvm::zip(operands, maps)) {
      if (!map.isFunctionOfDim(rank - 1))
        continue; // also scalar inputs (dynamic parameters)
      // Strided views (GLU halves) merge too where the layout allows it.
      auto type = cast<MemRefType>(operand.getType());
      if (type.getRank() < 2 || map.getResults().back() != inner ||
          !memref::CollapseShapeOp::isGuaranteedCollapsible(type,
                                                           lastTwoMerged(type.getRank())))
        return false;
      unitInner |= type.getShape().back() == 1;
    }
    if (!unitInner)
      return false;
    for (auto [operand, map] : llvm::zip(operands, maps)) {
      if (map.isFunctionOfDim(rank - 1)) {
        int64_t r = map.getNumResults();
        operand = memref::CollapseShapeOp::create(b, loc, operand, lastTwoMerged(r));
        map = map.dropResult(r - 1);
      }
      // No result uses the last dimension any more.
      map = AffineMap::get(rank - 1, 0, map.getResults(), b.getContext());
    }
    return true;
  }

  /// Whether output `i` is a reduction along the innermost loop (a vector
  /// accumulator carried by it).
  bool isCarried(ArrayRef<AffineMap> maps, unsigned i, int64_t rank) {
    return rank > 0 && combiners[i] && !maps[numInputs + i].isFunctionOfDim(rank - 1);
  }

  void emitInnerLoop(ArrayRef<Value> operands, ArrayRef<AffineMap> maps,
                     ValueRange outer, int64_t rank) {
    Value n = loopSize(operands, maps, rank - 1);
    Value step = arith::ConstantIndexOp::create(b, loc, lanes);
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value full = arith::SubIOp::create(
        b, loc, n, arith::RemUIOp::create(b, loc, n, step));
    // Accumulators start at the combiner's neutral element.
    SmallVector<Value> inits;
    for (unsigned i = 0; i < combiners.size(); ++i) {
      if (!isCarried(maps, i, rank))
        continue;
      auto type = VectorType::get({lanes}, combiners[i]->getResult(0).getType());
      inits.push_back(arith::ConstantOp::create(
          b, loc, type, DenseElementsAttr::get(type, *arith::getNeutralElement(combiners[i]))));
    }
    auto loop = scf::ForOp::create(
        b, loc, zero, full, step, inits,
        [&](OpBuilder &nested, Location, Value i, ValueRange accs) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nested.getInsertionBlock(), nested.getInsertionPoint());
          scf::YieldOp::create(b, loc, emitStep(operands, maps, outer, i, Value(), accs));
        });
    // One masked iteration covers the remaining n - full elements.
    Value hasTail = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, full, n);
    auto ifOp = scf::IfOp::create(b, loc, loop.getResultTypes(), hasTail,
                                  /*withElseRegion=*/!inits.empty());
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(ifOp.thenBlock());
      Value mask = vector::CreateMaskOp::create(
          b, loc, VectorType::get({lanes}, b.getI1Type()),
          ValueRange{arith::SubIOp::create(b, loc, n, full)});
      SmallVector<Value> accs = emitStep(operands, maps, outer, full, mask, loop.getResults());
      if (!inits.empty()) {
        scf::YieldOp::create(b, loc, accs);
        b.setInsertionPointToStart(ifOp.elseBlock());
        scf::YieldOp::create(b, loc, loop.getResults());
      }
    }
    // The accumulators reduced into the outputs' values.
    ValueRange accs = ifOp.getResults();
    for (unsigned i = 0, k = 0; i < combiners.size(); ++i) {
      if (!isCarried(maps, i, rank))
        continue;
      Value output = operands[numInputs + i];
      SmallVector<Value> indices = indicesFor(maps[numInputs + i], outer, Value());
      Value current = memref::LoadOp::create(b, loc, output, indices);
      Value reduced = vector::ReductionOp::create(b, loc, *combiningKind(combiners[i]),
                                                  accs[k++], current);
      memref::StoreOp::create(b, loc, reduced, output, indices);
    }
  }

  /// The memref indices of `map` at loop indices `outer` and `inner`.
  SmallVector<Value> indicesFor(AffineMap map, ValueRange outer, Value inner) {
    int64_t rank = map.getNumDims();
    SmallVector<Value> indices;
    for (AffineExpr expr : map.getResults()) {
      if (auto dim = dyn_cast<AffineDimExpr>(expr))
        indices.push_back(dim.getPosition() + 1 == unsigned(rank) ? inner
                                                                  : outer[dim.getPosition()]);
      else
        indices.push_back(arith::ConstantIndexOp::create(b, loc, 0));
    }
    return indices;
  }

  /// Loads `operand` at `outer`/`inner`: a vector (masked when `mask` is set)
  /// where it varies along the innermost loop, else a splatted scalar (a
  /// scalar for rank 0).
  Value load(Value operand, AffineMap map, ValueRange outer, Value inner, Value mask) {
    int64_t rank = map.getNumDims();
    Type elementType = cast<MemRefType>(operand.getType()).getElementType();
    SmallVector<Value> indices = indicesFor(map, outer, inner);
    if (rank == 0)
      return memref::LoadOp::create(b, loc, operand, indices);
    auto vectorType = VectorType::get({lanes}, elementType);
    if (!map.isFunctionOfDim(rank - 1)) {
      Value scalar = memref::LoadOp::create(b, loc, operand, indices);
      return vector::BroadcastOp::create(b, loc, vectorType, scalar);
    }
    if (!mask)
      return vector::LoadOp::create(b, loc, vectorType, operand, indices);
    Value passThru = arith::ConstantOp::create(
        b, loc, vectorType, DenseElementsAttr::get(vectorType, b.getZeroAttr(elementType)));
    return vector::MaskedLoadOp::create(b, loc, vectorType, operand, indices, mask, passThru);
  }

  /// Computes the body at inner index `inner` (null for rank 0) and stores
  /// its results, masked when `mask` is set; returns the carried
  /// accumulators `accs` updated (masked lanes keep theirs).
  SmallVector<Value> emitStep(ArrayRef<Value> operands, ArrayRef<AffineMap> maps,
                              ValueRange outer, Value inner, Value mask, ValueRange accs) {
    int64_t rank = maps.back().getNumDims();
    SmallVector<Value> args;
    for (auto [operand, map] : llvm::zip(operands.take_front(numInputs), maps)) {
      if (!isa<MemRefType>(operand.getType())) // a scalar, splatted in run()
        args.push_back(operand);
      else
        args.push_back(load(operand, map, outer, inner, mask));
    }
    for (unsigned i = 0, k = 0; i < combiners.size(); ++i) {
      Value output = operands[numInputs + i];
      if (isCarried(maps, i, rank)) {
        args.push_back(accs[k++]);
      } else if (combiners[i]) {
        args.push_back(load(output, maps[numInputs + i], outer, inner, mask));
      } else { // not read by the body: any value of its type
        Type type = cast<MemRefType>(output.getType()).getElementType();
        if (rank > 0)
          type = VectorType::get({lanes}, type);
        args.push_back(arith::ConstantOp::create(b, loc, type, b.getZeroAttr(type)));
      }
    }
    SmallVector<Value> results = relu::act::cloneScalarBodyResults(b, *op.getBody(), args);
    SmallVector<Value> next;
    for (unsigned i = 0, k = 0; i < combiners.size(); ++i) {
      if (isCarried(maps, i, rank)) {
        Value acc = accs[k++];
        next.push_back(mask ? arith::SelectOp::create(b, loc, mask, results[i], acc).getResult()
                            : results[i]);
        continue;
      }
      Value output = operands[numInputs + i];
      SmallVector<Value> indices = indicesFor(maps[numInputs + i], outer, inner);
      if (rank == 0)
        memref::StoreOp::create(b, loc, results[i], output, indices);
      else if (mask)
        vector::MaskedStoreOp::create(b, loc, output, indices, mask, results[i]);
      else
        vector::StoreOp::create(b, loc, results[i], output, indices);
    }
    return next;
  }

  linalg::GenericOp op;
  int64_t lanes;
  OpBuilder b;
  Location loc;
  unsigned numInputs;
  /// Per output: the reduction combiner where the body reads it, else null.
  SmallVector<Operation *> combiners;
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
