#ifndef RELU_DIALECT_ACT_IR_ACTATTRS_TD
#define RELU_DIALECT_ACT_IR_ACTATTRS_TD

include "mlir/IR/EnumAttr.td"
include "relu/Dialect/Act/IR/ActDialect.td"

def Act_GeluApproximation : I32EnumAttr<"GeluApproximation",
    "how GELU evaluates the Gaussian CDF", [
      I32EnumAttrCase<"none", 0>,  // 0.5 * x * (1 + erf(x / sqrt(2)))
      I32EnumAttrCase<"tanh", 1>   // PyTorch's tanh approximation
    ]> {
  let cppNamespace = "::relu::act";
  let genSpecializedAttr = 0;
}

def Act_GeluApproximationAttr
    : EnumAttr<Act_Dialect, Act_GeluApproximation, "approximate"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif
