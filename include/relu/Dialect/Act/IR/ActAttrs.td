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

def Act_Conventions : I32EnumAttr<"Conventions",
    "whose derivative conventions a gradient follows at kinks and NaN", [
      I32EnumAttrCase<"pytorch", 0>,  // torch.autograd (the default)
      I32EnumAttrCase<"jax", 1>       // jax.grad of jax.nn
    ]> {
  let cppNamespace = "::relu::act";
  let genSpecializedAttr = 0;
}

def Act_ConventionsAttr
    : EnumAttr<Act_Dialect, Act_Conventions, "conventions"> {
  let assemblyFormat = "`<` $value `>`";
}

def Act_GradSource : I32EnumAttr<"GradSource",
    "what a backward kernel reads besides dy", [
      I32EnumAttrCase<"input", 0>,   // the forward input x
      I32EnumAttrCase<"output", 1>,  // the forward output y
      I32EnumAttrCase<"mask", 2>     // 1 bit per element written by act.forward_with_mask
    ]> {
  let cppNamespace = "::relu::act";
  let genSpecializedAttr = 0;
}

def Act_GradSourceAttr
    : EnumAttr<Act_Dialect, Act_GradSource, "grad_source"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif
