#ifndef RELU_DIALECT_ACT_IR_ACTINTERFACES_H
#define RELU_DIALECT_ACT_IR_ACTINTERFACES_H

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "relu/Dialect/Act/IR/ActEnums.h"
#include "relu/Dialect/Act/IR/ActTraits.h"

#include "relu/Dialect/Act/IR/ActInterfaces.h.inc"

namespace relu::act {

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

} // namespace relu::act

#endif
