//===- Fuse.cpp - group activations with their producers and consumers ---===//
//
// act-fuse: each act op grows into an act.fused group (docs/fusion.md). A
// group is a set of elementwise tensor ops over one iteration space whose
// intermediate values no op outside the group reads; it is moved into the
// region of an act.fused op placed where its last op was.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"
#include "relu/Dialect/Act/IR/ActOps.h"
#include "relu/Dialect/Act/Transforms/Passes.h"
#include "llvm/ADT/SetVector.h"
#include <limits>

namespace relu {
#define GEN_PASS_DEF_ACTFUSEPASS
#include "relu/Dialect/Act/Transforms/Passes.h.inc"
} // namespace relu

using namespace mlir;
using namespace relu::act;

namespace {

/// Activations and act.quantize; groups are not grown again.
bool isActOp(Operation *op) {
  return isa<ActivationOpInterface, QuantizeOp>(op) && !isa<FusedOp>(op);
}

/// A map reading a broadcast of the iteration space: dimensions dropped,
/// never reordered (a bias along an axis, not a transpose).
bool isBroadcastMap(AffineMap map) {
  if (!map.isProjectedPermutation())
    return false;
  int64_t last = -1;
  for (AffineExpr expr : map.getResults()) {
    int64_t pos = cast<AffineDimExpr>(expr).getPosition();
    if (pos <= last)
      return false;
    last = pos;
  }
  return true;
}

/// A linalg op that computes each output element from the same position of
/// its (possibly broadcast) inputs only.
bool isElementwiseLinalg(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumDpsInits() != 1 ||
      op.getNumParallelLoops() != op.getNumLoops())
    return false;
  OpOperand *init = op.getDpsInitOperand(0);
  if (!op.getMatchingIndexingMap(init).isIdentity() || op.payloadUsesValueFromOperand(init))
    return false;
  return llvm::all_of(op.getDpsInputOperands(), [&](OpOperand *input) {
    return isBroadcastMap(op.getMatchingIndexingMap(input));
  });
}

/// True if `op` computes one tensor of shape `shape` elementwise from its
/// operands (which may be broadcasts).
bool isElementwiseMember(Operation *op, ArrayRef<int64_t> shape) {
  if (op->getNumResults() != 1)
    return false;
  auto type = dyn_cast<RankedTensorType>(op->getResult(0).getType());
  if (!type || type.getShape() != shape)
    return false;
  if (isActOp(op))
    return true;
  StringRef dialect = op->getDialect() ? op->getDialect()->getNamespace() : "";
  if ((dialect == "arith" || dialect == "math") && op->hasTrait<mlir::OpTrait::Elementwise>())
    return true;
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
    return isElementwiseLinalg(linalgOp);
  return false;
}

/// Producers may also be unit-stride slices of a larger tensor (GLU halves).
bool isMemberProducer(Operation *op, ArrayRef<int64_t> shape) {
  if (auto slice = dyn_cast<tensor::ExtractSliceOp>(op))
    return slice.getType().getShape() == shape && slice.hasUnitStride() &&
           slice.getSourceType().getRank() == slice.getType().getRank();
  return isElementwiseMember(op, shape);
}

/// Ops copied into a group instead of becoming its operands: constants and
/// shape computations (sizes, a GLU's split point).
bool isRematerializable(Operation *op) {
  if (isa<arith::ConstantOp, tensor::EmptyOp, tensor::DimOp>(op))
    return true;
  return isa<arith::ArithDialect>(op->getDialect()) && isPure(op) &&
         llvm::all_of(op->getResultTypes(), [](Type t) { return t.isIndex(); });
}

