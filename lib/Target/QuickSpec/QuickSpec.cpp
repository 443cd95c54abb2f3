// relu-cc's quick spec: `--activation gelu:tanh --dtype bf16` -> a module.
#include "relu/Target/QuickSpec.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"
#include "relu/Dialect/Act/IR/ActOps.h"
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

std::string entryName(StringRef spec, StringRef dtype) {
  std::string name;
  for (char c : spec)
    name += c == ':' ? '_' : c == '.' ? 'p' : c == '-' ? 'm' : c;
  return name + "_" + dtype.str();
}

LogicalResult addKernel(OpBuilder &b, StringRef spec, StringRef dtype, Type element,
                        std::string &error) {
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
      opName == "custom") {
    error = "unknown activation '" + spec.str() + "'";
    return failure();
  }
  SmallVector<StringRef> attrNames;
  for (StringAttr name : info->getAttributeNames())
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
  auto func = func::FuncOp::create(b, loc, entryName(spec, dtype),
                                   b.getFunctionType(inputs, {mainType}));
  Block *body = func.addEntryBlock();
  OpBuilder inner = OpBuilder::atBlockBegin(body);
  OperationState state(loc, fullName);
  state.addOperands(body->getArguments());
  state.addTypes(mainType);
  for (auto [name, value] : llvm::zip(attrNames, params)) {
    FailureOr<Attribute> attr = parseParam(ctx, name, value, error);
    if (failed(attr))
      return failure();
    state.addAttribute(name, *attr);
  }
  if (channel)
    state.addAttribute("channel_dim", b.getI64IntegerAttr(1));
  Operation *op = inner.create(state);
  func::ReturnOp::create(inner, loc, op->getResults());
  return success();
}

} // namespace

FailureOr<OwningOpRef<ModuleOp>>
relu::buildQuickSpecModule(MLIRContext *context, ArrayRef<std::string> activations,
                           ArrayRef<std::string> dtypes, std::string &error) {
  context->getOrLoadDialect<act::ActDialect>();
  context->getOrLoadDialect<func::FuncDialect>();
  OwningOpRef<ModuleOp> module = ModuleOp::create(UnknownLoc::get(context));
  OpBuilder b = OpBuilder::atBlockEnd(module->getBody());
  for (const std::string &dtype : dtypes) {
    FailureOr<Type> element = parseDtype(context, dtype, error);
    if (failed(element))
      return failure();
    for (const std::string &spec : activations)
      if (failed(addKernel(b, spec, dtype, *element, error)))
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
