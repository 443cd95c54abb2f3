// XLA FFI handlers (C source) and a StableHLO module for kernels following the
// ABI of KernelABI.h. See docs/xla.md.
#include "relu/Target/XlaFfi.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "relu/Dialect/Act/IR/ActInterfaces.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <cstdio>

using namespace mlir;
using llvm::formatv;

namespace {

const char kRuntime[] =
#include "XlaRuntime.inc"
    ;

/// The XLA element type of `buffer` (i8: S8, or U8 for uint8 quantization).
std::string ffiType(const relu::KernelBuffer &buffer) {
  Type type = buffer.elementType;
  if (type.isInteger(8)) return buffer.isUnsigned ? "XLA_FFI_DataType_U8" : "XLA_FFI_DataType_S8";
  if (type.isInteger(64)) return "XLA_FFI_DataType_S64";
  if (type.isF32()) return "XLA_FFI_DataType_F32";
  if (type.isF64()) return "XLA_FFI_DataType_F64";
  if (type.isF16()) return "XLA_FFI_DataType_F16";
  return "XLA_FFI_DataType_BF16";
}

/// The descriptor's output_per_channel entry: 0 main, 1 per channel, 2 one
/// value (act.statistics' totals), 3 halves (the gradient of GLU halves).
const char *outputClass(const relu::KernelBuffer &buffer) {
  if (buffer.shape == relu::ShapeClass::Halves)
    return "3";
  return buffer.shape == relu::ShapeClass::Single ? "2" : buffer.isPerChannel() ? "1" : "0";
}

/// Where batch `b`'s values of a per-channel (or single-value) output start.
std::string perChannelOutputOffset(const relu::KernelBuffer &buffer) {
  return buffer.shape == relu::ShapeClass::Single ? "b" : "b * a->channels";
}

/// A C string literal.
std::string quoted(StringRef text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    if (llvm::isPrint(c))
      out += c;
    else
      out += formatv("\\{0:o3}", static_cast<unsigned char>(c)).str();
  }
  return out + "\"";
}

/// A double as a C expression that reads back exactly.
std::string cDouble(double value) {
  if (std::isnan(value))
    return "(0.0 / 0.0)";
  if (std::isinf(value))
    return value > 0 ? "(1.0 / 0.0)" : "(-1.0 / 0.0)";
  char text[64];
  std::snprintf(text, sizeof text, "%.17g", value);
  std::string out = text;
  // Keep it a floating-point literal.
  if (out.find_first_of(".en") == std::string::npos)
    out += ".0";
  return out;
}

/// The parameter list of a kernel's generated code (the LLVM lowering of its
/// memref arguments: allocated and aligned pointers, offset, sizes, strides).
std::string memrefParams(size_t rank) {
  SmallVector<std::string> parts = {"void *", "void *", "int64_t"};
  for (size_t i = 0; i < 2 * rank; ++i)
    parts.push_back("int64_t");
  return llvm::join(parts, ", ");
}

