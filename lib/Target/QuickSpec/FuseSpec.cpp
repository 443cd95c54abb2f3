// relu-cc's fusion quick spec: `--fuse bias,gelu:tanh,cast:bf16` -> one
// function composing the steps unfused; act-fuse then makes it one group.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Verifier.h"
#include "relu/Dialect/Act/IR/ActOps.h"
#include "relu/Target/QuickSpec.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;

namespace {

/// Builds the steps of one group on the function being created.
class GroupBuilder {
public:
  GroupBuilder(OpBuilder &b, StringRef dtype, bool gradients, std::string &error)
      : b(b), loc(b.getUnknownLoc()), dtype(dtype.str()), gradients(gradients), error(error) {}

  /// The function for `steps`, at the builder's insertion point (and its
  /// backward after it, with gradients).
  LogicalResult build(ArrayRef<StringRef> steps);

private:
  /// `name`(dy, x, further inputs...) -> (dx, d further inputs...): act.grad
  /// of the group that `forward` computes, as one act.fused of its body.
  LogicalResult buildGradient(func::FuncOp forward, StringRef name);
  /// The activation `spec` applied to `v`, built by the activation quick
  /// spec for v's element type (its parsing and checks).
  FailureOr<Value> activation(StringRef spec, Value v);
  FailureOr<Value> quantize(ArrayRef<StringRef> params, Value v);
  /// The element type a quick-spec dtype name (f32, bf16, ...) stands for,
  /// as the activation quick spec parses and checks it.
  FailureOr<Type> elementType(StringRef dtype);
  /// `p` (1-D, per channel) broadcast to `like`'s shape along dimension 1.
  Value broadcast(Value p, Value like);
  BlockArgument addArgument(Type type) { return body->addArgument(type, loc); }
  LogicalResult fail(const Twine &message) {
    error = message.str();
    return failure();
  }

  OpBuilder &b;
  Location loc;
  std::string dtype;
  bool gradients;
  std::string &error;
  Block *body = nullptr;
};

FailureOr<Value> GroupBuilder::activation(StringRef spec, Value v) {
  Type element = cast<RankedTensorType>(v.getType()).getElementType();
  std::string elementName = element.isF16() ? "f16" : element.isBF16() ? "bf16"
                            : element.isF64() ? "f64" : "f32";
  FailureOr<OwningOpRef<ModuleOp>> one =
      relu::buildQuickSpecModule(b.getContext(), {spec.str()}, {elementName}, error);
  if (failed(one))
    return failure();
  auto func = *(*one)->getOps<func::FuncOp>().begin();
  Operation &op = func.getBody().front().front();
  if (op.getNumOperands() != 1)
    return fail("activation '" + spec + "' takes further operands: not available in --fuse");
  OperationState state(loc, op.getName());
  state.addOperands(v);
  state.addTypes(v.getType());
  state.addAttributes(op.getAttrs());
  return b.create(state)->getResult(0);
}

FailureOr<Type> GroupBuilder::elementType(StringRef name) {
  FailureOr<OwningOpRef<ModuleOp>> probe =
      relu::buildQuickSpecModule(b.getContext(), {"relu"}, {name.str()}, error);
  if (failed(probe))
    return failure();
  auto func = *(*probe)->getOps<func::FuncOp>().begin();
  return cast<RankedTensorType>(func.getArgumentTypes()[0]).getElementType();
}

FailureOr<Value> GroupBuilder::quantize(ArrayRef<StringRef> params, Value v) {
  double scale;
  int64_t ints[3] = {0, -128, 127};
  if (params.empty() || params.size() == 3 || params.size() > 4 ||
      params[0].getAsDouble(scale))
    return fail("quantize takes <scale>[:<zero point>[:<qmin>:<qmax>]]");
  for (auto [i, text] : llvm::enumerate(params.drop_front()))
    if (text.getAsInteger(10, ints[i]))
      return fail("bad integer '" + text + "' in quantize");
  auto type = cast<RankedTensorType>(v.getType());
  return relu::act::QuantizeOp::create(b, loc, type.clone(b.getI8Type()), v,
                                       b.getF64FloatAttr(scale), b.getI64IntegerAttr(ints[0]),
                                       b.getI64IntegerAttr(ints[1]), b.getI64IntegerAttr(ints[2]))
      .getResult();
}

Value GroupBuilder::broadcast(Value p, Value like) {
  auto pType = cast<RankedTensorType>(p.getType());
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, like);
  Value init = tensor::EmptyOp::create(b, loc, sizes, pType.getElementType());
  return linalg::BroadcastOp::create(b, loc, p, init, ArrayRef<int64_t>{0, 2})->getResult(0);
}

