#ifndef RELU_DIALECT_ACT_IR_ACTOPS_TD
#define RELU_DIALECT_ACT_IR_ACTOPS_TD

include "relu/Dialect/Act/IR/ActDialect.td"
include "relu/Dialect/Act/IR/ActInterfaces.td"
include "relu/Dialect/Act/IR/ActAttrs.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/IR/OpBase.td"

def Act_FloatTensor : RankedTensorOf<[F16, BF16, F32, F64]>;
// A dynamic parameter: a scalar of any of the element types.
def Act_ScalarFloat : AnyTypeOf<[F16, BF16, F32, F64]>;

class Act_Op<string mnemonic, list<Trait> traits = []>
    : Op<Act_Dialect, mnemonic, traits>;

// An elementwise activation of one tensor. `attrs` are its parameters. The
// fold hook evaluates `buildScalar` on constant inputs (see ActFolding.cpp).
// `methods` names further interface methods the op defines (buildPreimage).
//
// Float parameters (the attributes of `attrs` stored as FloatAttr) may be left
// dynamic: the op then takes them as scalar operands `$dynamic_values`, named
// in order by `$dynamic_params`, and the attribute is not used
// (docs/design.md, "Dynamic parameters"):
//   %y = act.leaky_relu %x negative_slope(%s : f32) : tensor<?xf32>
// getParameterInfos() lists the float parameters with their defaults.
class Act_UnaryActivation<string mnemonic, dag attrs = (ins),
                          list<Trait> opTraits = [], list<string> methods = []>
    : Act_Op<mnemonic> {
  defvar paramIndices = !filter(i, !range(!size(attrs)),
      !eq(!getdagarg<Attr>(attrs, i).storageType, "::mlir::FloatAttr"));
  defvar hasParams = !not(!empty(paramIndices));
  let traits = opTraits # [Pure, Elementwise,
      !if(hasParams, AllTypesMatch<["input", "result"]>, SameOperandsAndResultType),
      DeclareOpInterfaceMethods<ActivationOpInterface,
          !listconcat(["buildScalar"], methods,
                      !if(hasParams, ["getParameterInfos"], []))>];
  let arguments = !con((ins Act_FloatTensor:$input),
      !if(hasParams, (ins Variadic<Act_ScalarFloat>:$dynamic_values), (ins)),
      attrs,
      !if(hasParams, (ins OptionalAttr<StrArrayAttr>:$dynamic_params), (ins)));
  let results = (outs Act_FloatTensor:$result);
  let assemblyFormat = !if(hasParams,
      "$input (custom<DynamicParameters>($dynamic_values, type($dynamic_values), "
      "$dynamic_params)^)? attr-dict `:` type($input)",
      "$input attr-dict `:` type($input)");
  let hasFolder = 1;
  let hasVerifier = hasParams;
  defvar infos = !interleave(!foreach(i, paramIndices,
      "{\"" # !getdagname(attrs, i) # "\", "
      # !if(!initialized(!getdagarg<Attr>(attrs, i).defaultValue),
            !getdagarg<Attr>(attrs, i).defaultValue, "std::nullopt") # "}"), ", ");
  let extraClassDefinition = [{
    ::mlir::OpFoldResult $cppClass::fold(FoldAdaptor adaptor) {
      return ::relu::act::foldActivation(*this, adaptor.getOperands());
    }
  }] # !if(hasParams, [{
    ::llvm::ArrayRef<::relu::act::ParameterInfo> $cppClass::getParameterInfos() {
      static const ::relu::act::ParameterInfo infos[] = {}] # infos # [{};
      return infos;
    }
    ::llvm::LogicalResult $cppClass::verify() {
      return ::relu::act::verifyParameters(*this);
    }
  }], "");
}

//===----------------------------------------------------------------------===//
// Piecewise-linear activations (exact on every target).
//===----------------------------------------------------------------------===//

def Act_ReluOp : Act_UnaryActivation<"relu", (ins), [PiecewiseLinear, Idempotent],
                                     ["buildPreimage"]> {
  let summary = "rectified linear unit: max(x, 0)";
  let description = [{
    `y = maximum(x, 0)` with IEEE-754 2019 `maximum`: relu(NaN) = NaN (as
    PyTorch, JAX and TensorFlow), relu(-0.0) = +0.0.

    ```mlir
    %y = act.relu %x : tensor<?x128xf32>
    ```
  }];
  let hasCanonicalizer = 1;
}

