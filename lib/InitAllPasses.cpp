//===- InitAllPasses.cpp - register every relu-mlir pass ------------------===//
//
// When a library with passes lands, include its Passes.h here, call its
// registration function below and add the library to ReluRegisterAllPasses in
// lib/CMakeLists.txt.
//
//===----------------------------------------------------------------------===//

#include "relu/InitAllPasses.h"

#include "relu/Conversion/Passes.h"
#include "relu/Dialect/Act/Transforms/Passes.h"

#include <mutex>

void relu::registerAllPasses() {
  static std::once_flag once;
  std::call_once(once, [] {
    // convert-act-to-linalg, convert-elementwise-to-vector,
    // convert-math-to-polynomials.
    registerConversionPasses();
    // act-to-llvm-cpu.
    registerActPipelines();
    // act-derive-gradients.
    registerActTransformsPasses();
  });
}
