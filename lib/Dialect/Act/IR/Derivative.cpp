//===- Derivative.cpp - gradients derived from activation definitions -----===//
//
// 1. The forward definition (buildScalar, in the conventions' form) is emitted
//    into a scratch block of scalar arith/math ops.
// 2. TangentBuilder differentiates it in forward mode with the seed dy on the
//    chosen argument: for an elementwise function of one variable the JVP
//    with seed dy is dx = dy * f'(x). Tangents of values that do not depend on
//    the argument are structural zeros (no op at all), so an inactive branch
//    contributes an exact 0 and never a 0 * inf = NaN product.
// 3. Simplifier rebuilds the result with folding, CSE and a small set of
//    algebraic rules (docs/gradients.md lists them), path-sensitively: inside
//    the branches of select(c, a, b) the condition c (and every comparison it
//    decides) is known.
// 4. The live ops become a ScalarFunction that callers clone (onto vectors).
//
//===----------------------------------------------------------------------===//

#include "relu/Dialect/Act/IR/Derivative.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OperationSupport.h"
#include "relu/Dialect/Act/IR/ActOps.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
using namespace relu::act;

using arith::CmpFPredicate;

//===----------------------------------------------------------------------===//
// Small helpers
//===----------------------------------------------------------------------===//

static std::optional<double> constantValue(Value v) {
  APFloat value(0.0);
  if (!v || !matchPattern(v, m_ConstantFloat(&value)))
    return std::nullopt;
  return value.convertToDouble();
}

static std::optional<bool> constantBool(Value v) {
  APInt value;
  if (!v || !v.getType().isInteger(1) || !matchPattern(v, m_ConstantInt(&value)))
    return std::nullopt;
  return !value.isZero();
}

static bool isPositiveFinite(std::optional<double> c) {
  return c && *c > 0 && std::isfinite(*c);
}
static bool isNegativeFinite(std::optional<double> c) {
  return c && *c < 0 && std::isfinite(*c);
}

/// The outcomes of comparing two floats, as bits: a predicate is the set of
/// outcomes for which it is true.
enum Outcome : unsigned { kLT = 1, kEQ = 2, kGT = 4, kUNO = 8, kAll = 15 };

static unsigned outcomesOf(CmpFPredicate p) {
  switch (p) {
  case CmpFPredicate::AlwaysFalse: return 0;
  case CmpFPredicate::OEQ: return kEQ;
  case CmpFPredicate::OGT: return kGT;
  case CmpFPredicate::OGE: return kGT | kEQ;
  case CmpFPredicate::OLT: return kLT;
  case CmpFPredicate::OLE: return kLT | kEQ;
  case CmpFPredicate::ONE: return kLT | kGT;
  case CmpFPredicate::ORD: return kLT | kEQ | kGT;
  case CmpFPredicate::UEQ: return kUNO | kEQ;
  case CmpFPredicate::UGT: return kUNO | kGT;
  case CmpFPredicate::UGE: return kUNO | kGT | kEQ;
  case CmpFPredicate::ULT: return kUNO | kLT;
  case CmpFPredicate::ULE: return kUNO | kLT | kEQ;
  case CmpFPredicate::UNE: return kUNO | kLT | kGT;
  case CmpFPredicate::UNO: return kUNO;
  case CmpFPredicate::AlwaysTrue: return kAll;
  }
  llvm_unreachable("unknown predicate");
}

static CmpFPredicate predicateOf(unsigned outcomes) {
  for (unsigned p = 0; p <= unsigned(CmpFPredicate::AlwaysTrue); ++p)
    if (outcomesOf(CmpFPredicate(p)) == outcomes)
      return CmpFPredicate(p);
  llvm_unreachable("every outcome set is a predicate");
}

/// The outcomes of cmp(b, a) given those of cmp(a, b).
static unsigned swapOutcomes(unsigned s) {
  return (s & (kEQ | kUNO)) | ((s & kLT) ? kGT : 0) | ((s & kGT) ? kLT : 0);
}

static CmpFPredicate swapPredicate(CmpFPredicate p) {
  return predicateOf(swapOutcomes(outcomesOf(p)));
}

