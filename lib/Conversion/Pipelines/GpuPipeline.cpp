// The GPU pipeline: act on tensors -> gpu.func grid-stride kernels -> NVVM
// (-> PTX / cubin with gpu-module-to-binary).
#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "relu/Conversion/Passes.h"

using namespace mlir;

namespace {

/// convert-math-to-polynomials leaves f64 math (and f32 math it has no
/// approximation for) as libm calls; on the GPU the same functions come from
/// libdevice under the `__nv_` prefix (gpu-module-to-binary links it). They
/// are declared as llvm.func, called with llvm.call: convert-gpu-to-nvvm would
/// give func.func declarations C-interface wrappers (_mlir_ciface_*), which
/// libdevice does not have.
struct LibmToLibdevicePass
    : PassWrapper<LibmToLibdevicePass, OperationPass<gpu::GPUModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(LibmToLibdevicePass)
  StringRef getArgument() const final { return "relu-libm-to-libdevice"; }
  StringRef getDescription() const final {
    return "Declare the libm functions called in gpu.modules as their libdevice versions";
  }
  void getDependentDialects(DialectRegistry &registry) const override {
    registry.insert<LLVM::LLVMDialect>();
  }
  void runOnOperation() override {
    gpu::GPUModuleOp module = getOperation();
    SmallVector<func::FuncOp> libm;
    for (auto func : module.getOps<func::FuncOp>())
      if (func.isExternal())
        libm.push_back(func);
    for (func::FuncOp func : libm) {
      FunctionType type = func.getFunctionType();
      if (type.getNumResults() != 1) {
        func.emitError("a libm function with ") << type.getNumResults() << " results";
        return signalPassFailure();
      }
      OpBuilder builder(func);
      std::string name = ("__nv_" + func.getName()).str();
      auto declaration = LLVM::LLVMFuncOp::create(
          builder, func.getLoc(), name,
          LLVM::LLVMFunctionType::get(type.getResult(0), type.getInputs()));
      std::optional<SymbolTable::UseRange> uses = func.getSymbolUses(module);
      for (const SymbolTable::SymbolUse &use : *uses) {
        auto call = cast<func::CallOp>(use.getUser());
        builder.setInsertionPoint(call);
        auto replacement = LLVM::CallOp::create(builder, call.getLoc(), declaration,
                                                call.getOperands());
        call.replaceAllUsesWith(replacement.getResults());
        call.erase();
      }
      func.erase();
    }
  }
};

/// math.fma becomes llvm.intr.fma (fma.rn on NVPTX) instead of a libdevice
/// call per lane, which convert-gpu-to-nvvm would pick for it. (The other
/// exactly rounded ops it maps to libdevice on purpose: it marks their LLVM
/// intrinsics illegal. libdevice's versions are single instructions once
/// linked and inlined.)
struct FmaToIntrinsicPass
    : PassWrapper<FmaToIntrinsicPass, OperationPass<gpu::GPUModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(FmaToIntrinsicPass)
  StringRef getArgument() const final { return "relu-fma-to-llvm-intrinsic"; }
  StringRef getDescription() const final { return "Lower math.fma to llvm.intr.fma"; }
  void getDependentDialects(DialectRegistry &registry) const override {
    registry.insert<LLVM::LLVMDialect>();
  }
  void runOnOperation() override {
    SmallVector<math::FmaOp> ops;
    getOperation()->walk([&](math::FmaOp op) { ops.push_back(op); });
    for (math::FmaOp op : ops) {
      OpBuilder b(op);
      Value result = LLVM::FMAOp::create(b, op.getLoc(), op.getType(), op.getA(),
                                         op.getB(), op.getC());
      op.replaceAllUsesWith(result);
      op.erase();
    }
  }
};

} // namespace

