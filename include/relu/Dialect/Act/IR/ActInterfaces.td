#ifndef RELU_DIALECT_ACT_IR_ACTINTERFACES_TD
#define RELU_DIALECT_ACT_IR_ACTINTERFACES_TD

include "mlir/IR/OpBase.td"

def ActivationOpInterface : OpInterface<"ActivationOpInterface"> {
  let cppNamespace = "::relu::act";
  let description = [{
    The one definition of an activation's math. `buildScalar` emits, at the
    builder's insertion point, arith/math ops computing the activation of
    `args` (one value per tensor operand, the activation input first). Each
    value is a scalar or a vector of the compute type (f32 for f16, bf16 and
    f32; f64 for f64), and the result has the same type. Constants are
    created to match, so the same definition serves scalar folding, vector
    CPU code, GPU code and differentiation.
  }];
  let methods = [
    InterfaceMethod<[{
        Emits the activation's math for `args` and returns the result.
        `conventions` only chooses between forms that compute the same
        values: the form whose chain-rule derivative (Derivative.h) follows
        those conventions at kinks and NaN (docs/gradients.md). Forward
        kernels and folding use the default form (pytorch).
      }],
      "::mlir::Value", "buildScalar",
      (ins "::mlir::OpBuilder &":$builder, "::mlir::Location":$loc,
           "::mlir::ValueRange":$args,
           "::relu::act::Conventions":$conventions)>,
    InterfaceMethod<[{
        Emits a preimage of the activation's output `y`: a value x~ with
        f(x~) == y (up to rounding) and f'(x~) == f'(x) under `conventions`
        for every x with f(x) == y. Backward kernels that read y instead of x
        differentiate the definition at x~ and simplify (Derivative.cpp).
        Returns null where no such value exists (f not injective on a piece
        with nonzero slope): then there is no output-based gradient.
      }],
      "::mlir::Value", "buildPreimage",
      (ins "::mlir::OpBuilder &":$builder, "::mlir::Location":$loc,
           "::mlir::Value":$y, "::relu::act::Conventions":$conventions), "",
      "return ::mlir::Value();">,
    InterfaceMethod<
      "Indexing map from the result's dimensions to operand `index`'s "
      "(no results for a scalar operand: a dynamic parameter).",
      "::mlir::AffineMap", "getOperandIndexingMap", (ins "unsigned":$index), "",
      [{
        auto type = ::llvm::cast<::mlir::ShapedType>($_op->getResult(0).getType());
        if (!::llvm::isa<::mlir::ShapedType>($_op->getOperand(index).getType()))
          return ::mlir::AffineMap::get(type.getRank(), 0, $_op->getContext());
        return ::mlir::AffineMap::getMultiDimIdentityMap(type.getRank(),
                                                         $_op->getContext());
      }]>,
    InterfaceMethod<[{
        The activation's float parameters (attributes that may instead be
        dynamic scalar operands), in declaration order, with their defaults.
      }],
      "::llvm::ArrayRef<::relu::act::ParameterInfo>", "getParameterInfos",
      (ins), "", "return {};">,
    InterfaceMethod<[{
        The domain of the float parameters: checked by the verifier on
        static values and by the kernel shim on dynamic ones at run time.
      }],
      "::llvm::SmallVector<::relu::act::ParameterRule>", "getParameterRules",
      (ins), "", "return {};">,
    InterfaceMethod<
      "True when the activation is piecewise linear (its result is exact).",
      "bool", "isPiecewiseLinear", (ins), "",
      "return $_op->template hasTrait<::relu::act::OpTrait::PiecewiseLinear>();">,
  ];
  let extraSharedClassDeclaration = [{
    /// The activation's math in its default (forward) form.
    ::mlir::Value buildScalar(::mlir::OpBuilder &builder, ::mlir::Location loc,
                              ::mlir::ValueRange args) {
      return $_op.buildScalar(builder, loc, args,
                              ::relu::act::Conventions::pytorch);
    }
  }];
}

def PiecewiseLinear : NativeOpTrait<"PiecewiseLinear"> {
  let cppNamespace = "::relu::act::OpTrait";
}

#endif