namespace {

/// A comparison `lhs ? rhs` seen as the outcome set it accepts.
struct Comparison {
  Value lhs, rhs;
  unsigned outcomes;
};

std::optional<Comparison> asComparison(Value v) {
  auto cmp = v ? v.getDefiningOp<arith::CmpFOp>() : nullptr;
  if (!cmp)
    return std::nullopt;
  return Comparison{cmp.getLhs(), cmp.getRhs(), outcomesOf(cmp.getPredicate())};
}

/// The outcome set of `v` on the pair (lhs, rhs): v must be a comparison of
/// that pair (either order) or an i1 constant.
std::optional<unsigned> outcomesOn(Value v, Value lhs, Value rhs) {
  if (std::optional<bool> k = constantBool(v))
    return *k ? unsigned(kAll) : 0u;
  std::optional<Comparison> c = asComparison(v);
  if (!c)
    return std::nullopt;
  if (c->lhs == lhs && c->rhs == rhs)
    return c->outcomes;
  if (c->lhs == rhs && c->rhs == lhs)
    return swapOutcomes(c->outcomes);
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// TangentBuilder: forward-mode chain rule over arith/math
//===----------------------------------------------------------------------===//

class TangentBuilder {
public:
  TangentBuilder(OpBuilder &b, Value wrt, Value seed, Conventions conventions,
                 Operation *forward)
      : b(b), wrt(wrt), seed(seed), conventions(conventions), forward(forward) {}

  /// The tangent of `v` (null: exactly zero), or failure after an error.
  FailureOr<Value> tangent(Value v);

  bool dependsOnArgument(Value v) {
    if (v == wrt)
      return true;
    auto it = depends.find(v);
    if (it != depends.end())
      return it->second;
    bool result = false;
    if (Operation *op = v.getDefiningOp())
      result = llvm::any_of(op->getOperands(),
                            [&](Value operand) { return dependsOnArgument(operand); });
    return depends[v] = result;
  }

private:
  FailureOr<Value> rule(Operation *op);
  LogicalResult unsupported(Operation *op, const Twine &why) {
    InFlightDiagnostic diag = op->emitError()
                              << "cannot differentiate '" << op->getName() << "': " << why;
    if (forward && forward->getLoc() != op->getLoc())
      diag.attachNote(forward->getLoc())
          << "while deriving the gradient of '" << forward->getName() << "'";
    return failure();
  }

  // Ops on tangents; a null tangent is an exact zero.
  Value c(double value, Type type) {
    return arith::ConstantOp::create(b, loc, type, b.getFloatAttr(type, value));
  }
  Value add(Value x, Value y) {
    if (!x) return y;
    if (!y) return x;
    return arith::AddFOp::create(b, loc, x, y);
  }
  Value sub(Value x, Value y) {
    if (!y) return x;
    if (!x) return arith::NegFOp::create(b, loc, y);
    return arith::SubFOp::create(b, loc, x, y);
  }
  Value neg(Value x) { return x ? arith::NegFOp::create(b, loc, x) : Value(); }
  /// tangent * primal; scaling by the constant 0 gives an exact zero.
  Value mul(Value t, Value primal) {
    if (std::optional<double> k = constantValue(primal); k && *k == 0)
      return Value();
    return t ? arith::MulFOp::create(b, loc, t, primal) : Value();
  }
  Value div(Value t, Value primal) {
    return t ? arith::DivFOp::create(b, loc, t, primal) : Value();
  }
  Value select(Value cond, Value t, Value f, Type type) {
    if (!t && !f)
      return Value();
    if (!t) t = c(0, type);
    if (!f) f = c(0, type);
    return arith::SelectOp::create(b, loc, cond, t, f);
  }
  Value cmp(CmpFPredicate p, Value x, Value y) {
    return arith::CmpFOp::create(b, loc, p, x, y);
  }
  // Primal helpers.
  Value pmul(Value x, Value y) { return arith::MulFOp::create(b, loc, x, y); }
  Value padd(Value x, Value y) { return arith::AddFOp::create(b, loc, x, y); }
  Value psub(Value x, Value y) { return arith::SubFOp::create(b, loc, x, y); }
  Value pdiv(Value x, Value y) { return arith::DivFOp::create(b, loc, x, y); }

  OpBuilder &b;
  Value wrt, seed;
  Conventions conventions;
  Operation *forward;
  Location loc = b.getUnknownLoc();
  DenseMap<Value, Value> memo;
  DenseMap<Value, bool> depends;
};

FailureOr<Value> TangentBuilder::tangent(Value v) {
  if (v == wrt)
    return seed;
  if (auto it = memo.find(v); it != memo.end())
    return it->second;
  if (!dependsOnArgument(v) || !isa<FloatType>(v.getType()))
    return memo[v] = Value();
  Operation *op = v.getDefiningOp();
  Location saved = loc;
  loc = op->getLoc();
  FailureOr<Value> t = rule(op);
  loc = saved;
  if (failed(t))
    return failure();
  return memo[v] = *t;
}

FailureOr<Value> TangentBuilder::rule(Operation *op) {
  Value r = op->getResult(0);
  Type type = r.getType();
  SmallVector<Value> t;
  // Tangents of the float operands (integer/i1 operands are conditions or
  // exponents: they have none).
  for (Value operand : op->getOperands()) {
    if (!isa<FloatType>(operand.getType())) {
      t.push_back(Value());
      continue;
    }
    FailureOr<Value> ti = tangent(operand);
    if (failed(ti))
      return failure();
    t.push_back(*ti);
  }
  auto x = [&](unsigned i) { return op->getOperand(i); };
  bool pytorch = conventions == Conventions::pytorch;

  using Result = FailureOr<Value>;
  return llvm::TypeSwitch<Operation *, Result>(op)
      .Case([&](arith::AddFOp) -> Result { return add(t[0], t[1]); })
      .Case([&](arith::SubFOp) -> Result { return sub(t[0], t[1]); })
      .Case([&](arith::NegFOp) -> Result { return neg(t[0]); })
      .Case([&](arith::MulFOp) -> Result {
        return add(mul(t[0], x(1)), mul(t[1], x(0)));
      })
      // d(a / b) = (da - (a / b) * db) / b, with a / b the op's own result.
      .Case([&](arith::DivFOp) -> Result {
        return div(sub(t[0], mul(t[1], r)), x(1));
      })
      .Case([&](math::FmaOp) -> Result {
        return add(add(mul(t[0], x(1)), mul(t[1], x(0))), t[2]);
      })
      .Case([&](arith::RemFOp) -> Result {
        // a - b * trunc(a / b).
        return sub(t[0], mul(t[1], math::TruncOp::create(b, loc, pdiv(x(0), x(1)))));
      })
      // maximum/minimum: the derivative follows the operand that wins; ties
      // (including -0.0 vs +0.0) go to the second operand; NaN goes to the
      // first under pytorch and to the second under jax.
      .Case([&](arith::MaximumFOp) -> Result {
        Value first = cmp(pytorch ? CmpFPredicate::UGT : CmpFPredicate::OGT, x(0), x(1));
        return select(first, t[0], t[1], type);
      })
      .Case([&](arith::MinimumFOp) -> Result {
        Value first = cmp(pytorch ? CmpFPredicate::ULT : CmpFPredicate::OLT, x(0), x(1));
        return select(first, t[0], t[1], type);
      })
      // maxnum/minnum return the non-NaN operand: the derivative follows it.
      .Case([&](arith::MaxNumFOp) -> Result {
        Value first = arith::OrIOp::create(b, loc, cmp(CmpFPredicate::OGT, x(0), x(1)),
                                           cmp(CmpFPredicate::UNO, x(1), x(1)));
        return select(first, t[0], t[1], type);
      })
      .Case([&](arith::MinNumFOp) -> Result {
        Value first = arith::OrIOp::create(b, loc, cmp(CmpFPredicate::OLT, x(0), x(1)),
                                           cmp(CmpFPredicate::UNO, x(1), x(1)));
        return select(first, t[0], t[1], type);
      })
      .Case([&](arith::SelectOp) -> Result { return select(x(0), t[1], t[2], type); })
      .Case([&](arith::ExtFOp) -> Result {
        return t[0] ? Value(arith::ExtFOp::create(b, loc, type, t[0])) : Value();
      })
      .Case([&](arith::TruncFOp) -> Result {
        return t[0] ? Value(arith::TruncFOp::create(b, loc, type, t[0])) : Value();
      })
      .Case([&](math::ExpOp) -> Result { return mul(t[0], r); })
      .Case([&](math::Exp2Op) -> Result { return mul(mul(t[0], r), c(M_LN2, type)); })
      // exp(u), not expm1(u) + 1, which cancels for u << 0.
      .Case([&](math::ExpM1Op) -> Result {
        return mul(t[0], math::ExpOp::create(b, loc, x(0)));
      })
      .Case([&](math::LogOp) -> Result { return div(t[0], x(0)); })
      .Case([&](math::Log1pOp) -> Result { return div(t[0], padd(x(0), c(1, type))); })
      .Case([&](math::Log2Op) -> Result {
        return div(t[0], pmul(x(0), c(M_LN2, type)));
      })
      .Case([&](math::Log10Op) -> Result {
        return div(t[0], pmul(x(0), c(M_LN10, type)));
      })
      .Case([&](math::SqrtOp) -> Result { return div(mul(t[0], c(0.5, type)), r); })
      .Case([&](math::RsqrtOp) -> Result {
        return mul(t[0], pmul(c(-0.5, type), pmul(r, pmul(r, r))));
      })
      .Case([&](math::CbrtOp) -> Result {
        return div(t[0], pmul(c(3, type), pmul(r, r)));
      })
      .Case([&](math::TanhOp) -> Result {
        return mul(t[0], psub(c(1, type), pmul(r, r)));
      })
      .Case([&](math::ErfOp) -> Result {
        Value gauss = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, pmul(x(0), x(0))));
        return mul(t[0], pmul(c(M_2_SQRTPI, type), gauss));
      })
      .Case([&](math::ErfcOp) -> Result {
        Value gauss = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, pmul(x(0), x(0))));
        return mul(t[0], pmul(c(-M_2_SQRTPI, type), gauss));
      })
      .Case([&](math::SinOp) -> Result { return mul(t[0], math::CosOp::create(b, loc, x(0))); })
      .Case([&](math::CosOp) -> Result {
        return neg(mul(t[0], math::SinOp::create(b, loc, x(0))));
      })
      .Case([&](math::TanOp) -> Result { return mul(t[0], padd(c(1, type), pmul(r, r))); })
      .Case([&](math::SinhOp) -> Result { return mul(t[0], math::CoshOp::create(b, loc, x(0))); })
      .Case([&](math::CoshOp) -> Result { return mul(t[0], math::SinhOp::create(b, loc, x(0))); })
      .Case([&](math::AtanOp) -> Result {
        return div(t[0], padd(c(1, type), pmul(x(0), x(0))));
      })
      .Case([&](math::AsinOp) -> Result {
        return div(t[0], math::SqrtOp::create(b, loc, psub(c(1, type), pmul(x(0), x(0)))));
      })
      .Case([&](math::AcosOp) -> Result {
        return neg(div(t[0], math::SqrtOp::create(b, loc, psub(c(1, type), pmul(x(0), x(0))))));
      })
      .Case([&](math::AsinhOp) -> Result {
        return div(t[0], math::SqrtOp::create(b, loc, padd(pmul(x(0), x(0)), c(1, type))));
      })
      .Case([&](math::AcoshOp) -> Result {
        return div(t[0], math::SqrtOp::create(b, loc, psub(pmul(x(0), x(0)), c(1, type))));
      })
      .Case([&](math::AtanhOp) -> Result {
        return div(t[0], psub(c(1, type), pmul(x(0), x(0))));
      })
      .Case([&](math::Atan2Op) -> Result {
        // atan2(a, b)' = (b da - a db) / (a^2 + b^2).
        Value num = sub(mul(t[0], x(1)), mul(t[1], x(0)));
        return div(num, padd(pmul(x(0), x(0)), pmul(x(1), x(1))));
      })
      .Case([&](math::PowFOp) -> Result {
        // a^b: b a^(b-1) da + a^b log(a) db.
        Value da;
        if (t[0]) {
          Value pow = math::PowFOp::create(b, loc, x(0), psub(x(1), c(1, type)));
          da = mul(t[0], pmul(x(1), pow));
        }
        return add(da, mul(t[1], pmul(r, math::LogOp::create(b, loc, x(0)))));
      })
      // |a|: pytorch's sgn(a) (0 at 0 and NaN); jax's a >= 0 ? 1 : -1.
      .Case([&](math::AbsFOp) -> Result {
        Value zero = c(0, type);
        if (!pytorch)
          return select(cmp(CmpFPredicate::OGE, x(0), zero), t[0], neg(t[0]), type);
        return select(cmp(CmpFPredicate::OGT, x(0), zero), t[0],
                      select(cmp(CmpFPredicate::OLT, x(0), zero), neg(t[0]), Value(), type),
                      type);
      })
      // copysign(a, b) = |a| sign(b): slope sign(a) sign(b) in a; b only
      // chooses a sign (piecewise constant, slope 0).
      .Case([&](math::CopySignOp) -> Result {
        if (!t[0])
          return Value();
        Value one = c(1, type);
        Value sa = math::CopySignOp::create(b, loc, one, x(0));
        Value sb = math::CopySignOp::create(b, loc, one, x(1));
        return mul(t[0], pmul(sa, sb));
      })
      // Rounding functions are piecewise constant: slope 0 (as PyTorch and JAX).
      .Case<math::FloorOp, math::CeilOp, math::RoundOp, math::RoundEvenOp, math::TruncOp>(
          [&](Operation *) -> Result { return Value(); })
      .Case<arith::SIToFPOp, arith::UIToFPOp, arith::BitcastOp>([&](Operation *op) -> Result {
        return unsupported(op, "its operand depends on the input through "
                               "integer or bit-level operations");
      })
      .Default([&](Operation *op) -> Result {
        return unsupported(op, "no derivative rule for this op");
      });
}

