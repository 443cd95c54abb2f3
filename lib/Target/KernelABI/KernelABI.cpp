// Public functions on tensors -> destination-passing kernels on memrefs:
//   func @k(%x: tensor<?xT>) -> tensor<?xT>
// becomes
//   func @__relu_kernel_k(%x: memref<?xT>, %y: memref<?xT>)
// whose body reads %x through bufferization.to_tensor and writes the result
// into %y with bufferization.materialize_in_destination, so that one-shot
// bufferization (after empty-tensor elimination) computes in place in %y.
#include "relu/Target/KernelABI.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/TypeUtilities.h"
#include "relu/Dialect/Act/IR/ActOps.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;

std::string relu::kernelSymbol(StringRef name) {
  return ("__relu_kernel_" + name).str();
}

std::string relu::cTypeName(Type type) {
  if (type.isF32()) return "float";
  if (type.isF64()) return "double";
  if (type.isF16()) return "relu_f16_t";
  return "relu_bf16_t";
}

std::string relu::dtypeName(Type type) {
  if (type.isF32()) return "f32";
  if (type.isF64()) return "f64";
  if (type.isF16()) return "f16";
  return "bf16";
}

std::string relu::entryParameters(const KernelInfo &k) {
  SmallVector<std::string> params;
  for (auto [i, in] : llvm::enumerate(k.inputs))
    params.push_back(llvm::formatv("const {0} *in{1}", cTypeName(in.elementType), i));
  params.push_back(llvm::formatv("{0} *out", cTypeName(k.outputElementType)));
  if (k.kind == KernelKind::Elementwise)
    params.push_back("int64_t n");
  else
    params.append({"int64_t outer", "int64_t channels", "int64_t inner"});
  for (const KernelScalar &scalar : k.scalars)
    params.push_back(cTypeName(scalar.type) + " " + scalar.name);
  return llvm::join(params, ", ");
}

std::string relu::scalarCheckStatements(const KernelInfo &k) {
  std::string checks;
  for (const std::string &check : k.scalarChecks)
    checks += llvm::formatv("  if (!({0})) return RELU_ERR_INVALID_ARGUMENT;\n", check).str();
  return checks;
}

std::string relu::scalarDocumentation(const KernelInfo &k) {
  std::string doc;
  if (!k.scalars.empty()) {
    doc += " * Run-time parameters (after the sizes):\n";
    for (const KernelScalar &scalar : k.scalars)
      doc += " *   " + scalar.name + ": " + scalar.description + "\n";
  }
  if (!k.scalarChecks.empty()) {
    doc += " * Returns RELU_ERR_INVALID_ARGUMENT unless:\n";
    for (const std::string &check : k.scalarChecks)
      doc += " *   " + check + "\n";
  }
  return doc;
}

static bool isScalarType(Type type) { return type.isF32() || type.isF64(); }

/// act.grad and act.forward_with_mask hold their activation in a region whose
/// arguments stand for their operands (the input, then the further operands):
/// the operand behind such a block argument, else `value` itself.
static Value outsideGradientRegions(Value value) {
  auto arg = dyn_cast<BlockArgument>(value);
  while (arg && arg.getArgNumber() > 0) {
    Operation *parent = arg.getOwner()->getParentOp();
    ValueRange params;
    if (auto grad = dyn_cast_or_null<relu::act::GradOp>(parent))
      params = grad.getParams();
    else if (auto masked = dyn_cast_or_null<relu::act::ForwardWithMaskOp>(parent))
      params = masked.getParams();
    else
      break;
    value = params[arg.getArgNumber() - 1];
    arg = dyn_cast<BlockArgument>(value);
  }
  return value;
}

/// The (activation parameter, act op) pairs `value` feeds, also through
/// act.grad / act.forward_with_mask regions.
static void collectParameterUses(Value value,
                                 SmallVectorImpl<std::pair<StringRef, Operation *>> &uses) {
  for (OpOperand &use : value.getUses()) {
    Operation *owner = use.getOwner();
    unsigned first = isa<relu::act::GradOp>(owner) ? 2 : 1;
    if (isa<relu::act::GradOp, relu::act::ForwardWithMaskOp>(owner) &&
        use.getOperandNumber() >= first) {
      Block &body = owner->getRegion(0).front();
      collectParameterUses(body.getArgument(use.getOperandNumber() - first + 1), uses);
      continue;
    }
    auto op = dyn_cast<relu::act::ActivationOpInterface>(owner);
    SmallVector<StringRef> params =
        op ? relu::act::getDynamicParameterNames(op) : SmallVector<StringRef>();
    unsigned index = use.getOperandNumber();
    uses.push_back({index >= 1 && index <= params.size() ? params[index - 1] : StringRef("?"),
                    owner});
  }
}

