#ifndef RELU_DIALECT_ACT_IR_ACTDIALECT_TD
#define RELU_DIALECT_ACT_IR_ACTDIALECT_TD

include "mlir/IR/OpBase.td"

def Act_Dialect : Dialect {
  let name = "act";
  let cppNamespace = "::relu::act";
  let summary = "ReLU-family neural-network activations";
  let description = [{
    Elementwise activation functions on ranked tensors of f16, bf16, f32 or f64.
    Every op implements `ActivationOpInterface`, whose `buildScalar` emits the
    activation's scalar math with arith/math ops. Folding, lowering to every
    target, gradients and the test reference all derive from that one
    definition. f16/bf16 values are computed in f32 and rounded once.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::math::MathDialect"];
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
  // Constant dynamic parameters become attributes (every activation).
  let hasCanonicalizer = 1;
}

#endif
