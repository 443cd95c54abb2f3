// The runtime shim's sources, embedded so that relu-cc can write them out.
#include "relu/Target/CSource.h"

#include "RuntimeSources.inc"

llvm::StringRef relu::runtimeHeaderSource() { return kRuntimeHeader; }
llvm::StringRef relu::runtimeSource() { return kRuntimeSource; }
