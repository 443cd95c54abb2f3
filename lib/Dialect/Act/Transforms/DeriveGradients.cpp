//===- DeriveGradients.cpp - lower act.grad / act.forward_with_mask -------===//
//
// The scalar code comes from Derivative.h (the chain rule applied to the
// forward op's buildScalar); this pass only places it:
// - dx from the input or the output: an elementwise linalg.generic on tensors,
//   in ActToLinalg's style (f16/bf16 extended to f32, rounded once);
// - gradients of further operands (prelu's slope): an scf.for nest over
//   vector.transfer_reads summing per channel in the compute type;
// - masks: flat scf.for loops over vectors of a multiple of 8 lanes, packing
//   and unpacking the bits with vector.bitcast.
// The loops stay on tensors so that the CPU pipeline bufferizes them with the
// rest of the function.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "relu/Dialect/Act/IR/ActOps.h"
#include "relu/Dialect/Act/IR/MathBuilder.h"
#include "relu/Dialect/Act/IR/Derivative.h"
#include "relu/Dialect/Act/Transforms/Passes.h"

namespace relu {
#define GEN_PASS_DEF_ACTDERIVEGRADIENTSPASS
#include "relu/Dialect/Act/Transforms/Passes.h.inc"
} // namespace relu

using namespace mlir;
using namespace relu::act;

