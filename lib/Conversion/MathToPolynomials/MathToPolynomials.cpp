// f32 transcendentals -> upstream MLIR polynomial approximations, so that
// vector loops stay vectorized; f64 math -> libm calls (reference quality).
// f32 math with the fastmath flag `afn` (and divisions with `arcp`) only
// needs about 2^-13 relative error: MathBuilder sets the flags for results
// stored in a 16-bit float, and cheaper approximations serve them; with
// act.significand_bits <= 8 (bf16) about 2^-10 suffices, served by cheaper
// ones still.
#include "DivisionByConstant.h"
#include "relu/Dialect/Act/IR/MathBuilder.h"

#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "relu/Conversion/Passes.h"

#include <cmath>

namespace relu {
#define GEN_PASS_DEF_CONVERTMATHTOPOLYNOMIALSPASS
#include "relu/Conversion/Passes.h.inc"
} // namespace relu

using namespace mlir;

namespace {

/// Whether `v` is <= 0 or NaN by its form: -|y|, -(y * y), min(0, y), or
/// c * |y| with a constant c <= 0.
bool knownNonPositive(Value v) {
  auto nonPositiveConstant = [](Value c) {
    FloatAttr scalar;
    DenseElementsAttr dense;
    if (matchPattern(c, m_Constant(&scalar)))
      return scalar.getValueAsDouble() <= 0;
    if (matchPattern(c, m_Constant(&dense)) && dense.isSplat())
      return dense.getSplatValue<APFloat>().convertToDouble() <= 0;
    return false;
  };
  auto isAbs = [](Value y) { return y.getDefiningOp<math::AbsFOp>() != nullptr; };
  auto isSquare = [](Value y) {
    auto product = y.getDefiningOp<arith::MulFOp>();
    return product && product.getLhs() == product.getRhs();
  };
  if (auto neg = v.getDefiningOp<arith::NegFOp>())
    return isAbs(neg.getOperand()) || isSquare(neg.getOperand());
  if (auto minimum = v.getDefiningOp<arith::MinimumFOp>())
    return nonPositiveConstant(minimum.getLhs()) || nonPositiveConstant(minimum.getRhs());
  if (auto product = v.getDefiningOp<arith::MulFOp>())
    return (isAbs(product.getLhs()) && nonPositiveConstant(product.getRhs())) ||
           (isAbs(product.getRhs()) && nonPositiveConstant(product.getLhs()));
  return false;
}

/// The accuracy an f32 math function needs (precisionOf).
enum class Precision {
  /// About 1 ULP of f32.
  full,
  /// A result stored in f16 (11 significant bits): relative errors up to
  /// about 2^-14 (lower degrees, one-step reductions, vrcp14ps divisions).
  half,
  /// A result stored in bf16 (8 significant bits): up to about 2^-11, still
  /// lower degrees.
  bfloat,
};

/// expm1's Q (highest degree first) for each Precision (F32Builder::expm1).
constexpr double kExpm1QFull[] = {0.0013882522471249104, 0.008366520516574383,
                                  0.04166720062494278, 0.1666654348373413,
                                  0.4999999701976776};
constexpr double kExpm1QHalf[] = {0.04160994105916774, 0.16749615111959473,
                                  0.5000165263637929};
constexpr double kExpm1QBfloat[] = {0.16700267791748047, 0.5036733150482178};

/// Builds f32 (scalar or vector) arithmetic for the approximations below.
/// `approximate` (precision below full): vrcp14ps for divisions.
class F32Builder {
public:
  F32Builder(PatternRewriter &rewriter, Location loc, Type type, bool avx512,
             Precision precision = Precision::full)
      : b(rewriter), loc(loc), type(type), shaped(dyn_cast<VectorType>(type)),
        avx512(avx512), approximate(precision != Precision::full),
        precision(precision) {
    intType = b.getI32Type();
    if (shaped)
      intType = VectorType::get(shaped.getShape(), intType);
    zmm = avx512 && shaped && shaped.getShape() == ArrayRef<int64_t>{16};
  }
  Value f(double v) { return constant(type, b.getF32FloatAttr(v)); }
  Value i(int32_t v) { return constant(intType, b.getI32IntegerAttr(v)); }
  Value fma(Value x, Value y, Value z) { return math::FmaOp::create(b, loc, x, y, z); }
  Value mul(Value x, Value y) { return arith::MulFOp::create(b, loc, x, y); }
  Value add(Value x, Value y) { return arith::AddFOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubFOp::create(b, loc, x, y); }
  Value div(Value x, Value y) { return arith::DivFOp::create(b, loc, x, y); }
  Value min(Value x, Value y) { return arith::MinimumFOp::create(b, loc, x, y); }
  Value max(Value x, Value y) { return arith::MaximumFOp::create(b, loc, x, y); }
  /// Horner evaluation of scale * sum(coefficients[j] * t^(n-1-j)); a power
  /// of two `scale` is exact in every coefficient.
  Value horner(ArrayRef<double> coefficients, Value t, double scale = 1.0) {
    Value p = f(scale * coefficients.front());
    for (double c : coefficients.drop_front())
      p = fma(p, t, f(scale * c));
    return p;
  }

