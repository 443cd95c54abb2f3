#ifndef RELU_DIALECT_ACT_IR_ACTINTERFACES_H
#define RELU_DIALECT_ACT_IR_ACTINTERFACES_H

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "relu/Dialect/Act/IR/ActEnums.h"
#include "relu/Dialect/Act/IR/ActTraits.h"
#include "relu/Dialect/Act/IR/MathBuilder.h"

#include <optional>

namespace relu::act {

/// A float parameter of an activation: its attribute name and default
/// (none for required parameters).
struct ParameterInfo {
  const char *name;
  std::optional<double> defaultValue;
};

/// A condition on float parameters (their domain). Static values are checked
/// by the verifier, dynamic ones by the kernel shim at run time.
struct ParameterRule {
  enum Kind {
    NotNaN,     ///< lhs is not NaN
    NonZero,    ///< lhs != 0
    NotGreater, ///< lhs <= rhs
  } kind;
  llvm::StringRef lhs, rhs;
};

} // namespace relu::act

#include "relu/Dialect/Act/IR/ActInterfaces.h.inc"

namespace relu::act {

/// The names of `op`'s dynamic parameters, in the order of its dynamic
/// operands (which follow the input).
llvm::SmallVector<llvm::StringRef> getDynamicParameterNames(mlir::Operation *op);
/// The dynamic scalar operands of `op` (empty for ops without parameters).
mlir::OperandRange getDynamicValues(mlir::Operation *op);
/// Parameter `name` of activation `op` whose definition is built on `args`
/// (buildScalar's: the input, then the dynamic values).
Parameter getParameter(ActivationOpInterface op, llvm::StringRef name,
                       mlir::ValueRange args);
/// The static value of parameter `name` (attribute or default); none when
/// the parameter is dynamic or missing.
std::optional<double> getStaticParameter(ActivationOpInterface op,
                                         llvm::StringRef name);
/// Verifies dynamic_params against the op's parameters and operands, that
/// every required parameter is given, and the static values against the
/// op's ParameterRules.
mlir::LogicalResult verifyParameters(ActivationOpInterface op);

/// The type an activation computes in for tensors of `elementType`: f32 for
/// f16, bf16 and f32; f64 for f64.
mlir::FloatType getComputeType(mlir::Type elementType);

/// The most elements one constant fold may compute; larger constants are left
/// to run time (bounds the compile-time work and memory of folding).
inline constexpr int64_t kMaxFoldedElements = 1 << 16;

/// Constant-folds an activation whose operands are all constant, by
/// evaluating its `buildScalar` definition in f64 and rounding once to the
/// element type. Operands must have the result's shape or be splats.
mlir::OpFoldResult foldActivation(ActivationOpInterface op,
                                  llvm::ArrayRef<mlir::Attribute> operands);

/// Builds a scalar function of `args` at the builder's insertion point and
/// returns its result (null on failure).
using ScalarBuildFn = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

/// The fold of any elementwise scalar function: `build` is emitted once in f64
/// into a scratch block and evaluated per element through the ops' fold hooks;
/// results are rounded once to `resultType`'s element type. Operands are
/// splats or have `resultType`'s shape. foldActivation uses it; so do the
/// folds of act.grad and act.forward_with_mask.
mlir::OpFoldResult foldElementwise(mlir::Location loc,
                                   mlir::RankedTensorType resultType,
                                   llvm::ArrayRef<mlir::Attribute> operands,
                                   ScalarBuildFn build);

/// Clones the ops of a scalar function body (block arguments mapped to
/// `args`) at the builder's insertion point and returns the value yielded by
/// its terminator. When `args` are vectors, scalar ops are cloned as their
/// elementwise vector forms and scalar constants become splats.
mlir::Value cloneScalarBody(mlir::OpBuilder &builder, mlir::Block &body,
                            mlir::ValueRange args);
/// The same, returning every value the terminator yields (a generic with
/// several outputs).
llvm::SmallVector<mlir::Value> cloneScalarBodyResults(mlir::OpBuilder &builder,
                                                      mlir::Block &body, mlir::ValueRange args);

} // namespace relu::act

#endif
