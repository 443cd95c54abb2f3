#ifndef RELU_TARGET_XLAFFI_H
#define RELU_TARGET_XLAFFI_H

#include "relu/Target/KernelABI.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace relu {

/// A parameter compiled into a kernel, as the XLA handler sees it: an
/// attribute of the same name in a custom call must hold this value.
struct XlaKernelAttr {
  enum class Kind { Float, Integer, String };
  std::string name;
  Kind kind = Kind::Float;
  double floatValue = 0;
  int64_t intValue = 0;
  std::string stringValue;
};

/// For every public function of `module` that computes exactly one act op
/// (the quick spec's kernels, or a hand-written single-op kernel), the op's
/// parameters. Call before rewriteToKernelABI. Functions with several act ops
/// or act.custom map to no parameters. prelu's channel_dim is not listed: it
/// is fixed by the Channel ABI, and the handlers take a `channel_axis`
/// attribute instead.
llvm::StringMap<llvm::SmallVector<XlaKernelAttr>>
collectXlaKernelAttributes(mlir::ModuleOp module);

/// The exported C symbol of kernel `name`'s XLA FFI handler, which is also the
/// custom-call target name used by --emit-stablehlo: `relu_xla_<name>`.
std::string xlaHandlerSymbol(llvm::StringRef name);

/// The most inputs, and the most outputs, of a kernel with XLA handlers.
constexpr unsigned kXlaMaxBuffers = 8;

/// The XLA platform handlers run on: `cpu` runs the CPU kernels (on relu_rt's
/// or XLA's thread pool); `CUDA` queues the GPU kernels of --target=nvptx on
/// XLA's stream.
enum class XlaPlatform { Cpu, Cuda };

/// Writes the C source with one XLA FFI handler (typed FFI, api_version 4)
/// per kernel. It includes `headerName` (the kernel header relu-cc writes:
/// CPU or, for platform CUDA, GPU entry points) and `xla/ffi/api/c_api.h`
/// (from jax.ffi.include_dir()), and links with the kernel object, its shim
/// and relu_rt.c (and relu_rt_cuda.c for CUDA).
void emitXlaFfiSource(llvm::ArrayRef<KernelInfo> kernels,
                      const llvm::StringMap<llvm::SmallVector<XlaKernelAttr>> &attrs,
                      llvm::StringRef headerName, XlaPlatform platform,
                      llvm::raw_ostream &os);

/// Writes a StableHLO module with one public function per kernel that calls
/// its handler through stablehlo.custom_call (api_version = 4, the kernel's
/// parameters in backend_config). `shape` (may be empty) gives static sizes
/// for the main operand and the result; otherwise the kernel's own sizes are
/// used (dynamic where the kernel is). Fails with `error` set when `shape`
/// does not fit a kernel.
mlir::LogicalResult
emitStableHLOModule(llvm::ArrayRef<KernelInfo> kernels,
                    const llvm::StringMap<llvm::SmallVector<XlaKernelAttr>> &attrs,
                    llvm::ArrayRef<int64_t> shape, llvm::raw_ostream &os,
                    std::string &error);

} // namespace relu

#endif