  /// exp(x) with Cody-Waite range reduction and gradual underflow, about
  /// 1 ULP over the whole range (upstream's approximation reduces the
  /// argument in one step and loses accuracy as |x| grows):
  ///   k = roundeven(x * log2(e)),  r = x - k * ln2 (ln2 in two parts),
  ///   exp(x) = p(r) * 2^k, p of degree 6 (least-squares fit of e^r on
  ///   [-ln2/2, ln2/2], 0.06 ULP); approximate: one-step reduction, p of
  ///   degree 4 (relative error 2^-17.5), degree 3 for bf16 (2^-13.2, p(0)
  ///   = 1 exactly).
  /// The scaling by 2^k keeps subnormal and overflowing results correctly
  /// rounded: one ldexp (vscalefps on AVX-512) or two multiplications by
  /// normal powers of two elsewhere.
  Value exp(Value input) { return scaledExp(input, 1.0); }
  /// exp(x) * `scale` for a power of two `scale`: the polynomial's
  /// coefficients carry the factor, exactly, and the result is rounded once
  /// as exp's is (ScaledExp).
  Value scaledExp(Value input, double scale) {
    if (precision == Precision::bfloat && zmm) {
      // exp(-z) as exp2(z * -log2(e)): the negation is exact.
      if (auto negation = input.getDefiningOp<arith::NegFOp>())
        return expFromFraction(negation.getOperand(), -1.44269504088896341, scale);
      return expFromFraction(input, 1.44269504088896341, scale);
    }
    // Beyond [-104, 89] the result is 0 or inf anyway; clamping keeps k in
    // range. minimumf/maximumf propagate NaN.
    Value x = clampArgument(input);
    Value k = roundedLog2e(x);
    return expOfReduced(k, reduce(k, x), scale);
  }
  /// exp(c a) for c <= 0 and a >= 0 (or NaN) by their forms, without
  /// rounding c a first: r = fma(a, c, -k ln2_hi) holds the exact product
  /// (k ln2_hi is exact), as exp of a compensated c a does with four more
  /// instructions (CompensatedProductExp). c may vary per call (a run-time
  /// parameter): -104 / c and c log2(e) are f32 operations, folded for a
  /// constant c to the same values.
  Value expOfProduct(Value c, Value a) {
    // c a >= -104 (NaN stays NaN); c = -0 keeps a.
    Value clamped = min(a, div(f(-104.0), c));
    Value k = roundedProduct(clamped, mul(c, f(kLog2e)));
    Value r = fma(clamped, c, mul(k, f(-kLn2Hi)));
    return expOfReduced(k, fma(k, f(-kLn2Lo), r), 1.0);
  }
  /// scale * p(r) * 2^k for r = x - k ln2 (exp's polynomial, scaling that
  /// keeps subnormal and overflowing results correctly rounded).
  Value expOfReduced(Value k, Value r, double scale) {
    Value p = pick({0.0013751407949899317, 0.008368916889885957, 0.04166953316658169,
                    0.16666518455421314, 0.4999998859468139, 1.0, 1.0},
                   {0.041277640241360575, 0.1675350520367289, 0.5000511594014233, 1.0, 1.0},
                   {0.1651744246482849, 0.5041241645812988, 1.0001956224441528, 1.0}, r, scale);
    if (zmm)
      return scalef(p, k);
    Value ki = arith::FPToSIOp::create(b, loc, intType, k);
    // llvm.intr.ldexp takes only a scalar exponent in MLIR; the intrinsic
    // itself accepts vectors.
    if (avx512)
      return LLVM::CallIntrinsicOp::create(b, loc, type, b.getStringAttr("llvm.ldexp"),
                                           ValueRange{p, ki})
          .getResult(0);
    Value k1 = arith::ShRSIOp::create(b, loc, ki, i(1));
    Value k2 = arith::SubIOp::create(b, loc, ki, k1);
    return mul(mul(p, pow2(k1)), pow2(k2));
  }

  /// exp(x) for bf16 on AVX-512 (2^-13.3 relative): with t = x * log2(e)
  /// (x * `log2e`, which may carry the sign of x)
  /// (rounding error 2^-24 |t|, at most 2^-16.8 for finite results),
  /// f = t - floor(t) in [0, 1) (vreduceps, exact), exp(x) = p(f) * 2^floor(t)
  /// (vscalefps floors its exponent), p ~ 2^f of degree 3 with p(0) = 1 and
  /// p(1) = 2 exactly in f32 (exp(-tiny) = p(1) / 2 is 1, as it should). No
  /// clamps: vreduceps gives 0 for t = +-inf, so vscalefps alone yields
  /// exp(+-inf) = inf, 0, overflows, and gradual underflow; NaN stays NaN.
  Value expFromFraction(Value x, double log2e, double scale) {
    Value t = mul(x, f(log2e));
    Value fraction = fractionOf(t, /*roundDown=*/true);
    Value p = horner({0.07826795428991318, 0.22630766034126282, 0.6954243779182434, 1.0},
                     fraction, scale);
    return scalef(p, t);
  }

