// Public functions on tensors -> destination-passing kernels on memrefs:
//   func @k(%x: tensor<?xT>) -> (tensor<?xT>, tensor<?xi8>)
// becomes
//   func @__relu_kernel_k(%x: memref<?xT>, %y: memref<?xT>, %m: memref<?xi8>)
// whose body reads the inputs through bufferization.to_tensor and writes each
// result into its buffer with bufferization.materialize_in_destination, so
// that one-shot bufferization (after empty-tensor elimination) computes in
// place in the outputs. Scalar f32/f64 arguments (dynamic activation
// parameters) follow the outputs and reach the C entry point by value.
#include "relu/Target/KernelABI.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/TypeUtilities.h"
#include "relu/Dialect/Act/IR/ActOps.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using relu::KernelBuffer;
using relu::KernelInfo;
using relu::KernelKind;
using relu::KernelScalar;
using relu::ShapeClass;

std::string relu::kernelSymbol(StringRef name) {
  return ("__relu_kernel_" + name).str();
}

/// The C and short names of every element type a kernel buffer may have.
static std::pair<const char *, const char *> typeNames(Type type) {
  if (type.isF32()) return {"float", "f32"};
  if (type.isF64()) return {"double", "f64"};
  if (type.isF16()) return {"relu_f16_t", "f16"};
  if (type.isBF16()) return {"relu_bf16_t", "bf16"};
  if (type.isInteger(64)) return {"int64_t", "i64"};
  return {"int8_t", "i8"};
}

std::string relu::cTypeName(Type type) { return typeNames(type).first; }

std::string relu::cTypeName(const KernelBuffer &buffer) {
  return buffer.shape == ShapeClass::PackedBits ? "uint8_t" : cTypeName(buffer.elementType);
}

std::string relu::dtypeName(Type type) { return typeNames(type).second; }

std::string relu::inputName(unsigned index) { return "in" + std::to_string(index); }

std::string relu::outputName(const KernelInfo &k, unsigned index) {
  return k.outputs.size() == 1 ? "out" : "out" + std::to_string(index);
}

std::string relu::entryParameters(const KernelInfo &k) {
  SmallVector<std::string> params;
  for (auto [i, in] : llvm::enumerate(k.inputs))
    params.push_back(llvm::formatv("const {0} *{1}", cTypeName(in), inputName(i)));
  for (auto [i, out] : llvm::enumerate(k.outputs))
    params.push_back(llvm::formatv("{0} *{1}", cTypeName(out), outputName(k, i)));
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

std::string relu::entryDeclaration(const KernelInfo &k, StringRef where,
                                  StringRef parameters) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "/* " << k.name << where << ": "
     << (k.kind == KernelKind::Elementwise
             ? "n elements.\n"
             : "[outer, channels, inner] row-major; per-channel buffers hold\n"
               " * one value per channel (or a single value).\n");
  auto document = [&](const std::string &name, const KernelBuffer &buffer) {
    std::string count = elementCount(k, buffer);
    if (size_t at = count.find("total"); at != std::string::npos)
      count.replace(at, 5, "outer * channels * inner");
    os << llvm::formatv(" *   {0,-4} {1}[{2}]: {3}\n", name, cTypeName(buffer), count,
                        buffer.role);
  };
  for (auto [i, in] : llvm::enumerate(k.inputs))
    document(inputName(i), in);
  for (auto [i, out] : llvm::enumerate(k.outputs))
    document(outputName(k, i), out);
  os << " * Computes:\n";
  for (StringRef line : llvm::split(StringRef(k.description).rtrim(), '\n'))
    os << " *   " << line << "\n";
  os << scalarDocumentation(k);
  os << " */\n";
  os << "int " << k.name << "(" << parameters << ");\n\n";
  return text;
}