namespace {

Value index(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

/// A 1-D view of a tensor (rank 0 becomes one element).
Value flatten(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  if (type.getRank() == 1)
    return tensor;
  if (type.getRank() == 0)
    return tensor::ExpandShapeOp::create(
        b, loc, RankedTensorType::get({1}, type.getElementType()), tensor,
        ArrayRef<ReassociationIndices>{}, ArrayRef<OpFoldResult>{b.getIndexAttr(1)});
  ReassociationIndices all;
  for (int64_t d = 0; d < type.getRank(); ++d)
    all.push_back(d);
  return tensor::CollapseShapeOp::create(b, loc, tensor, ArrayRef<ReassociationIndices>{all});
}

/// `flat` (1-D) back in the shape of `like`.
Value unflatten(OpBuilder &b, Location loc, Value flat, Value like) {
  auto type = cast<RankedTensorType>(like.getType());
  auto flatType = cast<RankedTensorType>(flat.getType());
  auto result = RankedTensorType::get(type.getShape(), flatType.getElementType());
  if (type.getRank() == 1)
    return flat;
  if (type.getRank() == 0)
    return tensor::CollapseShapeOp::create(b, loc, result, flat,
                                           ArrayRef<ReassociationIndices>{});
  // LLVM 22's expand-strided-metadata crashes on an expand_shape with more
  // than one dynamic size in a group (llvm-project #186830, fixed upstream by
  // #187844): such shapes go through tensor.reshape, which bufferizes to
  // memref.reshape and lowers without it.
  if (type.getNumDynamicDims() > 1) {
    SmallVector<Value> sizes;
    for (int64_t d = 0; d < type.getRank(); ++d)
      sizes.push_back(tensor::DimOp::create(b, loc, like, d));
    Value shape = tensor::FromElementsOp::create(b, loc, sizes);
    return tensor::ReshapeOp::create(b, loc, result, flat, shape);
  }
  ReassociationIndices all;
  for (int64_t d = 0; d < type.getRank(); ++d)
    all.push_back(d);
  return tensor::ExpandShapeOp::create(b, loc, result, flat,
                                       ArrayRef<ReassociationIndices>{all},
                                       tensor::getMixedSizes(b, loc, like));
}

/// The body of a flat vector loop: given the index, the loop-carried values
/// and whether the accesses are in bounds, returns the next values.
using FlatLoopBody =
    llvm::function_ref<SmallVector<Value>(OpBuilder &, Location, Value, ValueRange, bool)>;

/// Marks `loop`'s iterations as independent (kIndependentIterationsAttrName).
void markIndependent(scf::ForOp loop) {
  loop->setAttr(relu::kIndependentIterationsAttrName, UnitAttr::get(loop.getContext()));
}

/// Loops over [0, size) in steps of `step` elements: whole vectors with
/// in-bounds accesses, then at most one masked tail iteration (masked loads
/// and stores in every iteration cost up to 2x on AVX-512). The iterations
/// of `body` must be independent.
SmallVector<Value> flatVectorLoop(OpBuilder &b, Location loc, Value size, int64_t step,
                                  ValueRange inits, FlatLoopBody body) {
  Value stepValue = index(b, loc, step);
  Value full = arith::SubIOp::create(b, loc, size, arith::RemUIOp::create(b, loc, size, stepValue));
  auto loopOver = [&](Value lower, Value upper, ValueRange loopInits, bool inBounds) {
    auto loop = scf::ForOp::create(b, loc, lower, upper, stepValue, loopInits,
                                   [&](OpBuilder &nested, Location l, Value i, ValueRange acc) {
                                     scf::YieldOp::create(nested, l,
                                                          body(nested, l, i, acc, inBounds));
                                   });
    markIndependent(loop);
    return loop.getResults();
  };
  ValueRange whole = loopOver(index(b, loc, 0), full, inits, /*inBounds=*/true);
  return llvm::to_vector_of<Value>(loopOver(full, size, whole, /*inBounds=*/false));
}

/// True if some of `params` is a tensor (prelu's slope), not a scalar.
bool hasTensorOperand(ValueRange params) {
  return llvm::any_of(params.getTypes(), [](Type t) { return isa<ShapedType>(t); });
}

/// A tensor of `type` (1-D) whose dynamic size is `size`.
Value emptyLike(OpBuilder &b, Location loc, RankedTensorType type, Value size) {
  if (type.hasStaticShape())
    return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
  return tensor::EmptyOp::create(b, loc, type, ValueRange{size});
}

class Lowering {
public:
  Lowering(RewriterBase &rewriter, unsigned vectorBits)
      : rewriter(rewriter), vectorBits(vectorBits) {}

  LogicalResult lower(GradOp op);
  LogicalResult lower(ForwardWithMaskOp op);

private:
  /// Lanes of the loops this pass writes: a multiple of 8 (one mask byte).
  int64_t lanes(FloatType computeType) const {
    int64_t n = std::max<int64_t>(8, vectorBits / computeType.getWidth());
    return (n + 7) / 8 * 8;
  }

  Value elementwiseGradient(GradOp op, const ScalarFunction &gradient);
  /// `params` with scalars (dynamic parameters) converted once to the
  /// compute type, as convert-act-to-linalg passes them.
  SmallVector<Value> scalarsInComputeType(ValueRange params, FloatType computeType,
                                          Location loc);
  /// The scalar `params` converted to the compute type and splatted to `n`
  /// lanes, for the vector loops of the mask variants.
  SmallVector<Value> splatScalars(ValueRange params, FloatType computeType, int64_t n,
                                  Location loc);
  FailureOr<Value> paramGradient(GradOp op, unsigned param, const ScalarFunction &gradient);
  Value maskGradient(GradOp op, const ScalarFunction &gradient);
  LogicalResult lowerHalves(GradOp op, FusedOp group);

  RewriterBase &rewriter;
  unsigned vectorBits;
};

SmallVector<Value> Lowering::scalarsInComputeType(ValueRange params, FloatType computeType,
                                                  Location loc) {
  SmallVector<Value> converted;
  for (Value param : params)
    converted.push_back(isa<ShapedType>(param.getType())
                            ? param
                            : convertFloat(rewriter, loc, param, computeType));
  return converted;
}

SmallVector<Value> Lowering::splatScalars(ValueRange params, FloatType computeType, int64_t n,
                                          Location loc) {
  SmallVector<Value> splats;
  for (Value param : scalarsInComputeType(params, computeType, loc))
    splats.push_back(
        vector::BroadcastOp::create(rewriter, loc, VectorType::get({n}, computeType), param));
  return splats;
}

Value Lowering::elementwiseGradient(GradOp op, const ScalarFunction &gradient) {
  Location loc = op.getLoc();
  ActivationOpInterface forward = op.getForwardOp();
  auto type = cast<RankedTensorType>(op.getDx().getType());
  Type elementType = type.getElementType();
  FloatType computeType = getComputeType(elementType);
  int64_t rank = type.getRank();

  SmallVector<Value> inputs = {op.getDy(), op.getPrimal()};
  llvm::append_range(inputs, scalarsInComputeType(op.getParams(), computeType, loc));
  SmallVector<AffineMap> maps(2, rewriter.getMultiDimIdentityMap(rank));
  for (unsigned i = 1; i < forward->getNumOperands(); ++i)
    maps.push_back(forward.getOperandIndexingMap(i));
  maps.push_back(rewriter.getMultiDimIdentityMap(rank));
  Value init = tensor::EmptyOp::create(rewriter, loc,
                                       tensor::getMixedSizes(rewriter, loc, op.getDy()),
                                       elementType);
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      rewriter, loc, type, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
        SmallVector<Value> computeArgs;
        for (Value arg : args.drop_back())
          computeArgs.push_back(convertFloat(b, bodyLoc, arg, computeType));
        Value dx = gradient.emit(b, computeArgs);
        linalg::YieldOp::create(b, bodyLoc, convertFloat(b, bodyLoc, dx, elementType));
      });
  return generic.getResult(0);
}

