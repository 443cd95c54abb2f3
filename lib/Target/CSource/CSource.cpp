// C header and shim for kernels following the ABI of KernelABI.h.
#include "relu/Target/CSource.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using llvm::formatv;

namespace {

/// A memref argument in the expanded form of the LLVM lowering: allocated and
/// aligned pointers, offset, sizes, strides.
std::string memrefArgs(llvm::StringRef pointer, ArrayRef<std::string> sizes) {
  SmallVector<std::string> parts = {("(void *)" + pointer).str(),
                                    ("(void *)" + pointer).str(), "0"};
  parts.append(sizes.begin(), sizes.end());
  for (size_t d = 0; d < sizes.size(); ++d) {
    std::string stride = "1";
    for (size_t e = d + 1; e < sizes.size(); ++e)
      stride += " * (" + sizes[e] + ")";
    parts.push_back(stride);
  }
  return llvm::join(parts, ", ");
}

std::string memrefParams(size_t rank) {
  SmallVector<std::string> parts = {"void *", "void *", "int64_t"};
  for (size_t i = 0; i < 2 * rank; ++i)
    parts.push_back("int64_t");
  return llvm::join(parts, ", ");
}

/// A buffer of kernel `k` with its C name.
struct NamedBuffer {
  std::string name;
  const relu::KernelBuffer *buffer;
  bool output;
};

SmallVector<NamedBuffer> namedBuffers(const relu::KernelInfo &k) {
  SmallVector<NamedBuffer> buffers;
  for (auto [i, in] : llvm::enumerate(k.inputs))
    buffers.push_back({relu::inputName(i), &in, false});
  for (auto [i, out] : llvm::enumerate(k.outputs))
    buffers.push_back({relu::outputName(k, i), &out, true});
  return buffers;
}

/// A chunk's memref arguments for buffer `b` (its pointer and sizes inside
/// the chunk, see the body loops below).
std::string chunkArgs(const relu::KernelInfo &k, const NamedBuffer &b) {
  std::string p = "a->" + b.name;
  if (k.kind == relu::KernelKind::Elementwise) {
    if (b.buffer->shape == relu::ShapeClass::PackedBits)
      return memrefArgs("(" + p + " + begin / 8)", {"(n + 7) / 8"});
    return memrefArgs("(" + p + " + begin)", {"n"});
  }
  switch (b.buffer->shape) {
  case relu::ShapeClass::Main:
    return memrefArgs("(" + p + " + r * a->inner)", {"outer_now", "channels_now", "a->inner"});
  case relu::ShapeClass::PackedBits: // the call is not split: r = 0
    return memrefArgs("(" + p + " + r * a->inner / 8)",
                      {"(outer_now * channels_now * a->inner + 7) / 8"});
  case relu::ShapeClass::PerChannel:
    return memrefArgs("(" + p + " + c)", {"channels_now"});
  case relu::ShapeClass::Single:
    return memrefArgs(p, {"1"});
  }
  llvm_unreachable("unknown shape class");
}

/// The scalar arguments after the buffers: prototype types, fields of the
/// args struct, their initializers and the kernel call's arguments.
void addScalars(const relu::KernelInfo &k, SmallVectorImpl<std::string> &protoParts,
                SmallVectorImpl<std::string> &fields, SmallVectorImpl<std::string> &inits,
                SmallVectorImpl<std::string> &callArgs) {
  for (const relu::KernelScalar &scalar : k.scalars) {
    protoParts.push_back(relu::cTypeName(scalar.type));
    fields.push_back(formatv("  {0} {1};\n", relu::cTypeName(scalar.type), scalar.name));
    inits.push_back(scalar.name);
    callArgs.push_back("a->" + scalar.name);
  }
}

/// One wrapper: argument checks, then the generated code on the thread pool.
void emitKernel(const relu::KernelInfo &k, llvm::raw_ostream &os) {
  std::string sym = relu::kernelSymbol(k.name);
  bool elementwise = k.kind == relu::KernelKind::Elementwise;
  SmallVector<NamedBuffer> buffers = namedBuffers(k);
  SmallVector<std::string> protoParts, callArgs, fields, inits, bufs, bytes;
  for (const NamedBuffer &b : buffers) {
    bool main = b.buffer->shape == relu::ShapeClass::Main;
    protoParts.push_back(memrefParams(!elementwise && main ? 3 : 1));
    callArgs.push_back(chunkArgs(k, b));
    fields.push_back(formatv("  {0}{1} *{2};\n", b.output ? "" : "const ",
                             relu::cTypeName(*b.buffer), b.name));
    inits.push_back(b.name);
    bufs.push_back(b.name);
    bytes.push_back(formatv("{0} * (int64_t)sizeof(*{1})", relu::elementCount(k, *b.buffer),
                            b.name));
  }
  // Sums over the main elements (prelu's d slope) and packed bits of
  // channel kernels are computed by one call: such kernels are not split.
  bool split = llvm::all_of(buffers, [&](const NamedBuffer &b) {
    return !(b.output && b.buffer->isPerChannel()) &&
           (elementwise || b.buffer->shape != relu::ShapeClass::PackedBits);
  });
  addScalars(k, protoParts, fields, inits, callArgs);
  if (!elementwise) {
    fields.push_back("  int64_t channels, inner;\n");
    inits.append({"channels", "inner"});
  }
  SmallVector<std::string> checks;
  const char *names[] = {"outer", "channels", "inner"};
  for (auto [d, size] : llvm::enumerate(k.shape))
    if (ShapedType::isStatic(size))
      checks.push_back(formatv("  if ({0} != {1}) return RELU_ERR_BAD_SHAPE;\n",
                               elementwise ? "n" : names[d], size));

  os << formatv("extern void {0}({1});\n\n", sym, llvm::join(protoParts, ", "));
  os << formatv("struct {0}_args {{\n{1}};\n\n", k.name, llvm::join(fields, ""));
  if (elementwise) {
    // Chunks start at multiples of 64 elements: packed masks at whole bytes.
    os << formatv("static void {0}_body(void *ctx, int64_t begin, int64_t end) {{\n"
                  "  const struct {0}_args *a = (const struct {0}_args *)ctx;\n"
                  "  int64_t n = end - begin;\n"
                  "  {1}({2});\n}\n\n",
                  k.name, sym, llvm::join(callArgs, ",\n      "));
  } else {
    // Rows are (outer, channel) pairs; a chunk of rows becomes calls on whole
    // outer slices or on a channel range within one outer index.
    os << formatv(
        "static void {0}_body(void *ctx, int64_t begin, int64_t end) {{\n"
        "  const struct {0}_args *a = (const struct {0}_args *)ctx;\n"
        "  for (int64_t r = begin; r < end;) {{\n"
        "    int64_t c = r % a->channels, outer_now, channels_now;\n"
        "    if (c == 0 && end - r >= a->channels) {{\n"
        "      outer_now = (end - r) / a->channels;\n"
        "      channels_now = a->channels;\n"
        "    } else {{\n"
        "      outer_now = 1;\n"
        "      channels_now = a->channels - c < end - r ? a->channels - c : end - r;\n"
        "    }\n"
        "    {1}({2});\n"
        "    r += outer_now * channels_now;\n"
        "  }\n}\n\n",
        k.name, sym, llvm::join(callArgs, ",\n        "));
  }
  os << formatv("int {0}({1}) {{\n", k.name, relu::entryParameters(k));
  os << relu::scalarCheckStatements(k);
  if (elementwise) {
    os << "  if (n < 0) return RELU_ERR_NEGATIVE_COUNT;\n"
          "  if (n > INT64_MAX / 8) return RELU_ERR_INVALID_ARGUMENT;\n";
  } else {
    os << "  if (outer < 0 || channels < 0 || inner < 0) return RELU_ERR_NEGATIVE_COUNT;\n"
          "  if (outer > 0 && channels > 0 && inner > 0 &&\n"
          "      outer > INT64_MAX / 8 / channels / inner) return RELU_ERR_INVALID_ARGUMENT;\n";
  }
  os << llvm::join(checks, "");
  if (!elementwise)
    os << "  int64_t total = outer * channels * inner;\n";
  os << formatv("  const void *buffers[] = {{{0}};\n"
                "  const int64_t bytes[] = {{{1}};\n"
                "  int status = relu_rt_check_io({2}, {3}, buffers, bytes);\n",
                llvm::join(bufs, ", "), llvm::join(bytes, ", "), k.inputs.size(),
                k.outputs.size());
  if (elementwise) {
    os << "  if (status != RELU_OK || n == 0) return status;\n";
  } else if (split) {
    os << "  if (status != RELU_OK || total == 0) return status;\n";
  } else {
    // Per-channel results of an empty tensor are sums of nothing: 0.
    os << "  if (status != RELU_OK) return status;\n";
    os << "  if (total == 0) {\n";
    for (const NamedBuffer &b : buffers)
      if (b.output && b.buffer->isPerChannel())
        os << formatv("    memset({0}, 0, (size_t)({1}) * sizeof(*{0}));\n", b.name,
                      relu::elementCount(k, *b.buffer));
    os << "    return RELU_OK;\n  }\n";
  }
  os << formatv("  struct {0}_args args = {{{1}};\n", k.name, llvm::join(inits, ", "));
  // A static size is compiled into the code: such calls are not split.
  bool isStatic = ShapedType::isStatic(k.shape[0]);
  if (elementwise) {
    os << formatv("  return relu_rt_parallel_for(n, 64, {0}, {1}_body, &args);\n}\n\n",
                  isStatic ? "INT64_MAX" : "RELU_MIN_PARALLEL_ELEMENTS", k.name);
    return;
  }
  // Static channel counts keep chunks whole outer slices.
  bool staticChannels = ShapedType::isStatic(k.shape[1]);
  os << formatv("  return relu_rt_parallel_for(outer * channels, {0}, {1}, {2}_body, &args);\n}\n\n",
                staticChannels ? "channels" : "1",
                isStatic || !split ? "INT64_MAX" : "RELU_MIN_PARALLEL_ELEMENTS / inner + 1",
                k.name);
}

} // namespace