std::string relu::sizeCheckStatements(const KernelInfo &k) {
  bool elementwise = k.kind == KernelKind::Elementwise;
  // The largest buffer: GLU halves hold two main tensors, of at most 8-byte
  // elements.
  bool halves = llvm::any_of(k.inputs, [](const KernelBuffer &b) {
    return b.shape == ShapeClass::Halves;
  });
  std::string limit = halves ? "INT64_MAX / 16" : "INT64_MAX / 8";
  std::string text;
  llvm::raw_string_ostream os(text);
  if (elementwise)
    os << "  if (n < 0) return RELU_ERR_NEGATIVE_COUNT;\n"
       << "  if (n > " << limit << ") return RELU_ERR_INVALID_ARGUMENT;\n";
  else
    os << "  if (outer < 0 || channels < 0 || inner < 0) return RELU_ERR_NEGATIVE_COUNT;\n"
       << "  if (outer > 0 && channels > 0 && inner > 0 &&\n"
       << "      outer > " << limit << " / channels / inner) return RELU_ERR_INVALID_ARGUMENT;\n";
  const char *names[] = {"outer", "channels", "inner"};
  for (auto [d, size] : llvm::enumerate(k.shape))
    if (ShapedType::isStatic(size))
      os << "  if (" << (elementwise ? "n" : names[d]) << " != " << size
         << ") return RELU_ERR_BAD_SHAPE;\n";
  return text;
}

std::string relu::inPlaceCheckStatements(const KernelInfo &k) {
  std::string text;
  for (auto [j, out] : llvm::enumerate(k.outputs))
    for (auto [i, in] : llvm::enumerate(k.inputs))
      if (out.shape == ShapeClass::Halves && in.shape == ShapeClass::Halves)
        text += llvm::formatv("  if (status == RELU_OK && total > 0 && (const void *){0} == "
                              "(const void *){1}) status = RELU_ERR_OVERLAP;\n",
                              outputName(k, j), inputName(i));
  return text;
}

std::string relu::memrefArguments(StringRef pointer, ArrayRef<std::string> sizes) {
  SmallVector<std::string> parts = {("(void *)(" + pointer + ")").str(),
                                    ("(void *)(" + pointer + ")").str(), "0"};
  parts.append(sizes.begin(), sizes.end());
  for (size_t d = 0; d < sizes.size(); ++d) {
    std::string stride = "1";
    for (size_t e = d + 1; e < sizes.size(); ++e)
      stride += " * (" + sizes[e] + ")";
    parts.push_back(stride);
  }
  return llvm::join(parts, ", ");
}

bool relu::KernelInfo::hasPerChannelOutputs() const {
  return llvm::any_of(outputs, [](const KernelBuffer &b) { return b.isPerChannel(); });
}

std::string relu::elementCount(const KernelInfo &k, const KernelBuffer &buffer) {
  StringRef count = k.kind == KernelKind::Elementwise ? "n" : "total";
  switch (buffer.shape) {
  case ShapeClass::Main:
    return count.str();
  case ShapeClass::PackedBits:
    return ("((" + count + " + 7) / 8)").str();
  case ShapeClass::PerChannel:
    return "channels";
  case ShapeClass::Single:
    return "1";
  case ShapeClass::Halves:
    return ("2 * " + count).str();
  }
  llvm_unreachable("unknown shape class");
}

/// No packed bits: the forms the XLA handlers take (GLU halves included).
static bool isUnpacked(const KernelBuffer &b) { return b.shape != ShapeClass::PackedBits; }

bool KernelInfo::hasSingleMainOutput() const {
  return outputs.size() == 1 && outputs[0].shape == ShapeClass::Main &&
         hasUnpackedBuffersMainFirst();
}

bool KernelInfo::hasUnpackedBuffersMainFirst() const {
  return !outputs.empty() &&
         (outputs[0].shape == ShapeClass::Main || outputs[0].shape == ShapeClass::Halves) &&
         llvm::all_of(inputs, isUnpacked) && llvm::all_of(outputs, isUnpacked);
}

