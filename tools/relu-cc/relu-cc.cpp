// relu-cc: compiles act kernels (from an MLIR file or a quick spec) into an
// object file, a C header, a C shim and the relu_rt runtime sources.
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Transforms/Passes.h"
#include "relu/Conversion/Passes.h"
#include "relu/Dialect/Act/IR/ActDialect.h"
#include "relu/Target/CSource.h"
#include "relu/Target/CpuObject.h"
#include "relu/Target/KernelABI.h"
#include "relu/Target/Nvptx.h"
#include "relu/Target/QuickSpec.h"
#include "relu/Target/XlaFfi.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
namespace cl = llvm::cl;

static cl::OptionCategory category("relu-cc options");
static cl::opt<std::string> inputFile(cl::Positional, cl::desc("[kernels.mlir]"),
                                      cl::cat(category));
static cl::list<std::string> activations(
    "activation", cl::CommaSeparated, cl::cat(category),
    cl::desc("Quick spec instead of an MLIR file: act op and parameters, e.g. "
             "gelu:tanh, leaky_relu:0.2, relu6 (repeatable, comma-separated); '?' leaves "
             "a float parameter to run time, e.g. leaky_relu:? or clamp:0:? (a C argument "
             "after the sizes)"));
static cl::list<std::string> fuseGroups(
    "fuse", cl::cat(category),
    cl::desc("Quick spec of a fused kernel (repeatable): steps applied in order, e.g. "
             "bias,gelu:tanh,cast:bf16 or silu,mul (swiglu); steps: bias[:channel|:last], "
             "scale_shift[:channel|:last], residual, mul, cast:<dtype>, quantize:<scale>[:<zp>[:<qmin>:<qmax>]], "
             "stats[:channel|:last], halves[:channel|:last] (first: the input holds a and b, "
             "the first mul multiplies by b; halves:last,silu,mul is swiglu of the last axis' "
             "halves) and activation specs (docs/fusion.md)"));
static cl::opt<bool> withGradients(
    "grad", cl::cat(category),
    cl::desc("Quick spec: also build the backward kernels (conventions pytorch, "
             "docs/gradients.md): <stem>_backward_<dtype>(dy, x, dx, n); where the activation "
             "has a preimage <stem>_backward_from_output_<dtype>(dy, y, dx, n); and, with "
             "--target=cpu or nvptx, where its derivative takes two values "
             "<stem>_forward_with_mask_<dtype>(x, y, mask, n) and "
             "<stem>_backward_from_mask_<dtype>(dy, mask, dx, n) (mask: uint8_t[(n + 7) / 8], "
             "numpy.packbits bitorder='little'), and prelu's <stem>_backward_<dtype>(dy, x, "
             "slope, dx, dslope, outer, channels, inner) (also --target=xla); each --fuse group "
             "(no cast, quantize or stats step) fused_<steps>_backward_<dtype>(dy, x, further "
             "inputs..., dx, d further inputs..., sizes): halves groups write dx = [da, db] of "
             "x's shape (docs/fusion.md)"));
static cl::list<std::string> dtypes("dtype", cl::CommaSeparated, cl::cat(category),
                                    cl::desc("Quick-spec element types: f16, bf16, f32, f64 (default f32)"));
static cl::opt<std::string> targetName("target", cl::init("cpu"), cl::cat(category),
                                       cl::desc("Code generation target: cpu, xla (cpu plus "
                                                "XLA FFI handlers, see --xla-source), or nvptx "
                                                "(CUDA GPUs, see --gpu-arch)"));
static cl::opt<std::string> cpuName("cpu", cl::init("native"), cl::cat(category),
                                    cl::desc("CPU: native, generic, x86-64-v3, x86-64-v4 or an LLVM CPU name"));
static cl::opt<std::string> outputFile("o", cl::cat(category), cl::value_desc("file"),
                                       cl::desc("Output object file (or IR with --emit)"));
