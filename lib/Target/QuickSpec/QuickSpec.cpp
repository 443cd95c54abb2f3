// relu-cc's quick spec: `--activation gelu:tanh --dtype bf16` -> a module.
#include "relu/Target/QuickSpec.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"
#include "relu/Dialect/Act/IR/ActOps.h"
#include "relu/Dialect/Act/IR/Derivative.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;

namespace {

/// Aliases for specs that are another op with fixed leading parameters.
struct Alias {
  StringRef name, op;
  ArrayRef<StringRef> params;
};
const StringRef kRelu6Params[] = {"0", "6"};
const Alias kAliases[] = {{"relu6", "clamp", kRelu6Params},
                          {"hardtanh", "clamp", {}}};

/// Positional parameters follow the ops' attribute names, which MLIR keeps
/// sorted; where that is not the natural order, it is given here.
struct ParamOrder {
  StringRef op;
  ArrayRef<StringRef> names;
};
const StringRef kClampOrder[] = {"min", "max"};
const ParamOrder kParamOrders[] = {{"clamp", kClampOrder}};

FailureOr<Type> parseDtype(MLIRContext *ctx, StringRef dtype, std::string &error) {
  Builder b(ctx);
  if (dtype == "f16") return Type(b.getF16Type());
  if (dtype == "bf16") return Type(b.getBF16Type());
  if (dtype == "f32") return Type(b.getF32Type());
  if (dtype == "f64") return Type(b.getF64Type());
  error = "unsupported dtype '" + dtype.str() + "': use f16, bf16, f32 or f64";
  return failure();
}

/// A parameter for attribute `name`: a number becomes an f64 attribute,
/// anything else an enum of the dialect spelled `#act.<name><value>`.
FailureOr<Attribute> parseParam(MLIRContext *ctx, StringRef name, StringRef value,
                                std::string &error) {
  double number;
  if (!value.getAsDouble(number))
    return Attribute(FloatAttr::get(Float64Type::get(ctx), number));
  if (llvm::all_of(value, [](char c) { return llvm::isAlnum(c) || c == '_'; })) {
    std::string text = ("#act." + name + "<" + value + ">").str();
    size_t read = 0;
    if (Attribute attr = parseAttribute(text, ctx, Type(), &read, /*isKnownNullTerminated=*/false);
        attr && read == text.size())
      return attr;
  }
  error = "bad value '" + value.str() + "' for parameter '" + name.str() + "'";
  return failure();
}

/// The entry-point stem of `spec`: gelu:tanh -> gelu_tanh, clamp:?:6 ->
/// clamp_dyn_6.
std::string entryStem(StringRef spec) {
  std::string name;
  for (char c : spec) {
    if (c == '?')
      name += "dyn";
    else
      name += c == ':' ? '_' : c == '.' ? 'p' : c == '-' ? 'm' : c;
  }
  return name;
}

LogicalResult addKernel(OpBuilder &b, StringRef spec, StringRef dtype, Type element,
                        relu::QuickSpecGradients gradients, std::string &error) {
  MLIRContext *ctx = b.getContext();
  Location loc = b.getUnknownLoc();
  SmallVector<StringRef> parts;
  spec.split(parts, ':');
  StringRef opName = parts[0];
  SmallVector<StringRef> params(parts.begin() + 1, parts.end());
  for (const Alias &alias : kAliases)
    if (opName == alias.name) {
      opName = alias.op;
      params.insert(params.begin(), alias.params.begin(), alias.params.end());
    }
  std::string fullName = ("act." + opName).str();
  std::optional<RegisteredOperationName> info = RegisteredOperationName::lookup(fullName, ctx);
  if (!info || !info->hasInterface<relu::act::ActivationOpInterface>() ||
      opName == "custom" || opName == "fused") {
    error = "unknown activation '" + spec.str() + "'";
    return failure();
  }
  SmallVector<StringRef> attrNames;
  for (StringAttr name : info->getAttributeNames())
    if (name.getValue() != "dynamic_params")
      attrNames.push_back(name.getValue());
  for (const ParamOrder &order : kParamOrders)
    if (opName == order.op)
      attrNames.assign(order.names.begin(), order.names.end());
  bool channel = opName == "prelu";
  // prelu's only attribute (channel_dim) is fixed by the Channel ABI.
  size_t maxParams = channel ? 0 : attrNames.size();
  if (params.size() > maxParams) {
    error = "activation '" + spec.str() + "' takes at most " +
            std::to_string(maxParams) + " parameter(s)";
    return failure();
  }

  int64_t dyn = ShapedType::kDynamic;
  auto mainType = RankedTensorType::get(channel ? ArrayRef<int64_t>{dyn, dyn, dyn}
                                                : ArrayRef<int64_t>{dyn},
                                        element);
  SmallVector<Type> inputs = {mainType};
  if (channel)
    inputs.push_back(RankedTensorType::get({dyn}, element));
  // `?` leaves a parameter dynamic: a scalar argument of the compute type
  // (the op's verifier rejects it for a parameter that is not a float).
  NamedAttrList attrs;
  SmallVector<Attribute> dynamicNames;
  for (auto [name, value] : llvm::zip(attrNames, params)) {
    if (value == "?") {
      if (!llvm::is_contained(info->getAttributeNames(),
                              StringAttr::get(ctx, "dynamic_params"))) {
        error = "activation '" + spec.str() + "' has no float parameter to leave "
                "dynamic ('?')";
        return failure();
      }
      dynamicNames.push_back(b.getStringAttr(name));
      inputs.push_back(relu::act::getComputeType(element));
      continue;
    }
    FailureOr<Attribute> attr = parseParam(ctx, name, value, error);
    if (failed(attr))
      return failure();
    attrs.append(name, *attr);
  }
  if (channel)
    attrs.append("channel_dim", b.getI64IntegerAttr(1));
  if (!dynamicNames.empty())
    attrs.append("dynamic_params", b.getArrayAttr(dynamicNames));
  auto forward = [&](OpBuilder &builder, ValueRange operands) {
    OperationState state(loc, fullName);
    state.addOperands(operands);
    state.addTypes(mainType);
    state.addAttributes(attrs);
    return builder.create(state);
  };
  std::string stem = entryStem(spec);
  auto func = func::FuncOp::create(b, loc, stem + "_" + dtype.str(),
                                   b.getFunctionType(inputs, {mainType}));
  OpBuilder inner = OpBuilder::atBlockBegin(func.addEntryBlock());
  func::ReturnOp::create(inner, loc, forward(inner, func.getArguments())->getResults());
  if (gradients == relu::QuickSpecGradients::none)
    return success();
  bool all = gradients == relu::QuickSpecGradients::all;
  // prelu's backward has two results (dx, d slope).
  if (channel && gradients == relu::QuickSpecGradients::singleResult)
    return success();

  // Holds the forward activation in `region`'s one block, on arguments of
  // `inputs` types, and yields its result.
  auto fillRegion = [&](Region &region, TypeRange types) {
    OpBuilder rb(ctx);
    SmallVector<Location> locs(types.size(), loc);
    Block *block = rb.createBlock(&region, {}, types, locs);
    relu::act::YieldOp::create(rb, loc, forward(rb, block->getArguments())->getResult(0));
  };
  auto newFunction = [&](StringRef variant, TypeRange args, TypeRange results) {
    auto f = func::FuncOp::create(b, loc, stem + variant.str() + "_" + dtype.str(),
                                  b.getFunctionType(args, results));
    f.addEntryBlock();
    return f;
  };
  // <stem>_backward[_from_output|_from_mask]_<dtype>(dy, x, y or mask) -> dx;
  // prelu: (dy, x, slope) -> (dx, d slope). Run-time parameters (`?`) follow
  // as act.grad's further scalar operands, without gradients of their own.
  SmallVector<Type> paramTypes(inputs.begin() + 1, inputs.end());
  SmallVector<Type> paramGradTypes;
  for (Type type : paramTypes)
    if (isa<RankedTensorType>(type))
      paramGradTypes.push_back(type);
  auto addGradient = [&](StringRef variant, relu::act::GradSource source, Type primalType) {
    SmallVector<Type> args = {mainType, primalType};
    args.append(paramTypes);
    SmallVector<Type> results = {mainType};
    results.append(paramGradTypes);
    func::FuncOp grad = newFunction(variant, args, results);
    OpBuilder gb = OpBuilder::atBlockBegin(&grad.getBody().front());
    auto op = relu::act::GradOp::create(gb, loc, mainType, paramGradTypes, grad.getArgument(0),
                                        grad.getArgument(1), grad.getArguments().drop_front(2),
                                        source);
    fillRegion(op.getForward(), inputs);
    func::ReturnOp::create(gb, loc, op.getResults());
    return op;
  };
  relu::act::GradOp fromInput = addGradient("_backward", relu::act::GradSource::input, mainType);
  if (channel)
    return success();
  // The output variant exists where the activation has a preimage, the mask
  // variant where its derivative takes two values: ask the op, on a scalar
  // of a scratch function that is thrown away.
  OpBuilder detached(ctx);
  auto scalar = cast<FloatType>(relu::act::getComputeType(element));
  OwningOpRef<func::FuncOp> scratch =
      func::FuncOp::create(detached, loc, "scratch", b.getFunctionType({scalar}, {}));
  OpBuilder sb = OpBuilder::atBlockBegin(scratch->addEntryBlock());
  if (fromInput.getForwardOp().buildPreimage(sb, loc, scratch->getArgument(0),
                                             relu::act::Conventions::pytorch))
    addGradient("_backward_from_output", relu::act::GradSource::output, mainType);
  if (!all)
    return success();
  bool twoValued;
  {
    ScopedDiagnosticHandler quiet(ctx, [](Diagnostic &) { return success(); });
    relu::act::GradientSpec mask{fromInput.getForwardOp(), relu::act::Conventions::pytorch,
                                 relu::act::GradSource::mask, 0, loc};
    twoValued = succeeded(relu::act::deriveMaskBit(mask, scalar));
  }
  if (!twoValued)
    return success();
  // <stem>_forward_with_mask_<dtype>(x) -> (y, mask) and
  // <stem>_backward_from_mask_<dtype>(dy, mask) -> dx.
  auto maskType = RankedTensorType::get({dyn}, b.getI8Type());
  func::FuncOp withMask = newFunction("_forward_with_mask", inputs, {mainType, maskType});
  OpBuilder wb = OpBuilder::atBlockBegin(&withMask.getBody().front());
  auto masked = relu::act::ForwardWithMaskOp::create(wb, loc, mainType, maskType,
                                                     withMask.getArgument(0),
                                                     withMask.getArguments().drop_front());
  fillRegion(masked.getForward(), inputs);
  func::ReturnOp::create(wb, loc, masked.getResults());
  addGradient("_backward_from_mask", relu::act::GradSource::mask, maskType);
  return success();
}

} // namespace