namespace {

bool isKernelElementType(Type type) {
  return type.isF16() || type.isBF16() || type.isF32() || type.isF64() || type.isInteger(8) ||
         type.isInteger(64);
}

/// What `arg` holds, judged from its first act op use; `packed` is set for
/// act.grad's mask operand.
std::string argumentRole(BlockArgument arg, bool &packed) {
  packed = false;
  for (OpOperand &use : arg.getUses()) {
    unsigned i = use.getOperandNumber();
    if (auto grad = dyn_cast<relu::act::GradOp>(use.getOwner())) {
      if (i == 0)
        return "dy";
      if (i > 1)
        return llvm::formatv("operand {0} of f", i - 1);
      switch (grad.getSource()) {
      case relu::act::GradSource::input:
        return "x";
      case relu::act::GradSource::output:
        return "y = f(x)";
      case relu::act::GradSource::mask:
        packed = true;
        return "mask (packed bits of act.forward_with_mask)";
      }
    }
    if (isa<relu::act::ForwardWithMaskOp, relu::act::ActivationOpInterface>(use.getOwner()))
      return i == 0 ? std::string("x") : llvm::formatv("operand {0} of f", i).str();
  }
  return "input";
}

/// What result `value` holds; `packed` is set for act.forward_with_mask's mask.
std::string resultRole(Value value, bool &packed) {
  packed = false;
  auto result = dyn_cast<OpResult>(value);
  if (!result)
    return "y";
  unsigned i = result.getResultNumber();
  if (isa<relu::act::GradOp>(result.getOwner()))
    return i == 0 ? std::string("dx = dy * f'(x)")
                  : llvm::formatv("d operand {0} of f (dy * df/d operand, summed)", i).str();
  if (isa<relu::act::ForwardWithMaskOp>(result.getOwner())) {
    packed = i == 1;
    return i == 0 ? "y = f(x)" : "mask: 1 where f' takes its first value (packed bits)";
  }
  if (isa<relu::act::StatisticsOp>(result.getOwner())) {
    const char *roles[] = {"zero count of y per channel", "zero count of y",
                           "max |y| per channel (NaN if one is NaN)", "max |y| (NaN if one is NaN)"};
    return roles[i];
  }
  return "y";
}

/// Whether `value` is an act.quantize result (also as a group's result) to
/// the uint8 range (qmin >= 0).
bool isUnsignedQuantized(Value value) {
  if (auto group = value.getDefiningOp<relu::act::FusedOp>()) {
    auto yield = cast<relu::act::FusedYieldOp>(group.getBody().front().getTerminator());
    value = yield.getValues()[cast<OpResult>(value).getResultNumber()];
  }
  auto quantize = value.getDefiningOp<relu::act::QuantizeOp>();
  return quantize && quantize.getQminAttr().getInt() >= 0;
}

/// The kernel's description: the act ops it computes, one per line.
std::string describe(func::FuncOp func) {
  std::string text;
  llvm::raw_string_ostream description(text);
  func.walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (isa<relu::act::GradOp, relu::act::ForwardWithMaskOp>(op)) {
      description << op->getName() << " " << op->getAttrDictionary() << ", f:\n";
    } else if (isa<relu::act::CustomOp>(op)) {
      description << "act.custom (user-defined)\n";
    } else if (op->getDialect() && op->getDialect()->getNamespace() == "act" &&
               op->getNumRegions() == 0 && !isa<relu::act::YieldOp>(op)) {
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
    }
  });
  return text;
}

bool isScalarType(Type type) { return type.isF32() || type.isF64(); }

