#ifndef RELU_DIALECT_ACT_IR_ACTGRADOPS_TD
#define RELU_DIALECT_ACT_IR_ACTGRADOPS_TD

// Backward computations of activations. Included from ActOps.td, so these ops
// are generated with the others. No gradient formula is written anywhere: the
// act-derive-gradients pass differentiates the forward op's buildScalar
// (include/relu/Dialect/Act/IR/Derivative.h, docs/gradients.md).

include "relu/Dialect/Act/IR/ActOps.td"

// Packed mask bits: element i (row-major) is bit i % 8 (least significant
// first) of byte i / 8; ceil(N / 8) bytes.
def Act_MaskTensor : 1DTensorOf<[I8]>;
// Further operands of the forward activation: tensors (prelu's slope) or
// scalars (dynamic parameters, which are constants for the derivative).
def Act_FurtherOperand : AnyTypeOf<[Act_FloatTensor, Act_ScalarFloat]>;

def Act_GradOp : Act_Op<"grad", [Pure, IsolatedFromAbove, SingleBlock,
    AllTypesMatch<["dy", "dx"]>]> {
  let summary = "backward of an activation, derived from its definition";
  let description = [{
    `dx = dy * f'(x)` for the activation `f` held in the region, and, when
    the op has more results, the gradients of `f`'s further operands
    (prelu's slope: `d slope[c] = sum over every position but the channel
    axis of dy * df/dslope`). Nothing here names a formula: the
    `act-derive-gradients` pass differentiates `f`'s `buildScalar` by the
    chain rule and lowers the result to `linalg.generic` (or to a vector loop
    for masks and reductions).

    `source` chooses what the kernel reads besides `dy`:
    - `input`: the forward input `x` (every activation);
    - `output`: the forward output `y` (activations with a preimage:
      relu, leaky_relu with slope >= 0, elu/celu with alpha >= 0, selu,
      sigmoid, tanh);
    - `mask`: the packed bits written by `act.forward_with_mask`
      (activations whose derivative takes two values).

    `conventions` (`pytorch` by default, or `jax`) fixes the derivative at
    kinks and at NaN. The region is the forward activation applied to its
    block arguments (the input's type, then the further operands' types).
    Dynamic parameters of the activation are scalar further operands; they
    are constants for the derivative and have no gradient result.

    ```mlir
    %dx = act.grad %dy, input %x : tensor<?xf32>, tensor<?xf32> {
    ^bb0(%a: tensor<?xf32>):
      %y = act.gelu %a {approximate = #act.approximate<tanh>} : tensor<?xf32>
      act.yield %y : tensor<?xf32>
    }
    %dx2, %ds = act.grad %dy2, input %x2, %s
        : tensor<8x3xf32>, tensor<8x3xf32>, tensor<3xf32> -> tensor<3xf32> {
    ^bb0(%a: tensor<8x3xf32>, %b: tensor<3xf32>):
      %y = act.prelu %a, %b {channel_dim = 1 : i64} : tensor<8x3xf32>, tensor<3xf32>
      act.yield %y : tensor<8x3xf32>
    }
    ```
  }];
  let arguments = (ins Act_FloatTensor:$dy,
                       RankedTensorOf<[F16, BF16, F32, F64, I8]>:$primal,
                       Variadic<Act_FurtherOperand>:$params,
                       Act_GradSourceAttr:$source,
                       DefaultValuedAttr<Act_ConventionsAttr,
                           "::relu::act::Conventions::pytorch">:$conventions);
  let results = (outs Act_FloatTensor:$dx, Variadic<Act_FloatTensor>:$param_grads);
  let regions = (region SizedRegion<1>:$forward);
  let assemblyFormat = [{
    $dy `,` custom<GradSource>($source) $primal (`,` $params^)? attr-dict `:` type($dy) `,`
    type($primal) (`,` type($params)^)? (`->` type($param_grads)^)? $forward
  }];
  let hasRegionVerifier = 1;
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// The forward activation held in the region.
    ::relu::act::ActivationOpInterface getForwardOp();
  }];
}

def Act_ForwardWithMaskOp : Act_Op<"forward_with_mask", [Pure,
    IsolatedFromAbove, SingleBlock, AllTypesMatch<["input", "result"]>]> {
  let summary = "an activation that also writes its 1-bit backward mask";
  let description = [{
    Computes the activation held in the region and, beside it, one bit per
    element telling which of the derivative's two values applies there, for
    `act.grad ... mask`. The bit is derived from the definition's derivative
    (it is the derivative's select tree with its two leaves replaced by 1
    and 0), so it follows `conventions` like `act.grad`. Packed as
    numpy.packbits(bitorder='little') of the row-major elements: ceil(N / 8)
    bytes, unused high bits of the last byte 0.

    ```mlir
    %y, %m = act.forward_with_mask %x : tensor<?xf32> -> tensor<?xi8> {
    ^bb0(%a: tensor<?xf32>):
      %r = act.relu %a : tensor<?xf32>
      act.yield %r : tensor<?xf32>
    }
    ```
  }];
  let arguments = (ins Act_FloatTensor:$input, Variadic<Act_FurtherOperand>:$params,
                       DefaultValuedAttr<Act_ConventionsAttr,
                           "::relu::act::Conventions::pytorch">:$conventions);
  let results = (outs Act_FloatTensor:$result, Act_MaskTensor:$mask);
  let regions = (region SizedRegion<1>:$forward);
  let assemblyFormat = [{
    $input (`,` $params^)? attr-dict `:` type($input) (`,` type($params)^)?
    `->` type($mask) $forward
  }];
  let hasRegionVerifier = 1;
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// The forward activation held in the region.
    ::relu::act::ActivationOpInterface getForwardOp();
  }];
}

#endif