//===----------------------------------------------------------------------===//
// Simplifier
//===----------------------------------------------------------------------===//

class Simplifier {
public:
  /// `seed` is the tangent seed (dy): values that depend on it are tangents,
  /// linear in dy, and get the tangent rules (see mkSub).
  Simplifier(Block &block, Value seed) : b(&block, block.end()), seed(seed) {
    for (Operation &op : block)
      table[op.getName()].push_back(&op);
  }

  Value run(Value root) {
    // Two rounds: the second sees the first's results as operands.
    for (int round = 0; round < 2; ++round) {
      Context top;
      root = rebuild(root, top);
    }
    return root;
  }

  /// Builds select(cond, a, b) on i1 or floats with the select rules.
  Value select(Value cond, Value a, Value bv) {
    Context top;
    return mkSelect(cond, a, bv, top);
  }
  Value boolConstant(bool value) {
    return finish(arith::ConstantOp::create(b, b.getUnknownLoc(), b.getBoolAttr(value)));
  }

private:
  struct Context {
    explicit Context(Context *parent = nullptr) : parent(parent) {}
    Context *parent;
    SmallVector<std::pair<Value, bool>> facts;
    DenseMap<Value, Value> memo;
  };

  Location loc(Value v) {
    Operation *op = v.getDefiningOp();
    return op ? op->getLoc() : b.getUnknownLoc();
  }

  //===--- Knowledge from enclosing selects --------------------------------===//

  void assume(Value cond, bool value, Context &ctx) {
    ctx.facts.push_back({cond, value});
    Operation *op = cond.getDefiningOp();
    if (!op)
      return;
    if (isa<arith::AndIOp>(op) && value) {
      assume(op->getOperand(0), true, ctx);
      assume(op->getOperand(1), true, ctx);
    } else if (isa<arith::OrIOp>(op) && !value) {
      assume(op->getOperand(0), false, ctx);
      assume(op->getOperand(1), false, ctx);
    } else if (isa<arith::XOrIOp>(op)) {
      if (std::optional<bool> k = constantBool(op->getOperand(1)))
        assume(op->getOperand(0), value != *k, ctx);
    }
  }