/// act.grad and act.forward_with_mask hold their activation in a region whose
/// arguments stand for their operands (the input, then the further operands):
/// the operand behind such a block argument, else `value` itself.
Value outsideGradientRegions(Value value) {
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
void collectParameterUses(Value value,
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
LogicalResult describeScalars(func::FuncOp func, KernelInfo &info) {
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
        std::string literal; // hexadecimal: exact
        llvm::raw_string_ostream(literal) << llvm::format("%a", rounded.convertToDouble());
        return literal;
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

/// Whether `grad` differentiates a group that reads its 3-D input x only as
/// its two halves along dimension 1 (FusedOp::getHalves): x is a halves
/// buffer, and so is dx = [da, db].
bool isHalvesGrad(relu::act::GradOp grad) {
  relu::act::ActivationOpInterface forward = grad.getForwardOp();
  auto group = forward ? dyn_cast<relu::act::FusedOp>(forward.getOperation()) : nullptr;
  int64_t axis = -1;
  return group && group.getHalves(&axis).first && axis == 1 &&
         grad.getSource() == relu::act::GradSource::input &&
         cast<RankedTensorType>(grad.getPrimal().getType()).getRank() == 3;
}

/// Whether 3-D `arg` is only read (besides its sizes) as its two halves along
/// dimension 1: unit-stride tensor.extract_slices of its whole extent along
/// dimensions 0 and 2 and [0, h), [h, 2h) along dimension 1 (a GLU of one
/// tensor's halves), or as the input x of act.grad of such a group.
bool isHalvesArgument(BlockArgument arg) {
  auto type = dyn_cast<RankedTensorType>(arg.getType());
  if (!type || type.getRank() != 3 || arg.use_empty())
    return false;
  if (llvm::all_of(arg.getUses(), [](OpOperand &use) {
        auto grad = dyn_cast<relu::act::GradOp>(use.getOwner());
        return grad && use.get() == grad.getPrimal() && isHalvesGrad(grad);
      }))
    return true;
  auto isConstant = [](OpFoldResult v, int64_t c) { return isConstantIntValue(v, c); };
  auto isWhole = [&](OpFoldResult size, int64_t d) {
    if (!type.isDynamicDim(d))
      return isConstant(size, type.getDimSize(d));
    auto dim = dyn_cast_if_present<Value>(size);
    auto dimOp = dim ? dim.getDefiningOp<tensor::DimOp>() : nullptr;
    return dimOp && dimOp.getSource() == arg && isConstantIntValue(dimOp.getIndex(), d);
  };
  bool first = false, second = false;
  for (Operation *user : arg.getUsers()) {
    if (isa<tensor::DimOp>(user))
      continue; // its sizes
    auto slice = dyn_cast<tensor::ExtractSliceOp>(user);
    if (!slice || slice.getResultType().getRank() != 3 ||
        !llvm::all_of(slice.getMixedStrides(), [&](OpFoldResult s) { return isConstant(s, 1); }))
      return false;
    SmallVector<OpFoldResult> offsets = slice.getMixedOffsets(), sizes = slice.getMixedSizes();
    for (int64_t d : {0, 2})
      if (!isConstant(offsets[d], 0) || !isWhole(sizes[d], d))
        return false;
    // The halves: the channel sizes agree, the second starts where the first ends.
    if (isConstant(offsets[1], 0))
      first = true;
    else if (offsets[1] == sizes[1])
      second = true;
    else
      return false;
  }
  return first && second;
}

/// Classifies `func`'s signature, or emits an error explaining the ABI.
FailureOr<KernelInfo> classify(func::FuncOp func) {
  auto fail = [&]() {
    func.emitError("kernel @")
        << func.getSymName()
        << " does not fit the kernel ABI: expected either 1-D tensors of one "
           "length (elementwise; packed i8 masks of ceil(length / 8) bytes), or "
           "a 3-D [outer, channels, inner] first input with 3-D or 1-D "
           "per-channel operands and results; element types f16, bf16, f32, "
           "f64, i8 or i64; f32 or f64 scalars (run-time parameters); at least one "
           "result";
    return failure();
  };
  FunctionType type = func.getFunctionType();
  if (type.getNumResults() == 0 || type.getNumInputs() == 0 || func.isExternal() ||
      !func.getBody().hasOneBlock())
    return fail();
  auto first = dyn_cast<RankedTensorType>(type.getInput(0));
  if (!first || (first.getRank() != 1 && first.getRank() != 3))
    return fail();
  KernelInfo info;
  info.name = func.getSymName().str();
  info.kind = first.getRank() == 1 ? KernelKind::Elementwise : KernelKind::Channel;
  info.shape.assign(first.getRank(), ShapedType::kDynamic);
  // Merges a static size into the main sizes; false on a conflict.
  auto merge = [&](int64_t &into, int64_t size) {
    if (ShapedType::isDynamic(size))
      return true;
    if (ShapedType::isStatic(into) && into != size)
      return false;
    into = size;
    return true;
  };

  SmallVector<RankedTensorType> packedMasks;
  auto addBuffer = [&](Type t, bool packed, std::string role, std::vector<KernelBuffer> &into,
                       bool halves = false) -> LogicalResult {
    auto tensor = dyn_cast<RankedTensorType>(t);
    if (!tensor || !isKernelElementType(tensor.getElementType()))
      return failure();
    KernelBuffer buffer{tensor.getElementType(), ShapeClass::Main, std::move(role)};
    if (halves) {
      // [outer, 2 * channels, inner]: an odd static channel size cannot be halved.
      int64_t doubled = tensor.getDimSize(1);
      if (!merge(info.shape[0], tensor.getDimSize(0)) ||
          !merge(info.shape[2], tensor.getDimSize(2)) ||
          (ShapedType::isStatic(doubled) && (doubled % 2 || !merge(info.shape[1], doubled / 2))))
        return failure();
      buffer.shape = ShapeClass::Halves;
    } else if (packed) {
      if (tensor.getRank() != 1 || !tensor.getElementType().isInteger(8))
        return failure();
      buffer.shape = ShapeClass::PackedBits;
    } else if (tensor.getRank() == first.getRank()) {
      for (auto [d, size] : llvm::enumerate(tensor.getShape()))
        if (!merge(info.shape[d], size))
          return failure();
    } else if (info.kind == KernelKind::Channel && tensor.getRank() == 1) {
      buffer.shape = tensor.getDimSize(0) == 1 ? ShapeClass::Single : ShapeClass::PerChannel;
      if (buffer.shape == ShapeClass::PerChannel && !merge(info.shape[1], tensor.getDimSize(0)))
        return failure();
    } else {
      return failure();
    }
    into.push_back(buffer);
    if (packed)
      packedMasks.push_back(tensor);
    return success();
  };

  for (BlockArgument arg : func.getArguments()) {
    if (isScalarType(arg.getType()))
      continue; // describeScalars
    bool packed;
    std::string role = argumentRole(arg, packed);
    bool halves = info.kind == KernelKind::Channel && isHalvesArgument(arg);
    if (halves)
      role = "x = [a, b], two halves along the channel axis ([outer, 2 * channels, inner])";
    if (failed(addBuffer(arg.getType(), packed, role, info.inputs, halves)))
      return fail();
  }
  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  for (Value value : ret.getOperands()) {
    bool packed;
    std::string role = resultRole(value, packed);
    auto grad = value.getDefiningOp<relu::act::GradOp>();
    bool halves = info.kind == KernelKind::Channel && grad && value == grad.getDx() &&
                  isHalvesGrad(grad);
    if (halves)
      role = "dx = [da, db], the gradients of x's two halves ([outer, 2 * channels, inner]; "
             "not x itself: RELU_ERR_OVERLAP)";
    if (failed(addBuffer(value.getType(), packed, role, info.outputs, halves)))
      return fail();
    // act.statistics: zero counts, then max |y| (results 2 and 3).
    if (auto result = dyn_cast<OpResult>(value);
        result && isa<relu::act::StatisticsOp>(result.getOwner()))
      info.outputs.back().combine =
          result.getResultNumber() < 2 ? relu::Combine::Sum : relu::Combine::MaxMagnitude;
    info.outputs.back().isUnsigned = isUnsignedQuantized(value);
  }
  // A static mask needs the static count it packs.
  int64_t count = 1;
  for (int64_t size : info.shape)
    count = ShapedType::isDynamic(size) || ShapedType::isDynamic(count) ? ShapedType::kDynamic
                                                                        : count * size;
  for (RankedTensorType mask : packedMasks) {
    int64_t bytes = mask.getDimSize(0);
    if (ShapedType::isStatic(bytes) &&
        (ShapedType::isDynamic(count) || bytes != (count + 7) / 8))
      return fail();
  }
  info.description = describe(func);
  if (info.inputs.empty())
    return fail();
  if (failed(describeScalars(func, info)))
    return failure();
  return info;
}

/// Replaces `func` by its destination-passing memref form.
void rewrite(func::FuncOp func, const KernelInfo &info) {
  OpBuilder builder(func);
  Location loc = func.getLoc();
  SmallVector<Type> argTypes, scalarTypes;
  auto memrefOf = [](Type type) {
    auto tensor = cast<RankedTensorType>(type);
    return MemRefType::get(tensor.getShape(), tensor.getElementType());
  };
  for (Type type : func.getArgumentTypes()) {
    if (isa<RankedTensorType>(type))
      argTypes.push_back(memrefOf(type));
    else
      scalarTypes.push_back(type);
  }
  unsigned numInputs = argTypes.size();
  for (Type type : func.getResultTypes())
    argTypes.push_back(memrefOf(type));
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
    // an output may equal an input, which elementwise code tolerates.
    Value tensor = bufferization::ToTensorOp::create(
        builder, loc, arg.getType(), body->getArgument(nextMemref++),
        /*restrict=*/true, /*writable=*/false);
    mapping.map(arg, tensor);
  }
  for (Operation &op : func.getBody().front().without_terminator())
    builder.clone(op, mapping);
  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  for (auto [value, destination] :
       llvm::zip(ret.getOperands(),
                 body->getArguments().slice(numInputs, numMemrefs - numInputs))) {
    auto store = bufferization::MaterializeInDestinationOp::create(
        builder, loc, TypeRange{}, mapping.lookup(value), destination);
    store.setRestrict(true);
    store.setWritable(true);
  }
  func::ReturnOp::create(builder, loc);
  func.erase();
}

} // namespace

FailureOr<SmallVector<KernelInfo>> relu::rewriteToKernelABI(ModuleOp module) {
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