  /// expm1(x) = 2^k * (p(r) + 1) - 1 with the reduction of exp and
  /// p(r) = r + r^2 * Q(r) ~ expm1(r) (degree 6: Q a minimax fit for p's
  /// relative error, 2^-24 * 0.28 with the f32 coefficients;
  /// approximate: degree 4, relative error 2^-15.5; bf16: degree 3,
  /// 2^-11), evaluated
  /// as (2^k1 * p + (2^k1 - 2^-k2)) * 2^k2 with k1 + k2 = k: one rounding (the
  /// fma; both scalings are exact), no cancellation near 0 (k = 0 gives p),
  /// and no overflow of 2^k before the result itself overflows.
  Value expm1(Value input) {
    if (precision == Precision::bfloat && zmm && knownNonPositive(input))
      return expm1FromFraction(input);
    Value x = clampArgument(input);
    Value k = roundedLog2e(x);
    Value r = reduce(k, x);
    Value p = fma(mul(r, r), pick(kExpm1QFull, kExpm1QHalf, kExpm1QBfloat, r), r);
    // x <= 0: one scale 2^k <= 1, fma(2^k, p, 2^k - 1). 2^k - 1 is exact
    // for k >= -24; below, the result rounds to -1 anyway except for
    // x in (-25 ln2, -24.5 ln2], where it may be 1 ULP short of -1 + 2^-24.
    if (zmm && knownNonPositive(input)) {
      Value scale = scalef(f(1.0), k);
      return fma(scale, p, sub(scale, f(1.0)));
    }
    if (zmm) {
      Value k1 = math::FloorOp::create(b, loc, mul(k, f(0.5)));
      Value k2 = sub(k, k1);
      Value scale1 = scalef(f(1.0), k1);
      Value offset = sub(scale1, scalef(f(1.0), arith::NegFOp::create(b, loc, k2)));
      return scalef(fma(scale1, p, offset), k2);
    }
    Value ki = arith::FPToSIOp::create(b, loc, intType, k);
    Value k1 = arith::ShRSIOp::create(b, loc, ki, i(1));
    Value k2 = arith::SubIOp::create(b, loc, ki, k1);
    Value scale1 = pow2(k1);
    Value offset = sub(scale1, pow2(arith::SubIOp::create(b, loc, i(0), k2)));
    return mul(fma(scale1, p, offset), pow2(k2));
  }

  /// expm1(x) for bf16 on AVX-512 and x <= 0 (2^-11.2 relative): with t =
  /// x * log2(e), f = t - roundeven(t) in [-1/2, 1/2] (vreduceps, exact) and
  /// k = t - f (exact), expm1(x) = 2^k * p(f) + (2^k - 1) with p ~ 2^f - 1
  /// = f * Q(f), Q of degree 2: relative accuracy near 0 (k = 0 gives p), and
  /// no clamp: vreduceps gives 0 for t = -inf, so k = -inf and the result is
  /// -1; NaN stays NaN.
  Value expm1FromFraction(Value x) {
    Value t = mul(x, f(1.44269504088896341));
    Value fraction = fractionOf(t, /*roundDown=*/false);
    Value k = sub(t, fraction);
    Value p = mul(horner({0.05550320819020271, 0.24202637374401093, 0.6931782960891724},
                         fraction),
                  fraction);
    Value scale = scalef(f(1.0), k);
    return fma(scale, p, sub(scale, f(1.0)));
  }

  /// tanh(x) = sign(x) * -e / (2 + e) with e = expm1(-2|x|) in (-1, 0]:
  /// accurate near 0 (e ~ -2|x|) and saturating to exactly +-1. copysign
  /// takes the magnitude of e / (2 + e) <= 0, so -e needs no negation.
  Value tanh(Value x) {
    if (precision == Precision::bfloat)
      return tanhRational(x);
    Value ax = math::AbsFOp::create(b, loc, x);
    if (zmm) {
      // h = -e / 2: tanh = h / (1 - h), the same quotient scaled by -1/2.
      Value h = negHalfExpm1OfDouble(ax);
      return math::CopySignOp::create(b, loc, quotient(h, sub(f(1.0), h)), x);
    }
    Value e = expm1(mul(f(-2.0), ax));
    return math::CopySignOp::create(b, loc, quotient(e, add(f(2.0), e)), x);
  }
  /// -expm1(-2a) / 2 for a >= 0 (or NaN) by its form, on AVX-512: expm1's
  /// steps (x <= 0) with the factor -2 carried by the reduction (r = -2 r',
  /// r' = a + k ln2 / 2) and by Q's coefficients, and -1/2 by the result's
  /// terms, all exact powers of two: bit for bit expm1(-2a) times -1/2,
  /// without the product -2a or a halving.
  Value negHalfExpm1OfDouble(Value a) {
    // -2a >= -104 (NaN stays NaN).
    Value clamped = min(a, f(52.0));
    Value k = roundedProduct(clamped, f(-2.0 * kLog2e));
    Value r = approximate ? fma(k, f(0.5 * 0.69314718055994531), clamped)
                          : fma(k, f(0.5 * kLn2Lo), fma(k, f(0.5 * kLn2Hi), clamped));
    // -p / 2 = r' + r'^2 Q~(r') with Q~(t) = -2 Q(-2 t).
    auto substituted = [](ArrayRef<double> q) {
      SmallVector<double> scaled(q);
      double factor = -2.0;
      for (double &c : llvm::reverse(scaled)) {
        c *= factor;
        factor *= -2.0;
      }
      return scaled;
    };
    Value p = fma(mul(r, r),
                  pick(substituted(kExpm1QFull), substituted(kExpm1QHalf),
                       substituted(kExpm1QBfloat), r),
                  r);
    // 2^k p + (2^k - 1), times -1/2.
    Value scale = scalef(f(1.0), k);
    return fma(scale, p, fma(scale, f(-0.5), f(0.5)));
  }

