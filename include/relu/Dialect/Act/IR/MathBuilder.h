#ifndef RELU_DIALECT_ACT_IR_MATHBUILDER_H
#define RELU_DIALECT_ACT_IR_MATHBUILDER_H

#include "mlir/IR/Builders.h"

namespace relu::act {

/// Emits arith/math ops on values of one float type, scalar or vector.
/// Constants are created in that type (splats for vectors). The activation
/// definitions in ActOps.cpp are written with it.
class MathBuilder {
public:
  MathBuilder(mlir::OpBuilder &builder, mlir::Location loc, mlir::Type type)
      : b(builder), loc(loc), type(type) {}

  mlir::Value c(double value) const;
  mlir::Value add(mlir::Value x, mlir::Value y) const;
  mlir::Value sub(mlir::Value x, mlir::Value y) const;
  mlir::Value mul(mlir::Value x, mlir::Value y) const;
  mlir::Value div(mlir::Value x, mlir::Value y) const;
  mlir::Value neg(mlir::Value x) const;
  /// IEEE-754 2019 maximum/minimum: NaN-propagating, -0.0 < +0.0.
  mlir::Value max(mlir::Value x, mlir::Value y) const;
  mlir::Value min(mlir::Value x, mlir::Value y) const;
  mlir::Value exp(mlir::Value x) const;
  mlir::Value expm1(mlir::Value x) const;
  mlir::Value log1p(mlir::Value x) const;
  mlir::Value tanh(mlir::Value x) const;
  mlir::Value erf(mlir::Value x) const;
  mlir::Value erfc(mlir::Value x) const;
  /// Ordered comparisons: false when either side is NaN.
  mlir::Value gt(mlir::Value x, mlir::Value y) const;
  mlir::Value le(mlir::Value x, mlir::Value y) const;
  mlir::Value select(mlir::Value cond, mlir::Value x, mlir::Value y) const;

private:
  mlir::OpBuilder &b;
  mlir::Location loc;
  mlir::Type type;
};

} // namespace relu::act

#endif