  std::optional<bool> known(Value cond, Context &ctx) {
    if (std::optional<bool> k = constantBool(cond))
      return k;
    std::optional<Comparison> query = asComparison(cond);
    unsigned possible = kAll;
    for (Context *c = &ctx; c; c = c->parent)
      for (auto [fact, value] : c->facts) {
        if (fact == cond)
          return value;
        if (!query)
          continue;
        if (std::optional<unsigned> s = outcomesOn(fact, query->lhs, query->rhs))
          possible &= value ? *s : (~*s & kAll);
      }
    if (!query)
      return std::nullopt;
    if ((possible & ~query->outcomes) == 0)
      return true;
    if ((possible & query->outcomes) == 0)
      return false;
    return std::nullopt;
  }

  static bool hasFacts(Context &ctx) {
    for (Context *c = &ctx; c; c = c->parent)
      if (!c->facts.empty())
        return true;
    return false;
  }

  //===--- Rebuilding ------------------------------------------------------===//

  Value rebuild(Value v, Context &ctx) {
    Operation *op = v.getDefiningOp();
    if (!op)
      return v;
    if (auto it = ctx.memo.find(v); it != ctx.memo.end())
      return it->second;
    Value result = rebuildOp(op, cast<OpResult>(v).getResultNumber(), ctx);
    ctx.memo[v] = result;
    return result;
  }

  Value rebuildOp(Operation *op, unsigned resultNumber, Context &ctx) {
    if (auto sel = dyn_cast<arith::SelectOp>(op)) {
      Value cond = rebuild(sel.getCondition(), ctx);
      if (std::optional<bool> k = known(cond, ctx))
        return rebuild(*k ? sel.getTrueValue() : sel.getFalseValue(), ctx);
      Context whenTrue(&ctx);
      assume(cond, true, whenTrue);
      Value t = rebuild(sel.getTrueValue(), whenTrue);
      Context whenFalse(&ctx);
      assume(cond, false, whenFalse);
      Value f = rebuild(sel.getFalseValue(), whenFalse);
      return mkSelect(cond, t, f, ctx);
    }
    if (auto cmp = dyn_cast<arith::CmpFOp>(op)) {
      Value l = rebuild(cmp.getLhs(), ctx), r = rebuild(cmp.getRhs(), ctx);
      return mkCmp(cmp.getPredicate(), l, r, ctx);
    }
    SmallVector<Value> operands;
    for (Value operand : op->getOperands())
      operands.push_back(rebuild(operand, ctx));
    if (isa<arith::ConstantOp>(op) || op->getNumResults() != 1 ||
        !hasDefaultAttributes(op))
      return mkGeneric(op, operands, resultNumber);
    return llvm::TypeSwitch<Operation *, Value>(op)
        .Case([&](arith::AddFOp) { return mkAdd(operands[0], operands[1]); })
        .Case([&](arith::SubFOp) { return mkSub(operands[0], operands[1]); })
        .Case([&](arith::MulFOp) { return mkMul(operands[0], operands[1]); })
        .Case([&](arith::DivFOp) { return mkDiv(operands[0], operands[1]); })
        .Case([&](arith::NegFOp) { return mkNeg(operands[0]); })
        .Case<arith::AndIOp, arith::OrIOp, arith::XOrIOp>([&](Operation *op) {
          return mkLogic(op, operands, ctx);
        })
        .Case<math::ExpOp, math::ExpM1Op, math::LogOp, math::Log1pOp, math::TanhOp,
              math::AtanhOp>([&](Operation *op) { return mkUnary(op, operands[0]); })
        .Default([&](Operation *op) { return mkGeneric(op, operands, resultNumber); });
  }

  /// Rules below rebuild float ops without fastmath flags; ops with other
  /// attributes are rebuilt as they are.
  static bool hasDefaultAttributes(Operation *op) {
    if (auto fm = op->getAttrOfType<arith::FastMathFlagsAttr>("fastmath"))
      return fm.getValue() == arith::FastMathFlags::none;
    return true;
  }

  //===--- Creation: fold, then CSE ----------------------------------------===//

  Value finish(Operation *op) {
    SmallVector<OpFoldResult> folded;
    if (succeeded(op->fold(folded)) && !folded.empty()) {
      Value result;
      if (auto attr = dyn_cast<Attribute>(folded[0])) {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(op);
        if (Operation *constant = arith::ConstantOp::materialize(
                b, cast<TypedAttr>(attr), op->getResult(0).getType(), op->getLoc()))
          result = unique(constant)->getResult(0);
      } else {
        result = cast<Value>(folded[0]);
      }
      if (result) {
        op->erase();
        return result;
      }
    }
    return unique(op)->getResult(0);
  }

  /// CSE: an existing equivalent op, or `op` registered as new.
  Operation *unique(Operation *op) {
    SmallVector<Operation *> &candidates = table[op->getName()];
    for (Operation *other : candidates)
      if (other != op && OperationEquivalence::isEquivalentTo(
                             other, op, OperationEquivalence::IgnoreLocations)) {
        op->erase();
        return other;
      }
    candidates.push_back(op);
    return op;
  }

  Value mkGeneric(Operation *proto, ValueRange operands, unsigned resultNumber) {
    Operation *clone = b.clone(*proto);
    clone->setOperands(operands);
    if (clone->getNumResults() != 1)
      return unique(clone)->getResult(resultNumber);
    return finish(clone);
  }

  Value constant(double value, Type type) {
    return finish(arith::ConstantOp::create(b, b.getUnknownLoc(), type,
                                            b.getFloatAttr(type, value)));
  }

  static Value negated(Value v) {
    auto neg = v.getDefiningOp<arith::NegFOp>();
    return neg ? neg.getOperand() : Value();
  }

  //===--- Arithmetic rules ------------------------------------------------===//

  Value mkAdd(Value x, Value y) {
    if (constantValue(x) && !constantValue(y))
      std::swap(x, y);
    // Tangent rules: a tangent is linear in dy, and a term that is
    // identically 0 (the derivative of a rounding correction, of a - a) is an
    // exact zero, also for infinite or NaN dy.
    if (isZero(y) && isTangent(x))
      return x;
    if (Value n = negated(y))
      return mkSub(x, n); // x + -n == x - n exactly
    if (Value n = negated(x))
      return mkSub(y, n);
    return finish(arith::AddFOp::create(b, loc(x), x, y));
  }

  /// `v` as t * p with t a tangent and p a primal value.
  std::optional<std::pair<Value, Value>> scaledTangent(Value v) {
    auto mul = v.getDefiningOp<arith::MulFOp>();
    if (!mul)
      return std::nullopt;
    if (isTangent(mul.getLhs()) && !isTangent(mul.getRhs()))
      return std::make_pair(mul.getLhs(), mul.getRhs());
    if (isTangent(mul.getRhs()) && !isTangent(mul.getLhs()))
      return std::make_pair(mul.getRhs(), mul.getLhs());
    return std::nullopt;
  }