  /// tanh(x) for bf16: x P(x^2) / Q(x^2) with P of degree 1, Q of degree 2,
  /// a rational fit for relative error (2^-11.2) on [-4, 4] with P(0) =
  /// Q(0) = 1 (tanh(x) = x for tiny x, -0.0 stays -0.0), x clamped to
  /// [-4, 4] (NaN stays NaN): 4 P(16) / Q(16) = 1 - 2^-9.85 rounds to 1 in
  /// bf16, as tanh does from atanh(1 - 2^-9) = 3.47 on. No exponential: one
  /// reciprocal (vrcp14ps on AVX-512) and five multiplications or fmas.
  Value tanhRational(Value input) {
    Value x = min(max(input, f(-4.0)), f(4.0));
    Value s = mul(x, x);
    Value p = fma(s, f(0.08333972841501236), f(1.0));
    Value q = horner({0.006638636346906424, 0.41527408361434937, 1.0}, s);
    return mul(mul(x, p), reciprocal(q));
  }

  /// erfc for an op with `afn`: erfc(|a|) = exp(-a^2) * t * P(t) with
  /// t = 1 / (1 + 0.45 |a|) and P of degree 5 (bf16: 3), fitted for relative
  /// error (2^-16.5, bf16: 2^-10.2, on [0, 10]; beyond, exp(-a^2) is 0) with
  /// P(1) = 1 exactly in
  /// f32, so that erfc(+-0) = 1 (gelu(x) = x / 2 for tiny x), then
  /// erfc(a) = 2 - erfc(-a) for a < 0. Null otherwise (upstream's
  /// approximation applies).
  Value erfc(Value a) {
    if (!approximate)
      return Value();
    Value y = math::AbsFOp::create(b, loc, a);
    Value t = reciprocal(fma(y, f(0.45), f(1.0)));
    Value p = precision == Precision::bfloat
                  ? horner({0.27596959471702576, 0.2297201156616211, 0.23776082694530487,
                            0.2565494477748871},
                           t)
                  : horner({-0.1330081969499588, 0.2841323912143707, 0.09822297096252441,
                            0.2440105825662613, 0.25276902318000793, 0.25387322902679443},
                           t);
    Value square = mul(y, y);
    Value tail = mul(exp(arith::NegFOp::create(b, loc, square)), mul(t, p));
    Value negative = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, a, f(0.0));
    return arith::SelectOp::create(b, loc, negative, sub(f(2.0), tail), tail);
  }

  /// x / y; with `approximate`, x * vrcp14ps(y) for 16 x f32 on AVX-512
  /// (relative error 2^-14, no Newton step).
  Value quotient(Value x, Value y) {
    if (approximate && zmm)
      return mul(x, reciprocal(y));
    return div(x, y);
  }

  /// log1p(e) for e in [0, 1] (or NaN): 2 atanh(s) with s = e / (2 + e) in
  /// [0, 1/3], 2s + 2s z R(z) with z = s^2 and R a degree-3 least-squares
  /// fit of (atanh(s)/s - 1)/z (relative error 2^-27.6 of the result). No
  /// range reduction: about a third of upstream's general log1p. approximate:
  /// R of degree 1 (2^-16.8); bf16: a constant (2^-11).
  Value log1pUnit(Value e) {
    Value s = quotient(e, add(f(2.0), e));
    Value twoS = add(s, s);
    Value z = mul(s, s);
    Value r = pick({0.1399483998469011, 0.14003715546999473, 0.20010545263988783,
                    0.3333321320320038},
                   {0.22447710311056118, 0.3324627170453958}, {0.35309460759162903}, z);
    return fma(twoS, mul(z, r), twoS);
  }