void emitBody(const relu::KernelInfo &k, raw_ostream &os) {
  std::string sym = relu::kernelSymbol(k.name);
  SmallVector<std::string> protoParts, callArgs;
  bool channel = k.kind == relu::KernelKind::Channel;
  // A reducing kernel's units are batches (one call each), other channel
  // kernels' units are rows (outer, channel) of a batch.
  bool whole = k.hasPerChannelOutputs();
  std::string channels = whole ? "a->channels" : "channels_now";
  const std::string sizes3[] = {whole ? "a->outer" : "outer_now", channels, "a->inner"};
  std::string mainOffset = whole ? "b * per_batch" : "r * a->inner";
  // Buffer `index` of `list` ("in" or "out") of element type `t`.
  auto addBuffer = [&](const relu::KernelBuffer &buffer, StringRef list, size_t index) {
    std::string pointer = formatv("({0}{1} *)a->{2}[{3}]", list == "in" ? "const " : "",
                                  relu::cTypeName(buffer.elementType), list, index);
    if (!channel) {
      protoParts.push_back(memrefParams(1));
      callArgs.push_back(relu::memrefArguments(pointer + " + begin", {"n"}));
      return;
    }
    if (buffer.shape == relu::ShapeClass::Halves) {
      // [outer, 2 * channels, inner]: calls take whole outer slices (c = 0;
      // relu_xla_call aligns the rows to the channels), twice the main offset.
      protoParts.push_back(memrefParams(3));
      callArgs.push_back(relu::memrefArguments(pointer + " + 2 * (" + mainOffset + ")",
                                    {sizes3[0], "2 * " + channels, sizes3[2]}));
      return;
    }
    if (!buffer.isPerChannel()) {
      protoParts.push_back(memrefParams(3));
      callArgs.push_back(relu::memrefArguments(pointer + " + " + mainOffset, sizes3));
      return;
    }
    protoParts.push_back(memrefParams(1));
    bool single = buffer.shape == relu::ShapeClass::Single;
    std::string offset = list == "out" ? perChannelOutputOffset(buffer)
                                       : formatv("relu_xla_batch_offset(a, {0}, b)", index).str();
    if (!whole && !single)
      offset += " + c";
    callArgs.push_back(relu::memrefArguments(pointer + " + " + offset, {single ? "1" : channels}));
  };
  for (auto [i, in] : llvm::enumerate(k.inputs))
    addBuffer(in, "in", i);
  for (auto [j, out] : llvm::enumerate(k.outputs))
    addBuffer(out, "out", j);
  for (auto [j, scalar] : llvm::enumerate(k.scalars)) {
    protoParts.push_back(relu::cTypeName(scalar.type));
    callArgs.push_back(formatv("({0})a->scalars[{1}]", relu::cTypeName(scalar.type), j));
  }

  os << "extern void " << sym << "(" << llvm::join(protoParts, ", ") << ");\n\n";
  os << "static void relu_xla_" << k.name << "_body(void *ctx, int64_t begin, int64_t end) {\n"
     << "  const relu_xla_ctx *a = (const relu_xla_ctx *)ctx;\n";
  if (!channel) {
    os << "  int64_t n = end - begin;\n"
       << "  " << sym << "(" << llvm::join(callArgs, ",\n      ") << ");\n}\n\n";
    return;
  }
  if (whole) {
    os << "  int64_t per_batch = a->outer * a->channels * a->inner;\n"
       << "  for (int64_t b = begin; b < end; ++b)\n"
       << "    " << sym << "(" << llvm::join(callArgs, ",\n        ") << ");\n}\n\n";
    return;
  }
  // Rows are (batch, outer, channel) triples; calls never cross a batch and
  // are whole outer slices or a channel range within one outer index (as in
  // the C shim).
  os << "  int64_t rows = a->outer * a->channels;\n"
        "  for (int64_t r = begin; r < end;) {\n"
        "    int64_t b = r / rows, stop = (b + 1) * rows < end ? (b + 1) * rows : end;\n"
        "    int64_t c = (r % rows) % a->channels, outer_now, channels_now;\n"
        "    if (c == 0 && stop - r >= a->channels) {\n"
        "      outer_now = (stop - r) / a->channels;\n"
        "      channels_now = a->channels;\n"
        "    } else {\n"
        "      outer_now = 1;\n"
        "      channels_now = a->channels - c < stop - r ? a->channels - c : stop - r;\n"
        "    }\n"
     << "    " << sym << "(" << llvm::join(callArgs, ",\n        ") << ");\n"
     << "    r += outer_now * channels_now;\n  }\n}\n\n";
}