  Value mkSub(Value x, Value y) {
    if (x == y && isTangent(x))
      return constant(0, x.getType());
    // Distributivity over a common tangent factor, t p - t q = t (p - q) and
    // (a + t p) - t q = a + t (p - q): p - q of close primal values is exact
    // where the products would cancel.
    if (auto ty = scaledTangent(y)) {
      if (auto tx = scaledTangent(x); tx && tx->first == ty->first)
        return mkMul(ty->first, mkSub(tx->second, ty->second));
      if (auto add = x.getDefiningOp<arith::AddFOp>())
        for (int i = 0; i < 2; ++i)
          if (auto tx = scaledTangent(add->getOperand(i)); tx && tx->first == ty->first)
            return mkAdd(add->getOperand(1 - i),
                         mkMul(ty->first, mkSub(tx->second, ty->second)));
    }
    if (isZero(x) && isTangent(y))
      return mkNeg(y);
    if (Value n = negated(y))
      return mkAdd(x, n);
    return finish(arith::SubFOp::create(b, loc(x), x, y));
  }

  Value mkNeg(Value x) { return finish(arith::NegFOp::create(b, loc(x), x)); }

  /// A tangent select(c, t, 0) or select(c, 0, t): an inactive branch.
  arith::SelectOp zeroBranchSelect(Value v) {
    auto sel = v.getDefiningOp<arith::SelectOp>();
    if (!sel || !isTangent(v) || !(isZero(sel.getTrueValue()) || isZero(sel.getFalseValue())))
      return {};
    return sel;
  }
  /// op(select(c, t, 0), p) -> select(c, op(t, p), 0) for a primal p: an
  /// inactive branch contributes exactly 0 (not 0 * inf = NaN), as reverse
  /// mode gives when the select comes last.
  Value distribute(arith::SelectOp sel, function_ref<Value(Value)> apply) {
    Value t = sel.getTrueValue(), f = sel.getFalseValue();
    Context top;
    return mkSelect(sel.getCondition(), isZero(t) ? t : apply(t), isZero(f) ? f : apply(f), top);
  }

  Value mkMul(Value x, Value y) {
    if (constantValue(x) && !constantValue(y))
      std::swap(x, y);
    if (!isTangent(y))
      if (arith::SelectOp sel = zeroBranchSelect(x))
        return distribute(sel, [&](Value t) { return mkMul(t, y); });
    if (!isTangent(x))
      if (arith::SelectOp sel = zeroBranchSelect(y))
        return distribute(sel, [&](Value t) { return mkMul(x, t); });
    // Signs are exact: (-a) * b == -(a * b).
    if (Value n = negated(x))
      return mkNeg(mkMul(n, y));
    if (Value n = negated(y))
      return mkNeg(mkMul(x, n));
    if (std::optional<double> k = constantValue(y)) {
      if (*k == 0 && isTangent(x))
        return constant(0, x.getType());
      if (*k == -1.0)
        return mkNeg(x);
      if (!constantValue(x)) {
        // (u * k1) * k2 -> u * (k1 * k2); (u / k) * k -> u.
        if (auto inner = x.getDefiningOp<arith::MulFOp>())
          if (std::optional<double> k1 = constantValue(inner.getRhs()))
            return mkMul(inner.getLhs(), constant(*k1 * *k, y.getType()));
        if (auto inner = x.getDefiningOp<arith::DivFOp>())
          if (constantValue(inner.getRhs()) == k)
            return inner.getLhs();
      }
    }
    return finish(arith::MulFOp::create(b, loc(x), x, y));
  }

  Value mkDiv(Value x, Value y) {
    if (!isTangent(y))
      if (arith::SelectOp sel = zeroBranchSelect(x))
        return distribute(sel, [&](Value t) { return mkDiv(t, y); });
    if (Value n = negated(x))
      return mkNeg(mkDiv(n, y));
    if (Value n = negated(y))
      return mkNeg(mkDiv(x, n));
    if (std::optional<double> k = constantValue(y)) {
      // (u * k) / k -> u.
      if (auto inner = x.getDefiningOp<arith::MulFOp>())
        if (constantValue(inner.getRhs()) == k)
          return inner.getLhs();
    }
    return finish(arith::DivFOp::create(b, loc(x), x, y));
  }

  /// Inverse pairs, applied on the inner function's range (the preimages of
  /// output-based gradients produce them).
  Value mkUnary(Operation *op, Value x) {
    Operation *inner = x.getDefiningOp();
    Value u = inner && inner->getNumOperands() == 1 ? inner->getOperand(0) : Value();
    if (u) {
      if (isa<math::ExpM1Op>(op) && isa<math::Log1pOp>(inner))
        return u;
      if (isa<math::Log1pOp>(op) && isa<math::ExpM1Op>(inner))
        return u;
      if (isa<math::ExpOp>(op) && isa<math::LogOp>(inner))
        return u;
      if (isa<math::LogOp>(op) && isa<math::ExpOp>(inner))
        return u;
      if (isa<math::ExpOp>(op) && isa<math::Log1pOp>(inner))
        return mkAdd(u, constant(1, u.getType()));
      if (isa<math::TanhOp>(op) && isa<math::AtanhOp>(inner))
        return u;
      if (isa<math::AtanhOp>(op) && isa<math::TanhOp>(inner))
        return u;
      if (isa<math::ExpOp>(op) && isa<arith::NegFOp>(inner))
        if (auto log = u.getDefiningOp<math::LogOp>())
          return mkDiv(constant(1, u.getType()), log.getOperand());
    }
    // exp is increasing: exp(min(a, b)) == min(exp(a), exp(b)) (and max),
    // taken only when both exps cancel against inverses.
    if (isa<math::ExpOp>(op) && isa_and_present<arith::MinimumFOp, arith::MaximumFOp>(inner)) {
      Value ea = mkUnary(op, inner->getOperand(0));
      Value eb = mkUnary(op, inner->getOperand(1));
      if (!ea.getDefiningOp<math::ExpOp>() && !eb.getDefiningOp<math::ExpOp>()) {
        if (isa<arith::MinimumFOp>(inner))
          return finish(arith::MinimumFOp::create(b, loc(x), ea, eb));
        return finish(arith::MaximumFOp::create(b, loc(x), ea, eb));
      }
    }
    return mkGeneric(op, x, 0);
  }

  //===--- Comparisons -----------------------------------------------------===//