  /// 1 / y: vrcp14ps for 16 x f32 on AVX-512 with `approximate`, else a
  /// division.
  Value reciprocal(Value y) {
    if (!(approximate && zmm))
      return div(f(1.0), y);
    return LLVM::CallIntrinsicOp::create(b, loc, type,
                                         b.getStringAttr("llvm.x86.avx512.rcp14.ps.512"),
                                         ValueRange{y, f(0.0), allLanes()})
        .getResult(0);
  }

private:
  /// Horner evaluation of the coefficients for this builder's precision.
  Value pick(ArrayRef<double> full, ArrayRef<double> half, ArrayRef<double> bfloat, Value t,
             double scale = 1.0) {
    switch (precision) {
    case Precision::full:
      return horner(full, t, scale);
    case Precision::half:
      return horner(half, t, scale);
    case Precision::bfloat:
      return horner(bfloat, t, scale);
    }
    llvm_unreachable("unknown precision");
  }
  /// r = x - k * ln2: ln2 in two parts, the high one exact in k * ln2_hi; one
  /// step for `approximate` (the rounding of ln2 costs |k| 2^-28.5).
  Value reduce(Value k, Value x) {
    if (approximate)
      return fma(k, f(-0.69314718055994531), x);
    return fma(k, f(-kLn2Lo), fma(k, f(-kLn2Hi), x));
  }
  /// ln2 in two parts, the high one with trailing zeros (k ln2_hi is exact
  /// for the clamped k).
  static constexpr double kLn2Hi = 0.693145751953125, kLn2Lo = 1.428606765330187045e-06;
  static constexpr double kLog2e = 1.44269504088896341;
  /// roundeven(x * log2(e)) for |x| <= 104 (clamped arguments) or NaN. On
  /// AVX-512 as (x * log2(e) + 1.5 * 2^23) - 1.5 * 2^23: the fma rounds to an
  /// integer, under embedded round-to-nearest whatever MXCSR's mode, and the
  /// subtraction is exact. Two uops instead of three (vrndscaleps is two);
  /// the k it gives may differ in a tie of the rounded product, where r stays
  /// within ln2/2 (plus 2^-24) all the same.
  Value roundedLog2e(Value x) { return roundedProduct(x, f(kLog2e)); }
  /// roundeven(x * m) for |x m| <= 151 or NaN, as roundedLog2e.
  Value roundedProduct(Value x, Value m) {
    const double shift = 0x1.8p23;
    if (!zmm)
      return math::RoundEvenOp::create(b, loc, mul(x, m));
    Value toNearest = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(8));
    Value shifted = LLVM::CallIntrinsicOp::create(b, loc, type,
                                                  b.getStringAttr("llvm.x86.avx512.vfmadd.ps.512"),
                                                  ValueRange{x, m, f(shift), toNearest})
                        .getResult(0);
    return sub(shifted, f(shift));
  }
  /// The argument clamped to [-104, 89] (NaN stays NaN); not above for an
  /// argument known to be <= 0.
  Value clampArgument(Value input) {
    Value x = max(input, f(-104.0));
    return knownAtMost89(input) ? x : min(x, f(89.0));
  }
  /// Whether `v` is <= 89 or NaN by its form: <= 0, or min(c, y) with a
  /// constant c <= 89 (mish's exp(min(x, 20))).
  static bool knownAtMost89(Value v) {
    if (knownNonPositive(v))
      return true;
    auto minimum = v.getDefiningOp<arith::MinimumFOp>();
    APFloat c(0.0f);
    return minimum && (matchPattern(minimum.getRhs(), m_ConstantFloat(&c)) ||
                       matchPattern(minimum.getLhs(), m_ConstantFloat(&c))) &&
           c.convertToDouble() <= 89.0;
  }
  /// t minus t rounded to an integer (down, or to nearest even), exactly
  /// (vreduceps); 0 for t = +-inf.
  Value fractionOf(Value t, bool roundDown) {
    // imm8: keep no fraction bits, suppress the precision exception (0x08),
    // rounding mode 1 (down) or 0 (to nearest even).
    Value mode = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(roundDown ? 0x09 : 0x08));
    return LLVM::CallIntrinsicOp::create(
               b, loc, type, b.getStringAttr("llvm.x86.avx512.mask.reduce.ps.512"),
               ValueRange{t, mode, f(0.0), allLanes(), currentDirection()})
        .getResult(0);
  }
  /// x * 2^floor(k) (vscalefps; saturates like ldexp).
  Value scalef(Value x, Value k) {
    return LLVM::CallIntrinsicOp::create(
               b, loc, type, b.getStringAttr("llvm.x86.avx512.mask.scalef.ps.512"),
               ValueRange{x, k, f(0.0), allLanes(), currentDirection()})
        .getResult(0);
  }
  /// The rounding operand of the AVX-512 intrinsics: MXCSR's mode.
  Value currentDirection() {
    return arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(4));
  }
  Value allLanes() {
    return arith::ConstantOp::create(b, loc, b.getI16IntegerAttr(-1));
  }
  Value constant(Type t, TypedAttr scalar) {
    Attribute attr = scalar;
    if (auto vector = dyn_cast<VectorType>(t))
      attr = DenseElementsAttr::get(vector, scalar);
    return arith::ConstantOp::create(b, loc, t, cast<TypedAttr>(attr));
  }
  Value pow2(Value e) {
    Value bits = arith::ShLIOp::create(b, loc, arith::AddIOp::create(b, loc, e, i(127)), i(23));
    return arith::BitcastOp::create(b, loc, type, bits);
  }

  PatternRewriter &b;
  Location loc;
  Type type, intType;
  VectorType shaped;
  bool avx512;
  /// 16 x f32 on AVX-512: one zmm register, for the x86 intrinsics.
  bool zmm;
  bool approximate;
  Precision precision;
};

/// Whether `op` carries the fastmath flag `flag`.
bool hasFlag(Operation *op, arith::FastMathFlags flag) {
  auto fastMath = dyn_cast<arith::ArithFastMathInterface>(op);
  return fastMath && arith::bitEnumContainsAll(fastMath.getFastMathFlagsAttr().getValue(), flag);
}

/// The accuracy `op`'s result needs: full without `afn`; with it, that of the
/// storage type's significand bits (MathBuilder::approximate).
Precision precisionOf(Operation *op) {
  if (!hasFlag(op, arith::FastMathFlags::afn))
    return Precision::full;
  auto bits = op->getAttrOfType<IntegerAttr>(relu::act::kSignificandBitsAttrName);
  return bits && bits.getInt() <= 8 ? Precision::bfloat : Precision::half;
}

/// Replaces f32 `Op` by F32Builder's approximation `build` (unless that is
/// null), at the precision the op needs (precisionOf).
template <typename Op, Value (F32Builder::*build)(Value)>
struct F32Approximation : OpRewritePattern<Op> {
  F32Approximation(MLIRContext *context, bool avx512)
      : OpRewritePattern<Op>(context, /*benefit=*/2), avx512(avx512) {}
  bool avx512;
  LogicalResult matchAndRewrite(Op op, PatternRewriter &rewriter) const override {
    if (!getElementTypeOrSelf(op.getType()).isF32())
      return failure();
    F32Builder builder(rewriter, op.getLoc(), op.getType(), avx512, precisionOf(op));
    Value replacement = (builder.*build)(op.getOperand());
    if (!replacement)
      return failure();
    rewriter.replaceOp(op, replacement);
    return success();
  }
};