/// Names the scalar arguments of `func` after the activation parameters they
/// feed (argN where that is ambiguous) and turns the ParameterRules of
/// dynamic parameters into C conditions on them.
static LogicalResult describeScalars(func::FuncOp func, relu::KernelInfo &info) {
  llvm::DenseMap<Value, std::string> names;
  llvm::StringMap<unsigned> nameCount;
  for (BlockArgument arg : func.getArguments()) {
    if (!isScalarType(arg.getType()))
      continue;
    std::string name, description;
    SmallVector<std::pair<StringRef, Operation *>> uses;
    collectParameterUses(arg, uses);
    for (auto [param, owner] : uses) {
      name = name.empty() || name == param ? param.str() : "?";
      description += (description.empty() ? "" : ", ") + param.str() + " of " +
                     owner->getName().getStringRef().str();
    }
    names[arg] = name;
    ++nameCount[name];
    info.scalars.push_back({arg.getType(), "", description.empty() ? "unused" : description});
  }
  unsigned next = 0;
  for (BlockArgument arg : func.getArguments()) {
    if (!isScalarType(arg.getType()))
      continue;
    std::string &name = names[arg];
    if (name.empty() || name == "?" || nameCount[name] > 1)
      name = "arg" + std::to_string(arg.getArgNumber());
    info.scalars[next++].name = name;
  }

  // Each rule becomes a C condition on the values the kernel computes with:
  // rounded to the op's compute type.
  WalkResult result = func.walk([&](relu::act::ActivationOpInterface op) {
    SmallVector<StringRef> dynamic = relu::act::getDynamicParameterNames(op);
    if (dynamic.empty())
      return WalkResult::advance();
    Type compute =
        relu::act::getComputeType(getElementTypeOrSelf(op->getResult(0).getType()));
    auto operand = [&](StringRef param) -> std::optional<std::string> {
      if (std::optional<double> value = relu::act::getStaticParameter(op, param)) {
        if (std::isinf(*value))
          return std::string(*value > 0 ? "INFINITY" : "-INFINITY");
        llvm::APFloat rounded(*value);
        bool losesInfo;
        rounded.convert(cast<FloatType>(compute).getFloatSemantics(),
                        llvm::APFloat::rmNearestTiesToEven, &losesInfo);
        return llvm::formatv("{0}", llvm::format("%a", rounded.convertToDouble())).str();
      }
      Value value = outsideGradientRegions(
          relu::act::getDynamicValues(op)[llvm::find(dynamic, param) - dynamic.begin()]);
      auto it = names.find(value);
      if (it == names.end())
        return std::nullopt;
      return "(" + relu::cTypeName(compute) + ")" + it->second;
    };
    for (const relu::act::ParameterRule &rule : op.getParameterRules()) {
      bool lhsDynamic = llvm::is_contained(dynamic, rule.lhs);
      bool rhsDynamic = !rule.rhs.empty() && llvm::is_contained(dynamic, rule.rhs);
      if (!lhsDynamic && !rhsDynamic)
        continue; // checked by the verifier
      std::optional<std::string> lhs = operand(rule.lhs);
      std::optional<std::string> rhs =
          rule.rhs.empty() ? std::optional<std::string>("") : operand(rule.rhs);
      if (!lhs || !rhs) {
        op->emitError("dynamic parameter '")
            << (lhs ? rule.rhs : rule.lhs)
            << "' must be a kernel argument: its domain is checked at run time";
        return WalkResult::interrupt();
      }
      switch (rule.kind) {
      case relu::act::ParameterRule::NotNaN:
        info.scalarChecks.push_back("!isnan(" + *lhs + ")");
        break;
      case relu::act::ParameterRule::NonZero:
        info.scalarChecks.push_back(*lhs + " != 0");
        break;
      case relu::act::ParameterRule::NotGreater:
        info.scalarChecks.push_back(*lhs + " <= " + *rhs);
        break;
      }
    }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

static bool isKernelElementType(Type type) {
  return type.isF16() || type.isBF16() || type.isF32() || type.isF64();
}

/// Classifies `func`'s signature, or emits an error explaining the ABI.
static FailureOr<relu::KernelInfo> classify(func::FuncOp func) {
  auto fail = [&]() {
    func.emitError("kernel @")
        << func.getSymName()
        << " does not fit the kernel ABI: expected either 1-D tensors of one "
           "length (elementwise), or a 3-D [outer, channels, inner] input "
           "and result with 1-D per-channel operands; element types f16, "
           "bf16, f32 or f64; f32 or f64 scalars (run-time parameters); one "
           "result";
    return failure();
  };
  FunctionType type = func.getFunctionType();
  if (type.getNumResults() != 1 || type.getNumInputs() == 0 ||
      func.isExternal() || !func.getBody().hasOneBlock())
    return fail();
  auto result = dyn_cast<RankedTensorType>(type.getResult(0));
  if (!result || !isKernelElementType(result.getElementType()))
    return fail();
  relu::KernelInfo info;
  info.name = func.getSymName().str();
  info.outputElementType = result.getElementType();
  info.outputShape = llvm::to_vector(result.getShape());
  if (result.getRank() == 1)
    info.kind = relu::KernelKind::Elementwise;
  else if (result.getRank() == 3)
    info.kind = relu::KernelKind::Channel;
  else
    return fail();
  unsigned index = 0;
  for (Type input : type.getInputs()) {
    if (isScalarType(input))
      continue;
    auto tensor = dyn_cast<RankedTensorType>(input);
    if (!tensor || !isKernelElementType(tensor.getElementType()))
      return fail();
    relu::KernelOperand operand{tensor.getElementType()};
    bool main = info.kind == relu::KernelKind::Elementwise || index++ == 0;
    if (main) {
      if (tensor.getRank() != result.getRank())
        return fail();
      for (auto [a, b] : llvm::zip(tensor.getShape(), result.getShape()))
        if (ShapedType::isStatic(a) && ShapedType::isStatic(b) && a != b)
          return fail();
    } else {
      if (tensor.getRank() != 1)
        return fail();
      operand.perChannel = true;
      operand.broadcastScalar = tensor.getDimSize(0) == 1;
    }
    info.inputs.push_back(operand);
  }
  if (info.inputs.empty())
    return fail();
  if (failed(describeScalars(func, info)))
    return failure();
  llvm::raw_string_ostream description(info.description);
  func.walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (op->getName().getStringRef() == "act.grad") {
      // Backward kernels: the forward activation follows.
      std::string source;
      llvm::raw_string_ostream(source) << op->getAttr("source");
      bool fromOutput = StringRef(source).contains("output");
      description << "act.grad " << op->getAttrDictionary()
                  << "\n  backward: out = dx = in0 * f'(x), in0 = dy, in1 = "
                  << (fromOutput ? "the forward output y = f(x)" : "the forward input x")
                  << ", f:\n";
    } else if (op->getDialect() && op->getDialect()->getNamespace() == "act" &&
               op->getNumRegions() == 0 && op->getName().getStringRef() != "act.yield") {
      // Dynamic parameters are named instead of their unused attributes.
      SmallVector<StringRef> dynamic = relu::act::getDynamicParameterNames(op);
      NamedAttrList attrs(op->getAttrDictionary());
      attrs.erase("dynamic_params");
      for (StringRef name : dynamic)
        attrs.erase(name);
      description << op->getName();
      if (!attrs.empty())
        description << " " << attrs.getDictionary(op->getContext());
      if (!dynamic.empty())
        description << " run-time: " << llvm::join(dynamic, ", ");
      description << "\n";
    } else if (op->getName().getStringRef() == "act.custom") {
      description << "act.custom (user-defined)\n";
    }
  });
  return info;
}

/// Replaces `func` by its destination-passing memref form.
static void rewrite(func::FuncOp func, const relu::KernelInfo &info) {
  OpBuilder builder(func);
  Location loc = func.getLoc();
  SmallVector<Type> argTypes, scalarTypes;
  for (Type input : func.getArgumentTypes()) {
    if (auto tensor = dyn_cast<RankedTensorType>(input))
      argTypes.push_back(MemRefType::get(tensor.getShape(), tensor.getElementType()));
    else
      scalarTypes.push_back(input);
  }
  auto result = cast<RankedTensorType>(func.getResultTypes()[0]);
  argTypes.push_back(MemRefType::get(result.getShape(), result.getElementType()));
  unsigned numMemrefs = argTypes.size();
  llvm::append_range(argTypes, scalarTypes);
  auto kernel = func::FuncOp::create(builder, loc, relu::kernelSymbol(info.name),
                                     builder.getFunctionType(argTypes, {}));
  Block *body = kernel.addEntryBlock();
  builder.setInsertionPointToStart(body);

  IRMapping mapping;
  unsigned nextMemref = 0, nextScalar = numMemrefs;
  for (BlockArgument arg : func.getArguments()) {
    if (!isa<RankedTensorType>(arg.getType())) {
      mapping.map(arg, body->getArgument(nextScalar++));
      continue;
    }
    // restrict: the kernel's buffers are not aliased by other to_tensor ops;
    // the output may equal an input, which elementwise code tolerates.
    Value tensor = bufferization::ToTensorOp::create(
        builder, loc, arg.getType(), body->getArgument(nextMemref++),
        /*restrict=*/true, /*writable=*/false);
    mapping.map(arg, tensor);
  }
  for (Operation &op : func.getBody().front().without_terminator())
    builder.clone(op, mapping);
  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  auto store = bufferization::MaterializeInDestinationOp::create(
      builder, loc, TypeRange{}, mapping.lookup(ret.getOperand(0)),
      body->getArgument(numMemrefs - 1));
  store.setRestrict(true);
  store.setWritable(true);
  func::ReturnOp::create(builder, loc);
  func.erase();
}

FailureOr<SmallVector<relu::KernelInfo>>
relu::rewriteToKernelABI(ModuleOp module) {
  SmallVector<func::FuncOp> publicFuncs;
  for (auto func : module.getOps<func::FuncOp>())
    if (func.isPublic())
      publicFuncs.push_back(func);
  if (publicFuncs.empty()) {
    module.emitError("no public func.func to compile into a kernel");
    return failure();
  }
  SmallVector<KernelInfo> kernels;
  for (func::FuncOp func : publicFuncs) {
    FailureOr<KernelInfo> info = classify(func);
    if (failed(info))
      return failure();
    kernels.push_back(*info);
  }
  for (auto [func, info] : llvm::zip(publicFuncs, kernels))
    rewrite(func, info);
  return kernels;
}