def Act_LeakyReluOp : Act_UnaryActivation<"leaky_relu",
    (ins DefaultValuedAttr<F64Attr, "0.01">:$negative_slope), [PiecewiseLinear],
    ["buildPreimage"]> {
  let summary = "leaky ReLU: x > 0 ? x : negative_slope * x";
  let description = [{
    PyTorch's `leaky_relu` (default slope 0.01). NaN propagates. The slope,
    like every float parameter, may instead be a run-time scalar:

    ```mlir
    %y = act.leaky_relu %x {negative_slope = 0.2 : f64} : tensor<8xf32>
    %z = act.leaky_relu %x negative_slope(%s : f32) : tensor<8xf32>
    ```
  }];
  let hasCanonicalizer = 1;
}

def Act_ClampOp : Act_UnaryActivation<"clamp",
    (ins DefaultValuedAttr<F64Attr, "-1.0">:$min,
         DefaultValuedAttr<F64Attr, "1.0">:$max), [PiecewiseLinear],
    ["getParameterRules"]> {
  let summary = "clamp to [min, max] (hardtanh; relu6 is clamp 0..6)";
  let description = [{
    `y = minimum(maximum(x, min), max)`; defaults are hardtanh's -1 and 1.
    NaN propagates. `min` must not exceed `max`.

    ```mlir
    %y = act.clamp %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<8xf16>
    ```
  }];
  let hasCanonicalizer = 1;
}

def Act_ThresholdOp : Act_UnaryActivation<"threshold",
    (ins OptionalAttr<F64Attr>:$threshold, OptionalAttr<F64Attr>:$value),
    [PiecewiseLinear]> {
  let summary = "threshold: x <= threshold ? value : x";
  let description = [{
    PyTorch's `threshold`: elements not above `threshold` become `value`.
    NaN is not <= threshold, so NaN propagates. Both parameters are required
    (as attributes or dynamic operands).
  }];
}