/// minimumf(x, -x) -> -|x|: the same value for every x (NaN stays NaN, both
/// zeros give -0.0), one sign-bit OR instead of the compare-and-blend
/// sequence of a NaN-propagating minimum (xSigmoidMath's exp(-|v|) is
/// written as a minimum for its derivative at 0).
struct MinimumOfNegation : OpRewritePattern<arith::MinimumFOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(arith::MinimumFOp op, PatternRewriter &rewriter) const override {
    auto isNegationOf = [](Value negated, Value x) {
      auto neg = negated.getDefiningOp<arith::NegFOp>();
      return neg && neg.getOperand() == x;
    };
    Value x = op.getLhs();
    if (!isNegationOf(op.getRhs(), x)) {
      x = op.getRhs();
      if (!isNegationOf(op.getLhs(), x))
        return failure();
    }
    Value magnitude = math::AbsFOp::create(rewriter, op.getLoc(), x);
    rewriter.replaceOpWithNewOp<arith::NegFOp>(op, magnitude);
    return success();
  }
};

/// select(c, 1 / d, (1 / d) * e) -> select(c, 1, e) / d (either order):
/// one division of the selected numerator instead of a division, a
/// product and the select, and one rounding less (sigmoid's
/// v >= 0 ? 1 / (1 + e) : e / (1 + e)).
struct SelectedNumerator : OpRewritePattern<arith::SelectOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(arith::SelectOp op, PatternRewriter &rewriter) const override {
    auto reciprocal = [](Value v) -> arith::DivFOp {
      auto div = v.getDefiningOp<arith::DivFOp>();
      return div && matchPattern(div.getLhs(), m_OneFloat()) ? div : arith::DivFOp();
    };
    // The factor e of `scaled` = r * e (either operand order), or null.
    auto factorOf = [](Value scaled, Value r) -> Value {
      auto mul = scaled.getDefiningOp<arith::MulFOp>();
      if (!mul)
        return Value();
      if (mul.getLhs() == r)
        return mul.getRhs();
      return mul.getRhs() == r ? mul.getLhs() : Value();
    };
    Value trueValue = op.getTrueValue(), falseValue = op.getFalseValue();
    arith::DivFOp r = reciprocal(trueValue);
    Value factor = r ? factorOf(falseValue, r) : Value();
    bool reciprocalIfTrue = bool(factor);
    if (!factor) {
      r = reciprocal(falseValue);
      factor = r ? factorOf(trueValue, r) : Value();
    }
    if (!factor)
      return failure();
    Value one = r.getLhs();
    Value numerator = arith::SelectOp::create(rewriter, op.getLoc(), op.getCondition(),
                                              reciprocalIfTrue ? one : factor,
                                              reciprocalIfTrue ? factor : one);
    rewriter.replaceOpWithNewOp<arith::DivFOp>(op, numerator, r.getRhs(), r.getFastmathAttr());
    return success();
  }
};

/// f32 log1p(exp(v)) for v known to be <= 0 (softplus's v = -|x|): the
/// argument is in [0, 1] (or NaN), so F32Builder::log1pUnit applies; also
/// for a compensated exp(v) (1 + lo) = fma(exp(v), lo, exp(v)) (softplus's
/// v = -|beta x|, MathBuilder::exp; |lo| <= 2^-24 |v| keeps it in [0, 1] up
/// to a rounding). Runs before exp is expanded.
struct Log1pOfUnitExp : OpRewritePattern<math::Log1pOp> {
  Log1pOfUnitExp(MLIRContext *context, bool avx512)
      : OpRewritePattern(context), avx512(avx512) {}
  bool avx512;
  LogicalResult matchAndRewrite(math::Log1pOp op, PatternRewriter &rewriter) const override {
    if (!getElementTypeOrSelf(op.getType()).isF32())
      return failure();
    Value e = op.getOperand();
    if (auto compensated = e.getDefiningOp<math::FmaOp>();
        compensated && compensated.getA() == compensated.getC())
      e = compensated.getA();
    auto exp = e.getDefiningOp<math::ExpOp>();
    if (!exp || !knownNonPositive(exp.getOperand()))
      return failure();
    F32Builder builder(rewriter, op.getLoc(), op.getType(), avx512, precisionOf(op));
    rewriter.replaceOp(op, builder.log1pUnit(op.getOperand()));
    return success();
  }
};