LogicalResult GroupBuilder::build(ArrayRef<StringRef> steps) {
  FailureOr<Type> element = elementType(dtype);
  if (failed(element))
    return failure();

  // Per-channel steps make a Channel kernel; `bias:last` fixes inner = 1.
  bool channel = false, last = false;
  for (StringRef step : steps) {
    auto [name, rest] = step.split(':');
    bool perChannel =
        name == "bias" || name == "scale_shift" || name == "stats" || name == "halves";
    channel |= perChannel;
    if (perChannel && !rest.empty() && rest != "channel" && rest != "last")
      return fail(name + " takes :channel or :last, not '" + rest + "'");
    last |= perChannel && rest == "last";
  }
  int64_t dyn = ShapedType::kDynamic;
  SmallVector<int64_t> shape = channel ? SmallVector<int64_t>{dyn, dyn, last ? 1 : dyn}
                                       : SmallVector<int64_t>{dyn};
  auto mainType = RankedTensorType::get(shape, *element);

  std::string stem = "fused";
  for (StringRef step : steps)
    stem += "_" + relu::quickSpecStem(step);
  auto func = func::FuncOp::create(b, loc, stem + "_" + dtype, b.getFunctionType({}, {}));
  body = func.addEntryBlock();
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(body);
  // `halves` (first step): x is [outer, 2 * channels, inner]; the steps
  // apply to its first half, the first `mul` multiplies by its second half.
  Value v, gate;
  if (!steps.empty() && steps.front().split(':').first == "halves") {
    auto doubled = addArgument(mainType);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    Value two = arith::ConstantIndexOp::create(b, loc, 2);
    Value channels =
        arith::DivUIOp::create(b, loc, tensor::DimOp::create(b, loc, doubled, one), two);
    SmallVector<OpFoldResult> offsets(3, b.getIndexAttr(0)), strides(3, b.getIndexAttr(1));
    SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, doubled);
    sizes[1] = channels;
    v = tensor::ExtractSliceOp::create(b, loc, doubled, offsets, sizes, strides);
    offsets[1] = channels;
    gate = tensor::ExtractSliceOp::create(b, loc, doubled, offsets, sizes, strides);
    steps = steps.drop_front();
    if (llvm::none_of(steps, [](StringRef step) { return step == "mul"; }))
      return fail("halves needs a mul step (the product with the second half)");
  } else {
    v = addArgument(mainType);
  }
  auto elementOf = [](Value value) { return cast<RankedTensorType>(value.getType()).getElementType(); };
  auto perChannel = [&]() {
    return addArgument(RankedTensorType::get({dyn}, elementOf(v)));
  };
  // Side outputs (statistics) after the group's result.
  SmallVector<Value> results;
  for (StringRef step : steps) {
    SmallVector<StringRef> parts;
    step.split(parts, ':');
    StringRef op = parts[0];
    if (!isa<FloatType>(elementOf(v)))
      return fail("quantize must be the last step");
    if ((op == "residual" || op == "mul") && parts.size() != 1)
      return fail(op + " takes no parameters");
    if (op == "stats") {
      // Of the value at this step: zero counts and max |y| per channel and
      // in total (act.statistics).
      auto type = cast<RankedTensorType>(v.getType());
      auto perChannelOf = [&](Type element) { return RankedTensorType::get({dyn}, element); };
      auto singleOf = [&](Type element) { return RankedTensorType::get({1}, element); };
      auto stats = relu::act::StatisticsOp::create(
          b, loc, perChannelOf(b.getI64Type()), singleOf(b.getI64Type()),
          perChannelOf(type.getElementType()), singleOf(type.getElementType()), v,
          b.getI64IntegerAttr(1));
      llvm::append_range(results, stats->getResults());
      continue;
    }
    if (op == "bias") {
      v = arith::AddFOp::create(b, loc, v, broadcast(perChannel(), v));
    } else if (op == "scale_shift") {
      Value scale = broadcast(perChannel(), v);
      Value shift = broadcast(perChannel(), v);
      v = arith::AddFOp::create(b, loc, arith::MulFOp::create(b, loc, v, scale), shift);
    } else if (op == "halves") {
      return fail("halves must be the first step");
    } else if (op == "residual" || op == "mul") {
      Value other = op == "mul" && gate ? std::exchange(gate, Value()) : addArgument(v.getType());
      v = op == "mul" ? Value(arith::MulFOp::create(b, loc, v, other))
                      : Value(arith::AddFOp::create(b, loc, v, other));
    } else if (op == "cast") {
      if (parts.size() != 2)
        return fail("cast takes one dtype: cast:bf16");
      FailureOr<Type> target = elementType(parts[1]);
      if (failed(target))
        return failure();
      Type to = *target;
      // Through f32 between the two 16-bit types (neither extends the other).
      auto tensorOf = [&](Type element) {
        return cast<RankedTensorType>(v.getType()).clone(element);
      };
      unsigned fromWidth = elementOf(v).getIntOrFloatBitWidth();
      if (fromWidth == 16 && to.getIntOrFloatBitWidth() == 16 && elementOf(v) != to)
        v = arith::ExtFOp::create(b, loc, tensorOf(b.getF32Type()), v);
      if (elementOf(v).getIntOrFloatBitWidth() > to.getIntOrFloatBitWidth())
        v = arith::TruncFOp::create(b, loc, tensorOf(to), v);
      else if (elementOf(v) != to)
        v = arith::ExtFOp::create(b, loc, tensorOf(to), v);
    } else if (op == "quantize") {
      FailureOr<Value> q = quantize(ArrayRef<StringRef>(parts).drop_front(), v);
      if (failed(q))
        return failure();
      v = *q;
    } else {
      FailureOr<Value> act = activation(step, v);
      if (failed(act))
        return failure();
      v = *act;
    }
  }
  if (llvm::none_of(steps, [&](StringRef step) {
        StringRef op = step.split(':').first;
        return op != "bias" && op != "scale_shift" && op != "residual" && op != "mul" &&
               op != "cast" && op != "stats";
      }))
    return fail("a fused group needs an activation or quantize step");
  results.insert(results.begin(), v);
  func::ReturnOp::create(b, loc, results);
  func.setFunctionType(b.getFunctionType(body->getArgumentTypes(), ValueRange(results).getTypes()));
  return gradients ? buildGradient(func, stem + "_backward_" + dtype) : success();
}