/// Platform CUDA: the launch function of kernel `k`, calling its GPU entry
/// point (Nvptx.h's emitCudaKernelHeader: the CPU ABI plus a stream) once per
/// batch of channel kernels, or once for elementwise ones.
void emitLaunch(const relu::KernelInfo &k, raw_ostream &os) {
  bool channel = k.kind == relu::KernelKind::Channel;
  SmallVector<std::string> args;
  for (auto [i, in] : llvm::enumerate(k.inputs)) {
    std::string pointer = formatv("(const {0} *)a->in[{1}]", relu::cTypeName(in.elementType), i);
    if (!channel)
      args.push_back(pointer);
    else if (in.shape == relu::ShapeClass::Halves) // [outer, 2 * channels, inner]
      args.push_back(pointer + " + 2 * b * rows * a->inner");
    else if (!in.isPerChannel())
      args.push_back(pointer + " + b * rows * a->inner");
    else
      args.push_back(formatv("{0} + relu_xla_batch_offset(a, {1}, b)", pointer, i));
  }
  for (auto [j, out] : llvm::enumerate(k.outputs)) {
    std::string pointer = formatv("({0} *)a->out[{1}]", relu::cTypeName(out.elementType), j);
    if (!channel)
      args.push_back(pointer);
    else if (!out.isPerChannel())
      args.push_back(pointer + " + b * rows * a->inner");
    else
      args.push_back(pointer + " + " + perChannelOutputOffset(out));
  }
  if (!channel)
    args.push_back("count");
  else
    args.append({"a->outer", "a->channels", "a->inner"});
  for (auto [j, scalar] : llvm::enumerate(k.scalars))
    args.push_back(formatv("({0})a->scalars[{1}]", relu::cTypeName(scalar.type), j));
  args.push_back("stream");
  os << "static int relu_xla_" << k.name
     << "_launch(const relu_xla_ctx *a, int64_t count, void *stream, const char **detail) {\n";
  if (!channel) {
    os << "  int status = " << k.name << "(" << llvm::join(args, ", ") << ");\n";
  } else {
    // count is batches * outer * channels rows (a reducing kernel: batches);
    // one launch per batch.
    os << "  int64_t rows = a->outer * a->channels;\n"
       << "  int64_t batches = " << (k.hasPerChannelOutputs() ? "count" : "count / rows") << ";\n"
       << "  int status = RELU_OK;\n"
       << "  for (int64_t b = 0; status == RELU_OK && b < batches; ++b)\n"
       << "    status = " << k.name << "(" << llvm::join(args, ", ") << ");\n";
  }
  os << "  if (status != RELU_OK) *detail = relu_rt_cuda_error_detail();\n"
     << "  return status;\n}\n\n";
}

/// The domain check of kernel `k`'s run-time parameters (the shims' checks,
/// on the values decoded from the attributes, in C order).
void emitScalarCheck(const relu::KernelInfo &k, raw_ostream &os) {
  os << "static int relu_xla_" << k.name << "_check(const double *values) {\n";
  for (auto [j, scalar] : llvm::enumerate(k.scalars))
    os << formatv("  {0} {1} = ({0})values[{2}];\n  (void){1};\n",
                  relu::cTypeName(scalar.type), scalar.name, j);
  os << relu::scalarCheckStatements(k) << "  return RELU_OK;\n}\n\n";
}

void emitDescriptor(const relu::KernelInfo &k, ArrayRef<relu::XlaKernelAttr> attrs,
                    relu::XlaPlatform platform, raw_ostream &os) {
  if (!k.scalarChecks.empty())
    emitScalarCheck(k, os);
  if (!attrs.empty()) {
    os << "static const relu_xla_attr relu_xla_" << k.name << "_attrs[] = {\n";
    for (const relu::XlaKernelAttr &a : attrs) {
      os << "  {" << quoted(a.name) << ", ";
      switch (a.kind) {
      case relu::XlaKernelAttr::Kind::Float:
        os << "RELU_XLA_ATTR_FLOAT, " << cDouble(a.floatValue) << ", 0, NULL},\n";
        break;
      case relu::XlaKernelAttr::Kind::Integer:
        os << "RELU_XLA_ATTR_INT, 0, " << a.intValue << "LL, NULL},\n";
        break;
      case relu::XlaKernelAttr::Kind::String:
        os << "RELU_XLA_ATTR_STRING, 0, 0, " << quoted(a.stringValue) << "},\n";
        break;
      }
    }
    os << "};\n";
  }
  SmallVector<std::string> types, perChannel, scalar, halves;
  for (const relu::KernelBuffer &in : k.inputs) {
    types.push_back(ffiType(in));
    perChannel.push_back(in.isPerChannel() ? "1" : "0");
    scalar.push_back((in.shape == relu::ShapeClass::Single) ? "1" : "0");
    halves.push_back(in.shape == relu::ShapeClass::Halves ? "1" : "0");
  }
  SmallVector<std::string> outTypes, outPerChannel;
  for (const relu::KernelBuffer &out : k.outputs) {
    outTypes.push_back(ffiType(out));
    outPerChannel.push_back(outputClass(out));
  }
  SmallVector<std::string> sizes;
  for (int64_t s : k.shape)
    sizes.push_back(ShapedType::isDynamic(s) ? "-1" : std::to_string(s));
  while (sizes.size() < 3)
    sizes.push_back("-1");
  os << "static const relu_xla_kernel relu_xla_" << k.name << "_kernel = {\n"
     << "  " << quoted(k.name) << ", " << (k.kind == relu::KernelKind::Channel ? 1 : 0) << ", "
     << k.inputs.size() << ",\n"
     << "  {" << llvm::join(types, ", ") << "},\n"
     << "  {" << llvm::join(perChannel, ", ") << "},\n"
     << "  {" << llvm::join(scalar, ", ") << "},\n"
     << "  {" << llvm::join(halves, ", ") << "},\n"
     << "  " << k.outputs.size() << ", {" << llvm::join(outTypes, ", ") << "}, {"
     << llvm::join(outPerChannel, ", ") << "},\n"
     << "  {" << llvm::join(sizes, ", ") << "},\n"
     << "  " << (attrs.empty() ? "NULL" : "relu_xla_" + k.name + "_attrs") << ", "
     << attrs.size() << ",\n"
     << "  " << (platform == relu::XlaPlatform::Cpu ? "relu_xla_" + k.name + "_body, NULL"
                                                    : "NULL, relu_xla_" + k.name + "_launch");
  SmallVector<std::string> names;
  for (const relu::KernelScalar &scalar : k.scalars)
    names.push_back(quoted(scalar.name));
  os << ",\n  " << k.scalars.size() << ", {" << (names.empty() ? "NULL" : llvm::join(names, ", "))
     << "}, " << (k.scalarChecks.empty() ? "NULL" : "relu_xla_" + k.name + "_check")
     << "};\n\n";
}