  Value mkCmp(CmpFPredicate pred, Value x, Value y, Context &ctx) {
    std::optional<double> kx = constantValue(x), ky = constantValue(y);
    if (kx && !ky)
      return mkCmp(swapPredicate(pred), y, x, ctx);
    if (ky && *ky == 0) {
      if (Value reduced = compareWithZero(pred, x, y, ctx))
        return reduced;
    }
    // x ? -x  <=>  x ? 0.
    if (negated(y) == x)
      return mkCmp(pred, x, constant(0, x.getType()), ctx);
    if (negated(x) == y)
      return mkCmp(swapPredicate(pred), y, constant(0, y.getType()), ctx);
    // cmp(select(c, p, q), k) -> select(c, cmp(p, k), cmp(q, k)), kept only
    // when the branches decide it.
    if (ky)
      if (auto sel = x.getDefiningOp<arith::SelectOp>()) {
        Context whenTrue(&ctx);
        assume(sel.getCondition(), true, whenTrue);
        Context whenFalse(&ctx);
        assume(sel.getCondition(), false, whenFalse);
        Value t = mkCmp(pred, sel.getTrueValue(), y, whenTrue);
        Value f = mkCmp(pred, sel.getFalseValue(), y, whenFalse);
        Value combined = mkSelect(sel.getCondition(), t, f, ctx);
        if (!combined.getDefiningOp<arith::SelectOp>())
          return combined;
      }
    Value result = finish(arith::CmpFOp::create(b, loc(x), pred, x, y));
    if (std::optional<bool> k = known(result, ctx))
      return boolConstant(*k);
    return result;
  }

  /// x ? 0 through functions that keep the sign (and NaN) of their argument:
  /// strictly increasing with f(0) = 0, scaling by a positive constant, a
  /// maximum with a negative constant, a minimum with a positive one; negation
  /// reverses the comparison. (An underflowing scale could turn a tiny x into
  /// 0: the rewritten comparison is the exact one.)
  Value compareWithZero(CmpFPredicate pred, Value x, Value zero, Context &ctx) {
    Operation *op = x.getDefiningOp();
    if (!op)
      return Value();
    if (isa<math::ExpM1Op, math::TanhOp, math::AsinhOp, math::SinhOp, math::ErfOp,
            math::AtanOp, math::CbrtOp>(op))
      return mkCmp(pred, op->getOperand(0), zero, ctx);
    // log1p(u) is NaN below -1 where u < 0: the same comparison only when
    // the predicate treats NaN as "less", or u >= -1 is known.
    unsigned outcomes = outcomesOf(pred);
    bool nanAsLess = bool(outcomes & kUNO) == bool(outcomes & kLT);
    if (isa<math::Log1pOp>(op) && (nanAsLess || atLeast(op->getOperand(0), -1)))
      return mkCmp(pred, op->getOperand(0), zero, ctx);
    // log(u) ? 0  <=>  u ? 1 (NaN for u < 0, where u < 1).
    if (isa<math::LogOp>(op) && (nanAsLess || atLeast(op->getOperand(0), 0)))
      return mkCmp(pred, op->getOperand(0), constant(1, x.getType()), ctx);
    if (isa<arith::NegFOp>(op))
      return mkCmp(swapPredicate(pred), op->getOperand(0), zero, ctx);
    if (isa<arith::MulFOp, arith::DivFOp>(op)) {
      std::optional<double> k = constantValue(op->getOperand(1));
      if (isPositiveFinite(k) && (isa<arith::MulFOp>(op) || *k != 0))
        return mkCmp(pred, op->getOperand(0), zero, ctx);
      if (isNegativeFinite(k))
        return mkCmp(swapPredicate(pred), op->getOperand(0), zero, ctx);
    }
    if (isa<arith::MaximumFOp>(op) && isNegativeFinite(constantValue(op->getOperand(1))))
      return mkCmp(pred, op->getOperand(0), zero, ctx);
    if (isa<arith::MinimumFOp>(op) && isPositiveFinite(constantValue(op->getOperand(1))))
      return mkCmp(pred, op->getOperand(0), zero, ctx);
    return Value();
  }

  /// Whether u >= bound is known (or u is NaN): a constant, a maximum with a
  /// constant, exp.
  static bool atLeast(Value u, double bound) {
    if (std::optional<double> k = constantValue(u))
      return *k >= bound;
    if (auto max = u.getDefiningOp<arith::MaximumFOp>())
      return atLeast(max.getLhs(), bound) || atLeast(max.getRhs(), bound);
    if (u.getDefiningOp<math::ExpOp>())
      return bound <= 0;
    return false;
  }

  //===--- Selects and logic -----------------------------------------------===//

  /// Combines i1 values that are comparisons of one pair (or constants) into
  /// one comparison: `combine` maps their outcome sets to the result's.
  Value combineComparisons(ArrayRef<Value> values,
                           function_ref<unsigned(ArrayRef<unsigned>)> combine,
                           Context &ctx) {
    Value lhs, rhs;
    for (Value v : values)
      if (std::optional<Comparison> c = asComparison(v)) {
        lhs = c->lhs;
        rhs = c->rhs;
        break;
      }
    SmallVector<unsigned> sets;
    for (Value v : values) {
      std::optional<unsigned> s = lhs ? outcomesOn(v, lhs, rhs)
                                      : (constantBool(v) ? std::optional<unsigned>(
                                                               *constantBool(v) ? kAll : 0)
                                                         : std::nullopt);
      if (!s)
        return Value();
      sets.push_back(*s);
    }
    unsigned result = combine(sets) & kAll;
    if (!lhs || result == 0 || result == kAll)
      return boolConstant(result == kAll);
    return mkCmp(predicateOf(result), lhs, rhs, ctx);
  }

  Value mkSelect(Value cond, Value x, Value y, Context &ctx) {
    if (std::optional<bool> k = known(cond, ctx))
      return *k ? x : y;
    if (x == y)
      return x;
    if (x.getType().isInteger(1))
      if (Value combined = combineComparisons(
              {cond, x, y},
              [](ArrayRef<unsigned> s) { return (s[0] & s[1]) | (~s[0] & s[2]); }, ctx))
        return combined;
    return finish(arith::SelectOp::create(b, loc(x), cond, x, y));
  }

  Value mkLogic(Operation *op, ArrayRef<Value> operands, Context &ctx) {
    if (operands[0].getType().isInteger(1)) {
      Value combined;
      if (isa<arith::AndIOp>(op))
        combined = combineComparisons(
            operands, [](ArrayRef<unsigned> s) { return s[0] & s[1]; }, ctx);
      else if (isa<arith::OrIOp>(op))
        combined = combineComparisons(
            operands, [](ArrayRef<unsigned> s) { return s[0] | s[1]; }, ctx);
      else
        combined = combineComparisons(
            operands, [](ArrayRef<unsigned> s) { return s[0] ^ s[1]; }, ctx);
      if (combined)
        return combined;
    }
    return mkGeneric(op, operands, 0);
  }

