// act.fused and act.quantize: verification, act.quantize's definition and
// act.fused's scalar form (the group as one activation of its operands).
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Diagnostics.h"
#include <cmath>
#include "relu/Dialect/Act/IR/ActOps.h"
#include "relu/Dialect/Act/IR/MathBuilder.h"

using namespace mlir;
using namespace relu::act;

//===----------------------------------------------------------------------===//
// act.fused
//===----------------------------------------------------------------------===//

/// The dialects whose tensor ops may appear in a group (docs/fusion.md).
static bool isGroupDialect(Operation &op) {
  StringRef name = op.getDialect() ? op.getDialect()->getNamespace() : "";
  return name == "act" || name == "arith" || name == "math" || name == "linalg" ||
         name == "tensor";
}

LogicalResult FusedOp::verifyRegions() {
  Block &body = getBody().front();
  if (TypeRange(body.getArgumentTypes()) != getInputs().getTypes())
    return emitOpError("region arguments must have the operands' types");
  auto yield = dyn_cast<FusedYieldOp>(body.getTerminator());
  if (!yield)
    return emitOpError("region must end in act.fused_yield");
  if (yield.getValues().getTypes() != getResultTypes())
    return yield.emitOpError("must yield the types of the group's results");
  bool hasActivation = false;
  for (Operation &op : body.without_terminator()) {
    if (!isGroupDialect(op))
      return op.emitOpError("cannot be part of an act.fused group (only act, arith, "
                            "math, linalg and tensor ops)");
    hasActivation |= isa<ActivationOpInterface, QuantizeOp>(op);
  }
  if (!hasActivation)
    return emitOpError("group must contain an act op");
  return success();
}

//===----------------------------------------------------------------------===//
// act.quantize
//===----------------------------------------------------------------------===//

LogicalResult QuantizeOp::verify() {
  // I64Attr accessors return uint64_t: compare as signed values.
  int64_t lo = getQmin(), hi = getQmax(), zeroPoint = getZeroPoint();
  bool isSigned = lo >= -128 && hi <= 127, isUnsigned = lo >= 0 && hi <= 255;
  if (lo > hi || !(isSigned || isUnsigned))
    return emitOpError("[qmin, qmax] must be an ordered range within [-128, 127] "
                       "(int8) or [0, 255] (uint8), not [")
           << lo << ", " << hi << "]";
  double scale = getScale().convertToDouble();
  if (!(scale > 0) || std::isinf(scale))
    return emitOpError("scale must be positive and finite");
  if (zeroPoint < lo || zeroPoint > hi)
    return emitOpError("zero_point must lie in [qmin, qmax]");
  return success();
}

/// roundeven(x / scale) + zero_point: the quantized value before the clamp.
static Value unclamped(QuantizeOp op, const MathBuilder &m, OpBuilder &b, Location loc, Value x) {
  Value scaled = math::RoundEvenOp::create(b, loc, m.div(x, m.c(op.getScale().convertToDouble())));
  return m.add(scaled, m.c(double(int64_t(op.getZeroPoint()))));
}

/// unclamped(x) clamped to [qmin, qmax]; maxnumf/minnumf return the other
/// operand for NaN: NaN saturates to qmin.
static Value clamped(QuantizeOp op, const MathBuilder &m, OpBuilder &b, Location loc, Value x) {
  return arith::MinNumFOp::create(
      b, loc,
      arith::MaxNumFOp::create(b, loc, unclamped(op, m, b, loc, x),
                               m.c(double(int64_t(op.getQmin())))),
      m.c(double(int64_t(op.getQmax()))));
}

Value QuantizeOp::buildStraightThrough(OpBuilder &b, Location loc, Value x) {
  MathBuilder m(b, loc, x.getType());
  Value q = unclamped(*this, m, b, loc, x);
  Value inRange = m.both(m.ge(q, m.c(double(int64_t(getQmin())))),
                         m.le(q, m.c(double(int64_t(getQmax())))));
  // Dequantized: (clamp(q) - zero_point) * scale; roundeven makes its slope 0.
  Value dequantized = m.mul(m.sub(clamped(*this, m, b, loc, x), m.c(double(int64_t(getZeroPoint())))),
                            m.c(getScale().convertToDouble()));
  return m.select(inRange, x, dequantized);
}

Value QuantizeOp::buildScalar(OpBuilder &b, Location loc, Value x) {
  MathBuilder m(b, loc, x.getType());
  Value clampedValue = clamped(*this, m, b, loc, x);
  // Through i32: 255 does not fit a signed i8 conversion; the low 8 bits are
  // the uint8 value.
  auto withElement = [&](Type element) -> Type {
    if (auto vector = dyn_cast<VectorType>(x.getType()))
      return vector.clone(element);
    return element;
  };
  Value wide = arith::FPToSIOp::create(b, loc, withElement(b.getI32Type()), clampedValue);
  return arith::TruncIOp::create(b, loc, withElement(b.getI8Type()), wide);
}

//===----------------------------------------------------------------------===//
// act.statistics
//===----------------------------------------------------------------------===//

