#ifndef RELU_TARGET_NVPTX_H
#define RELU_TARGET_NVPTX_H

#include "relu/Target/CpuObject.h"
#include "relu/Target/KernelABI.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace relu {

/// How `relu-cc --target=nvptx` compiles kernels.
struct NvptxOptions {
  /// Architectures to build cubins for, e.g. {"sm_80", "sm_90"}; the PTX of
  /// the last (highest) one is embedded too, for newer GPUs.
  llvm::SmallVector<std::string> archs = {"sm_80", "sm_90"};
  /// PTX ISA features for the NVVM targets.
  std::string features = "+ptx80";
  /// The CUDA toolkit holding bin/ptxas and nvvm/libdevice.
  std::string cudaPath = "/usr/local/cuda";
  unsigned blockSize = 256;
  /// Vectors per thread and iteration (0: the pass's default).
  unsigned unroll = 0;
};

/// Parses a comma-separated --gpu-arch list (sm_75 ... sm_121, optionally
/// with an `a`/`f` suffix) into sorted, unique names. Fails with a message.
mlir::FailureOr<llvm::SmallVector<std::string>>
parseGpuArchs(llvm::StringRef list, std::string &error);

/// One device image embedded in the object.
struct GpuImage {
  std::string arch; ///< "sm_90"
  int sm = 0;       ///< 90
  bool isPtx = false;
  std::string data; ///< cubin bytes, or PTX text with its terminating NUL
};

/// One kernel launch of a host entry point.
struct GpuLaunch {
  unsigned kernel;                    ///< index into NvptxModule::kernelNames
  llvm::SmallVector<unsigned> args;   ///< the entry point's operands it takes
};

/// Everything relu-cc writes for the nvptx target.
struct NvptxModule {
  llvm::SmallVector<GpuImage> images;
  /// The gpu.func kernels, with their block size and elements per thread.
  llvm::SmallVector<std::string> kernelNames;
  llvm::SmallVector<unsigned> blockSizes;
  llvm::SmallVector<int64_t> elementsPerThread;
  /// Per entry point (in the order of the KernelInfos): its launches.
  llvm::SmallVector<llvm::SmallVector<GpuLaunch>> launches;
  /// The PTX of each architecture (for --emit=ptx), in `archs` order.
  llvm::SmallVector<std::pair<std::string, std::string>> ptx;
  /// The module after the pipeline, in NVVM (for --emit=mlir).
  std::string loweredMLIR;
};

/// Compiles a module in kernel-ABI form (after rewriteToKernelABI): the GPU
/// pipeline (act-to-nvvm), then PTX and cubins for every architecture with
/// gpu-module-to-binary. `withBinaries` false stops after PTX. Emits located
/// diagnostics and fails when a kernel cannot run on the GPU or ptxas fails.
mlir::FailureOr<NvptxModule> compileNvptx(mlir::ModuleOp module,
                                          llvm::ArrayRef<KernelInfo> kernels,
                                          const NvptxOptions &options,
                                          bool withBinaries);

/// Writes a host object (for `host`) holding the images as the read-only
/// byte arrays `<symbolPrefix>image<i>`.
mlir::LogicalResult emitNvptxImagesObject(mlir::MLIRContext *context,
                                          const NvptxModule &module,
                                          llvm::StringRef symbolPrefix,
                                          const CpuTarget &host,
                                          llvm::raw_pwrite_stream &os);

/// Writes the C header of the GPU entry points: the CPU ABI plus a trailing
/// `void *stream` (a CUstream / cudaStream_t; NULL: default stream).
void emitCudaKernelHeader(llvm::ArrayRef<KernelInfo> kernels,
                          llvm::StringRef guardName, llvm::raw_ostream &os);

/// Writes the C shim: argument checks, the image and kernel tables and one
/// launcher per entry point, through relu_rt_cuda.
void emitCudaKernelShim(llvm::ArrayRef<KernelInfo> kernels,
                        const NvptxModule &module, llvm::StringRef symbolPrefix,
                        llvm::StringRef moduleName, llvm::StringRef headerName,
                        llvm::raw_ostream &os);

/// The CUDA runtime shim's sources (relu_rt_cuda.h, relu_rt_cuda.c), embedded.
llvm::StringRef cudaRuntimeHeaderSource();
llvm::StringRef cudaRuntimeSource();

} // namespace relu

#endif