/// f32 exp(x) * 2^j (a constant power of two, |j| <= 64; mish's exp(x) / 2)
/// as one expansion of exp whose polynomial carries 2^j: the same single
/// rounding, one multiplication less. Runs before exp is expanded.
struct ScaledExp : OpRewritePattern<arith::MulFOp> {
  ScaledExp(MLIRContext *context, bool avx512) : OpRewritePattern(context), avx512(avx512) {}
  bool avx512;
  LogicalResult matchAndRewrite(arith::MulFOp op, PatternRewriter &rewriter) const override {
    if (!getElementTypeOrSelf(op.getType()).isF32())
      return failure();
    auto powerOfTwo = [](Value v, double &scale) {
      APFloat c(0.0f);
      if (!matchPattern(v, m_ConstantFloat(&c)))
        return false;
      int exponent;
      scale = c.convertToDouble();
      return std::frexp(scale, &exponent) == 0.5 && std::abs(exponent - 1) <= 64;
    };
    double scale;
    auto exp = op.getLhs().getDefiningOp<math::ExpOp>();
    if (!exp || !powerOfTwo(op.getRhs(), scale)) {
      exp = op.getRhs().getDefiningOp<math::ExpOp>();
      if (!exp || !powerOfTwo(op.getLhs(), scale))
        return failure();
    }
    if (!exp->hasOneUse())
      return failure();
    F32Builder builder(rewriter, op.getLoc(), op.getType(), avx512, precisionOf(exp));
    rewriter.replaceOp(op, builder.scaledExp(exp.getOperand(), scale));
    return success();
  }
};

/// f32 exp of a compensated product c a (MathBuilder::exp of mulExact's
/// parts), fma(e, minnum(fma(c, a, -h), 1), e) with e = exp(h), h = c * a,
/// for c <= 0 and a >= 0 by their forms (swish's -|beta| |x|), as
/// F32Builder::expOfProduct(c, a): the exact product inside the reduction's
/// fma instead of h and its low part. Runs before exp is expanded.
struct CompensatedProductExp : OpRewritePattern<math::FmaOp> {
  /// A constant <= -0 or -|y| (a run-time parameter's): -104 / c >= +0.
  static bool nonPositiveFactor(Value c) {
    APFloat value(0.0f);
    if (matchPattern(c, m_ConstantFloat(&value)))
      return value.isNegative() && !value.isNaN(); // -0 included
    auto negation = c.getDefiningOp<arith::NegFOp>();
    return negation && negation.getOperand().getDefiningOp<math::AbsFOp>();
  }
  CompensatedProductExp(MLIRContext *context, bool avx512)
      : OpRewritePattern(context), avx512(avx512) {}
  bool avx512;
  LogicalResult matchAndRewrite(math::FmaOp op, PatternRewriter &rewriter) const override {
    if (!getElementTypeOrSelf(op.getType()).isF32() || op.getA() != op.getC())
      return failure();
    auto exp = op.getA().getDefiningOp<math::ExpOp>();
    auto bound = op.getB().getDefiningOp<arith::MinNumFOp>();
    auto onlyHere = [&](Operation *user) { return user == op; };
    if (!exp || !llvm::all_of(exp->getUsers(), onlyHere) || !bound ||
        !matchPattern(bound.getRhs(), m_OneFloat()))
      return failure();
    auto product = exp.getOperand().getDefiningOp<arith::MulFOp>();
    auto low = bound.getLhs().getDefiningOp<math::FmaOp>();
    if (!product || !low)
      return failure();
    // Either operand order (canonicalization moves constants of products).
    Value c = product.getLhs(), a = product.getRhs();
    if (!nonPositiveFactor(c))
      std::swap(c, a);
    auto negation = low.getC().getDefiningOp<arith::NegFOp>();
    bool sameFactors =
        (low.getA() == c && low.getB() == a) || (low.getA() == a && low.getB() == c);
    if (!nonPositiveFactor(c) || !a.getDefiningOp<math::AbsFOp>() || !sameFactors ||
        !negation || negation.getOperand() != product)
      return failure();
    F32Builder builder(rewriter, op.getLoc(), op.getType(), avx512, precisionOf(exp));
    rewriter.replaceOp(op, builder.expOfProduct(c, a));
    return success();
  }
};

/// 16 x f32 x / y with `arcp` (MathBuilder::approximate) as
/// F32Builder::quotient on AVX-512 (elsewhere the flag goes on to LLVM),
/// where y varies per element. A constant y is DivisionByConstant's; a
/// scalar or broadcast y (a dynamic parameter) loses the flag: a subnormal
/// one has no finite reciprocal (vrcp14ps gives inf).
struct ReciprocalDivision : OpRewritePattern<arith::DivFOp> {
  ReciprocalDivision(MLIRContext *context, bool avx512)
      : OpRewritePattern(context), avx512(avx512) {}
  bool avx512;
  LogicalResult matchAndRewrite(arith::DivFOp op, PatternRewriter &rewriter) const override {
    if (!hasFlag(op, arith::FastMathFlags::arcp) || matchPattern(op.getRhs(), m_Constant()))
      return failure();
    if (op.getRhs().getDefiningOp<vector::BroadcastOp>() || !isa<VectorType>(op.getType())) {
      rewriter.modifyOpInPlace(op, [&] {
        op.setFastmath(arith::bitEnumClear(op.getFastmath(), arith::FastMathFlags::arcp));
      });
      return success();
    }
    auto zmm = VectorType::get({16}, rewriter.getF32Type());
    if (!avx512 || op.getType() != zmm)
      return failure();
    F32Builder builder(rewriter, op.getLoc(), op.getType(), avx512, Precision::half);
    rewriter.replaceOp(op, builder.quotient(op.getLhs(), op.getRhs()));
    return success();
  }
};