/// The group grown from `anchor`, in program order.
SmallVector<Operation *> growGroup(Operation *anchor) {
  ArrayRef<int64_t> shape = cast<RankedTensorType>(anchor->getResult(0).getType()).getShape();
  Block *block = anchor->getBlock();
  llvm::SetVector<Operation *> members;
  members.insert(anchor);

  // Downward: the group's only result feeds exactly one elementwise op.
  Operation *tail = anchor;
  while (tail->getResult(0).hasOneUse()) {
    OpOperand &use = *tail->getResult(0).use_begin();
    Operation *user = use.getOwner();
    if (user->getBlock() != block || !isElementwiseMember(user, shape))
      break;
    // A linalg op must read the value, not only write into it.
    if (auto dps = dyn_cast<DestinationStyleOpInterface>(user); dps && dps.isDpsInit(&use))
      break;
    members.insert(user);
    tail = user;
  }

  // Upward, to a fixed point: producers whose results only the group reads.
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t i = 0; i < members.size(); ++i) {
      for (Value operand : members[i]->getOperands()) {
        Operation *producer = operand.getDefiningOp();
        if (!producer || members.contains(producer) || producer->getBlock() != block ||
            !isMemberProducer(producer, shape))
          continue;
        if (!llvm::all_of(producer->getUsers(),
                          [&](Operation *user) { return members.contains(user); }))
          continue;
        members.insert(producer);
        changed = true;
      }
    }
  }
  SmallVector<Operation *> ordered = members.takeVector();
  llvm::sort(ordered, [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
  return ordered;
}

/// Moves `members` (program order; only the last one's result is read
/// outside) into a new act.fused op.
void buildGroup(ArrayRef<Operation *> members) {
  Operation *tail = members.back();
  Location loc = tail->getLoc();
  OpBuilder builder(tail);
  auto fused = FusedOp::create(builder, loc, tail->getResultTypes(), ValueRange());
  Block *body = new Block();
  fused.getBody().push_back(body);
  OpBuilder inner = OpBuilder::atBlockEnd(body);

  // The values the members read from outside, through copied ops.
  llvm::SetVector<Value> inputs;
  llvm::SetVector<Operation *> copied;
  std::function<void(Value)> collect = [&](Value value) {
    Operation *def = value.getDefiningOp();
    if (def && llvm::is_contained(members, def))
      return;
    if (def && isRematerializable(def)) {
      for (Value operand : def->getOperands())
        collect(operand);
      copied.insert(def);
      return;
    }
    inputs.insert(value);
  };
  for (Operation *op : members) {
    for (Value operand : op->getOperands())
      collect(operand);
    llvm::SetVector<Value> captured;
    getUsedValuesDefinedAbove(op->getRegions(), captured);
    for (Value value : captured)
      collect(value);
  }
  // Operands in a natural order: block (function) arguments first, by
  // position, then other values in the order the group first reads them.
  SmallVector<Value> operands = inputs.takeVector();
  llvm::stable_sort(operands, [](Value a, Value b) {
    auto key = [](Value v) {
      auto arg = dyn_cast<BlockArgument>(v);
      return arg ? int64_t(arg.getArgNumber()) : std::numeric_limits<int64_t>::max();
    };
    return key(a) < key(b);
  });
  IRMapping mapping;
  for (Value value : operands)
    mapping.map(value, body->addArgument(value.getType(), value.getLoc()));
  // Collected operands first, so this order is a valid one.
  SmallVector<Operation *> copies = copied.takeVector();
  for (Operation *op : copies)
    inner.clone(*op, mapping);
  for (Operation *op : members)
    inner.clone(*op, mapping);
  FusedYieldOp::create(inner, loc, mapping.lookup(tail->getResult(0)));
  fused->setOperands(operands);

  tail->getResult(0).replaceAllUsesWith(fused.getResult(0));
  for (Operation *op : llvm::reverse(members))
    op->erase();
  // Copies' originals that only the group used.
  for (Operation *op : llvm::reverse(copies))
    if (op->use_empty())
      op->erase();
}

struct ActFusePass : relu::impl::ActFusePassBase<ActFusePass> {
  void runOnOperation() override {
    SmallVector<Operation *> anchors;
    getOperation()->walk([&](Operation *op) {
      // Activations inside act.grad, act.fused, ... regions are not anchors.
      Operation *parent = op->getParentOp();
      if (isActOp(op) && !(parent && isa_and_nonnull<ActDialect>(parent->getDialect())))
        anchors.push_back(op);
    });
    llvm::DenseSet<Operation *> grouped;
    for (Operation *anchor : anchors) {
      if (grouped.contains(anchor))
        continue;
      SmallVector<Operation *> members = growGroup(anchor);
      if (members.size() < 2)
        continue;
      grouped.insert(members.begin(), members.end());
      buildGroup(members);
    }
  }
};

} // namespace