/// Nested scf.for loops over dimensions `dims` of `shaped` (0 to the size,
/// step 1) carrying `acc`; `body` gets the induction variables by dimension.
Value loopNest(OpBuilder &b, Location loc, Value shaped, ArrayRef<int64_t> dims,
               DenseMap<int64_t, Value> &ivs, Value acc,
               function_ref<Value(OpBuilder &, Location, Value)> body) {
  if (dims.empty())
    return body(b, loc, acc);
  Value zero = index(b, loc, 0), one = index(b, loc, 1);
  Value size = tensor::DimOp::create(b, loc, shaped, dims.front());
  auto loop = scf::ForOp::create(
      b, loc, zero, size, one, ValueRange{acc},
      [&](OpBuilder &nested, Location l, Value iv, ValueRange args) {
        ivs[dims.front()] = iv;
        Value next = loopNest(nested, l, shaped, dims.drop_front(), ivs, args[0], body);
        scf::YieldOp::create(nested, l, ValueRange{next});
      });
  return loop.getResult(0);
}

/// d param[c] = sum over every other position of the derived contribution
/// dy * df/dparam. Vectors run along the innermost dimension; when that is
/// the channel dimension (channels-last), each vector holds L channels.
/// Sums are kept in the compute type and rounded once.
FailureOr<Value> Lowering::paramGradient(GradOp op, unsigned param,
                                         const ScalarFunction &contribution) {
  Location loc = op.getLoc();
  ActivationOpInterface forward = op.getForwardOp();
  Type elementType = cast<RankedTensorType>(op.getDy().getType()).getElementType();
  FloatType computeType = getComputeType(elementType);
  ValueRange params = op.getParams();
  auto alongDim = [&](unsigned i) -> std::optional<int64_t> {
    AffineMap map = forward.getOperandIndexingMap(i + 1);
    if (auto dim = dyn_cast<AffineDimExpr>(map.getResult(0)))
      return dim.getPosition();
    return std::nullopt;
  };
  for (unsigned i = 0; i < params.size(); ++i) {
    AffineMap map = forward.getOperandIndexingMap(i + 1);
    if (map.getNumResults() != 1 ||
        !isa<AffineDimExpr, AffineConstantExpr>(map.getResult(0)) ||
        (alongDim(i) && alongDim(param) && alongDim(i) != alongDim(param)))
      return op.emitOpError("gradients of operands that are not per channel or "
                            "single are not supported");
  }
  std::optional<int64_t> channelDim = alongDim(param);

  Value x = op.getPrimal(), dy = op.getDy();
  if (cast<RankedTensorType>(dy.getType()).getRank() == 0) {
    x = flatten(rewriter, loc, x);
    dy = flatten(rewriter, loc, dy);
  }
  int64_t rank = cast<RankedTensorType>(dy.getType()).getRank();
  int64_t innermost = rank - 1;
  bool channelsLast = channelDim && *channelDim == innermost;

  int64_t n = lanes(computeType);
  auto vectorType = VectorType::get({n}, elementType);
  auto computeVector = VectorType::get({n}, computeType);
  auto maskType = VectorType::get({n}, rewriter.getI1Type());
  auto resultType = cast<RankedTensorType>(op.getParamGrads()[param].getType());
  Value zero = index(rewriter, loc, 0), one = index(rewriter, loc, 1),
        step = index(rewriter, loc, n);
  Value init = emptyLike(rewriter, loc, resultType,
                         tensor::DimOp::create(rewriter, loc, params[param], 0));
  Value padding = arith::ConstantOp::create(rewriter, loc, elementType,
                                            rewriter.getFloatAttr(elementType, 0));
  Value zeros = arith::ConstantOp::create(
      rewriter, loc, computeVector,
      DenseElementsAttr::get(computeVector, rewriter.getFloatAttr(computeType, 0)));

  // The contribution at x[indices], dy[indices] (vectors along the innermost
  // dimension), lanes outside `live` zeroed.
  auto term = [&](OpBuilder &b, Location l, ArrayRef<Value> indices,
                  ArrayRef<Value> paramVectors, Value live) {
    Value xv = vector::TransferReadOp::create(b, l, vectorType, x, indices, padding,
                                              ArrayRef<bool>{false});
    Value dyv = vector::TransferReadOp::create(b, l, vectorType, dy, indices, padding,
                                               ArrayRef<bool>{false});
    SmallVector<Value> args = {convertFloat(b, l, dyv, computeType),
                               convertFloat(b, l, xv, computeType)};
    llvm::append_range(args, paramVectors);
    return arith::SelectOp::create(b, l, live, contribution.emit(b, args), zeros);
  };
  // Parameter operands as vectors: read along the channels at `channel`
  // (channels-last), or splatted from `channel` / 0.
  auto paramVectorsAt = [&](OpBuilder &b, Location l, Value channel) {
    SmallVector<Value> vectors;
    for (unsigned i = 0; i < params.size(); ++i) {
      if (channelsLast && alongDim(i)) {
        Value v = vector::TransferReadOp::create(
            b, l, VectorType::get({n}, cast<ShapedType>(params[i].getType()).getElementType()),
            params[i], ValueRange{channel}, padding, ArrayRef<bool>{false});
        vectors.push_back(convertFloat(b, l, v, computeType));
        continue;
      }
      Value at = alongDim(i) ? channel : zero;
      Value scalar = tensor::ExtractOp::create(b, l, params[i], ValueRange{at});
      vectors.push_back(vector::BroadcastOp::create(
          b, l, computeVector, convertFloat(b, l, scalar, computeType)));
    }
    return vectors;
  };

  if (channelsLast) {
    Value channels = tensor::DimOp::create(rewriter, loc, dy, innermost);
    SmallVector<int64_t> outerDims;
    for (int64_t d = 0; d < innermost; ++d)
      outerDims.push_back(d);
    auto loop = scf::ForOp::create(
        rewriter, loc, zero, channels, step, ValueRange{init},
        [&](OpBuilder &b, Location l, Value c, ValueRange acc) {
          Value live = vector::CreateMaskOp::create(
              b, l, maskType, ValueRange{arith::SubIOp::create(b, l, channels, c)});
          SmallVector<Value> paramVectors = paramVectorsAt(b, l, c);
          DenseMap<int64_t, Value> ivs;
          Value sums = loopNest(b, l, dy, outerDims, ivs, zeros,
                                [&](OpBuilder &b, Location l, Value partial) -> Value {
                                  SmallVector<Value> indices;
                                  for (int64_t d = 0; d < innermost; ++d)
                                    indices.push_back(ivs[d]);
                                  indices.push_back(c);
                                  return arith::AddFOp::create(
                                      b, l, partial, term(b, l, indices, paramVectors, live));
                                });
          Value out = convertFloat(b, l, sums, elementType);
          scf::YieldOp::create(b, l, ValueRange{vector::TransferWriteOp::create(
                                         b, l, out, acc[0], ValueRange{c},
                                         ArrayRef<bool>{false})
                                         .getResult()});
        });
    markIndependent(loop);
    return loop.getResult(0);
  }

  // Channel (if any) outermost, then the other outer dimensions, then
  // vectors along the innermost one.
  SmallVector<int64_t> outerDims;
  for (int64_t d = 0; d < innermost; ++d)
    if (d != channelDim)
      outerDims.push_back(d);
  Value inner = tensor::DimOp::create(rewriter, loc, dy, innermost);
  auto sumAt = [&](OpBuilder &b, Location l, Value channel) {
    SmallVector<Value> paramVectors = paramVectorsAt(b, l, channel);
    DenseMap<int64_t, Value> ivs;
    Value sums = loopNest(
        b, l, dy, outerDims, ivs, zeros, [&](OpBuilder &b, Location l, Value partial) -> Value {
          auto innerLoop = scf::ForOp::create(
              b, l, zero, inner, step, ValueRange{partial},
              [&](OpBuilder &b, Location l, Value j, ValueRange acc) {
                Value live = vector::CreateMaskOp::create(
                    b, l, maskType, ValueRange{arith::SubIOp::create(b, l, inner, j)});
                SmallVector<Value> indices;
                for (int64_t d = 0; d < innermost; ++d)
                  indices.push_back(d == channelDim ? channel : ivs[d]);
                indices.push_back(j);
                scf::YieldOp::create(b, l, ValueRange{arith::AddFOp::create(
                                               b, l, acc[0], term(b, l, indices, paramVectors, live))});
              });
          return innerLoop.getResult(0);
        });
    Value total = vector::ReductionOp::create(b, l, vector::CombiningKind::ADD, sums);
    return convertFloat(b, l, total, elementType);
  };
  // One sum per channel; a single operand is one channel (a loop of one
  // iteration, so that every target sees the same form).
  Value channels = channelDim ? Value(tensor::DimOp::create(rewriter, loc, dy, *channelDim))
                              : one;
  auto loop = scf::ForOp::create(
      rewriter, loc, zero, channels, one, ValueRange{init},
      [&](OpBuilder &b, Location l, Value c, ValueRange acc) {
        Value total = sumAt(b, l, c);
        scf::YieldOp::create(
            b, l, ValueRange{tensor::InsertOp::create(b, l, total, acc[0], ValueRange{c})});
      });
  markIndependent(loop);
  return loop.getResult(0);
}

