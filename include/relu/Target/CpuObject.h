#ifndef RELU_TARGET_CPUOBJECT_H
#define RELU_TARGET_CPUOBJECT_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace relu {

/// The machine kernels are compiled for.
struct CpuTarget {
  std::string triple;
  std::string cpu;
  std::string features;
  /// Vector register width the kernels are vectorized for.
  unsigned vectorBits = 128;
  /// The CPU converts f32 to bf16 itself (AVX512_BF16).
  bool nativeBf16 = false;
  /// The CPU computes with f16 itself (AVX512_FP16).
  bool nativeF16 = false;
};

/// Resolves `native`, `generic`, or an LLVM CPU name such as `x86-64-v3`,
/// `x86-64-v4` or `znver4` for the host's architecture. Fails with a message
/// naming the accepted values.
mlir::FailureOr<CpuTarget> resolveCpuTarget(llvm::StringRef cpu,
                                            std::string &error);

/// Translates a module in the LLVM dialect to LLVM IR, optimizes it at O3 for
/// `target` and writes an ELF object to `os`.
mlir::LogicalResult emitCpuObject(mlir::ModuleOp module, const CpuTarget &target,
                                  llvm::raw_pwrite_stream &os);

/// Same, but writes the optimized LLVM IR as text (for inspection and tests).
mlir::LogicalResult emitOptimizedLLVMIR(mlir::ModuleOp module,
                                        const CpuTarget &target,
                                        llvm::raw_ostream &os);

} // namespace relu

#endif
