// The CUDA runtime shim's sources, embedded so that relu-cc can write them out.
#include "relu/Target/Nvptx.h"

#include "CudaRuntimeSources.inc"

llvm::StringRef relu::cudaRuntimeHeaderSource() { return kCudaRuntimeHeader; }
llvm::StringRef relu::cudaRuntimeSource() { return kCudaRuntimeSource; }
