// Parses act IR with the installed MLIRAct library, verifies and prints it,
// then folds it through the dialect's fold hooks.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "relu/Dialect/Act/IR/ActDialect.h"
#include "relu/Dialect/Act/IR/ActOps.h"
#include "llvm/Support/raw_ostream.h"

static const char *const kModule = R"mlir(
func.func @layer(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %c = arith.constant dense<[-2.0, -0.5, 0.0, 3.0]> : tensor<4xf32>
  %0 = act.leaky_relu %c {negative_slope = 0.25 : f64} : tensor<4xf32>
  %1 = act.gelu %x {approximate = #act.approximate<tanh>} : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
)mlir";

int main() {
  mlir::MLIRContext context;
  context.loadDialect<relu::act::ActDialect, mlir::func::FuncDialect,
                      mlir::arith::ArithDialect>();
  llvm::outs() << "loaded dialect: "
               << context.getLoadedDialect<relu::act::ActDialect>()->getNamespace()
               << "\n";

  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(kModule, &context);
  if (!module || mlir::failed(mlir::verify(*module))) {
    llvm::errs() << "consumer: failed to parse or verify the act module\n";
    return 1;
  }
  unsigned actOps = 0;
  module->walk([&](mlir::Operation *op) {
    if (op->getDialect() &&
        op->getDialect()->getNamespace() == relu::act::ActDialect::getDialectNamespace())
      ++actOps;
  });
  llvm::outs() << "act ops: " << actOps << "\n";
  module->print(llvm::outs());
  llvm::outs() << "\n";

  // No patterns: the greedy driver still folds every op with constant operands.
  if (mlir::failed(mlir::applyPatternsGreedily(*module, mlir::RewritePatternSet(&context)))) {
    llvm::errs() << "consumer: folding did not converge\n";
    return 1;
  }
  llvm::outs() << "folded:\n";
  module->print(llvm::outs());
  llvm::outs() << "\n";
  return 0;
}