void relu::emitKernelHeader(ArrayRef<KernelInfo> kernels, StringRef guardName,
                            llvm::raw_ostream &os) {
  os << "/* Generated by relu-cc. Link the kernel object with its shim (the\n"
        " * *_shim.c file relu-cc wrote beside it) and relu_rt.c.\n"
        " * Every entry point returns RELU_OK (0) or a relu_status error code;\n"
        " * relu_rt_status_string() describes it: RELU_ERR_NULL_POINTER for a\n"
        " * NULL buffer of nonzero size, RELU_ERR_NEGATIVE_COUNT for a negative\n"
        " * size, RELU_ERR_BAD_SHAPE for sizes other than compiled-in static\n"
        " * ones, RELU_ERR_OVERLAP for partially overlapping buffers. Any count\n"
        " * works, 0 included. Pointers may have any alignment; an output may be\n"
        " * the same buffer as an input of the same size (in place, e.g. dx = dy)\n"
        " * but must not otherwise overlap another buffer. Packed masks hold bit\n"
        " * i % 8 (least significant first) of byte i / 8 for element i\n"
        " * (numpy.packbits(x, bitorder='little')). Calls are thread-safe. */\n";
  os << formatv("#ifndef {0}\n#define {0}\n\n#include \"relu_rt.h\"\n\n", guardName);
  os << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  for (const KernelInfo &k : kernels) {
    os << "/* " << k.name << ": "
       << (k.kind == KernelKind::Elementwise
               ? "n elements.\n"
               : "[outer, channels, inner] row-major; per-channel buffers hold\n"
                 " * one value per channel (or a single value).\n");
    for (const NamedBuffer &b : namedBuffers(k)) {
      std::string count = elementCount(k, *b.buffer);
      if (size_t at = count.find("total"); at != std::string::npos)
        count.replace(at, 5, "outer * channels * inner");
      os << formatv(" *   {0,-4} {1}[{2}]: {3}\n", b.name, cTypeName(*b.buffer), count,
                    b.buffer->role);
    }
    os << " * Computes:\n";
    for (StringRef line : llvm::split(StringRef(k.description).rtrim(), '\n'))
      os << " *   " << line << "\n";
    os << relu::scalarDocumentation(k);
    os << " */\n";
    os << formatv("int {0}({1});\n\n", k.name, relu::entryParameters(k));
  }
  os << "#ifdef __cplusplus\n}\n#endif\n\n#endif\n";
}

void relu::emitKernelShim(ArrayRef<KernelInfo> kernels, StringRef headerName,
                          llvm::raw_ostream &os) {
  os << "/* Generated by relu-cc: argument checks and threading for the kernels\n"
        " * declared in " << headerName << ". Compile with relu_rt.c. */\n";
  os << formatv("#include \"{0}\"\n\n#include <math.h>\n#include <stdint.h>\n"
                "#include <string.h>\n\n",
                headerName);
  os << "/* Calls smaller than this run on the calling thread. */\n"
        "#define RELU_MIN_PARALLEL_ELEMENTS ((int64_t)1 << 16)\n\n";
  for (const KernelInfo &k : kernels)
    emitKernel(k, os);
}