/// dx = the derived function of (dy, bit, params) over flat vectors, the
/// bits unpacked from L/8 mask bytes per step.
Value Lowering::maskGradient(GradOp op, const ScalarFunction &gradient) {
  Location loc = op.getLoc();
  auto type = cast<RankedTensorType>(op.getDy().getType());
  Type elementType = type.getElementType();
  FloatType computeType = getComputeType(elementType);
  int64_t n = lanes(computeType);
  Value dy = flatten(rewriter, loc, op.getDy());
  Value mask = op.getPrimal();
  Value eight = index(rewriter, loc, 8);
  Value size = tensor::DimOp::create(rewriter, loc, dy, 0);
  Value init = tensor::EmptyOp::create(rewriter, loc, tensor::getMixedSizes(rewriter, loc, dy),
                                       elementType);
  Value padding = arith::ConstantOp::create(rewriter, loc, elementType,
                                            rewriter.getFloatAttr(elementType, 0));
  Value bytePadding = arith::ConstantOp::create(rewriter, loc, rewriter.getI8IntegerAttr(0));
  SmallVector<Value> params = splatScalars(op.getParams(), computeType, n, loc);
  SmallVector<Value> result = flatVectorLoop(
      rewriter, loc, size, n, ValueRange{init},
      [&](OpBuilder &b, Location l, Value i, ValueRange acc, bool inBounds) {
        Value dyv = vector::TransferReadOp::create(b, l, VectorType::get({n}, elementType), dy,
                                                   ValueRange{i}, padding,
                                                   ArrayRef<bool>{inBounds});
        Value byteIndex = arith::DivUIOp::create(b, l, i, eight);
        Value bytes = vector::TransferReadOp::create(b, l, VectorType::get({n / 8}, b.getI8Type()),
                                                     mask, ValueRange{byteIndex}, bytePadding,
                                                     ArrayRef<bool>{inBounds});
        Value bits = vector::BitCastOp::create(b, l, VectorType::get({n}, b.getI1Type()), bytes);
        SmallVector<Value> args = {convertFloat(b, l, dyv, computeType), bits};
        llvm::append_range(args, params);
        Value dx = gradient.emit(b, args);
        dx = convertFloat(b, l, dx, elementType);
        return SmallVector<Value>{vector::TransferWriteOp::create(b, l, dx, acc[0], ValueRange{i},
                                                                  ArrayRef<bool>{inBounds})
                                      .getResult()};
      });
  return unflatten(rewriter, loc, result[0], op.getDy());
}