/// An attribute as MLIR text, for backend_config.
std::string mlirAttr(const relu::XlaKernelAttr &a) {
  switch (a.kind) {
  case relu::XlaKernelAttr::Kind::Float: {
    if (std::isnan(a.floatValue))
      return "0x7FF8000000000000 : f64";
    if (std::isinf(a.floatValue))
      return a.floatValue > 0 ? "0x7FF0000000000000 : f64" : "0xFFF0000000000000 : f64";
    char text[64];
    std::snprintf(text, sizeof text, "%.17e", a.floatValue);
    return std::string(text) + " : f64";
  }
  case relu::XlaKernelAttr::Kind::Integer:
    return std::to_string(a.intValue) + " : i64";
  case relu::XlaKernelAttr::Kind::String: {
    std::string out = "\"";
    for (char c : a.stringValue) {
      if (c == '"' || c == '\\')
        out += '\\';
      out += c;
    }
    return out + "\"";
  }
  }
  return "";
}

std::string tensorType(ArrayRef<int64_t> shape, const relu::KernelBuffer &buffer) {
  std::string text = "tensor<";
  for (int64_t s : shape)
    text += (ShapedType::isDynamic(s) ? std::string("?") : std::to_string(s)) + "x";
  return text + (buffer.isUnsigned ? "u" : "") + relu::dtypeName(buffer.elementType) + ">";
}

} // namespace

std::string relu::xlaHandlerSymbol(StringRef name) { return ("relu_xla_" + name).str(); }

llvm::StringMap<SmallVector<relu::XlaKernelAttr>>
relu::collectXlaKernelAttributes(ModuleOp module) {
  llvm::StringMap<SmallVector<XlaKernelAttr>> result;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (!func.isPublic() || func.isExternal())
      continue;
    SmallVector<Operation *> acts;
    bool custom = false;
    func.walk([&](Operation *op) {
      if (!op->getDialect() || op->getDialect()->getNamespace() != "act")
        return;
      if (op->getNumRegions() != 0 || op->getName().getStringRef() == "act.custom")
        custom = true;
      else if (op->getName().getStringRef() != "act.yield")
        acts.push_back(op);
    });
    SmallVector<XlaKernelAttr> attrs;
    if (acts.size() == 1 && !custom) {
      Operation *op = acts.front();
      bool channel = op->getName().getStringRef() == "act.prelu";
      // Dynamic parameters are the kernel's run-time scalars, not compiled in.
      SmallVector<StringRef> dynamic = act::getDynamicParameterNames(op);
      for (NamedAttribute named : op->getAttrDictionary()) {
        if (channel && named.getName() == "channel_dim")
          continue;
        if (named.getName() == "dynamic_params" ||
            llvm::is_contained(dynamic, named.getName().getValue()))
          continue;
        XlaKernelAttr a;
        a.name = named.getName().str();
        Attribute value = named.getValue();
        if (auto f = dyn_cast<FloatAttr>(value)) {
          a.kind = XlaKernelAttr::Kind::Float;
          a.floatValue = f.getValueAsDouble();
        } else if (auto i = dyn_cast<IntegerAttr>(value)) {
          a.kind = XlaKernelAttr::Kind::Integer;
          a.intValue = i.getInt();
        } else if (auto s = dyn_cast<StringAttr>(value)) {
          a.kind = XlaKernelAttr::Kind::String;
          a.stringValue = s.getValue().str();
        } else {
          // Enum attributes of the dialect print as #act.<name><<value>>: the
          // handler takes the value as a string (gelu: approximate = "tanh").
          std::string text;
          llvm::raw_string_ostream printer(text);
          value.print(printer);
          size_t open = text.find('<'), close = text.rfind('>');
          if (open == std::string::npos || close == std::string::npos || close < open)
            continue;
          a.kind = XlaKernelAttr::Kind::String;
          a.stringValue = text.substr(open + 1, close - open - 1);
        }
        attrs.push_back(std::move(a));
      }
    }
    result[func.getSymName()] = std::move(attrs);
  }
  return result;
}

