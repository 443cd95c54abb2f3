// act.grad and act.forward_with_mask: region verification and constant folds.
// The folds evaluate the derived scalar functions (Derivative.h) through the
// same fold-hook evaluator as the activations (ActFolding.cpp).
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "relu/Dialect/Act/IR/ActOps.h"
#include "relu/Dialect/Act/IR/Derivative.h"

using namespace mlir;
using namespace relu::act;

/// The number of mask bytes for `type`, if static.
static std::optional<int64_t> maskBytes(ShapedType type) {
  if (!type.hasStaticShape())
    return std::nullopt;
  return (type.getNumElements() + 7) / 8;
}

/// The region holds `f(block arguments)` and `act.yield` of its result; the
/// arguments have the input's type then the further operands' types.
static LogicalResult verifyForwardRegion(Operation *op, Region &region, Type inputType,
                                         ValueRange params) {
  Block &body = region.front();
  SmallVector<Type> expected = {inputType};
  llvm::append_range(expected, params.getTypes());
  if (TypeRange(body.getArgumentTypes()) != TypeRange(expected))
    return op->emitOpError("region must take the input's type then the further "
                           "operands' types");
  if (body.getOperations().size() != 2)
    return op->emitOpError("region must hold exactly one activation and act.yield");
  auto forward = dyn_cast<ActivationOpInterface>(&body.front());
  if (!forward)
    return op->emitOpError("region must hold an activation (an op implementing "
                           "ActivationOpInterface), not '")
           << body.front().getName() << "'";
  if (forward->getOperands() != body.getArguments())
    return forward->emitOpError("must apply to the region's arguments, in order");
  auto yield = dyn_cast<YieldOp>(body.back());
  if (!yield || yield.getValue() != forward->getResult(0))
    return op->emitOpError("region must yield the activation's result");
  return success();
}

static ActivationOpInterface forwardOf(Region &region) {
  if (region.empty() || region.front().empty())
    return {};
  return dyn_cast<ActivationOpInterface>(&region.front().front());
}

ActivationOpInterface GradOp::getForwardOp() { return forwardOf(getForward()); }
ActivationOpInterface ForwardWithMaskOp::getForwardOp() { return forwardOf(getForward()); }

static LogicalResult verifyMaskType(Operation *op, ShapedType dataType, ShapedType maskType) {
  if (maskType.getRank() != 1 || !maskType.getElementType().isInteger(8))
    return op->emitOpError("mask must be a 1-D tensor of i8");
  std::optional<int64_t> bytes = maskBytes(dataType);
  if (bytes && maskType.hasStaticShape() && maskType.getDimSize(0) != *bytes)
    return op->emitOpError("mask must have ceil(N / 8) = ")
           << *bytes << " bytes for " << dataType.getNumElements() << " elements, not "
           << maskType.getDimSize(0);
  return success();
}

LogicalResult GradOp::verifyRegions() {
  if (failed(verifyForwardRegion(*this, getForward(), getDy().getType(), getParams())))
    return failure();
  auto dyType = cast<ShapedType>(getDy().getType());
  auto primalType = cast<ShapedType>(getPrimal().getType());
  if (getSource() == GradSource::mask) {
    if (failed(verifyMaskType(*this, dyType, primalType)))
      return failure();
  } else if (primalType != dyType) {
    return emitOpError("the ") << stringifyGradSource(getSource())
                               << " must have dy's type " << dyType;
  }
  if (!getParamGrads().empty()) {
    if (getSource() != GradSource::input)
      return emitOpError("gradients of further operands need source input");
    if (llvm::any_of(getParams().getTypes(), [](Type t) { return !isa<ShapedType>(t); }))
      return emitOpError("has no gradients for scalar operands (dynamic parameters)");
    if (getParamGrads().size() != getParams().size() ||
        TypeRange(getParamGrads().getTypes()) != TypeRange(getParams().getTypes()))
      return emitOpError("must have one gradient per further operand, of its type");
  }
  return success();
}

LogicalResult ForwardWithMaskOp::verifyRegions() {
  if (failed(verifyForwardRegion(*this, getForward(), getInput().getType(), getParams())))
    return failure();
  return verifyMaskType(*this, cast<ShapedType>(getInput().getType()),
                        cast<ShapedType>(getMask().getType()));
}

