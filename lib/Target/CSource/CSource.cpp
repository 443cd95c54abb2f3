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

/// The scalar arguments after the output: prototype types, fields of the
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

std::string memrefParams(size_t rank) {
  SmallVector<std::string> parts = {"void *", "void *", "int64_t"};
  for (size_t i = 0; i < 2 * rank; ++i)
    parts.push_back("int64_t");
  return llvm::join(parts, ", ");
}

void emitElementwise(const relu::KernelInfo &k, llvm::raw_ostream &os) {
  std::string sym = relu::kernelSymbol(k.name);
  SmallVector<std::string> protoParts, callArgs, fields, inits, bufs, bytes;
  for (auto [i, in] : llvm::enumerate(k.inputs)) {
    protoParts.push_back(memrefParams(1));
    fields.push_back(formatv("  const {0} *in{1};\n", relu::cTypeName(in.elementType), i));
    callArgs.push_back(memrefArgs(formatv("(a->in{0} + begin)", i).str(), {"n"}));
    inits.push_back(formatv("in{0}", i));
    bufs.push_back(formatv("in{0}", i));
    bytes.push_back(formatv("n * (int64_t)sizeof(*in{0})", i));
  }
  protoParts.push_back(memrefParams(1));
  callArgs.push_back(memrefArgs("(a->out + begin)", {"n"}));
  fields.push_back(formatv("  {0} *out;\n", relu::cTypeName(k.outputElementType)));
  inits.push_back("out");
  bufs.push_back("out");
  bytes.push_back("n * (int64_t)sizeof(*out)");
  addScalars(k, protoParts, fields, inits, callArgs);
  bool isStatic = ShapedType::isStatic(k.outputShape[0]);

  os << formatv("extern void {0}({1});\n\n", sym, llvm::join(protoParts, ", "));
  os << formatv("struct {0}_args {{\n{1}};\n\n", k.name, llvm::join(fields, ""));
  os << formatv("static void {0}_body(void *ctx, int64_t begin, int64_t end) {{\n"
                "  const struct {0}_args *a = (const struct {0}_args *)ctx;\n"
                "  int64_t n = end - begin;\n"
                "  {1}({2});\n}\n\n",
                k.name, sym, llvm::join(callArgs, ",\n      "));
  os << formatv("int {0}({1}) {{\n", k.name, relu::entryParameters(k));
  os << relu::scalarCheckStatements(k);
  os << "  if (n < 0) return RELU_ERR_NEGATIVE_COUNT;\n"
        "  if (n > INT64_MAX / 8) return RELU_ERR_INVALID_ARGUMENT;\n";
  if (isStatic)
    os << formatv("  if (n != {0}) return RELU_ERR_BAD_SHAPE;\n", k.outputShape[0]);
  os << formatv("  const void *buffers[] = {{{0}};\n"
                "  const int64_t bytes[] = {{{1}};\n"
                "  int status = relu_rt_check_buffers({2}, buffers, bytes);\n"
                "  if (status != RELU_OK || n == 0) return status;\n"
                "  struct {3}_args args = {{{4}};\n",
                llvm::join(bufs, ", "), llvm::join(bytes, ", "), bufs.size(),
                k.name, llvm::join(inits, ", "));
  // A static length is compiled into the code: such calls are not split.
  os << formatv("  return relu_rt_parallel_for(n, 64, {0}, {1}_body, &args);\n}\n\n",
                isStatic ? "INT64_MAX" : "RELU_MIN_PARALLEL_ELEMENTS", k.name);
}