void relu::emitXlaFfiSource(ArrayRef<KernelInfo> kernels,
                            const llvm::StringMap<SmallVector<XlaKernelAttr>> &attrs,
                            StringRef headerName, XlaPlatform platform, raw_ostream &os) {
  bool cuda = platform == XlaPlatform::Cuda;
  os << "/* Generated by relu-cc --target=xla: XLA FFI handlers (typed FFI, custom-call\n"
        " * api_version = 4) for the kernels declared in "
     << headerName
     << ".\n"
        " * Compile with -I$(python -c 'import jax.ffi; print(jax.ffi.include_dir())')\n"
        " * and link with the kernel object, its shim and relu_rt.c"
     << (cuda ? " and relu_rt_cuda.c\n * (-ldl)" : "") << " (see docs/xla.md).\n"
     << " * Each kernel <name> has a handler\n"
        " *   XLA_FFI_Error *relu_xla_<name>(XLA_FFI_CallFrame *)\n"
     << formatv(" * for platform \"{0}\": register it with jax.ffi.register_ffi_target(target,\n"
                " * jax.ffi.pycapsule(handler), platform=\"{0}\").",
                cuda ? "CUDA" : "cpu")
     << (cuda ? " It queues the kernel on XLA's\n"
                " * stream and returns without waiting."
              : "")
     << " Elementwise handlers take\n"
        " * operands of any rank (all of the result's shape); channel handlers (prelu)\n"
        " * take an optional integer attribute channel_axis. Parameters compiled into\n"
        " * a kernel may be passed as attributes of the same name; they must then hold\n"
        " * the compiled value. Run-time parameters (relu-cc `?`) are required\n"
        " * attributes named as the C entry point's parameters, decoded per call and\n"
        " * checked like the C shim checks them. */\n";
  // madvise and MADV_HUGEPAGE (Linux) under -std=c11.
  os << "#if !defined(_DEFAULT_SOURCE)\n#define _DEFAULT_SOURCE\n#endif\n";
  os << "#include \"" << headerName << "\"\n";
  os << "#include <math.h> /* isnan: run-time parameter checks */\n";
  os << formatv("#define RELU_XLA_MAX_INPUTS {0}\n#define RELU_XLA_MAX_OUTPUTS {0}\n",
                kXlaMaxBuffers);
  os << kRuntime << "\n";
  os << "/* ---- kernels -------------------------------------------------------------- */\n\n";
  static const SmallVector<XlaKernelAttr> none;
  for (const KernelInfo &k : kernels) {
    auto it = attrs.find(k.name);
    ArrayRef<XlaKernelAttr> kernelAttrs = it == attrs.end() ? ArrayRef<XlaKernelAttr>(none)
                                                            : ArrayRef<XlaKernelAttr>(it->second);
    os << "/* " << k.name << ": "
       << (k.kind == KernelKind::Elementwise ? "elementwise" : "channel") << " */\n";
    if (cuda)
      emitLaunch(k, os);
    else
      emitBody(k, os);
    emitDescriptor(k, kernelAttrs, platform, os);
    std::string symbol = xlaHandlerSymbol(k.name);
    os << "RELU_XLA_EXPORT XLA_FFI_Error *" << symbol << "(XLA_FFI_CallFrame *frame);\n"
       << "XLA_FFI_Error *" << symbol << "(XLA_FFI_CallFrame *frame) {\n"
       << "  return relu_xla_call(frame, &relu_xla_" << k.name << "_kernel);\n}\n\n";
  }
}

