//===- relu-plugin.cpp - relu-mlir as a plugin of upstream mlir-opt -------===//
//
// A loadable module for an mlir-opt built against the same libMLIR.so:
//
//   mlir-opt --load-dialect-plugin=lib/ReluPlugin.so \
//            --load-pass-plugin=lib/ReluPlugin.so ...
//
// The dialect entry point registers the act dialect; the pass entry point
// registers relu-mlir's passes and pipelines (relu::registerAllPasses). The
// dialect entry point registers the passes too, so loading the module either
// way is enough.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "relu/Dialect/Act/IR/ActDialect.h"
#include "relu/InitAllPasses.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Compiler.h"

extern "C" LLVM_ATTRIBUTE_WEAK mlir::DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "ReluAct", LLVM_VERSION_STRING,
          [](mlir::DialectRegistry *registry) {
            registry->insert<relu::act::ActDialect>();
            relu::registerAllPasses();
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "ReluPasses", LLVM_VERSION_STRING,
          []() { relu::registerAllPasses(); }};
}