def Act_HardSigmoidOp : Act_UnaryActivation<"hardsigmoid", (ins), [PiecewiseLinear]> {
  let summary = "hard sigmoid: clamp(x / 6 + 1 / 2, 0, 1)";
  let description = [{ PyTorch's `hardsigmoid`: `relu6(x + 3) / 6`. NaN propagates. }];
}

def Act_HardSwishOp : Act_UnaryActivation<"hardswish"> {
  let summary = "hard swish: x * relu6(x + 3) / 6";
  let description = [{ PyTorch's `hardswish`. Piecewise quadratic. NaN propagates. }];
}

//===----------------------------------------------------------------------===//
// Exponential-family activations.
//===----------------------------------------------------------------------===//

def Act_EluOp : Act_UnaryActivation<"elu",
    (ins DefaultValuedAttr<F64Attr, "1.0">:$alpha), [], ["buildPreimage"]> {
  let summary = "ELU: x > 0 ? x : alpha * expm1(x)";
  let description = [{ PyTorch's `elu` (default alpha 1). NaN propagates. }];
}

def Act_SeluOp : Act_UnaryActivation<"selu", (ins), [], ["buildPreimage"]> {
  let summary = "SELU: scale * (x > 0 ? x : alpha * expm1(x))";
  let description = [{
    PyTorch's constants: alpha = 1.6732632423543772848170429916717,
    scale = 1.0507009873554804934193349852946. NaN propagates.
  }];
}

def Act_CeluOp : Act_UnaryActivation<"celu",
    (ins DefaultValuedAttr<F64Attr, "1.0">:$alpha), [],
    ["buildPreimage", "getParameterRules"]> {
  let summary = "CELU: x > 0 ? x : alpha * expm1(x / alpha)";
  let description = [{ PyTorch's `celu` (default alpha 1; alpha must not be 0). NaN propagates. }];
}

def Act_GeluOp : Act_UnaryActivation<"gelu",
    (ins DefaultValuedAttr<Act_GeluApproximationAttr,
                           "::relu::act::GeluApproximation::none">:$approximate)> {
  let summary = "GELU, exact (erf) or tanh-approximated";
  let description = [{
    `none`: `0.5 * x * (1 + erf(x / sqrt(2)))`.
    `tanh`: `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))`,
    as PyTorch's `gelu(approximate='tanh')`. NaN propagates.

    ```mlir
    %y = act.gelu %x {approximate = #act.approximate<tanh>} : tensor<?xbf16>
    ```
  }];
}

def Act_SigmoidOp : Act_UnaryActivation<"sigmoid", (ins), [], ["buildPreimage"]> {
  let summary = "logistic sigmoid: 1 / (1 + exp(-x))";
  let description = [{ NaN propagates; saturates to exactly 0 and 1. }];
}

def Act_TanhOp : Act_UnaryActivation<"tanh", (ins), [], ["buildPreimage"]> {
  let summary = "hyperbolic tangent";
  let description = [{ NaN propagates; saturates to exactly -1 and 1. }];
}

def Act_SiluOp : Act_UnaryActivation<"silu"> {
  let summary = "SiLU: x * sigmoid(x)";
  let description = [{ PyTorch's `silu` (swish with beta = 1). NaN propagates. }];
}

def Act_SwishOp : Act_UnaryActivation<"swish",
    (ins DefaultValuedAttr<F64Attr, "1.0">:$beta)> {
  let summary = "swish: x * sigmoid(beta * x)";
  let description = [{ Swish with a trainable-style constant beta. NaN propagates. }];
}

def Act_SoftplusOp : Act_UnaryActivation<"softplus",
    (ins DefaultValuedAttr<F64Attr, "1.0">:$beta,
         DefaultValuedAttr<F64Attr, "20.0">:$threshold), [],
    ["getParameterRules"]> {
  let summary = "softplus: beta * x > threshold ? x : log1p(exp(beta * x)) / beta";
  let description = [{
    PyTorch's `softplus` (beta 1, threshold 20). `beta` must not be 0.
    NaN propagates.
  }];
}

def Act_MishOp : Act_UnaryActivation<"mish"> {
  let summary = "mish: x * tanh(softplus(x))";
  let description = [{
    PyTorch's `mish` (softplus with beta 1, threshold 20). Defined as
    `x * (q / (q + 1/2))`, `q = h * h + h`, `h = exp(min(x, 20)) / 2` (one
    exponential; `q` is `n / 4` for `tanh(softplus(x)) = n / (n + 2)`,
    `n = e * (e + 2)`; above 20, `q + 1/2` rounds to `q` and the result is x
    exactly, as PyTorch's cut-off gives). NaN propagates.
  }];
}

//===----------------------------------------------------------------------===//
// PReLU: a per-channel slope tensor.
//===----------------------------------------------------------------------===//

def Act_PReluOp : Act_Op<"prelu", [Pure, PiecewiseLinear,
    AllTypesMatch<["input", "result"]>,
    AllElementTypesMatch<["input", "slope"]>,
    DeclareOpInterfaceMethods<ActivationOpInterface,
                              ["buildScalar", "getOperandIndexingMap"]>]> {
  let summary = "parametric ReLU: x > 0 ? x : slope[c] * x";
  let description = [{
    `slope` is a 1-D tensor of size 1 (one slope for all elements) or of the
    size of `input`'s dimension `channel_dim` (default 1, NCHW's channels),
    as PyTorch's `prelu`. A slope of dynamic size is taken to have size C:
    write a single slope as `tensor<1xT>`. NaN propagates.

    ```mlir
    %y = act.prelu %x, %slope {channel_dim = 1 : i64}
        : tensor<?x64x7x7xf32>, tensor<64xf32>
    ```
  }];
  let arguments = (ins Act_FloatTensor:$input, Act_FloatTensor:$slope,
                       DefaultValuedAttr<I64Attr, "1">:$channel_dim);
  let results = (outs Act_FloatTensor:$result);
  let assemblyFormat =
      "$input `,` $slope attr-dict `:` type($input) `,` type($slope)";
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// User-defined activations.
//===----------------------------------------------------------------------===//

def Act_CustomOp : Act_Op<"custom", [Pure, SameOperandsAndResultType,
    IsolatedFromAbove, SingleBlock,
    DeclareOpInterfaceMethods<ActivationOpInterface, ["buildScalar"]>]> {
  let summary = "user-defined activation given by its scalar function";
  let description = [{
    The region maps one scalar of the compute type (f32 for f16, bf16 and
    f32 tensors; f64 for f64) to one scalar of the same type, using only pure
    arith and math ops, and ends in `act.yield`. It is lowered, folded and
    differentiated exactly like the built-in activations.

    ```mlir
    %y = act.custom %x : tensor<?xf32> {
    ^bb0(%v: f32):
      %c = arith.constant 0.5 : f32
      %m = arith.mulf %v, %c : f32
      act.yield %m : f32
    }
    ```
  }];
  let arguments = (ins Act_FloatTensor:$input);
  let results = (outs Act_FloatTensor:$result);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$input attr-dict `:` type($input) $body";
  let hasRegionVerifier = 1;
  let hasFolder = 1;
}

def Act_YieldOp : Act_Op<"yield", [Pure, Terminator,
    ParentOneOf<["CustomOp", "GradOp", "ForwardWithMaskOp"]>]> {
  let summary = "returns the result of an act.custom body or of the forward "
                "activation in an act.grad / act.forward_with_mask region";
  let arguments = (ins AnyType:$value);
  let assemblyFormat = "$value attr-dict `:` type($value)";
}

// Gradients: act.grad and act.forward_with_mask (docs/gradients.md).
include "relu/Dialect/Act/IR/ActGradOps.td"
// Fusion groups and quantization: act.fused, act.quantize (docs/fusion.md).
include "relu/Dialect/Act/IR/ActFusionOps.td"

#endif