static void addKernelsPass(OpPassManager &pm, const relu::GpuPipelineOptions &options) {
  relu::ConvertElementwiseToGPUPassOptions kernels;
  kernels.blockSize = options.blockSize;
  kernels.unroll = options.unroll;
  // An insert_slice bufferized in place (GLU halves' dx) copies a subview
  // onto an identical one: merged by CSE, the copy is one of a buffer onto
  // itself, which the kernels pass drops.
  pm.addPass(createCSEPass());
  pm.addPass(relu::createConvertElementwiseToGPUPass(kernels));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void relu::buildActToGPUPipeline(OpPassManager &pm, const GpuPipelineOptions &options) {
  // act.statistics first: per-channel loops of independent iterations (one
  // thread per channel) instead of the CPU's row-major pass.
  pm.addPass(createConvertStatisticsToChannelLoopsPass());
  // The same front end as the CPU pipeline: one elementwise generic per
  // fused chain, bufferized in place into the caller's output. Gradients
  // from the input or the output (act.grad) are elementwise generics too;
  // the loops act-derive-gradients writes for masks and per-channel
  // reductions, and the statistics' loops, become kernels of their own.
  // Statistics of a value the function does not return (a group's result
  // it then casts) recompute it from the group's inputs: no buffer between
  // kernels; the group then fuses into its other user (the cast).
  buildActFrontEndPipeline(pm, /*vectorBits=*/128, [](OpPassManager &tensors) {
    tensors.addPass(createRecomputeElementwiseInLoopsPass());
    tensors.addPass(memref::createResolveShapedTypeResultDimsPass());
    tensors.addPass(createLinalgElementwiseOpFusionPass());
  });
  addKernelsPass(pm, options);
}

void relu::buildGPUToNVVMPipeline(OpPassManager &pm, const GpuPipelineOptions &options) {
  {
    OpPassManager &gpu = pm.nest<gpu::GPUModuleOp>();
    // Our f32 approximations: pure arith/math, so they run on the GPU as on
    // the CPU. No arith-expand: maximumf/minimumf must stay NaN-propagating
    // instructions (max.NaN.f32), and sm_80+ convert bf16 natively.
    gpu.addPass(createConvertMathToPolynomialsPass());
    gpu.addPass(std::make_unique<LibmToLibdevicePass>());
    gpu.addPass(std::make_unique<FmaToIntrinsicPass>());
    gpu.addPass(memref::createExpandStridedMetadataPass());
    gpu.addPass(createLowerAffinePass());
    gpu.addPass(createSCFToControlFlowPass());
    // The loops act-derive-gradients writes (mask bytes, channel sums) use
    // vector.transfer_read/write, create_mask, bitcast and reduction, which
    // convert-gpu-to-nvvm's vector patterns do not lower by themselves. On
    // the kernels only: the libdevice declarations stay func.func.
    gpu.nest<gpu::GPUFuncOp>().addPass(createConvertVectorToLLVMPass());
    gpu.addPass(createCanonicalizerPass());
    gpu.addPass(createCSEPass());
  }
  for (const std::string &chip : options.chips) {
    GpuNVVMAttachTargetOptions target;
    target.chip = chip;
    target.features = options.features;
    target.optLevel = 3;
    pm.addPass(createGpuNVVMAttachTarget(target));
  }
  {
    OpPassManager &gpu = pm.nest<gpu::GPUModuleOp>();
    gpu.addPass(createConvertGpuOpsToNVVMOps());
    gpu.addPass(createReconcileUnrealizedCastsPass());
    gpu.addPass(createCanonicalizerPass());
    gpu.addPass(createCSEPass());
  }
  if (!options.format.empty()) {
    GpuModuleToBinaryPassOptions binary;
    binary.toolkitPath = options.toolkit;
    binary.compilationTarget = options.format;
    pm.addPass(createGpuModuleToBinaryPass(binary));
  }
}

void relu::buildActToNVVMPipeline(OpPassManager &pm, const GpuPipelineOptions &options) {
  buildActToGPUPipeline(pm, options);
  buildGPUToNVVMPipeline(pm, options);
}

void relu::buildElementwiseToNVVMPipeline(OpPassManager &pm,
                                          const GpuPipelineOptions &options) {
  addKernelsPass(pm, options);
  buildGPUToNVVMPipeline(pm, options);
}

void relu::buildActToLLVMEmulatedGPUPipeline(OpPassManager &pm,
                                             const GpuPipelineOptions &options) {
  buildActToGPUPipeline(pm, options);
  pm.addPass(createEmulateGPUOnCPUPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // The CPU pipeline's lowering after its vectorizer; no vscalefps assumed.
  buildHostBackEndPipeline(pm, /*avx512=*/false, /*expandBf16=*/true);
}

void relu::registerActGpuPipelines() {
  PassPipelineRegistration<GpuPipelineOptions>(
      "act-to-llvm-emulated-gpu",
      "Test support: act-to-nvvm's kernels emulated on the CPU, in the LLVM dialect",
      buildActToLLVMEmulatedGPUPipeline);
  PassPipelineRegistration<GpuPipelineOptions>(
      "act-to-nvvm",
      "Lower act ops on tensors to grid-stride GPU kernels in NVVM "
      "(format=isa|bin|fatbin also serializes them with gpu-module-to-binary)",
      buildActToNVVMPipeline);
  PassPipelineRegistration<GpuPipelineOptions>(
      "elementwise-to-nvvm",
      "Lower elementwise linalg.generic on memrefs to GPU kernels in NVVM "
      "(format=isa|bin|fatbin also serializes them)",
      buildElementwiseToNVVMPipeline);
}