std::pair<Value, Value> StatisticsOp::identities(OpBuilder &b, Location loc, FloatType compute) {
  return {arith::ConstantIntOp::create(b, loc, b.getI64Type(), 0),
          arith::ConstantOp::create(b, loc, b.getFloatAttr(compute, 0))};
}

std::pair<Value, Value> StatisticsOp::accumulate(OpBuilder &b, Location loc, Value y,
                                                 Value count, Value max) {
  Value zero = arith::ConstantOp::create(b, loc, b.getFloatAttr(y.getType(), 0));
  Value isZero = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, y, zero);
  Value one = arith::ExtUIOp::create(b, loc, count.getType(), isZero);
  return combine(b, loc, count, max, one, math::AbsFOp::create(b, loc, y));
}

std::pair<Value, Value> StatisticsOp::combine(OpBuilder &b, Location loc, Value count,
                                              Value max, Value otherCount, Value otherMax) {
  return {arith::AddIOp::create(b, loc, count, otherCount),
          arith::MaximumFOp::create(b, loc, max, otherMax)};
}

LogicalResult StatisticsOp::verify() {
  RankedTensorType input = getInput().getType();
  int64_t dim = getChannelDim();
  if (dim < 0 || dim >= input.getRank())
    return emitOpError("channel_dim ") << dim << " is not a dimension of the input";
  int64_t channels = input.getDimSize(dim);
  auto check = [&](RankedTensorType type, StringRef name, Type element,
                   int64_t size) -> LogicalResult {
    if (type.getElementType() != element)
      return emitOpError(name) << " must have element type " << element;
    if (type.getRank() != 1 ||
        (ShapedType::isStatic(size) && ShapedType::isStatic(type.getDimSize(0)) &&
         type.getDimSize(0) != size))
      return emitOpError(name) << " must be 1-D of size " << (size == 1 ? "1" : "channels");
    return success();
  };
  Type i64 = IntegerType::get(getContext(), 64);
  Type element = input.getElementType();
  if (failed(check(getZeros().getType(), "zeros", i64, channels)) ||
      failed(check(getMaxAbs().getType(), "max_abs", element, channels)) ||
      failed(check(getTotalZeros().getType(), "total_zeros", i64, 1)) ||
      failed(check(getTotalMaxAbs().getType(), "total_max_abs", element, 1)))
    return failure();
  if (getTotalZeros().getType().isDynamicDim(0) || getTotalMaxAbs().getType().isDynamicDim(0))
    return emitOpError("totals must have the static size 1");
  return success();
}

//===----------------------------------------------------------------------===//
// act.fused as an activation: the region read as a scalar function.
//===----------------------------------------------------------------------===//

/// Ops that only compute sizes (no element values).
static bool isShapeOnly(Operation &op) {
  return llvm::none_of(op.getResultTypes(), [](Type t) { return isa<TensorType>(t); }) ||
         isa<tensor::EmptyOp>(op);
}

AffineMap FusedOp::getOperandIndexingMap(unsigned index) {
  BlockArgument arg = getBody().front().getArgument(index);
  int64_t rank = cast<RankedTensorType>(getResult(0).getType()).getRank();
  if (!isa<ShapedType>(arg.getType())) // a dynamic parameter
    return AffineMap::get(rank, 0, getContext());
  // A linalg member reading the argument says how (a bias's broadcast);
  // every other member reads it at the group's own indices.
  for (OpOperand &use : arg.getUses())
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(use.getOwner()))
      if (linalgOp.isDpsInput(&use))
        return linalgOp.getMatchingIndexingMap(&use);
  return AffineMap::getMultiDimIdentityMap(rank, getContext());
}

std::pair<Operation *, Operation *> FusedOp::getHalves(int64_t *axis) {
  BlockArgument arg = getBody().front().getArgument(0);
  auto type = dyn_cast<RankedTensorType>(arg.getType());
  if (!type)
    return {};
  SmallVector<tensor::ExtractSliceOp, 2> slices;
  for (Operation *user : arg.getUsers()) {
    if (isa<tensor::DimOp>(user))
      continue; // its sizes
    auto slice = dyn_cast<tensor::ExtractSliceOp>(user);
    if (!slice || slice.getResultType().getRank() != type.getRank() ||
        !llvm::all_of(slice.getMixedStrides(),
                      [](OpFoldResult s) { return isConstantIntValue(s, 1); }))
      return {};
    slices.push_back(slice);
  }
  if (slices.size() != 2 || slices[0].getMixedSizes() != slices[1].getMixedSizes())
    return {};
  // The dimension along which the two differ: one starts at 0, the other
  // where the first ends; every other dimension is whole in both.
  std::optional<int64_t> along;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    OpFoldResult size = slices[0].getMixedSizes()[d];
    OpFoldResult first = slices[0].getMixedOffsets()[d], second = slices[1].getMixedOffsets()[d];
    if (isConstantIntValue(first, 0) && isConstantIntValue(second, 0)) {
      auto dim = dyn_cast_if_present<Value>(size);
      auto dimOp = dim ? dim.getDefiningOp<tensor::DimOp>() : nullptr;
      bool whole = type.isDynamicDim(d)
                       ? dimOp && dimOp.getSource() == arg && isConstantIntValue(dimOp.getIndex(), d)
                       : isConstantIntValue(size, type.getDimSize(d));
      if (!whole)
        return {};
      continue;
    }
    if (along)
      return {};
    if (isConstantIntValue(second, 0) && first == size)
      std::swap(slices[0], slices[1]);
    else if (!(isConstantIntValue(first, 0) && second == size))
      return {};
    along = d;
  }
  if (!along)
    return {};
  if (axis)
    *axis = *along;
  return {slices[0], slices[1]};
}

