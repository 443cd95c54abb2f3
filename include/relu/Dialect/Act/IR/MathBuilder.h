#ifndef RELU_DIALECT_ACT_IR_MATHBUILDER_H
#define RELU_DIALECT_ACT_IR_MATHBUILDER_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"

namespace relu::act {

/// A float parameter of an activation as a definition uses it: a static value,
/// or (when dynamic) the scalar among buildScalar's args that holds it, of any
/// float type, scalar or already splatted to a vector.
struct Parameter {
  Parameter(double value) : value(value) {}
  Parameter(mlir::Value dynamic) : dynamic(dynamic) {}
  double value = 0;
  mlir::Value dynamic;
  bool is(double v) const { return !dynamic && value == v; }
};

/// The discardable attribute that MathBuilder puts beside `afn` on the math
/// functions of a result stored in a 16-bit float: the storage type's
/// significand bits (bf16: 8, f16: 11). convert-math-to-polynomials takes the
/// accuracy its approximation needs from it (docs/design.md, "Kernels of
/// 16-bit floats").
inline constexpr llvm::StringLiteral kSignificandBitsAttrName = "act.significand_bits";

/// `value` (a float scalar or vector) converted to the float element type
/// `to`: extf to widen, truncf (round to nearest even) to narrow; returned
/// unchanged when the types already agree or either is not a float.
mlir::Value convertFloat(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                         mlir::Type to);

/// Emits arith/math ops on values of one float type, scalar or vector.
/// Constants are created in that type (splats for vectors). The activation
/// definitions in ActOps.cpp are written with it.
class MathBuilder {
public:
  /// `parameterType`, when given, is the precision user parameters are held
  /// in (see param); by default that of `type`. `storageType`, when given, is
  /// the type the result is rounded to (the op's element type): see
  /// approximate.
  MathBuilder(mlir::OpBuilder &builder, mlir::Location loc, mlir::Type type,
              mlir::FloatType parameterType = nullptr,
              mlir::FloatType storageType = nullptr)
      : b(builder), loc(loc), type(type), parameterType(parameterType),
        storageType(storageType) {}

  mlir::Value c(double value) const;
  /// A user parameter (an attribute such as a slope or bound): rounded to
  /// `parameterType` first, so that folding in f64 compares and scales with
  /// exactly the value a kernel of the op's element type uses.
  mlir::Value param(double value) const;
  /// A parameter, static (as above) or dynamic: a dynamic value is converted
  /// to `parameterType` (round to nearest even), then to this builder's type
  /// (widened for f64 evaluation, splatted for vectors).
  mlir::Value param(Parameter p) const;
  /// A value known as an unevaluated sum hi + lo with |lo| <= ulp(hi) / 2:
  /// the extra precision keeps arguments of exp/erfc exact enough that the
  /// result's error does not grow with the argument's magnitude. f64 (the
  /// reference and constant folding) needs none: lo is then null. Where hi
  /// is +-inf (an infinite input, an overflowed product) lo is NaN or +-inf:
  /// its users take finiteLow(lo).
  struct Compensated {
    mlir::Value hi, lo;
  };
  bool needsCompensation() const;
  /// Whether the result is evaluated in f32 but stored in a 16-bit float
  /// (bf16, f16), whose rounding (8 or 11 significant bits) hides f32 errors
  /// of up to about 2^-13 relative: no compensated arguments, and the math
  /// functions and divisions carry the fastmath flags `afn` and `arcp`, for
  /// which convert-math-to-polynomials picks cheaper approximations
  /// (docs/accuracy.md, "Kernels of 16-bit floats"); the functions also
  /// carry the storage type's significand bits (kSignificandBitsAttrName),
  /// so that bf16 takes cheaper ones than f16.
  bool approximate() const;
  /// k * x with k split into the type's nearest value and the remainder.
  Compensated mulExact(double k, mlir::Value x) const;
  /// k * x for a parameter k (exact in the compute type when dynamic).
  Compensated mulExact(Parameter k, mlir::Value x) const;
  /// k * x for a value k exact in the compute type: only the product rounds.
  Compensated mulExact(mlir::Value k, mlir::Value x) const;
  /// x * (k1 + k2 * x^2), compensated (the GELU tanh argument).
  Compensated oddCubicExact(mlir::Value x, double k1, double k2) const;
  /// exp(v.hi + v.lo) as exp(v.hi) * (1 + v.lo), for v.lo never -inf (v is
  /// <= 0 by its form; where v.hi = -inf, exp is 0 and v.lo may be NaN or
  /// +inf).
  mlir::Value exp(Compensated v) const;
  /// A compensated value's low part with NaN and +inf replaced by 1
  /// (minnum(lo, 1)), for uses where its high part is then +-inf and the
  /// function of it (exp, erfc's slope) 0; lo must not be -inf there.
  mlir::Value finiteLow(mlir::Value lo) const;
  mlir::Value add(mlir::Value x, mlir::Value y) const;
  mlir::Value sub(mlir::Value x, mlir::Value y) const;
  mlir::Value mul(mlir::Value x, mlir::Value y) const;
  mlir::Value div(mlir::Value x, mlir::Value y) const;
  mlir::Value neg(mlir::Value x) const;
  mlir::Value abs(mlir::Value x) const;
  /// x * y + z with one rounding.
  mlir::Value fma(mlir::Value x, mlir::Value y, mlir::Value z) const;
  /// IEEE-754 2019 maximum/minimum: NaN-propagating, -0.0 < +0.0.
  mlir::Value max(mlir::Value x, mlir::Value y) const;
  mlir::Value min(mlir::Value x, mlir::Value y) const;
  mlir::Value exp(mlir::Value x) const;
  mlir::Value expm1(mlir::Value x) const;
  mlir::Value log1p(mlir::Value x) const;
  mlir::Value tanh(mlir::Value x) const;
  mlir::Value erf(mlir::Value x) const;
  mlir::Value erfc(mlir::Value x) const;
  mlir::Value log(mlir::Value x) const;
  mlir::Value atanh(mlir::Value x) const;
  /// Ordered comparisons: false when either side is NaN.
  mlir::Value gt(mlir::Value x, mlir::Value y) const;
  mlir::Value le(mlir::Value x, mlir::Value y) const;
  mlir::Value ge(mlir::Value x, mlir::Value y) const;
  mlir::Value lt(mlir::Value x, mlir::Value y) const;
  /// Logical and of two conditions.
  mlir::Value both(mlir::Value p, mlir::Value q) const;
  mlir::Value select(mlir::Value cond, mlir::Value x, mlir::Value y) const;

private:
  /// `k` as the nearest value of `to` (default: the element type) plus the
  /// remainder.
  std::pair<double, double> split(double k, mlir::FloatType to = nullptr) const;
  /// `value` (scalar or vector) converted to element type `to`.
  mlir::Value convert(mlir::Value value, mlir::FloatType to) const;
  /// `op`'s result, with the fastmath flags `flags` when approximate() (and
  /// the storage's significand bits with `afn`).
  mlir::Value withFlags(mlir::Operation *op, mlir::arith::FastMathFlags flags) const;

  mlir::OpBuilder &b;
  mlir::Location loc;
  mlir::Type type;
  mlir::FloatType parameterType;
  mlir::FloatType storageType;
};

} // namespace relu::act

#endif
