// C header and shim for kernels following the ABI of KernelABI.h.
#include "relu/Target/CSource.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using llvm::formatv;

namespace {

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
/// the chunk, see the body loops below). With `scratch`, per-channel and
/// single outputs go to the part's scratch buffers instead (see emitSplit).
std::string chunkArgs(const relu::KernelInfo &k, const NamedBuffer &b, bool scratch = false) {
  std::string p = "a->" + b.name;
  if (scratch && b.output && b.buffer->isPerChannel())
    return relu::memrefArguments("tmp_" + b.name,
                      {b.buffer->shape == relu::ShapeClass::Single ? "1" : "channels_now"});
  if (k.kind == relu::KernelKind::Elementwise) {
    if (b.buffer->shape == relu::ShapeClass::PackedBits)
      return relu::memrefArguments(p + " + begin / 8", {"(n + 7) / 8"});
    return relu::memrefArguments(p + " + begin", {"n"});
  }
  switch (b.buffer->shape) {
  case relu::ShapeClass::Main:
    return relu::memrefArguments(p + " + r * a->inner", {"outer_now", "channels_now", "a->inner"});
  case relu::ShapeClass::PackedBits: // the call is not split: r = 0
    return relu::memrefArguments(p + " + r * a->inner / 8",
                      {"(outer_now * channels_now * a->inner + 7) / 8"});
  case relu::ShapeClass::PerChannel:
    return relu::memrefArguments(p + " + c", {"channels_now"});
  case relu::ShapeClass::Single:
    return relu::memrefArguments(p, {"1"});
  case relu::ShapeClass::Halves: // chunks are whole outer slices: c = 0
    return relu::memrefArguments(p + " + 2 * r * a->inner",
                      {"outer_now", "2 * channels_now", "a->inner"});
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

/// Whether kernel `k` computes per-channel outputs that combine exactly
/// (relu::Combine) and can therefore be split into parts of its rows.
bool hasCombinableOutputs(const relu::KernelInfo &k) {
  auto perChannel = [](const relu::KernelBuffer &b) { return b.isPerChannel(); };
  return k.kind == relu::KernelKind::Channel && ShapedType::isDynamic(k.shape[0]) &&
         llvm::any_of(k.outputs, perChannel) &&
         llvm::all_of(k.outputs, [&](const relu::KernelBuffer &b) {
           return b.shape != relu::ShapeClass::PackedBits &&
                  (!perChannel(b) || b.combine != relu::Combine::None);
         }) &&
         llvm::none_of(k.inputs, [](const relu::KernelBuffer &b) {
           return b.shape == relu::ShapeClass::PackedBits || b.shape == relu::ShapeClass::Halves;
         });
}

/// C statement combining `src` into `dst` (elements of buffer `b`).
std::string combineStatement(const relu::KernelBuffer &b, llvm::StringRef dst,
                             llvm::StringRef src) {
  if (b.combine == relu::Combine::Sum)
    return formatv("{0} += {1};", dst, src).str();
  return formatv("RELU_MAX_MAGNITUDE(uint{0}_t, {1}, {2});",
                 b.elementType.getIntOrFloatBitWidth(), dst, src)
      .str();
}

/// For kernels with combinable per-channel outputs (statistics): the rows
/// are split into parts, each computing its own partial per-channel values
/// (every call of the part writes to scratch buffers, combined into the
/// part's partials); the entry point then combines the parts in order.
/// Sums of integers and maxima are exact, so the results do not depend on
/// the number of parts (threads).
void emitSplit(const relu::KernelInfo &k, ArrayRef<NamedBuffer> buffers,
               ArrayRef<std::string> scratchCallArgs, llvm::raw_ostream &os) {
  SmallVector<std::string> fields, locals, resets, merges;
  for (const NamedBuffer &b : buffers) {
    if (!b.output || !b.buffer->isPerChannel())
      continue;
    bool single = b.buffer->shape == relu::ShapeClass::Single;
    std::string count = single ? "1" : "a->channels";
    std::string type = relu::cTypeName(*b.buffer);
    fields.push_back(formatv("  {0} *{1}, *tmp_{1};\n", type, b.name));
    locals.push_back(formatv("    {0} *{1} = s->{1} + p * {2}, *tmp_{1} = s->tmp_{1} + p * {2};\n",
                             type, b.name, count));
    resets.push_back(formatv("    memset({0}, 0, (size_t)({1}) * sizeof(*{0}));\n", b.name, count));
    merges.push_back(formatv(
        single ? "      {0}\n" : "      for (int64_t i = 0; i < channels_now; ++i) {0}\n",
        combineStatement(*b.buffer, single ? b.name + "[0]" : b.name + "[c + i]",
                         "tmp_" + b.name + "[" + (single ? "0" : "i") + "]")));
  }
  os << formatv("struct {0}_split {{\n  const struct {0}_args *a;\n  int64_t rows, parts;\n{1}};\n\n",
                k.name, llvm::join(fields, ""));
  os << formatv(
      "static void {0}_part(void *ctx, int64_t begin, int64_t end) {{\n"
      "  const struct {0}_split *s = (const struct {0}_split *)ctx;\n"
      "  const struct {0}_args *a = s->a;\n"
      "  int64_t base = s->rows / s->parts, extra = s->rows % s->parts;\n"
      "  for (int64_t p = begin; p < end; ++p) {{\n"
      "{1}{2}"
      "    int64_t r = p * base + (p < extra ? p : extra), stop = r + base + (p < extra);\n"
      "    while (r < stop) {{\n"
      "      int64_t c = r % a->channels, outer_now, channels_now;\n"
      "      if (c == 0 && stop - r >= a->channels) {{\n"
      "        outer_now = (stop - r) / a->channels;\n"
      "        channels_now = a->channels;\n"
      "      } else {{\n"
      "        outer_now = 1;\n"
      "        channels_now = a->channels - c < stop - r ? a->channels - c : stop - r;\n"
      "      }\n"
      "      {3}({4});\n"
      "{5}"
      "      r += outer_now * channels_now;\n"
      "    }\n  }\n}\n\n",
      k.name, llvm::join(locals, ""), llvm::join(resets, ""), relu::kernelSymbol(k.name),
      llvm::join(scratchCallArgs, ",\n          "), llvm::join(merges, ""));
}

/// The entry point's split path for emitSplit's kernels: on success it
/// returns; when the call is small, single-threaded or the partials cannot
/// be allocated, the unsplit call after it runs.
void emitSplitCall(const relu::KernelInfo &k, ArrayRef<NamedBuffer> buffers,
                   llvm::raw_ostream &os) {
  os << "  int threads = relu_rt_get_num_threads();\n"
        "  int64_t parts = total / (RELU_MIN_PARALLEL_ELEMENTS / 2);\n"
        "  if (parts > 4 * (int64_t)threads) parts = 4 * (int64_t)threads;\n"
        "  if (parts > outer * channels) parts = outer * channels;\n";
  os << formatv("  if (threads > 1 && total >= RELU_MIN_PARALLEL_ELEMENTS && parts > 1) {{\n"
                "    struct {0}_split s = {{.a = &args, .rows = outer * channels, .parts = parts};\n"
                "    int allocated = 1;\n",
                k.name);
  SmallVector<std::string> frees, merges;
  for (const NamedBuffer &b : buffers) {
    if (!b.output || !b.buffer->isPerChannel())
      continue;
    std::string count = b.buffer->shape == relu::ShapeClass::Single ? "1" : "channels";
    os << formatv("    s.{0} = malloc((size_t)(2 * parts * {1}) * sizeof(*{0}));\n"
                  "    s.tmp_{0} = s.{0} ? s.{0} + parts * {1} : NULL;\n"
                  "    allocated &= s.{0} != NULL;\n",
                  b.name, count);
    frees.push_back(formatv("    free(s.{0});\n", b.name));
    merges.push_back(formatv(
        "        memcpy({0}, s.{0}, (size_t)({1}) * sizeof(*{0}));\n"
        "        for (int64_t p = 1; p < parts; ++p)\n"
        "          for (int64_t i = 0; i < {1}; ++i) {2}\n",
        b.name, count,
        combineStatement(*b.buffer, b.name + "[i]", "s." + b.name + "[p * " + count + " + i]")));
  }
  os << formatv("    if (allocated) {{\n"
                "      status = relu_rt_parallel_for(parts, 1, 2, {0}_part, &s);\n"
                "      if (status == RELU_OK) {{\n{1}      }\n"
                "    }\n{2}"
                "    if (allocated) return status;\n  }\n",
                k.name, llvm::join(merges, ""), llvm::join(frees, ""));
}

/// One wrapper: argument checks, then the generated code on the thread pool.
void emitKernel(const relu::KernelInfo &k, llvm::raw_ostream &os) {
  std::string sym = relu::kernelSymbol(k.name);
  bool elementwise = k.kind == relu::KernelKind::Elementwise;
  SmallVector<NamedBuffer> buffers = namedBuffers(k);
  SmallVector<std::string> protoParts, callArgs, scratchCallArgs, fields, inits, bufs, bytes;
  for (const NamedBuffer &b : buffers) {
    bool main = b.buffer->shape == relu::ShapeClass::Main ||
                b.buffer->shape == relu::ShapeClass::Halves;
    protoParts.push_back(memrefParams(!elementwise && main ? 3 : 1));
    callArgs.push_back(chunkArgs(k, b));
    scratchCallArgs.push_back(chunkArgs(k, b, /*scratch=*/true));
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
  for (const relu::KernelScalar &scalar : k.scalars)
    scratchCallArgs.push_back("a->" + scalar.name);
  bool combinable = hasCombinableOutputs(k);
  if (!elementwise) {
    fields.push_back("  int64_t channels, inner;\n");
    inits.append({"channels", "inner"});
  }

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
    if (combinable)
      emitSplit(k, buffers, scratchCallArgs, os);
  }
  os << formatv("int {0}({1}) {{\n", k.name, relu::entryParameters(k));
  os << relu::scalarCheckStatements(k);
  os << relu::sizeCheckStatements(k);
  if (!elementwise)
    os << "  int64_t total = outer * channels * inner;\n";
  os << formatv("  const void *buffers[] = {{{0}};\n"
                "  const int64_t bytes[] = {{{1}};\n"
                "  int status = relu_rt_check_io({2}, {3}, buffers, bytes);\n",
                llvm::join(bufs, ", "), llvm::join(bytes, ", "), k.inputs.size(),
                k.outputs.size());
  os << relu::inPlaceCheckStatements(k);
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
  if (combinable)
    emitSplitCall(k, buffers, os);
  // Static channel counts and halves (two channel ranges) keep chunks whole
  // outer slices.
  bool wholeSlices = ShapedType::isStatic(k.shape[1]) ||
                     llvm::any_of(buffers, [](const NamedBuffer &b) {
                       return b.buffer->shape == relu::ShapeClass::Halves;
                     });
  os << formatv("  return relu_rt_parallel_for(outer * channels, {0}, {1}, {2}_body, &args);\n}\n\n",
                wholeSlices ? "channels" : "1",
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
  for (const KernelInfo &k : kernels)
    os << entryDeclaration(k, "", entryParameters(k));
  os << "#ifdef __cplusplus\n}\n#endif\n\n#endif\n";
}

void relu::emitKernelShim(ArrayRef<KernelInfo> kernels, StringRef headerName,
                          llvm::raw_ostream &os) {
  os << "/* Generated by relu-cc: argument checks and threading for the kernels\n"
        " * declared in " << headerName << ". Compile with relu_rt.c. */\n";
  os << formatv("#include \"{0}\"\n\n#include <math.h>\n#include <stdint.h>\n"
                "#include <stdlib.h>\n#include <string.h>\n\n",
                headerName);
  os << "/* Calls smaller than this run on the calling thread. */\n"
        "#define RELU_MIN_PARALLEL_ELEMENTS ((int64_t)1 << 16)\n\n"
        "/* dst = max(dst, src) for values >= 0 or NaN with a clear sign bit (max\n"
        " * |y|): the maximum of their bit patterns as unsigned integers, NaN\n"
        " * included. */\n"
        "#define RELU_MAX_MAGNITUDE(U, dst, src) do { U d_, s_; \\\n"
        "    memcpy(&d_, &(dst), sizeof d_); memcpy(&s_, &(src), sizeof s_); \\\n"
        "    if (s_ > d_) (dst) = (src); } while (0)\n\n";
  for (const KernelInfo &k : kernels)
    emitKernel(k, os);
}