  /// Whether `v` is a tangent (depends on the seed).
  bool isTangent(Value v) {
    if (!seed)
      return false;
    if (v == seed)
      return true;
    auto it = tangents.find(v);
    if (it != tangents.end())
      return it->second;
    bool result = false;
    if (Operation *op = v.getDefiningOp())
      result = llvm::any_of(op->getOperands(), [&](Value w) { return isTangent(w); });
    return tangents[v] = result;
  }
  static bool isZero(Value v) {
    std::optional<double> k = constantValue(v);
    return k && *k == 0;
  }

  OpBuilder b;
  Value seed;
  DenseMap<Value, bool> tangents;
  DenseMap<OperationName, SmallVector<Operation *>> table;
};

/// Erases the ops of `block` that do not contribute to its terminator.
void eraseDeadOps(Block &block) {
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(block)))
    if (!op.hasTrait<mlir::OpTrait::IsTerminator>() && op.use_empty())
      op.erase();
}

/// Clones the ops computing `v` (outside `mapping`) at `b`'s insertion point.
Value cloneValue(OpBuilder &b, Value v, IRMapping &mapping) {
  if (Value mapped = mapping.lookupOrNull(v))
    return mapped;
  Operation *op = v.getDefiningOp();
  assert(op && "an unmapped block argument");
  for (Value operand : op->getOperands())
    cloneValue(b, operand, mapping);
  Operation *clone = b.clone(*op, mapping);
  return clone->getResult(cast<OpResult>(v).getResultNumber());
}

} // namespace

//===----------------------------------------------------------------------===//
// Derivations
//===----------------------------------------------------------------------===//

namespace relu::act {
/// Builds ScalarFunctions (the friend of ScalarFunction).
class GradientDeriver {
public:
  GradientDeriver(const GradientSpec &spec, FloatType computeType)
      : spec(spec), computeType(computeType), loc(spec.op->getLoc()) {}

  /// A new scratch function with arguments of the given types.
  static std::pair<OwningOpRef<ModuleOp>, Block *> scratch(Location loc,
                                                          ArrayRef<Type> types) {
    OwningOpRef<ModuleOp> holder = ModuleOp::create(loc);
    Block *block = holder->getBody();
    for (Type type : types)
      block->addArgument(type, loc);
    return {std::move(holder), block};
  }

  static ScalarFunction finish(OwningOpRef<ModuleOp> holder, Value result) {
    Block &block = *holder->getBody();
    OpBuilder b = OpBuilder::atBlockEnd(&block);
    YieldOp::create(b, result.getLoc(), result);
    eraseDeadOps(block);
    shareReciprocals(block);
    return ScalarFunction(std::move(holder));
  }

  /// Whether `v` is >= 0 or NaN by its form: exp, |y|, y * y, and sums,
  /// products, fmas, min/max and selects of such values.
  static bool nonNegative(Value v, int depth = 6) {
    if (std::optional<double> c = constantValue(v))
      return *c >= 0;
    Operation *op = v.getDefiningOp();
    if (!op || depth == 0)
      return false;
    auto all = [&](ValueRange operands) {
      return llvm::all_of(operands, [&](Value o) { return nonNegative(o, depth - 1); });
    };
    return llvm::TypeSwitch<Operation *, bool>(op)
        .Case<math::ExpOp, math::AbsFOp>([](auto) { return true; })
        .Case([&](arith::MulFOp mul) {
          return mul.getLhs() == mul.getRhs() || all(mul->getOperands());
        })
        .Case<arith::AddFOp, arith::MinimumFOp, arith::MaximumFOp, math::FmaOp>(
            [&](Operation *o) { return all(o->getOperands()); })
        .Case([&](arith::SelectOp sel) {
          return all({sel.getTrueValue(), sel.getFalseValue()});
        })
        .Default([](Operation *) { return false; });
  }

  /// Whether `v` is at least a normal positive constant c (or NaN) by its
  /// form: c + y with y >= 0. Its reciprocal is then finite, at most 1 / c
  /// (1 / y overflows for subnormal y).
  static bool boundedAwayFromZero(Value v) {
    auto add = v.getDefiningOp<arith::AddFOp>();
    if (!add)
      return false;
    auto normalPositiveConstant = [](Value c) {
      APFloat k(0.0);
      return matchPattern(c, m_ConstantFloat(&k)) && k.isNormal() && !k.isNegative();
    };
    return (normalPositiveConstant(add.getLhs()) && nonNegative(add.getRhs())) ||
           (normalPositiveConstant(add.getRhs()) && nonNegative(add.getLhs()));
  }

  /// Several quotients by one divisor (the quotient rule divides the
  /// tangent by the primal's divisor again) become products with its
  /// reciprocal: one division instead of several, one more rounding each.
  /// Only for divisors whose form bounds them away from 0 (1 + exp(...), the
  /// definitions' usual denominators): for a subnormal divisor the
  /// reciprocal overflows where the quotients need not.
  static void shareReciprocals(Block &block) {
    llvm::MapVector<Value, SmallVector<arith::DivFOp>> byDivisor;
    for (Operation &op : block)
      if (auto div = dyn_cast<arith::DivFOp>(&op))
        if (boundedAwayFromZero(div.getRhs()))
          byDivisor[div.getRhs()].push_back(div);
    for (auto &[divisor, divisions] : byDivisor) {
      if (divisions.size() < 2)
        continue;
      OpBuilder b(divisions.front());
      Location loc = divisions.front().getLoc();
      Value one = arith::ConstantOp::create(b, loc, b.getFloatAttr(divisor.getType(), 1.0));
      Value reciprocal = arith::DivFOp::create(b, loc, one, divisor);
      for (arith::DivFOp div : divisions) {
        b.setInsertionPoint(div);
        div.replaceAllUsesWith(
            arith::MulFOp::create(b, div.getLoc(), div.getLhs(), reciprocal).getResult());
        div.erase();
      }
    }
  }

  /// The forward's scalar arguments: one per operand, except for a group
  /// of GLU halves (two for its first operand).
  unsigned numScalarArguments() const {
    if (auto group = dyn_cast<FusedOp>(&*spec.op))
      return group.getNumScalarArguments();
    return spec.op->getNumOperands();
  }

  SmallVector<Type> argumentTypes(Type primal) {
    SmallVector<Type> types = {computeType, primal};
    types.append(numScalarArguments() - 1, computeType);
    return types;
  }

