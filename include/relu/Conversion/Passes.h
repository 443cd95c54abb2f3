#ifndef RELU_CONVERSION_PASSES_H
#define RELU_CONVERSION_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace relu {

#define GEN_PASS_DECL
#include "relu/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "relu/Conversion/Passes.h.inc"

/// Options of the CPU pipeline from act on tensors to the LLVM dialect.
struct CpuPipelineOptions : mlir::PassPipelineOptions<CpuPipelineOptions> {
  Option<unsigned> vectorBits{*this, "vector-bits",
                              llvm::cl::desc("Vector register width in bits"),
                              llvm::cl::init(512)};
  Option<bool> nativeBf16{
      *this, "native-bf16",
      llvm::cl::desc("Leave f32<->bf16 conversions to the target (AVX512_BF16's "
                     "vcvtneps2bf16, which flushes subnormal results to zero) "
                     "instead of integer code rounding to nearest even"),
      llvm::cl::init(false)};
  Option<bool> nativeF16{
      *this, "native-f16",
      llvm::cl::desc("The target compares f16 natively (AVX512_FP16): "
                     "piecewise-linear f16 bodies select on the loaded bits "
                     "(convert-elementwise-to-vector native-f16)"),
      llvm::cl::init(false)};
};

/// The fusion part of the front end, on tensors: act-fuse groups, then
/// act ops, groups and the arith/named linalg ops around them become
/// linalg.generic ops, fused elementwise so that each group (and each chain
/// of activations) is one generic.
void buildActToFusedLinalgPipeline(mlir::OpPassManager &pm);

/// The front end of every target: act.grad / act.forward_with_mask derived
/// (loops of `vectorBits` for masks and reductions), act -> linalg, chains
/// fused into one generic, bufferized in place into the caller's output.
/// `onFusedTensors`, when given, adds a target's passes on the fused
/// generics before bufferization.
void buildActFrontEndPipeline(
    mlir::OpPassManager &pm, unsigned vectorBits,
    llvm::function_ref<void(mlir::OpPassManager &)> onFusedTensors = nullptr);

/// The back end of host code after vectorization: math approximations
/// (`avx512`: with vscalefps), bf16 conversions expanded to integer code and
/// bf16 memory accessed as i16 when `expandBf16`, then everything to the
/// LLVM dialect.
void buildHostBackEndPipeline(mlir::OpPassManager &pm, bool avx512, bool expandBf16);

/// act (tensors) -> linalg -> bufferized memrefs -> vector loops -> LLVM.
void buildActToLLVMCpuPipeline(mlir::OpPassManager &pm,
                               const CpuPipelineOptions &options);

/// Registers `act-to-fused-linalg` and `act-to-llvm-cpu`.
void registerActPipelines();

/// Options of the GPU pipeline from act on tensors to NVVM kernels.
struct GpuPipelineOptions : mlir::PassPipelineOptions<GpuPipelineOptions> {
  ListOption<std::string> chips{*this, "chips",
                                llvm::cl::desc("NVIDIA architectures (sm_80, sm_90, ...)"),
                                llvm::cl::list_init<std::string>({"sm_80", "sm_90"})};
  Option<std::string> features{*this, "features",
                               llvm::cl::desc("PTX features (PTX ISA version)"),
                               llvm::cl::init("+ptx80")};
  Option<std::string> format{*this, "format",
                             llvm::cl::desc("Serialize the kernels with gpu-module-to-binary: "
                                            "isa (PTX), bin (cubin), fatbin, or empty (stop at NVVM)"),
                             llvm::cl::init("")};
  Option<std::string> toolkit{*this, "toolkit",
                              llvm::cl::desc("CUDA toolkit (ptxas, fatbinary, libdevice)"),
                              llvm::cl::init("")};
  Option<unsigned> blockSize{*this, "block-size", llvm::cl::desc("Threads per block"),
                             llvm::cl::init(256)};
  Option<unsigned> unroll{*this, "unroll",
                          llvm::cl::desc("Vectors per thread and iteration (0: auto)"),
                          llvm::cl::init(0)};
};

/// act (tensors) -> linalg -> bufferized memrefs -> gpu.func grid-stride
/// kernels launched by the host functions -> NVVM (-> PTX/cubin with
/// `format`). The two halves below, one after the other.
void buildActToNVVMPipeline(mlir::OpPassManager &pm,
                            const GpuPipelineOptions &options);

/// act (tensors) -> gpu.module of gpu.func kernels (on memrefs) and host
/// functions launching them.
void buildActToGPUPipeline(mlir::OpPassManager &pm,
                           const GpuPipelineOptions &options);

/// The gpu.module -> NVVM (math approximations, NVVM targets for `chips`),
/// then gpu-module-to-binary when `format` is set.
void buildGPUToNVVMPipeline(mlir::OpPassManager &pm,
                            const GpuPipelineOptions &options);

/// convert-elementwise-to-gpu then buildGPUToNVVMPipeline, for modules
/// already on memrefs.
void buildElementwiseToNVVMPipeline(mlir::OpPassManager &pm,
                                    const GpuPipelineOptions &options);

/// Test support: the kernels of buildActToGPUPipeline emulated on the CPU
/// (relu-emulate-gpu-on-cpu), lowered to the LLVM dialect for the host.
void buildActToLLVMEmulatedGPUPipeline(mlir::OpPassManager &pm,
                                       const GpuPipelineOptions &options);

/// Registers `act-to-nvvm`, `elementwise-to-nvvm` and
/// `act-to-llvm-emulated-gpu` (called by
/// registerActPipelines).
void registerActGpuPipelines();

} // namespace relu

#endif