static cl::opt<std::string> headerFile("header", cl::cat(category), cl::value_desc("file"),
                                       cl::desc("C header to write (default: <output>.h)"));
static cl::opt<std::string> shimFile("shim", cl::cat(category), cl::value_desc("file"),
                                     cl::desc("C shim to write (default: <output>_shim.c)"));
static cl::opt<std::string> runtimeDir("runtime-dir", cl::cat(category), cl::value_desc("dir"),
                                       cl::desc("Where to write relu_rt.h and relu_rt.c (default: beside the output)"));
static cl::opt<std::string> xlaSourceFile(
    "xla-source", cl::cat(category), cl::value_desc("file"),
    cl::desc("With --target=xla: the C source of the XLA FFI handlers (default: <output>_xla.c)"));
static cl::opt<relu::XlaPlatform> xlaPlatform(
    "xla-platform", cl::init(relu::XlaPlatform::Cpu), cl::cat(category),
    cl::desc("With --target=xla: the platform the handlers run on"),
    cl::values(clEnumValN(relu::XlaPlatform::Cpu, "cpu", "CPU kernels (default)"),
               clEnumValN(relu::XlaPlatform::Cuda, "cuda",
                          "GPU kernels as --target=nvptx builds them, queued on XLA's "
                          "CUDA stream")));
static cl::opt<bool> emitStableHLO(
    "emit-stablehlo", cl::cat(category),
    cl::desc("Write a StableHLO module calling each kernel's XLA FFI handler through "
             "stablehlo.custom_call (to -o, or stdout) instead of compiling"));
static cl::list<int64_t> stablehloShape(
    "stablehlo-shape", cl::CommaSeparated, cl::cat(category),
    cl::desc("With --emit-stablehlo: static sizes of the main operand and the result "
             "(e.g. 8,1024); default: the kernels' own sizes"));
static cl::opt<std::string> gpuArch(
    "gpu-arch", cl::init("sm_80,sm_90"), cl::cat(category),
    cl::desc("With --target=nvptx: architectures to build cubins for (comma-separated); "
             "the highest one's PTX is embedded too, for newer GPUs"));
static cl::opt<std::string> cudaPath(
    "cuda-path", cl::cat(category), cl::value_desc("dir"),
    cl::desc("With --target=nvptx: the CUDA toolkit with bin/ptxas and nvvm/libdevice "
             "(default: $CUDA_PATH, else /usr/local/cuda)"));
static cl::opt<unsigned> gpuBlockSize("gpu-block-size", cl::init(256), cl::cat(category),
                                      cl::desc("With --target=nvptx: threads per block"));
static cl::opt<unsigned> gpuUnroll(
    "gpu-unroll", cl::init(0), cl::cat(category),
    cl::desc("With --target=nvptx: 128-bit vectors per thread and loop iteration (0: auto)"));
static cl::opt<bool> emulateGpu(
    "emulate-gpu", cl::cat(category),
    cl::desc("Testing: with --target=cpu, compile the nvptx target's GPU kernels for the CPU, "
             "their threads run one after another (checks the kernels' logic without a GPU)"));
enum class Emit { Object, LoweredMLIR, LLVMIR, PTX };
static cl::opt<Emit> emit("emit", cl::init(Emit::Object), cl::cat(category),
                          cl::desc("What to produce"),
                          cl::values(clEnumValN(Emit::Object, "obj", "object + header + shim + runtime"),
                                     clEnumValN(Emit::LoweredMLIR, "mlir", "the LLVM-dialect module"),
                                     clEnumValN(Emit::LLVMIR, "llvm", "optimized LLVM IR"),
                                     clEnumValN(Emit::PTX, "ptx", "with --target=nvptx: the PTX of each --gpu-arch")));

static int fail(const llvm::Twine &message) {
  llvm::errs() << "relu-cc: error: " << message << "\n";
  return 1;
}

