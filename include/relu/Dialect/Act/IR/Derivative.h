//===- Derivative.h - gradients derived from activation definitions -------===//
//
// Backward computations are not written by hand: they are derived from each
// activation's one definition (ActivationOpInterface::buildScalar) by the
// chain rule over the arith/math ops it emits, then simplified. The result is
// a small scalar function that the act-derive-gradients pass clones into
// linalg.generic bodies or vector loops, and that act.grad's fold evaluates.
// docs/gradients.md describes the rules, the conventions and the variants.
//
//===----------------------------------------------------------------------===//

#ifndef RELU_DIALECT_ACT_IR_DERIVATIVE_H
#define RELU_DIALECT_ACT_IR_DERIVATIVE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "relu/Dialect/Act/IR/ActInterfaces.h"

namespace relu::act {

/// A scalar function derived from an activation: a block of arith/math ops on
/// scalars of one compute type, owned by a detached module. `emit` clones it
/// at a builder's insertion point onto scalars or vectors (cloneScalarBody).
class ScalarFunction {
public:
  ScalarFunction(ScalarFunction &&) = default;
  ScalarFunction &operator=(ScalarFunction &&) = default;

  /// Clones the function with its arguments mapped to `args` (scalars or
  /// vectors of one shape; float arguments of the compute type) and returns
  /// its result.
  mlir::Value emit(mlir::OpBuilder &builder, mlir::ValueRange args) const;
  mlir::Block &getBody() const { return *holder->getBody(); }
  unsigned getNumArguments() const { return getBody().getNumArguments(); }
  /// Prints the body (tests, debugging).
  void print(llvm::raw_ostream &os) const;

private:
  friend class GradientDeriver;
  explicit ScalarFunction(mlir::OwningOpRef<mlir::ModuleOp> holder)
      : holder(std::move(holder)) {}
  mutable mlir::OwningOpRef<mlir::ModuleOp> holder;
};

/// Which backward computation to derive.
struct GradientSpec {
  /// The forward activation (any ActivationOpInterface op, act.custom too).
  ActivationOpInterface op;
  Conventions conventions = Conventions::pytorch;
  GradSource source = GradSource::input;
  /// The forward operand to differentiate with respect to: 0 (the input) or
  /// a further operand (prelu's slope: 1). Only `input` supports wrt != 0.
  /// For a group of GLU halves (FusedOp::getHalves) it counts the scalar
  /// arguments (a, b, further operands...): 0 is a, 1 is b.
  unsigned wrt = 0;
  /// Where errors about the request itself (a variant that does not exist)
  /// are reported; errors about a definition point at its ops.
  mlir::Location diagLoc;
};

/// Derives `dy * df/d(operand wrt)` as a scalar function of
/// (dy, primal, params...) in `computeType`, where primal is x (source
/// input), y = f(x) (source output) or the mask bit, an i1 (source mask), and
/// params are f's further operands. Returns failure after emitting an error
/// when an op of the definition has no derivative rule (an act.custom body
/// using, e.g., arith.fptosi on x: the error points at that op) or when the
/// variant does not exist for f (no preimage for `output`; a derivative that
/// takes more than two values, or depends on x through a value, for `mask`).
mlir::FailureOr<ScalarFunction> deriveGradient(const GradientSpec &spec,
                                               mlir::FloatType computeType);

/// Derives the mask bit of f as a scalar function of (x, params...) returning
/// i1: true where f's derivative takes its first value (act.forward_with_mask
/// writes it; act.grad with source mask reads it).
mlir::FailureOr<ScalarFunction> deriveMaskBit(const GradientSpec &spec,
                                              mlir::FloatType computeType);

} // namespace relu::act

#endif // RELU_DIALECT_ACT_IR_DERIVATIVE_H