LogicalResult Lowering::lower(GradOp op) {
  ActivationOpInterface forward = op.getForwardOp();
  auto type = cast<RankedTensorType>(op.getDy().getType());
  FloatType computeType = getComputeType(type.getElementType());
  GradientSpec spec{forward, op.getConventions(), op.getSource(), 0, op.getLoc()};
  if (auto group = dyn_cast<FusedOp>(forward.getOperation()))
    if (Operation *member = group.getMemberWithoutScalarForm())
      return member->emitOpError("has no scalar form in an act.fused group: the group "
                                 "cannot be differentiated (docs/fusion.md)");
  if (auto group = dyn_cast<FusedOp>(forward.getOperation()); group && group.getHalves().first)
    return lowerHalves(op, group);
  if (op.getSource() == GradSource::mask && hasTensorOperand(op.getParams()))
    return op.emitOpError("the mask variant needs an activation without further "
                          "tensor operands (a prelu backward needs x for d slope anyway)");
  FailureOr<ScalarFunction> gradient = deriveGradient(spec, computeType);
  if (failed(gradient))
    return failure();
  SmallVector<ScalarFunction> paramGradients;
  for (unsigned i = 0; i < op.getParamGrads().size(); ++i) {
    GradientSpec paramSpec = spec;
    paramSpec.wrt = i + 1;
    FailureOr<ScalarFunction> g = deriveGradient(paramSpec, computeType);
    if (failed(g))
      return failure();
    paramGradients.push_back(std::move(*g));
  }

  rewriter.setInsertionPoint(op);
  // The sums come first: they read dy and x, which dx may overwrite once
  // bufferized in place (a C caller's dx == dy).
  SmallVector<Value> results(1);
  int64_t rank = type.getRank();
  for (unsigned i = 0; i < paramGradients.size(); ++i) {
    // An operand of x's shape (a fused group's residual or GLU gate) has an
    // elementwise gradient; others are summed per channel.
    AffineMap map = forward.getOperandIndexingMap(i + 1);
    if (rank > 0 && map.isIdentity() && map.getNumResults() == rank) {
      results.push_back(elementwiseGradient(op, paramGradients[i]));
      continue;
    }
    FailureOr<Value> g = paramGradient(op, i, paramGradients[i]);
    if (failed(g))
      return failure();
    results.push_back(*g);
  }
  if (op.getSource() == GradSource::mask)
    results[0] = maskGradient(op, *gradient);
  else
    results[0] = elementwiseGradient(op, *gradient);
  rewriter.replaceOp(op, results);
  return success();
}