/// Checks that `path` can be created before anything is written, so that a
/// bad path leaves no partial set of outputs behind.
static bool isWritableLocation(llvm::StringRef path) {
  llvm::SmallString<256> dir(path);
  llvm::sys::path::remove_filename(dir);
  if (dir.empty())
    dir = ".";
  return llvm::sys::fs::is_directory(dir) &&
         llvm::sys::fs::access(dir, llvm::sys::fs::AccessMode::Write) == std::error_code();
}

static int writeFile(llvm::StringRef path, llvm::StringRef data) {
  if (llvm::Error e = llvm::writeToOutput(path, [&](llvm::raw_ostream &out) {
        out << data;
        return llvm::Error::success();
      }))
    return fail("cannot write '" + path + "': " + llvm::toString(std::move(e)));
  return 0;
}

/// Writes every (path, content) pair, or none when a location is not
/// writable.
static int writeOutputs(llvm::ArrayRef<std::pair<std::string, llvm::StringRef>> outputs) {
  for (auto &[path, content] : outputs)
    if (!isWritableLocation(path))
      return fail("cannot write '" + path + "': the directory does not exist or is not writable");
  for (auto &[path, content] : outputs)
    if (int rc = writeFile(path, content))
      return rc;
  return 0;
}

/// Text output (--emit other than obj, --emit-stablehlo): to -o, or stdout.
static int emitText(llvm::StringRef text) {
  if (outputFile.empty() || outputFile == "-") {
    llvm::outs() << text;
    return 0;
  }
  if (!isWritableLocation(outputFile))
    return fail("cannot write '" + outputFile + "'");
  return writeFile(outputFile, text);
}

static std::string withoutExtension(llvm::StringRef path) {
  llvm::SmallString<256> stem(path);
  llvm::sys::path::replace_extension(stem, "");
  return stem.str().str();
}

static std::string guardFor(llvm::StringRef headerPath) {
  std::string guard = "RELU_KERNELS_";
  for (char c : llvm::sys::path::filename(headerPath))
    guard += llvm::isAlnum(c) ? llvm::toUpper(c) : '_';
  return guard;
}