void emitChannel(const relu::KernelInfo &k, llvm::raw_ostream &os) {
  std::string sym = relu::kernelSymbol(k.name);
  bool staticOuter = ShapedType::isStatic(k.outputShape[0]);
  bool staticChannels = ShapedType::isStatic(k.outputShape[1]);
  SmallVector<std::string> protoParts, callArgs, fields, inits, bufs, bytes, checks;
  const std::string sizes3[] = {"outer_now", "channels_now", "a->inner"};
  for (auto [i, in] : llvm::enumerate(k.inputs)) {
    fields.push_back(formatv("  const {0} *in{1};\n", relu::cTypeName(in.elementType), i));
    inits.push_back(formatv("in{0}", i));
    bufs.push_back(formatv("in{0}", i));
    if (!in.perChannel) {
      protoParts.push_back(memrefParams(3));
      callArgs.push_back(memrefArgs(formatv("(a->in{0} + r * a->inner)", i).str(), sizes3));
      bytes.push_back(formatv("total * (int64_t)sizeof(*in{0})", i));
    } else if (in.broadcastScalar) {
      protoParts.push_back(memrefParams(1));
      callArgs.push_back(memrefArgs(formatv("a->in{0}", i).str(), {"1"}));
      bytes.push_back(formatv("(int64_t)sizeof(*in{0})", i));
    } else {
      protoParts.push_back(memrefParams(1));
      callArgs.push_back(memrefArgs(formatv("(a->in{0} + c)", i).str(), {"channels_now"}));
      bytes.push_back(formatv("channels * (int64_t)sizeof(*in{0})", i));
    }
  }
  protoParts.push_back(memrefParams(3));
  callArgs.push_back(memrefArgs("(a->out + r * a->inner)", sizes3));
  fields.push_back(formatv("  {0} *out;\n  int64_t channels, inner;\n",
                           relu::cTypeName(k.outputElementType)));
  inits.append({"out", "channels", "inner"});
  bufs.push_back("out");
  bytes.push_back("total * (int64_t)sizeof(*out)");
  addScalars(k, protoParts, fields, inits, callArgs);
  const char *names[] = {"outer", "channels", "inner"};
  for (int d = 0; d < 3; ++d)
    if (ShapedType::isStatic(k.outputShape[d]))
      checks.push_back(formatv("  if ({0} != {1}) return RELU_ERR_BAD_SHAPE;\n",
                               names[d], k.outputShape[d]));

  os << formatv("extern void {0}({1});\n\n", sym, llvm::join(protoParts, ", "));
  os << formatv("struct {0}_args {{\n{1}};\n\n", k.name, llvm::join(fields, ""));
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
  os << formatv("int {0}({1}) {{\n", k.name, relu::entryParameters(k));
  os << relu::scalarCheckStatements(k);
  os << "  if (outer < 0 || channels < 0 || inner < 0) return RELU_ERR_NEGATIVE_COUNT;\n"
        "  if (outer == 0 || channels == 0 || inner == 0) return RELU_OK;\n"
        "  if (outer > INT64_MAX / 8 / channels / inner) return RELU_ERR_INVALID_ARGUMENT;\n";
  os << llvm::join(checks, "");
  os << formatv("  int64_t total = outer * channels * inner;\n"
                "  const void *buffers[] = {{{0}};\n"
                "  const int64_t bytes[] = {{{1}};\n"
                "  int status = relu_rt_check_buffers({2}, buffers, bytes);\n"
                "  if (status != RELU_OK) return status;\n"
                "  struct {3}_args args = {{{4}};\n",
                llvm::join(bufs, ", "), llvm::join(bytes, ", "), bufs.size(),
                k.name, llvm::join(inits, ", "));
  // Static channel counts keep chunks whole outer slices; a static outer
  // size is compiled into the code, so such calls are not split.
  os << formatv("  int64_t min_rows = RELU_MIN_PARALLEL_ELEMENTS / inner + 1;\n"
                "  return relu_rt_parallel_for(outer * channels, {0}, {1}, {2}_body, &args);\n}\n\n",
                staticChannels ? "channels" : "1",
                staticOuter ? "INT64_MAX" : "min_rows", k.name);
}

} // namespace

void relu::emitKernelHeader(ArrayRef<KernelInfo> kernels, StringRef guardName,
                            llvm::raw_ostream &os) {
  os << "/* Generated by relu-cc. Link the kernel object with its shim (the\n"
        " * *_shim.c file relu-cc wrote beside it) and relu_rt.c.\n"
        " * Every entry point returns RELU_OK (0) or a relu_status error code;\n"
        " * relu_rt_status_string() describes it. Pointers may have any\n"
        " * alignment; the output may be the same buffer as an input (in place)\n"
        " * but must not otherwise overlap one. Calls are thread-safe. */\n";
  os << formatv("#ifndef {0}\n#define {0}\n\n#include \"relu_rt.h\"\n\n", guardName);
  os << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  for (const KernelInfo &k : kernels) {
    os << "/* " << k.name << ": out = f(in0";
    for (size_t i = 1; i < k.inputs.size(); ++i)
      os << ", in" << i;
    os << "), " << relu::dtypeName(k.outputElementType) << " result.\n";
    if (k.kind == KernelKind::Elementwise)
      os << " * Each buffer holds n elements.\n";
    else
      os << " * in0 and out are [outer, channels, inner] row-major; the other\n"
            " * inputs hold one value per channel (or a single value).\n";
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
  os << formatv("#include \"{0}\"\n\n#include <math.h>\n#include <stdint.h>\n\n", headerName);
  os << "/* Calls smaller than this run on the calling thread. */\n"
        "#define RELU_MIN_PARALLEL_ELEMENTS ((int64_t)1 << 16)\n\n";
  for (const KernelInfo &k : kernels) {
    if (k.kind == KernelKind::Elementwise)
      emitElementwise(k, os);
    else
      emitChannel(k, os);
  }
}
