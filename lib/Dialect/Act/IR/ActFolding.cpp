// Constant folding through the activation interface: the op's `buildScalar`
// is emitted once into a scratch block in f64, then evaluated per element by
// the fold hooks of the arith/math ops it is made of.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/IR/BuiltinTypes.h"
#include "relu/Dialect/Act/IR/ActInterfaces.h"

using namespace mlir;
using namespace relu::act;

namespace {
/// A scalar function (an activation's definition, or a gradient derived from
/// it), evaluated with fold hooks.
class ScalarEvaluator {
public:
  ScalarEvaluator(Location loc, unsigned numArgs, ScalarBuildFn build)
      : f64(Float64Type::get(loc.getContext())),
        holder(ModuleOp::create(loc)), block(*holder->getBody()) {
    for (unsigned i = 0; i < numArgs; ++i)
      block.addArgument(f64, loc);
    OpBuilder builder = OpBuilder::atBlockEnd(&block);
    result = build(builder, loc, block.getArguments());
  }

  /// Returns the activation of `args`, or nothing if some op does not fold.
  std::optional<double> evaluate(ArrayRef<double> args) {
    DenseMap<Value, Attribute> values;
    for (auto [arg, value] : llvm::zip(block.getArguments(), args))
      values[arg] = FloatAttr::get(f64, value);
    for (Operation &op : block) {
      SmallVector<Attribute> operands;
      for (Value operand : op.getOperands())
        operands.push_back(values.lookup(operand));
      // math.fma has no fold hook: x * y + z with one rounding.
      if (auto fma = dyn_cast<math::FmaOp>(op)) {
        auto x = dyn_cast_or_null<FloatAttr>(operands[0]);
        auto y = dyn_cast_or_null<FloatAttr>(operands[1]);
        auto z = dyn_cast_or_null<FloatAttr>(operands[2]);
        if (!x || !y || !z)
          return std::nullopt;
        APFloat r = x.getValue();
        r.fusedMultiplyAdd(y.getValue(), z.getValue(), APFloat::rmNearestTiesToEven);
        values[fma.getResult()] = FloatAttr::get(x.getType(), r);
        continue;
      }
      SmallVector<OpFoldResult> folded;
      if (failed(op.fold(operands, folded)) || folded.size() != op.getNumResults())
        return std::nullopt;
      for (auto [res, fold] : llvm::zip(op.getResults(), folded)) {
        Attribute attr = llvm::dyn_cast_if_present<Attribute>(fold);
        if (!attr)
          attr = values.lookup(cast<Value>(fold));
        if (!attr)
          return std::nullopt;
        values[res] = attr;
      }
    }
    if (!result)
      return std::nullopt;
    auto out = dyn_cast_or_null<FloatAttr>(values.lookup(result));
    if (!out)
      return std::nullopt;
    return out.getValueAsDouble();
  }

private:
  FloatType f64;
  // Scratch ops live in a detached module, erased with it; it is never
  // verified (its block has the scalar arguments).
  OwningOpRef<ModuleOp> holder;
  Block &block;
  Value result;
};
} // namespace

static APFloat roundTo(double value, FloatType type) {
  APFloat rounded(value);
  bool losesInfo;
  rounded.convert(type.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                  &losesInfo);
  return rounded;
}

OpFoldResult relu::act::foldActivation(ActivationOpInterface op,
                                       ArrayRef<Attribute> operands) {
  auto resultType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
  return foldElementwise(op->getLoc(), resultType, operands,
                         [&](OpBuilder &b, Location loc, ValueRange args) {
                           return op.buildScalar(b, loc, args);
                         });
}

OpFoldResult relu::act::foldElementwise(Location loc, RankedTensorType resultType,
                                        ArrayRef<Attribute> operands,
                                        ScalarBuildFn build) {
  if (!resultType || !resultType.hasStaticShape() ||
      resultType.getNumElements() > kMaxFoldedElements)
    return {};
  SmallVector<DenseFPElementsAttr> inputs;
  for (Attribute operand : operands) {
    auto dense = dyn_cast_or_null<DenseFPElementsAttr>(operand);
    if (!dense || (!dense.isSplat() && dense.getType().getShape() != resultType.getShape()))
      return {};
    inputs.push_back(dense);
  }
  bool allSplat = llvm::all_of(inputs, [](auto in) { return in.isSplat(); });
  int64_t count = allSplat ? 1 : resultType.getNumElements();

  ScalarEvaluator evaluator(loc, inputs.size(), build);
  auto elementType = cast<FloatType>(resultType.getElementType());
  SmallVector<APFloat> results;
  results.reserve(count);
  SmallVector<double> args(inputs.size());
  for (int64_t i = 0; i < count; ++i) {
    for (auto [arg, input] : llvm::zip(args, inputs))
      arg = (input.isSplat() ? input.getSplatValue<APFloat>()
                             : input.getValues<APFloat>()[i])
                .convertToDouble();
    std::optional<double> value = evaluator.evaluate(args);
    if (!value)
      return {};
    results.push_back(roundTo(*value, elementType));
  }
  return DenseElementsAttr::get(resultType, results);
}