/// 16 x f32 minimumf(+0, x) on AVX-512 as vminps(+0, x): vminps returns
/// its second operand when either is NaN or both are zeros, which is
/// minimumf's result here (NaN, -0 for x = -0, +0 for x = +0). LLVM lowers
/// a NaN-propagating minimum with a zero operand as compare and blend (elu's
/// min(0, x)). Runs after expm1 is expanded (which reads the minimum).
struct MinimumWithZero : OpRewritePattern<arith::MinimumFOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(arith::MinimumFOp op, PatternRewriter &rewriter) const override {
    if (op.getType() != VectorType::get({16}, rewriter.getF32Type()))
      return failure();
    Value zero = op.getLhs(), x = op.getRhs();
    if (!matchPattern(zero, m_PosZeroFloat()))
      std::swap(zero, x);
    if (!matchPattern(zero, m_PosZeroFloat()))
      return failure();
    Value sae = arith::ConstantOp::create(rewriter, op.getLoc(), rewriter.getI32IntegerAttr(4));
    rewriter.replaceOpWithNewOp<LLVM::CallIntrinsicOp>(
        op, op.getType(), rewriter.getStringAttr("llvm.x86.avx512.min.ps.512"),
        ValueRange{zero, x, sae});
    return success();
  }
};

/// 16 x f32 minnumf/maxnumf(x, c) with a constant c (not NaN) on AVX-512 as
/// vminps/vmaxps(x, c): they return their second operand when either is
/// NaN, which is minnum's and maxnum's c for a NaN x (and either zero is
/// theirs for two). LLVM lowers them as a minimum or maximum plus a NaN
/// fix-up of the first operand (MathBuilder::finiteLow, quantize's clamps).
template <typename Op>
struct NumWithConstant : OpRewritePattern<Op> {
  NumWithConstant(MLIRContext *context, StringRef intrinsic)
      : OpRewritePattern<Op>(context), intrinsic(intrinsic) {}
  StringRef intrinsic;
  LogicalResult matchAndRewrite(Op op, PatternRewriter &rewriter) const override {
    if (op.getType() != VectorType::get({16}, rewriter.getF32Type()))
      return failure();
    Value x = op.getLhs(), c = op.getRhs();
    APFloat value(0.0f);
    if (!matchPattern(c, m_ConstantFloat(&value)))
      std::swap(x, c);
    if (!matchPattern(c, m_ConstantFloat(&value)) || value.isNaN())
      return failure();
    Value sae = arith::ConstantOp::create(rewriter, op.getLoc(), rewriter.getI32IntegerAttr(4));
    rewriter.replaceOpWithNewOp<LLVM::CallIntrinsicOp>(
        op, op.getType(), rewriter.getStringAttr(intrinsic), ValueRange{x, c, sae});
    return success();
  }
};

struct ConvertMathToPolynomialsPass
    : relu::impl::ConvertMathToPolynomialsPassBase<ConvertMathToPolynomialsPass> {
  using Base::Base;
  void runOnOperation() override {
    // Rewrites that look at math ops before they are expanded.
    RewritePatternSet forms(&getContext());
    forms.add<MinimumOfNegation, SelectedNumerator>(&getContext());
    forms.add<Log1pOfUnitExp, ScaledExp, CompensatedProductExp>(&getContext(), avx512);
    relu::populateDivisionByConstantPatterns(forms);
    if (failed(applyPatternsGreedily(getOperation(), std::move(forms))))
      return signalPassFailure();

    RewritePatternSet approximations(&getContext());
    approximations.add<F32Approximation<math::ExpOp, &F32Builder::exp>,
                       F32Approximation<math::ExpM1Op, &F32Builder::expm1>,
                       F32Approximation<math::TanhOp, &F32Builder::tanh>,
                       F32Approximation<math::ErfcOp, &F32Builder::erfc>, ReciprocalDivision>(
        &getContext(), avx512);
    auto approximated = [](StringRef name) {
      name.consume_front("math.");
      return llvm::is_contained({"log1p", "log"}, name);
    };
    populateMathPolynomialApproximationPatterns(approximations, approximated);
    // erf and erfc have their own entry points upstream.
    populatePolynomialApproximateErfPattern(approximations);
    populatePolynomialApproximateErfcPattern(approximations);
    if (failed(applyPatternsGreedily(getOperation(), std::move(approximations))))
      return signalPassFailure();

    if (avx512) {
      RewritePatternSet x86(&getContext());
      x86.add<MinimumWithZero>(&getContext());
      x86.add<NumWithConstant<arith::MinNumFOp>>(&getContext(), "llvm.x86.avx512.min.ps.512");
      x86.add<NumWithConstant<arith::MaxNumFOp>>(&getContext(), "llvm.x86.avx512.max.ps.512");
      if (failed(applyPatternsGreedily(getOperation(), std::move(x86))))
        return signalPassFailure();
    }

    // Only f64 math goes to libm: the f32 leftovers (fma, floor, ...) become
    // LLVM intrinsics later and stay vectorized. (convert-to-llvm would turn
    // expm1/log1p into exp(x)-1 / log(1+x), losing precision near 0.)
    SmallVector<Operation *> f64Math;
    getOperation()->walk([&](Operation *op) {
      if (op->getDialect() && isa<math::MathDialect>(op->getDialect()) &&
          op->getNumResults() == 1 &&
          getElementTypeOrSelf(op->getResult(0).getType()).isF64())
        f64Math.push_back(op);
    });
    RewritePatternSet libm(&getContext());
    populateMathToLibmConversionPatterns(libm);
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
    if (failed(applyOpPatternsGreedily(f64Math, std::move(libm), config)))
      signalPassFailure();
  }
};
} // namespace