  /// Derives and simplifies dy * df/d(wrt) at the block's arguments
  /// (dy, x or y, params...); returns the simplified result.
  FailureOr<Value> derive(Block &block, bool fromOutput) {
    OpBuilder b = OpBuilder::atBlockEnd(&block);
    Value dy = block.getArgument(0);
    SmallVector<Value> args(block.getArguments().drop_front());
    Value point = args[0];
    if (fromOutput) {
      point = forwardOp().buildPreimage(b, loc, args[0], spec.conventions);
      if (!point)
        return emitError(spec.diagLoc)
               << "'" << spec.op->getName() << "' has no output-based gradient"
               << (spec.conventions == Conventions::jax ? " under jax conventions" : "")
               << " (its output does not determine its derivative)";
      args[0] = point;
    }
    Value forward = forwardOp().buildScalar(b, loc, args, spec.conventions);
    // Gradient kernels keep the full-precision f32 functions and divisions
    // even for 16-bit types (MathBuilder::approximate's flags cleared): the
    // CPU and GPU paths compute them bit for bit alike, and vrcp14ps exists
    // on AVX-512 only.
    auto none = arith::FastMathFlagsAttr::get(b.getContext(), arith::FastMathFlags::none);
    for (Operation &op : block) {
      if (auto fastMath = dyn_cast<arith::ArithFastMathInterface>(&op))
        op.setAttr(fastMath.getFastMathAttrName(), none);
      op.removeAttr(kSignificandBitsAttrName);
    }
    Value wrt = args[spec.wrt];
    TangentBuilder tangents(b, wrt, dy, spec.conventions, spec.op);
    FailureOr<Value> t = tangents.tangent(forward);
    if (failed(t))
      return failure();
    Value result = *t;
    if (!result)
      result = arith::ConstantOp::create(b, loc, computeType,
                                         b.getFloatAttr(computeType, 0));
    // Output-based: f(x~) is y, so the forward result is replaced by y.
    if (fromOutput && forward != point && forward.getDefiningOp()) {
      if (result == forward)
        result = block.getArgument(1);
      else
        forward.replaceAllUsesWith(block.getArgument(1));
    }
    return Simplifier(block, dy).run(result);
  }

  /// The input-based derivative split into its select tree: the two values
  /// it takes (leaves, x-independent) and the bit choosing the first.
  struct Pieces {
    SmallVector<Value, 2> leaves;
    Value bit;
  };
  FailureOr<Pieces> pieces(Block &block) {
    FailureOr<Value> derivative = derive(block, /*fromOutput=*/false);
    if (failed(derivative))
      return failure();
    Value x = block.getArgument(1);
    Value dy = block.getArgument(0);
    auto dependsOn = [](Value v, Value arg) {
      SmallVector<Value> work = {v};
      DenseSet<Value> seen;
      while (!work.empty()) {
        Value w = work.pop_back_val();
        if (w == arg)
          return true;
        if (!seen.insert(w).second)
          continue;
        if (Operation *op = w.getDefiningOp())
          llvm::append_range(work, op->getOperands());
      }
      return false;
    };
    Pieces result;
    std::function<LogicalResult(Value)> collect = [&](Value v) -> LogicalResult {
      if (auto sel = v.getDefiningOp<arith::SelectOp>())
        return success(succeeded(collect(sel.getTrueValue())) &&
                       succeeded(collect(sel.getFalseValue())));
      if (dependsOn(v, x))
        return emitError(spec.diagLoc)
               << "'" << spec.op->getName()
               << "' has no mask-based gradient: its derivative is not piecewise "
                  "constant";
      if (!llvm::is_contained(result.leaves, v))
        result.leaves.push_back(v);
      return success();
    };
    if (failed(collect(*derivative)))
      return failure();
    if (result.leaves.size() > 2)
      return emitError(spec.diagLoc)
             << "'" << spec.op->getName()
             << "' has no mask-based gradient: its derivative takes "
             << result.leaves.size() << " values (a mask bit selects one of two)";
    Simplifier simplifier(block, dy);
    std::function<Value(Value)> bitOf = [&](Value v) -> Value {
      if (auto sel = v.getDefiningOp<arith::SelectOp>())
        return simplifier.select(sel.getCondition(), bitOf(sel.getTrueValue()),
                                 bitOf(sel.getFalseValue()));
      return simplifier.boolConstant(v == result.leaves.front());
    };
    result.bit = bitOf(*derivative);
    if (dependsOn(result.bit, dy))
      return emitError(spec.diagLoc) << "the mask of '" << spec.op->getName()
                                     << "' would depend on dy";
    return result;
  }

  FailureOr<ScalarFunction> gradient() {
    if (spec.wrt != 0 && spec.source != GradSource::input)
      return emitError(spec.diagLoc)
             << "gradients of further operands need the input (source input)";
    if (spec.source != GradSource::mask) {
      auto [holder, block] = scratch(loc, argumentTypes(computeType));
      FailureOr<Value> result = derive(*block, spec.source == GradSource::output);
      if (failed(result))
        return failure();
      return finish(std::move(holder), *result);
    }
    // Mask: derive from x in one scratch block, then select between the two
    // values in a function of (dy, bit, params...).
    auto [work, workBlock] = scratch(loc, argumentTypes(computeType));
    FailureOr<Pieces> split = pieces(*workBlock);
    if (failed(split))
      return failure();
    auto [holder, block] = scratch(loc, argumentTypes(IntegerType::get(loc.getContext(), 1)));
    OpBuilder b = OpBuilder::atBlockEnd(block);
    IRMapping mapping;
    mapping.map(workBlock->getArgument(0), block->getArgument(0));
    for (unsigned i = 2; i < block->getNumArguments(); ++i)
      mapping.map(workBlock->getArgument(i), block->getArgument(i));
    Value first = cloneValue(b, split->leaves.front(), mapping);
    Value result = first;
    if (split->leaves.size() == 2)
      result = arith::SelectOp::create(b, loc, block->getArgument(1), first,
                                       cloneValue(b, split->leaves.back(), mapping));
    return finish(std::move(holder), result);
  }

  FailureOr<ScalarFunction> maskBit() {
    auto [work, workBlock] = scratch(loc, argumentTypes(computeType));
    FailureOr<Pieces> split = pieces(*workBlock);
    if (failed(split))
      return failure();
    SmallVector<Type> types(numScalarArguments(), computeType);
    auto [holder, block] = scratch(loc, types);
    OpBuilder b = OpBuilder::atBlockEnd(block);
    IRMapping mapping;
    for (unsigned i = 0; i < block->getNumArguments(); ++i)
      mapping.map(workBlock->getArgument(i + 1), block->getArgument(i));
    return finish(std::move(holder), cloneValue(b, split->bit, mapping));
  }

private:
  ActivationOpInterface forwardOp() const { return spec.op; }
  const GradientSpec &spec;
  FloatType computeType;
  Location loc;
};
} // namespace relu::act

Value ScalarFunction::emit(OpBuilder &builder, ValueRange args) const {
  return cloneScalarBody(builder, getBody(), args);
}

void ScalarFunction::print(llvm::raw_ostream &os) const { holder->print(os); }

FailureOr<ScalarFunction> relu::act::deriveGradient(const GradientSpec &spec,
                                                    FloatType computeType) {
  return GradientDeriver(spec, computeType).gradient();
}

FailureOr<ScalarFunction> relu::act::deriveMaskBit(const GradientSpec &spec,
                                                   FloatType computeType) {
  return GradientDeriver(spec, computeType).maskBit();
}