/// A group of GLU halves, x = [a, b] along `axis`: dx = [da, db] of x's
/// shape (twice dy's size along the axis), with da and db derived with
/// respect to the two halves. Two elementwise generics over dy's shape, each
/// reading dy and both halves of x and writing one half of dx (the first one
/// also the gradients of further operands of dy's shape). One generic with
/// both halves as outputs would read x once, but the second half's output
/// could not be placed in dx's buffer (empty-tensor elimination needs the
/// first insert_slice to dominate it) and would be a separate allocation.
LogicalResult Lowering::lowerHalves(GradOp op, FusedOp group) {
  Location loc = op.getLoc();
  int64_t axis = 0;
  group.getHalves(&axis);
  auto type = cast<RankedTensorType>(op.getDy().getType());
  int64_t rank = type.getRank();
  if (op.getSource() != GradSource::input)
    return op.emitOpError("the gradient of a group of GLU halves needs its input x = [a, b] "
                          "(source input)");
  if (!type.isDynamicDim(axis))
    return op.emitOpError("the gradient of a group of GLU halves needs dy's size along the "
                          "halves' axis ")
           << axis << " to be dynamic: dx = [da, db] is twice as large there";
  ActivationOpInterface forward = op.getForwardOp();
  for (unsigned i = 1; i < forward->getNumOperands(); ++i) {
    AffineMap map = forward.getOperandIndexingMap(i);
    if (i <= op.getParamGrads().size() && !(map.isIdentity() && map.getNumResults() == rank))
      return op.emitOpError("gradients of per-channel operands of a group of GLU halves are "
                            "not supported (only operands of dy's shape)");
  }
  Type elementType = type.getElementType();
  FloatType computeType = getComputeType(elementType);
  // The scalar arguments are (dy, a, b, further operands...): wrt 0 is a, 1
  // is b, 2 + i the further operand i.
  SmallVector<ScalarFunction> gradients;
  for (unsigned wrt = 0; wrt < 2 + op.getParamGrads().size(); ++wrt) {
    GradientSpec spec{forward, op.getConventions(), GradSource::input, wrt, loc};
    FailureOr<ScalarFunction> g = deriveGradient(spec, computeType);
    if (failed(g))
      return failure();
    gradients.push_back(std::move(*g));
  }

  rewriter.setInsertionPoint(op);
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(rewriter, loc, op.getDy());
  SmallVector<OpFoldResult> first(rank, rewriter.getIndexAttr(0)), second = first,
      strides(rank, rewriter.getIndexAttr(1)), doubled = sizes;
  second[axis] = sizes[axis];
  Value half = getValueOrCreateConstantIndexOp(rewriter, loc, sizes[axis]);
  doubled[axis] = arith::AddIOp::create(rewriter, loc, half, half).getResult();
  SmallVector<Value> inputs = {
      op.getDy(),
      tensor::ExtractSliceOp::create(rewriter, loc, op.getPrimal(), first, sizes, strides),
      tensor::ExtractSliceOp::create(rewriter, loc, op.getPrimal(), second, sizes, strides)};
  llvm::append_range(inputs, scalarsInComputeType(op.getParams(), computeType, loc));
  AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
  SmallVector<AffineMap> inputMaps(3, identity);
  for (unsigned i = 1; i < forward->getNumOperands(); ++i)
    inputMaps.push_back(forward.getOperandIndexingMap(i));
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  // One generic computing `functions` into `outputs`.
  auto generic = [&](ArrayRef<const ScalarFunction *> functions, ValueRange outputs) {
    SmallVector<AffineMap> maps = inputMaps;
    maps.append(outputs.size(), identity);
    return linalg::GenericOp::create(
        rewriter, loc, outputs.getTypes(), inputs, outputs, maps, iterators,
        [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
          SmallVector<Value> computeArgs;
          for (Value arg : args.take_front(inputs.size()))
            computeArgs.push_back(convertFloat(b, bodyLoc, arg, computeType));
          SmallVector<Value> results;
          for (const ScalarFunction *g : functions)
            results.push_back(convertFloat(b, bodyLoc, g->emit(b, computeArgs), elementType));
          linalg::YieldOp::create(b, bodyLoc, results);
        });
  };
  // Stored into a buffer (the kernel ABI's output, KernelABI.cpp), dx is
  // built in that buffer: from a tensor.empty, empty-tensor elimination
  // would place the first half in a separate allocation (it replaces that
  // half's output before the store's).
  Value dx;
  auto store = op.getDx().hasOneUse() ? dyn_cast<bufferization::MaterializeInDestinationOp>(
                                            *op.getDx().getUsers().begin())
                                      : nullptr;
  if (store && isa<MemRefType>(store.getDest().getType()) && isa<BlockArgument>(store.getDest()))
    dx = bufferization::ToTensorOp::create(rewriter, loc, type, store.getDest(),
                                           /*restrict=*/true, /*writable=*/true);
  else
    dx = tensor::EmptyOp::create(rewriter, loc, doubled, elementType);
  SmallVector<const ScalarFunction *> firstFunctions = {&gradients[0]};
  SmallVector<Value> firstOutputs = {
      tensor::ExtractSliceOp::create(rewriter, loc, dx, first, sizes, strides)};
  for (size_t i = 2; i < gradients.size(); ++i) {
    firstFunctions.push_back(&gradients[i]);
    firstOutputs.push_back(tensor::EmptyOp::create(rewriter, loc, sizes, elementType));
  }
  linalg::GenericOp da = generic(firstFunctions, firstOutputs);
  dx = tensor::InsertSliceOp::create(rewriter, loc, da.getResult(0), dx, first, sizes, strides);
  linalg::GenericOp db = generic(
      {&gradients[1]}, tensor::ExtractSliceOp::create(rewriter, loc, dx, second, sizes, strides)
                           .getResult());
  dx = tensor::InsertSliceOp::create(rewriter, loc, db.getResult(0), dx, second, sizes, strides);
  SmallVector<Value> results = {dx};
  llvm::append_range(results, da.getResults().drop_front());
  rewriter.replaceOp(op, results);
  return success();
}