FailureOr<OwningOpRef<ModuleOp>>
relu::buildQuickSpecModule(MLIRContext *context, ArrayRef<std::string> activations,
                           ArrayRef<std::string> dtypes, std::string &error,
                           QuickSpecGradients gradients) {
  context->getOrLoadDialect<act::ActDialect>();
  context->getOrLoadDialect<func::FuncDialect>();
  OwningOpRef<ModuleOp> module = ModuleOp::create(UnknownLoc::get(context));
  OpBuilder b = OpBuilder::atBlockEnd(module->getBody());
  for (const std::string &dtype : dtypes) {
    FailureOr<Type> element = parseDtype(context, dtype, error);
    if (failed(element))
      return failure();
    for (const std::string &spec : activations)
      if (failed(addKernel(b, spec, dtype, *element, gradients, error)))
        return failure();
  }
  // Attribute values are checked by the ops' verifiers (e.g. clamp min > max).
  std::string diagnostics;
  {
    ScopedDiagnosticHandler handler(context, [&](Diagnostic &diag) {
      diagnostics += diag.str() + "\n";
      return success();
    });
    if (failed(verify(*module))) {
      error = "invalid activation parameters: " + StringRef(diagnostics).rtrim().str();
      return failure();
    }
  }
  return module;
}

std::string relu::quickSpecStem(StringRef spec) { return entryStem(spec); }
