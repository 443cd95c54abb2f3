// relu-cc --target=nvptx: the GPU pipeline, PTX and cubins per architecture
// (gpu-module-to-binary), the launches of each entry point, and the host
// object embedding the images.
#include "relu/Target/Nvptx.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVM/NVVM/Target.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/GPU/GPUToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/NVVM/NVVMToLLVMIRTranslation.h"
#include "relu/Conversion/Passes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace mlir;

static constexpr llvm::StringLiteral kGpuModuleName = "relu_kernels";

FailureOr<SmallVector<std::string>> relu::parseGpuArchs(StringRef list,
                                                        std::string &error) {
  SmallVector<StringRef> parts;
  list.split(parts, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  SmallVector<std::pair<int, std::string>> archs;
  for (StringRef part : parts) {
    StringRef name = part.trim();
    unsigned sm = 0;
    StringRef digits = name;
    if (!digits.consume_front("sm_") || digits.getAsInteger(10, sm) || sm < 75 ||
        sm > 121) {
      error = ("unknown --gpu-arch '" + name +
               "': use sm_XY names from sm_75 to sm_121, e.g. sm_80,sm_90")
                  .str();
      return failure();
    }
    if (!llvm::any_of(archs, [&](auto &a) { return a.first == int(sm); }))
      archs.push_back({int(sm), ("sm_" + Twine(sm)).str()});
  }
  if (archs.empty()) {
    error = "--gpu-arch is empty: name at least one architecture, e.g. sm_80,sm_90";
    return failure();
  }
  llvm::sort(archs);
  SmallVector<std::string> names;
  for (auto &a : archs)
    names.push_back(a.second);
  return names;
}

static int smNumber(StringRef arch) {
  int sm = 0;
  (void)arch.drop_front(3).getAsInteger(10, sm);
  return sm;
}

/// Entry point `info`'s launches, from its host function after
/// convert-elementwise-to-gpu. Only launches and size arithmetic may remain
/// there: the kernels read and write the caller's buffers directly.
static LogicalResult collectLaunches(ModuleOp module, const relu::KernelInfo &info,
                                     ArrayRef<std::string> kernelNames,
                                     SmallVector<relu::GpuLaunch> &launches) {
  auto func = module.lookupSymbol<func::FuncOp>(relu::kernelSymbol(info.name));
  if (!func)
    return module.emitError("no host function for kernel @") << info.name;
  Block &entry = func.getBody().front();
  WalkResult result = func.walk([&](Operation *op) {
    if (op == func.getOperation())
      return WalkResult::advance();
    if (auto launch = dyn_cast<gpu::LaunchFuncOp>(op)) {
      relu::GpuLaunch l;
      auto it = llvm::find(kernelNames, launch.getKernelName().getValue());
      l.kernel = unsigned(it - kernelNames.begin());
      for (Value operand : launch.getKernelOperands()) {
        auto arg = dyn_cast<BlockArgument>(operand);
        if (!arg || arg.getOwner() != &entry) {
          launch.emitError("kernel @")
              << info.name
              << " needs a temporary buffer between GPU kernels (its operations "
                 "did not fuse into one elementwise kernel); the nvptx target "
                 "supports kernels that compute in place in their output";
          return WalkResult::interrupt();
        }
        l.args.push_back(arg.getArgNumber());
      }
      launches.push_back(l);
      return WalkResult::advance();
    }
    if (isa<func::ReturnOp, memref::DimOp>(op) ||
        op->getDialect()->getNamespace() == "arith")
      return WalkResult::advance();
    func.emitError("kernel @") << info.name << ": '" << op->getName()
                               << "' cannot run on the GPU (only elementwise "
                                  "kernels computed in place are supported)";
    return WalkResult::interrupt();
  });
  return failure(result.wasInterrupted());
}

/// Serializes the gpu.module of a copy of `module` with gpu-module-to-binary;
/// returns (chip, bytes) per target.
static FailureOr<SmallVector<std::pair<std::string, std::string>>>
serialize(ModuleOp module, StringRef format, StringRef toolkit) {
  OwningOpRef<ModuleOp> copy = module.clone();
  PassManager pm(module.getContext());
  GpuModuleToBinaryPassOptions options;
  options.toolkitPath = toolkit.str();
  options.compilationTarget = format.str();
  pm.addPass(createGpuModuleToBinaryPass(options));
  if (failed(pm.run(*copy)))
    return failure();
  SmallVector<std::pair<std::string, std::string>> objects;
  auto binary = copy->lookupSymbol<gpu::BinaryOp>(kGpuModuleName);
  if (!binary)
    return module.emitError("gpu-module-to-binary produced no gpu.binary"), failure();
  for (Attribute attr : binary.getObjects()) {
    auto object = cast<gpu::ObjectAttr>(attr);
    auto target = cast<NVVM::NVVMTargetAttr>(object.getTarget());
    objects.push_back({target.getChip().str(), object.getObject().getValue().str()});
  }
  return objects;
}

FailureOr<relu::NvptxModule> relu::compileNvptx(ModuleOp module,
                                                ArrayRef<KernelInfo> kernels,
                                                const NvptxOptions &options,
                                                bool withBinaries) {
  MLIRContext *context = module.getContext();
  {
    DialectRegistry registry;
    registerBuiltinDialectTranslation(registry);
    registerLLVMDialectTranslation(registry);
    registerGPUDialectTranslation(registry);
    registerNVVMDialectTranslation(registry);
    NVVM::registerNVVMTargetInterfaceExternalModels(registry);
    context->appendDialectRegistry(registry);
    context->loadDialect<gpu::GPUDialect, NVVM::NVVMDialect, LLVM::LLVMDialect>();
  }
  if (withBinaries) {
    SmallString<256> ptxas(options.cudaPath);
    llvm::sys::path::append(ptxas, "bin", "ptxas");
    if (!llvm::sys::fs::can_execute(ptxas))
      return module.emitError("ptxas not found at ")
             << ptxas << ": install the CUDA toolkit or pass --cuda-path=<dir>", failure();
  }

  GpuPipelineOptions pipeline;
  pipeline.chips = options.archs;
  pipeline.features = options.features;
  pipeline.toolkit = options.cudaPath;
  pipeline.blockSize = options.blockSize;
  pipeline.unroll = options.unroll;

  PassManager kernelsPm(context);
  buildActToGPUPipeline(kernelsPm, pipeline);
  if (failed(kernelsPm.run(module)))
    return failure();

  NvptxModule result;
  auto gpuModule = module.lookupSymbol<gpu::GPUModuleOp>(kGpuModuleName);
  SmallVector<gpu::GPUFuncOp> gpuFuncs;
  if (gpuModule)
    gpuFuncs = llvm::to_vector(gpuModule.getOps<gpu::GPUFuncOp>());
  for (gpu::GPUFuncOp func : gpuFuncs) {
    result.kernelNames.push_back(func.getName().str());
    auto block = func.getKnownBlockSizeAttr();
    result.blockSizes.push_back(block ? unsigned(block[0]) : options.blockSize);
    auto perThread = func->getAttrOfType<IntegerAttr>("relu.elements_per_thread");
    result.elementsPerThread.push_back(perThread ? perThread.getInt() : 1);
  }
  for (const KernelInfo &info : kernels) {
    SmallVector<GpuLaunch> launches;
    if (failed(collectLaunches(module, info, result.kernelNames, launches)))
      return failure();
    result.launches.push_back(std::move(launches));
  }
  if (!gpuModule)
    return module.emitError("no GPU kernel was generated"), failure();

  PassManager nvvmPm(context);
  buildGPUToNVVMPipeline(nvvmPm, pipeline);
  if (failed(nvvmPm.run(module)))
    return failure();
  {
    llvm::raw_string_ostream os(result.loweredMLIR);
    module.print(os);
  }

  auto ptx = serialize(module, "isa", options.cudaPath);
  if (failed(ptx))
    return failure();
  result.ptx = *ptx;
  if (!withBinaries)
    return result;
  auto cubins = serialize(module, "bin", options.cudaPath);
  if (failed(cubins))
    return failure();
  for (auto &[chip, data] : *cubins)
    result.images.push_back({chip, smNumber(chip), /*isPtx=*/false, data});
  // The highest architecture's PTX, for GPUs newer than every cubin.
  auto &[chip, text] = result.ptx.back();
  std::string data = text;
  data.push_back('\0');
  result.images.push_back({chip, smNumber(chip), /*isPtx=*/true, data});
  return result;
}

LogicalResult relu::emitNvptxImagesObject(MLIRContext *context,
                                          const NvptxModule &module,
                                          StringRef symbolPrefix,
                                          const CpuTarget &host,
                                          llvm::raw_pwrite_stream &os) {
  context->loadDialect<LLVM::LLVMDialect>();
  Location loc = UnknownLoc::get(context);
  OwningOpRef<ModuleOp> data = ModuleOp::create(loc);
  OpBuilder b = OpBuilder::atBlockEnd(data->getBody());
  for (auto [i, image] : llvm::enumerate(module.images)) {
    auto type = LLVM::LLVMArrayType::get(IntegerType::get(context, 8), image.data.size());
    auto global = LLVM::GlobalOp::create(
        b, loc, type, /*isConstant=*/true, LLVM::Linkage::External,
        (symbolPrefix + "image" + Twine(i)).str(), b.getStringAttr(image.data),
        /*alignment=*/64);
    (void)global;
  }
  return emitCpuObject(*data, host, os);
}
