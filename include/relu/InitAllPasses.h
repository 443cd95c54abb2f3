//===- InitAllPasses.h - register every relu-mlir pass ----------*- C++ -*-===//
//
// One entry point that registers all of relu-mlir's passes and pass pipelines
// with MLIR's global pass registry. relu-opt and the mlir-opt plugin
// (tools/relu-plugin) both call it, so a pass added here is available in both.
//
//===----------------------------------------------------------------------===//

#ifndef RELU_INITALLPASSES_H
#define RELU_INITALLPASSES_H

namespace relu {

/// Registers every relu-mlir pass and pass pipeline. Safe to call more than
/// once (later calls do nothing): the plugin may be loaded both as a dialect
/// plugin and as a pass plugin.
void registerAllPasses();

} // namespace relu

#endif // RELU_INITALLPASSES_H
