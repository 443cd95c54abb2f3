// relu-opt: mlir-opt with the act dialect and relu-mlir's passes registered.
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "relu/Dialect/Act/IR/ActDialect.h"
#include "relu/InitAllPasses.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  relu::registerAllPasses();
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  // gpu-module-to-binary (act-to-nvvm format=...) translates gpu.modules.
  mlir::registerAllToLLVMIRTranslations(registry);
  registry.insert<relu::act::ActDialect>();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "relu-mlir optimizer driver\n", registry));
}