unsigned FusedOp::getNumScalarArguments() {
  return getNumOperands() + (getHalves().first ? 1 : 0);
}

/// Whether `op`, a member of `group`, has a scalar form (buildScalar).
static bool hasScalarForm(FusedOp group, Operation &op) {
  if (isShapeOnly(op) || isa<ActivationOpInterface, linalg::LinalgOp, QuantizeOp>(op))
    return true;
  if (isa<tensor::ExtractSliceOp>(op)) { // the halves: arguments of their own
    auto [a, b] = group.getHalves();
    return &op == a || &op == b;
  }
  return isa<arith::ArithDialect, math::MathDialect>(op.getDialect()) &&
         llvm::all_of(op.getOperandTypes(), [](Type t) { return isa<TensorType>(t); });
}

Operation *FusedOp::getMemberWithoutScalarForm() {
  for (Operation &op : getBody().front().without_terminator())
    if (!hasScalarForm(*this, op))
      return &op;
  return nullptr;
}

Value FusedOp::buildScalar(OpBuilder &b, Location loc, ValueRange args,
                           Conventions conventions) {
  Block &body = getBody().front();
  Type computeType = getElementTypeOrSelf(args.front().getType());
  IRMapping values;
  // GLU halves: args are (a, b, further operands...); the first operand
  // itself is only read through them.
  auto [first, second] = getHalves();
  if (first) {
    values.map(first->getResult(0), args[0]);
    values.map(second->getResult(0), args[1]);
    for (auto [arg, value] : llvm::zip(body.getArguments().drop_front(), args.drop_front(2)))
      values.map(arg, value);
  } else {
    for (auto [arg, value] : llvm::zip(body.getArguments(), args))
      values.map(arg, value);
  }
  for (Operation &op : body.without_terminator()) {
    if (isShapeOnly(op) || &op == first || &op == second)
      continue;
    SmallVector<Value> operands;
    for (Value operand : op.getOperands())
      if (Value mapped = values.lookupOrNull(operand))
        operands.push_back(mapped);
    Value result;
    if (auto activation = dyn_cast<ActivationOpInterface>(&op)) {
      result = activation.buildScalar(b, loc, operands, conventions);
    } else if (auto quantize = dyn_cast<QuantizeOp>(&op)) {
      // The straight-through estimator: the group as a function of its
      // operands ends in the dequantized value, whose slope is 1 inside the
      // clip range (docs/fusion.md).
      result = quantize.buildStraightThrough(b, loc, operands[0]);
    } else if (auto broadcast = dyn_cast<linalg::BroadcastOp>(&op)) {
      result = values.lookup(broadcast.getInput());
    } else if (auto linalgOp = dyn_cast<linalg::LinalgOp>(&op)) {
      // The body computes in the tensors' element types; inputs come in the
      // compute type. The init's block argument is not read (act-fuse).
      SmallVector<Value> payloadArgs;
      for (OpOperand *input : linalgOp.getDpsInputOperands()) {
        BlockArgument arg = linalgOp.getMatchingBlockArgument(input);
        payloadArgs.push_back(convertFloat(b, loc, values.lookup(input->get()), arg.getType()));
      }
      payloadArgs.push_back(payloadArgs.front());
      Value yielded = cloneScalarBody(b, *linalgOp.getBlock(), payloadArgs);
      result = convertFloat(b, loc, yielded, computeType);
    } else if (isa<arith::TruncFOp, arith::ExtFOp>(op)) {
      // A cast inside the group rounds: to the element type and back.
      Type element = getElementTypeOrSelf(op.getResult(0).getType());
      result = convertFloat(b, loc, convertFloat(b, loc, operands[0], element), computeType);
    } else {
      assert(hasScalarForm(*this, op) && "buildScalar of a group without a scalar form");
      // Float results in the compute type (i1 stays i1), on vector lanes
      // when the arguments are vectors.
      Type element = getElementTypeOrSelf(op.getResult(0).getType());
      Type resultType = isa<FloatType>(element) ? computeType : element;
      if (auto vector = dyn_cast<VectorType>(args.front().getType()))
        resultType = vector.clone(resultType);
      OperationState state(loc, op.getName(), operands, {resultType}, op.getAttrs());
      result = b.create(state)->getResult(0);
    }
    values.map(op.getResult(0), result);
  }
  return values.lookup(body.getTerminator()->getOperand(0));
}
