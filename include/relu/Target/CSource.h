#ifndef RELU_TARGET_CSOURCE_H
#define RELU_TARGET_CSOURCE_H

#include "relu/Target/KernelABI.h"
#include "llvm/Support/raw_ostream.h"

namespace relu {

/// Writes the C header declaring and documenting every kernel entry point.
void emitKernelHeader(llvm::ArrayRef<KernelInfo> kernels,
                      llvm::StringRef guardName, llvm::raw_ostream &os);

/// Writes the C shim: one wrapper per kernel that checks its arguments and
/// runs the generated code on the relu_rt thread pool.
void emitKernelShim(llvm::ArrayRef<KernelInfo> kernels,
                    llvm::StringRef headerName, llvm::raw_ostream &os);

/// The sources of the shared runtime (relu_rt.h, relu_rt.c), embedded.
llvm::StringRef runtimeHeaderSource();
llvm::StringRef runtimeSource();

} // namespace relu

#endif