/// --target=nvptx: device images in the object, a header and shim calling
/// the CUDA runtime shim (relu_rt_cuda), and the runtime sources; with
/// --target=xla --xla-platform=cuda also the XLA handlers.
static int runNvptxTarget(ModuleOp module, llvm::ArrayRef<relu::KernelInfo> kernels,
                        const relu::CpuTarget &host,
                        const llvm::StringMap<llvm::SmallVector<relu::XlaKernelAttr>> &xlaAttrs) {
  std::string error;
  relu::NvptxOptions options;
  auto archs = relu::parseGpuArchs(gpuArch, error);
  if (failed(archs))
    return fail(error);
  options.archs = *archs;
  if (!cudaPath.empty())
    options.cudaPath = cudaPath;
  else if (const char *env = std::getenv("CUDA_PATH"); env && *env)
    options.cudaPath = env;
  if (gpuBlockSize < 32 || gpuBlockSize > 1024 || gpuBlockSize % 32 != 0)
    return fail("--gpu-block-size must be a multiple of 32 in [32, 1024]");
  if (gpuUnroll > 16)
    return fail("--gpu-unroll must be at most 16");
  options.blockSize = gpuBlockSize;
  options.unroll = gpuUnroll;
  if (emit == Emit::LLVMIR)
    return fail("--emit=llvm is not available with --target=nvptx: use --emit=mlir or --emit=ptx");
  FailureOr<relu::NvptxModule> gpu =
      relu::compileNvptx(module, kernels, options, /*withBinaries=*/emit == Emit::Object);
  if (failed(gpu))
    return 1;

  if (emit != Emit::Object) {
    std::string text = gpu->loweredMLIR;
    if (emit == Emit::PTX) {
      text.clear();
      for (auto &[arch, ptx] : gpu->ptx)
        text += "// relu-cc: PTX for " + arch + "\n" + ptx;
    }
    return emitText(text);
  }

  std::string stem = withoutExtension(outputFile);
  std::string header = headerFile.empty() ? stem + ".h" : headerFile.getValue();
  std::string shim = shimFile.empty() ? stem + "_shim.c" : shimFile.getValue();
  llvm::SmallString<256> rtDir(runtimeDir.empty() ? llvm::sys::path::parent_path(outputFile)
                                                  : llvm::StringRef(runtimeDir));
  auto rtPath = [&](llvm::StringRef name) {
    llvm::SmallString<256> path(rtDir);
    llvm::sys::path::append(path, name);
    return path.str().str();
  };
  // Image symbols are named after the output, so that several relu-cc
  // outputs can be linked into one application.
  std::string moduleName = llvm::sys::path::stem(outputFile).str();
  std::string prefix = "__relu_cuda_";
  for (char c : moduleName)
    prefix += llvm::isAlnum(c) ? c : '_';
  prefix += "_";

  llvm::SmallVector<char, 0> object;
  llvm::raw_svector_ostream objectStream(object);
  if (failed(relu::emitNvptxImagesObject(module.getContext(), *gpu, prefix, host, objectStream)))
    return 1;
  std::string headerText, shimText;
  llvm::raw_string_ostream headerStream(headerText), shimStream(shimText);
  relu::emitCudaKernelHeader(kernels, guardFor(header), headerStream);
  relu::emitCudaKernelShim(kernels, *gpu, prefix, moduleName, llvm::sys::path::filename(header),
                           shimStream);
  llvm::SmallVector<std::pair<std::string, llvm::StringRef>> outputs = {
      {outputFile, llvm::StringRef(object.data(), object.size())},
      {header, headerText},
      {shim, shimText},
      {rtPath("relu_rt.h"), relu::runtimeHeaderSource()},
      {rtPath("relu_rt.c"), relu::runtimeSource()},
      {rtPath("relu_rt_cuda.h"), relu::cudaRuntimeHeaderSource()},
      {rtPath("relu_rt_cuda.c"), relu::cudaRuntimeSource()}};
  std::string xlaText;
  llvm::raw_string_ostream xlaStream(xlaText);
  if (targetName == "xla") {
    relu::emitXlaFfiSource(kernels, xlaAttrs, llvm::sys::path::filename(header),
                           relu::XlaPlatform::Cuda, xlaStream);
    outputs.push_back({xlaSourceFile.empty() ? stem + "_xla.c" : xlaSourceFile.getValue(),
                       xlaText});
  }
  return writeOutputs(outputs);
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(argc, argv, "relu-cc: compile act kernels to objects\n");

  if (targetName != "cpu" && targetName != "xla" && targetName != "nvptx")
    return fail("target '" + targetName + "' is not available: this build supports --target=cpu, --target=xla and --target=nvptx");
  bool gpu = targetName == "nvptx" ||
             (targetName == "xla" && xlaPlatform == relu::XlaPlatform::Cuda);
  if (!gpu && emit == Emit::PTX)
    return fail("--emit=ptx needs --target=nvptx (or --target=xla --xla-platform=cuda)");
  // Which kernels a target takes: every kernel ABI form on the CPU and the
  // GPU (C entry points); no packed bits and a main output first (prelu's
  // backward, group gradients and statistics, not masks) for the XLA
  // handlers; one main output for --emit-stablehlo.
  bool allForms = (targetName == "cpu" || targetName == "nvptx") && !emitStableHLO;
  bool xla = targetName == "xla" && !emitStableHLO;
  if (xlaPlatform.getNumOccurrences() && targetName != "xla")
    return fail("--xla-platform applies to --target=xla only");
  if (emulateGpu && targetName != "cpu")
    return fail("--emulate-gpu needs --target=cpu");
  bool quickSpec = !activations.empty() || !fuseGroups.empty();
  if (inputFile.empty() == !quickSpec)
    return fail("give either an MLIR file or --activation specs and --fuse groups (not both)");
  if (quickSpec && dtypes.empty())
    dtypes.push_back("f32");
  if (!quickSpec && !dtypes.empty())
    return fail("--dtype applies to --activation and --fuse specs only");
  if (!quickSpec && withGradients)
    return fail("--grad applies to --activation and --fuse specs only (write act.grad ops in an "
                "MLIR file)");
  if (!stablehloShape.empty() && !emitStableHLO)
    return fail("--stablehlo-shape applies to --emit-stablehlo only");
  if (llvm::any_of(stablehloShape, [](int64_t s) { return s < 0; }))
    return fail("--stablehlo-shape sizes must not be negative");
  if (emit == Emit::Object && outputFile.empty() && !emitStableHLO)
    return fail("missing -o <file.o>");

  std::string error;
  FailureOr<relu::CpuTarget> cpu = relu::resolveCpuTarget(cpuName, error);
  if (failed(cpu))
    return fail(error);

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<relu::act::ActDialect>();
  MLIRContext context(registry);
  context.loadAllAvailableDialects();

  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  OwningOpRef<ModuleOp> module;
  if (!inputFile.empty()) {
    std::string message;
    auto file = openInputFile(inputFile, &message);
    if (!file)
      return fail(message);
    sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
    module = parseSourceFile<ModuleOp>(sourceMgr, &context);
    if (!module)
      return 1;
  } else {
    relu::QuickSpecGradients gradients = relu::QuickSpecGradients::none;
    if (withGradients)
      gradients = allForms ? relu::QuickSpecGradients::all
                  : xla    ? relu::QuickSpecGradients::floatResults
                           : relu::QuickSpecGradients::singleResult;
    auto built = relu::buildQuickSpecModule(&context, activations, dtypes, error, gradients);
    if (failed(built))
      return fail(error);
    module = std::move(*built);
    if (failed(relu::addFusedQuickSpecKernels(*module, fuseGroups, dtypes, error, withGradients)))
      return fail(error);
  }

  // Helpers called by kernels are inlined before the ABI rewrite.
  PassManager inliner(&context);
  inliner.addPass(createInlinerPass());
  if (failed(inliner.run(*module)))
    return 1;
  // Kernel parameters, for the XLA handlers' attribute checks.
  llvm::StringMap<llvm::SmallVector<relu::XlaKernelAttr>> xlaAttrs =
      relu::collectXlaKernelAttributes(*module);
  FailureOr<SmallVector<relu::KernelInfo>> kernels = relu::rewriteToKernelABI(*module);
  if (failed(kernels))
    return 1;
  // The gradient of GLU halves writes a halves buffer (dx = [da, db]): not
  // yet through the CUDA XLA handlers or StableHLO.
  for (const relu::KernelInfo &k : *kernels)
    if (((targetName == "xla" && xlaPlatform == relu::XlaPlatform::Cuda) || emitStableHLO) &&
        llvm::any_of(k.outputs, [](const relu::KernelBuffer &b) {
          return b.shape == relu::ShapeClass::Halves;
        }))
      return fail("kernel '" + k.name + "' writes the gradient of GLU halves (dx = [da, db], " +
                  "x's halves shape), which --target=xla --xla-platform=cuda and --emit-stablehlo do not support yet");
  for (const relu::KernelInfo &k : *kernels)
    if (!allForms && !(xla ? k.hasUnpackedBuffersMainFirst() : k.hasSingleMainOutput()))
        return fail("kernel '" + k.name + "' has " +
                    (xla ? "a packed mask, which --target=xla does not support yet: compile it "
                           "with --target=cpu or nvptx"
                         : "several results or a packed mask, which --emit-stablehlo does not "
                           "support yet: call its --target=xla handler (several results) or "
                           "compile it with --target=cpu"));
  for (const relu::KernelInfo &k : *kernels)
    if (targetName == "xla" &&
        std::max(k.inputs.size(), k.outputs.size()) > relu::kXlaMaxBuffers)
      return fail("kernel '" + k.name + "' has more than " + llvm::Twine(relu::kXlaMaxBuffers) +
                  " inputs or outputs, which --target=xla does not support");
  if (emitStableHLO) {
    std::string text;
    llvm::raw_string_ostream os(text);
    if (failed(relu::emitStableHLOModule(*kernels, xlaAttrs, stablehloShape, os, error)))
      return fail(error);
    return emitText(text);
  }
  if (targetName == "nvptx" || (targetName == "xla" && xlaPlatform == relu::XlaPlatform::Cuda))
    return runNvptxTarget(*module, *kernels, *cpu, xlaAttrs);
  PassManager pm(&context);
  relu::CpuPipelineOptions options;
  options.vectorBits = cpu->vectorBits;
  options.nativeBf16 = cpu->nativeBf16;
  options.nativeF16 = cpu->nativeF16;
  if (emulateGpu) {
    relu::GpuPipelineOptions gpuOptions;
    gpuOptions.blockSize = gpuBlockSize;
    gpuOptions.unroll = gpuUnroll;
    relu::buildActToLLVMEmulatedGPUPipeline(pm, gpuOptions);
  } else {
    relu::buildActToLLVMCpuPipeline(pm, options);
  }
  if (failed(pm.run(*module)))
    return 1;

  if (emit != Emit::Object) {
    std::string text;
    llvm::raw_string_ostream os(text);
    if (emit == Emit::LoweredMLIR)
      module->print(os);
    else if (failed(relu::emitOptimizedLLVMIR(*module, *cpu, os)))
      return 1;
    return emitText(text);
  }

  std::string stem = withoutExtension(outputFile);
  std::string header = headerFile.empty() ? stem + ".h" : headerFile.getValue();
  std::string shim = shimFile.empty() ? stem + "_shim.c" : shimFile.getValue();
  std::string xlaSource = xlaSourceFile.empty() ? stem + "_xla.c" : xlaSourceFile.getValue();
  llvm::SmallString<256> rtDir(runtimeDir.empty() ? llvm::sys::path::parent_path(outputFile)
                                                  : llvm::StringRef(runtimeDir));
  llvm::SmallString<256> rtHeader(rtDir), rtSource(rtDir);
  llvm::sys::path::append(rtHeader, "relu_rt.h");
  llvm::sys::path::append(rtSource, "relu_rt.c");

  // Everything is produced in memory first; files are written only once all
  // of it succeeded, each through a temporary file renamed into place.
  llvm::SmallVector<char, 0> object;
  llvm::raw_svector_ostream objectStream(object);
  if (failed(relu::emitCpuObject(*module, *cpu, objectStream)))
    return 1;
  std::string headerText, shimText;
  llvm::raw_string_ostream headerStream(headerText), shimStream(shimText);
  relu::emitKernelHeader(*kernels, guardFor(header), headerStream);
  relu::emitKernelShim(*kernels, llvm::sys::path::filename(header), shimStream);
  std::string xlaText;
  llvm::raw_string_ostream xlaStream(xlaText);
  if (targetName == "xla")
    relu::emitXlaFfiSource(*kernels, xlaAttrs, llvm::sys::path::filename(header),
                           relu::XlaPlatform::Cpu, xlaStream);

  llvm::SmallVector<std::pair<std::string, llvm::StringRef>> outputs = {
      {outputFile, llvm::StringRef(object.data(), object.size())},
      {header, headerText},
      {shim, shimText},
      {rtHeader.str().str(), relu::runtimeHeaderSource()},
      {rtSource.str().str(), relu::runtimeSource()}};
  if (targetName == "xla")
    outputs.push_back({xlaSource, xlaText});
  return writeOutputs(outputs);
}
