// f32 transcendentals -> upstream MLIR polynomial approximations, so that
// vector loops stay vectorized; f64 math -> libm calls (reference quality).
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "relu/Conversion/Passes.h"

namespace relu {
#define GEN_PASS_DEF_CONVERTMATHTOPOLYNOMIALSPASS
#include "relu/Conversion/Passes.h.inc"
} // namespace relu

using namespace mlir;

namespace {
struct ConvertMathToPolynomialsPass
    : relu::impl::ConvertMathToPolynomialsPassBase<ConvertMathToPolynomialsPass> {
  void runOnOperation() override {
    RewritePatternSet approximations(&getContext());
    auto approximated = [](StringRef name) {
      name.consume_front("math.");
      return llvm::is_contained({"exp", "expm1", "log1p", "log"}, name);
    };
    populateMathPolynomialApproximationPatterns(approximations, approximated);
    // tanh, erf and erfc have their own entry points upstream.
    populatePolynomialApproximateTanhPattern(approximations);
    populatePolynomialApproximateErfPattern(approximations);
    populatePolynomialApproximateErfcPattern(approximations);
    if (failed(applyPatternsGreedily(getOperation(), std::move(approximations))))
      return signalPassFailure();

    // Only f64 math goes to libm: the f32 leftovers (fma, floor, ...) become
    // LLVM intrinsics later and stay vectorized. (convert-to-llvm would turn
    // expm1/log1p into exp(x)-1 / log(1+x), losing precision near 0.)
    SmallVector<Operation *> f64Math;
    getOperation()->walk([&](Operation *op) {
      if (op->getDialect() && isa<math::MathDialect>(op->getDialect()) &&
          op->getNumResults() == 1 &&
          getElementTypeOrSelf(op->getResult(0).getType()).isF64())
        f64Math.push_back(op);
    });
    RewritePatternSet libm(&getContext());
    populateMathToLibmConversionPatterns(libm);
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
    if (failed(applyOpPatternsGreedily(f64Math, std::move(libm), config)))
      signalPassFailure();
  }
};
} // namespace