/// Unpacks mask bytes into 1.0 / 0.0 per element of `dataType`.
static DenseFPElementsAttr unpackMask(Attribute bytes, RankedTensorType dataType) {
  auto dense = dyn_cast_or_null<DenseIntElementsAttr>(bytes);
  if (!dense || !dataType.hasStaticShape())
    return {};
  auto values = llvm::to_vector(dense.getValues<APInt>());
  int64_t n = dataType.getNumElements();
  if (!dense.isSplat() && int64_t(values.size()) * 8 < n)
    return {};
  SmallVector<double> bits;
  for (int64_t i = 0; i < n; ++i) {
    APInt byte = dense.isSplat() ? values.front() : values[i / 8];
    bits.push_back(byte[i % 8] ? 1.0 : 0.0);
  }
  auto type = RankedTensorType::get(dataType.getShape(), Float64Type::get(dataType.getContext()));
  return cast<DenseFPElementsAttr>(DenseElementsAttr::get(type, ArrayRef<double>(bits)));
}

LogicalResult GradOp::fold(FoldAdaptor adaptor, SmallVectorImpl<OpFoldResult> &results) {
  ActivationOpInterface forward = getForwardOp();
  auto dxType = cast<RankedTensorType>(getDx().getType());
  if (!forward || !getParamGrads().empty() || !dxType.hasStaticShape())
    return failure();
  // GLU halves: dx is twice dy's size along their axis (dynamic there).
  if (auto group = dyn_cast<FusedOp>(forward.getOperation()); group && group.getHalves().first)
    return failure();
  SmallVector<Attribute> operands = {adaptor.getDy(), adaptor.getPrimal()};
  llvm::append_range(operands, adaptor.getParams());
  if (llvm::any_of(operands, [](Attribute a) { return !a; }))
    return failure();
  bool fromMask = getSource() == GradSource::mask;
  if (fromMask && !(operands[1] = unpackMask(operands[1], dxType)))
    return failure();

  // Folding must not report: a gradient that does not exist is the pass's
  // error to give.
  ScopedDiagnosticHandler silence(getContext(), [](Diagnostic &) { return success(); });
  GradientSpec spec{forward, getConventions(), getSource(), 0, getLoc()};
  FailureOr<ScalarFunction> gradient =
      deriveGradient(spec, Float64Type::get(getContext()));
  if (failed(gradient))
    return failure();
  OpFoldResult folded = foldElementwise(
      getLoc(), dxType, operands, [&](OpBuilder &b, Location loc, ValueRange args) {
        SmallVector<Value> mapped(args);
        if (fromMask) {
          Value half = arith::ConstantOp::create(b, loc, b.getF64FloatAttr(0.5));
          mapped[1] = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, args[1], half);
        }
        return gradient->emit(b, mapped);
      });
  if (!folded)
    return failure();
  results.push_back(folded);
  return success();
}

LogicalResult ForwardWithMaskOp::fold(FoldAdaptor adaptor,
                                      SmallVectorImpl<OpFoldResult> &results) {
  ActivationOpInterface forward = getForwardOp();
  auto inputType = cast<RankedTensorType>(getInput().getType());
  auto maskType = cast<RankedTensorType>(getMask().getType());
  if (!forward || !inputType.hasStaticShape() || !maskType.hasStaticShape())
    return failure();
  SmallVector<Attribute> operands = {adaptor.getInput()};
  llvm::append_range(operands, adaptor.getParams());
  if (llvm::any_of(operands, [](Attribute a) { return !a; }))
    return failure();
  OpFoldResult y = foldActivation(forward, operands);
  if (!y)
    return failure();

  ScopedDiagnosticHandler silence(getContext(), [](Diagnostic &) { return success(); });
  GradientSpec spec{forward, getConventions(), GradSource::mask, 0, getLoc()};
  FailureOr<ScalarFunction> bit = deriveMaskBit(spec, Float64Type::get(getContext()));
  if (failed(bit))
    return failure();
  auto bitsType = RankedTensorType::get(inputType.getShape(), Float64Type::get(getContext()));
  auto bits = dyn_cast_or_null<DenseFPElementsAttr>(dyn_cast_or_null<Attribute>(
      foldElementwise(getLoc(), bitsType, operands,
                      [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
                        Value one = arith::ConstantOp::create(b, loc, b.getF64FloatAttr(1));
                        Value zero = arith::ConstantOp::create(b, loc, b.getF64FloatAttr(0));
                        return arith::SelectOp::create(b, loc, bit->emit(b, args), one, zero);
                      })));
  if (!bits)
    return failure();
  SmallVector<uint8_t> bytes(maskType.getDimSize(0), 0);
  int64_t i = 0;
  for (const APFloat &value : bits.getValues<APFloat>()) {
    if (!value.isZero())
      bytes[i / 8] |= uint8_t(1u << (i % 8));
    ++i;
  }
  SmallVector<APInt> packed;
  for (uint8_t byte : bytes)
    packed.push_back(APInt(8, byte));
  results.push_back(y);
  results.push_back(DenseElementsAttr::get(maskType, packed));
  return success();
}