LogicalResult relu::emitStableHLOModule(ArrayRef<KernelInfo> kernels,
                                        const llvm::StringMap<SmallVector<XlaKernelAttr>> &attrs,
                                        ArrayRef<int64_t> shape, raw_ostream &os,
                                        std::string &error) {
  std::string body;
  llvm::raw_string_ostream out(body);
  for (const KernelInfo &k : kernels) {
    if (!k.scalars.empty()) {
      error = "--emit-stablehlo does not support kernels with run-time parameters yet "
              "(kernel @" + k.name + "): pass them as custom-call attributes yourself";
      return failure();
    }
    bool channel = k.kind == KernelKind::Channel;
    SmallVector<int64_t> mainShape = llvm::to_vector(k.shape);
    int64_t channels = channel ? k.shape[1] : ShapedType::kDynamic;
    if (!shape.empty()) {
      if (channel && shape.size() < 2) {
        error = "--stablehlo-shape for channel kernel @" + k.name +
                " needs at least 2 dimensions (the channel axis is 1)";
        return failure();
      }
      bool fits = true;
      if (!channel) {
        int64_t count = 1;
        for (int64_t s : shape)
          count *= s;
        fits = ShapedType::isDynamic(k.shape[0]) || k.shape[0] == count;
      } else {
        fits = ShapedType::isDynamic(k.shape[1]) || k.shape[1] == shape[1];
      }
      if (!fits) {
        error = "--stablehlo-shape does not fit the static sizes of kernel @" + k.name;
        return failure();
      }
      mainShape.assign(shape.begin(), shape.end());
      if (channel)
        channels = shape[1];
    }
    // GLU halves: the main shape with twice its channels (axis 1).
    SmallVector<int64_t> halvesShape = mainShape;
    if (channel && ShapedType::isStatic(halvesShape[1]))
      halvesShape[1] *= 2;
    SmallVector<std::string> params, operands, operandTypes;
    for (auto [i, in] : llvm::enumerate(k.inputs)) {
      std::string type =
          in.isPerChannel() ? tensorType({(in.shape == relu::ShapeClass::Single) ? 1 : channels}, in)
          : in.shape == relu::ShapeClass::Halves ? tensorType(halvesShape, in)
                                                 : tensorType(mainShape, in);
      params.push_back(formatv("%arg{0}: {1}", i, type));
      operands.push_back(formatv("%arg{0}", i));
      operandTypes.push_back(type);
    }
    std::string resultType = tensorType(mainShape, k.outputs[0]);
    SmallVector<std::string> config;
    auto it = attrs.find(k.name);
    if (it != attrs.end())
      for (const XlaKernelAttr &a : it->second)
        config.push_back(a.name + " = " + mlirAttr(a));
    if (channel)
      config.push_back("channel_axis = 1 : i64");
    out << "  // " << k.name << " computes:\n";
    for (StringRef line : llvm::split(StringRef(k.description).rtrim(), '\n'))
      out << "  //   " << line << "\n";
    out << "  func.func public @" << k.name << "(" << llvm::join(params, ", ") << ") -> "
        << resultType << " {\n";
    out << "    %0 = stablehlo.custom_call @" << xlaHandlerSymbol(k.name) << "("
        << llvm::join(operands, ", ") << ") {api_version = 4 : i32, backend_config = {"
        << llvm::join(config, ", ") << "}} : (" << llvm::join(operandTypes, ", ") << ") -> "
        << resultType << "\n";
    out << "    return %0 : " << resultType << "\n  }\n";
  }
  os << "// Generated by relu-cc --emit-stablehlo: one function per kernel, calling its\n"
        "// XLA FFI handler through stablehlo.custom_call (api_version = 4, typed FFI).\n"
        "// Register relu_xla_<name> from the library built with relu-cc --target=xla\n"
        "// under the same name for platform \"cpu\" (docs/xla.md). XLA compiles static\n"
        "// shapes only: refine dynamic ones or use --stablehlo-shape.\n";
  os << "module @relu_kernels {\n" << body << "}\n";
  return success();
}