/// y and the packed bits in one pass over flat vectors of x.
LogicalResult Lowering::lower(ForwardWithMaskOp op) {
  Location loc = op.getLoc();
  ActivationOpInterface forward = op.getForwardOp();
  // A group's scalar form holds act.quantize's straight-through surrogate,
  // which is not its forward value.
  if (auto group = dyn_cast<FusedOp>(forward.getOperation()))
    for (Operation &member : group.getBody().front())
      if (isa<QuantizeOp>(member))
        return member.emitOpError("has no forward value in the mask variant: use act.grad "
                                  "with source input");
  if (hasTensorOperand(op.getParams()))
    return op.emitOpError("the mask variant needs an activation without further "
                          "tensor operands (a prelu backward needs x for d slope anyway)");
  auto type = cast<RankedTensorType>(op.getInput().getType());
  Type elementType = type.getElementType();
  FloatType computeType = getComputeType(elementType);
  GradientSpec spec{forward, op.getConventions(), GradSource::mask, 0, loc};
  FailureOr<ScalarFunction> bitFunction = deriveMaskBit(spec, computeType);
  if (failed(bitFunction))
    return failure();

  rewriter.setInsertionPoint(op);
  int64_t n = lanes(computeType);
  Value x = flatten(rewriter, loc, op.getInput());
  Value eight = index(rewriter, loc, 8), seven = index(rewriter, loc, 7);
  Value size = tensor::DimOp::create(rewriter, loc, x, 0);
  Value bytes = arith::DivUIOp::create(rewriter, loc,
                                       arith::AddIOp::create(rewriter, loc, size, seven), eight);
  Value yInit = tensor::EmptyOp::create(rewriter, loc, tensor::getMixedSizes(rewriter, loc, x),
                                        elementType);
  Value maskInit =
      emptyLike(rewriter, loc, cast<RankedTensorType>(op.getMask().getType()), bytes);
  Value padding = arith::ConstantOp::create(rewriter, loc, elementType,
                                            rewriter.getFloatAttr(elementType, 0));
  SmallVector<Value> params = splatScalars(op.getParams(), computeType, n, loc);
  SmallVector<Value> results = flatVectorLoop(
      rewriter, loc, size, n, ValueRange{yInit, maskInit},
      [&](OpBuilder &b, Location l, Value i, ValueRange acc, bool inBounds) {
        Value xv = vector::TransferReadOp::create(b, l, VectorType::get({n}, elementType), x,
                                                  ValueRange{i}, padding,
                                                  ArrayRef<bool>{inBounds});
        Value xc = convertFloat(b, l, xv, computeType);
        SmallVector<Value> args = {xc};
        llvm::append_range(args, params);
        Value y = convertFloat(b, l, forward.buildScalar(b, l, args), elementType);
        Value bits = bitFunction->emit(b, args);
        if (!inBounds) { // bits past the end are 0
          Value live = vector::CreateMaskOp::create(
              b, l, VectorType::get({n}, b.getI1Type()),
              ValueRange{arith::SubIOp::create(b, l, size, i)});
          bits = arith::AndIOp::create(b, l, bits, live);
        }
        Value packed = vector::BitCastOp::create(b, l, VectorType::get({n / 8}, b.getI8Type()), bits);
        Value byteIndex = arith::DivUIOp::create(b, l, i, eight);
        Value yOut = vector::TransferWriteOp::create(b, l, y, acc[0], ValueRange{i},
                                                     ArrayRef<bool>{inBounds})
                         .getResult();
        Value maskOut = vector::TransferWriteOp::create(b, l, packed, acc[1],
                                                        ValueRange{byteIndex},
                                                        ArrayRef<bool>{inBounds})
                            .getResult();
        return SmallVector<Value>{yOut, maskOut};
      });
  rewriter.replaceOp(op, {unflatten(rewriter, loc, results[0], op.getInput()), results[1]});
  return success();
}

struct ActDeriveGradientsPass
    : relu::impl::ActDeriveGradientsPassBase<ActDeriveGradientsPass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation()->walk([&](Operation *op) {
      if (isa<GradOp, ForwardWithMaskOp>(op))
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    Lowering lowering(rewriter, vectorBits);
    bool failedAny = false;
    for (Operation *op : ops) {
      LogicalResult result = isa<GradOp>(op) ? lowering.lower(cast<GradOp>(op))
                                             : lowering.lower(cast<ForwardWithMaskOp>(op));
      failedAny |= failed(result);
    }
    if (failedAny)
      signalPassFailure();
  }
};

} // namespace