LogicalResult GroupBuilder::buildGradient(func::FuncOp forward, StringRef name) {
  FunctionType type = forward.getFunctionType();
  if (type.getNumResults() != 1 || type.getResult(0) != type.getInput(0))
    return fail("--grad needs a group whose one result has x's type (no cast, quantize or stats "
                "step)");
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointAfter(forward);
  SmallVector<Type> argTypes = {type.getResult(0)};
  llvm::append_range(argTypes, type.getInputs());
  auto func = func::FuncOp::create(b, loc, name, b.getFunctionType(argTypes, type.getInputs()));
  Block *entry = func.addEntryBlock();
  b.setInsertionPointToStart(entry);
  ValueRange primals = entry->getArguments().drop_front();
  auto grad = relu::act::GradOp::create(b, loc, type.getInputs(), entry->getArgument(0),
                                        primals.front(), primals.drop_front(),
                                        relu::act::GradSource::input);
  func::ReturnOp::create(b, loc, grad->getResults());
  // The region: the group (act.fused of the forward body) of its arguments.
  SmallVector<Location> locs(primals.size(), loc);
  Block *region = b.createBlock(&grad.getForward(), {}, type.getInputs(), locs);
  auto group = relu::act::FusedOp::create(b, loc, type.getResults(), region->getArguments());
  relu::act::YieldOp::create(b, loc, group.getResult(0));
  Block *groupBody = b.createBlock(&group.getBody(), {}, type.getInputs(), locs);
  IRMapping mapping;
  mapping.map(forward.getArguments(), groupBody->getArguments());
  for (Operation &op : forward.getBody().front().without_terminator())
    b.clone(op, mapping);
  auto ret = cast<func::ReturnOp>(forward.getBody().front().getTerminator());
  relu::act::FusedYieldOp::create(b, loc, mapping.lookup(ret.getOperand(0)));
  return success();
}

} // namespace

LogicalResult relu::addFusedQuickSpecKernels(ModuleOp module, ArrayRef<std::string> groups,
                                             ArrayRef<std::string> dtypes, std::string &error,
                                             bool gradients) {
  OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
  MLIRContext *ctx = module.getContext();
  ctx->getOrLoadDialect<linalg::LinalgDialect>();
  ctx->getOrLoadDialect<tensor::TensorDialect>();
  ctx->getOrLoadDialect<arith::ArithDialect>();
  for (const std::string &dtype : dtypes)
    for (const std::string &group : groups) {
      SmallVector<StringRef> steps;
      StringRef(group).split(steps, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
      GroupBuilder builder(b, dtype, gradients, error);
      if (failed(builder.build(steps))) {
        error = "--fuse '" + group + "': " + error;
        return failure();
      }
    }
  std::string diagnostics;
  ScopedDiagnosticHandler handler(ctx, [&](Diagnostic &diag) {
    diagnostics += diag.str() + "\n";
    return success();
  });
  if (failed(verify(module))) {
    error = "invalid --fuse group: " + StringRef(diagnostics).rtrim().str();
    return failure();
  }
  return success();
}
