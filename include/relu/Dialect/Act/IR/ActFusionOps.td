#ifndef RELU_DIALECT_ACT_IR_ACTFUSIONOPS_TD
#define RELU_DIALECT_ACT_IR_ACTFUSIONOPS_TD

// Fusion groups (docs/fusion.md): act.fused holds an activation together with
// the elementwise producers and consumers that act-fuse recognized around it,
// so that every target computes the group in one pass over memory; and the
// ops that upstream MLIR has no natural form for (act.quantize). Included
// from ActOps.td, so these ops are generated with the others.

include "relu/Dialect/Act/IR/ActOps.td"

def Act_FusedOp : Act_Op<"fused", [IsolatedFromAbove, SingleBlock,
    RecursiveMemoryEffects, RecursivelySpeculatable,
    DeclareOpInterfaceMethods<ActivationOpInterface,
                              ["buildScalar", "getOperandIndexingMap"]>]> {
  let summary = "a fusion group: activations with their elementwise producers "
                "and consumers, computed in one pass over memory";
  let description = [{
    The region computes the group's results from its block arguments (one per
    operand, same types) with act ops, elementwise arith/math ops on tensors,
    elementwise linalg ops whose inputs are broadcasts of the iteration space
    (a bias along one axis), unit-stride `tensor.extract_slice`s of an input
    (the two halves of a GLU) and the constants and shape computations
    (`tensor.empty`, `tensor.dim`, index arithmetic) they need, and ends in
    `act.fused_yield`. Operands are usually tensors; values act-fuse cannot
    copy into the region (a size computed elsewhere) are operands too. It is created by `act-fuse`, which
    only groups values that no op outside the group reads; lowering inlines
    the region, and linalg elementwise fusion then yields one loop nest.

    A group is also an activation of its operands (`ActivationOpInterface`):
    `buildScalar` is the region read as a scalar function (each member's own
    definition: an activation's `buildScalar`, an arith op, a linalg op's
    body; broadcasts are the operands' indexing maps), so `act.grad` holding
    an `act.fused` differentiates the whole group by the chain rule
    (docs/fusion.md); `act.quantize` stands there for its straight-through
    surrogate (`QuantizeOp::buildStraightThrough`), so the gradient of a group
    ending in a quantization is the straight-through estimator's. A group
    that reads its first operand only as two halves `[a, b]` along one axis
    (GLU halves, `getHalves`) is a function of `(a, b, further operands...)`:
    its scalar form takes one argument more than it has operands. Other
    slices have no scalar form (`getMemberWithoutScalarForm`);
    act-derive-gradients reports them.

    ```mlir
    %y = act.fused %x, %bias : (tensor<?x64xf32>, tensor<64xf32>) -> tensor<?x64xbf16> {
    ^bb0(%a: tensor<?x64xf32>, %b: tensor<64xf32>):
      %c0 = arith.constant 0 : index
      %n = tensor.dim %a, %c0 : tensor<?x64xf32>
      %e = tensor.empty(%n) : tensor<?x64xf32>
      %bb = linalg.broadcast ins(%b : tensor<64xf32>) outs(%e : tensor<?x64xf32>) dimensions = [0]
      %s = arith.addf %a, %bb : tensor<?x64xf32>
      %g = act.gelu %s {approximate = #act.approximate<tanh>} : tensor<?x64xf32>
      %t = arith.truncf %g : tensor<?x64xf32> to tensor<?x64xbf16>
      act.fused_yield %t : tensor<?x64xbf16>
    }
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$inputs);
  let results = (outs Variadic<AnyRankedTensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$inputs attr-dict `:` functional-type($inputs, $results) $body";
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// The first member that has no scalar form (a slice), or
    /// null: `buildScalar` needs a group without one.
    ::mlir::Operation *getMemberWithoutScalarForm();
    /// The two unit-stride slices [a, b] (in that order) when the group
    /// reads its first operand only as its two halves along one dimension
    /// (b starts where a ends, both of the same sizes, whole along every
    /// other dimension), else {null, null}; `axis` receives that dimension.
    ::std::pair<::mlir::Operation *, ::mlir::Operation *> getHalves(int64_t *axis = nullptr);
    /// The arguments of `buildScalar`: one per operand, two for the halves'
    /// operand.
    unsigned getNumScalarArguments();
  }];
}

def Act_FusedYieldOp : Act_Op<"fused_yield", [Pure, Terminator,
    HasParent<"FusedOp">]> {
  let summary = "returns the results of an act.fused group";
  let arguments = (ins Variadic<AnyRankedTensor>:$values);
  let assemblyFormat = "$values attr-dict `:` type($values)";
}

def Act_QuantizeOp : Act_Op<"quantize", [Pure, Elementwise,
    SameOperandsAndResultShape]> {
  let summary = "affine int8 quantization: clamp(roundeven(x / scale) + zero_point, qmin, qmax)";
  let description = [{
    Rounds `x / scale` to the nearest integer, ties to even, adds
    `zero_point` and saturates to `[qmin, qmax]`: the default `[-128, 127]`
    is signed int8; a range within `[0, 255]` is uint8, whose values are
    stored as the same 8 bits (the result type is signless `i8`). NaN
    becomes `qmin`. The gradient is the straight-through estimator between
    the clip bounds (docs/fusion.md).

    ```mlir
    %q = act.quantize %y {scale = 0.05 : f64, zero_point = 0 : i64}
        : tensor<?xf32> -> tensor<?xi8>
    %u = act.quantize %y {scale = 0.05 : f64, zero_point = 128 : i64,
                          qmin = 0 : i64, qmax = 255 : i64}
        : tensor<?xf32> -> tensor<?xi8>
    ```
  }];
  let arguments = (ins Act_FloatTensor:$input, F64Attr:$scale,
                       DefaultValuedAttr<I64Attr, "0">:$zero_point,
                       DefaultValuedAttr<I64Attr, "-128">:$qmin,
                       DefaultValuedAttr<I64Attr, "127">:$qmax);
  let results = (outs RankedTensorOf<[I8]>:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The quantization of `x` (a scalar or vector of f32 or f64) as i8
    /// lanes: the one definition used by every lowering and reference.
    ::mlir::Value buildScalar(::mlir::OpBuilder &builder, ::mlir::Location loc,
                              ::mlir::Value x);
    /// The straight-through surrogate of the dequantized value (its form in
    /// a group's scalar function, which act.grad differentiates): `x` where
    /// `qmin <= roundeven(x / scale) + zero_point <= qmax` (slope 1), else the
    /// dequantized bound `(clamp(...) - zero_point) * scale` (slope 0).
    ::mlir::Value buildStraightThrough(::mlir::OpBuilder &builder, ::mlir::Location loc,
                                       ::mlir::Value x);
  }];
}

def Act_StatisticsOp : Act_Op<"statistics", [Pure]> {
  let summary = "zero counts and max |y| of a tensor, per channel and in total";
  let description = [{
    Side outputs of an activation for pruning and quantization calibration
    (docs/fusion.md, "Statistics"): for each index `c` along `channel_dim`,
    `zeros[c]` counts the elements equal to zero (`-0.0` included; NaN is not
    zero) and `max_abs[c]` is the largest `|y|` (NaN if some element is NaN:
    `arith.maximumf`); `total_zeros` and `total_max_abs` are the same over the
    whole tensor. Those of an empty tensor are 0.

    ```mlir
    %z, %tz, %m, %tm = act.statistics %y {channel_dim = 1 : i64}
        : tensor<?x?x?xf32> -> tensor<?xi64>, tensor<1xi64>, tensor<?xf32>, tensor<1xf32>
    ```
  }];
  let arguments = (ins Act_FloatTensor:$input, I64Attr:$channel_dim);
  let results = (outs RankedTensorOf<[I64]>:$zeros, RankedTensorOf<[I64]>:$total_zeros,
                      Act_FloatTensor:$max_abs, Act_FloatTensor:$total_max_abs);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type(results)";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The statistics' one definition, which every lowering builds from:
    /// the accumulators {zero count (i64), max |y| (y's compute type)} after
    /// one more element `y` (in the compute type). `y == 0` is ordered (NaN
    /// is not zero); `arith.maximumf` propagates NaN. Accumulators start at
    /// 0 (|y| >= 0).
    static std::pair<::mlir::Value, ::mlir::Value>
    accumulate(::mlir::OpBuilder &b, ::mlir::Location loc, ::mlir::Value y,
               ::mlir::Value count, ::mlir::Value max);
    /// The accumulators' starting values: count 0 (i64) and max 0 in
    /// `compute` (|y| >= 0, so 0 is the identity of both).
    static std::pair<::mlir::Value, ::mlir::Value>
    identities(::mlir::OpBuilder &b, ::mlir::Location loc, ::mlir::FloatType compute);
    /// Two partial accumulators combined: the counts added, the maxima by
    /// `arith.maximumf`.
    static std::pair<::mlir::Value, ::mlir::Value>
    combine(::mlir::OpBuilder &b, ::mlir::Location loc, ::mlir::Value count,
            ::mlir::Value max, ::mlir::Value otherCount, ::mlir::Value otherMax);
  }];
}

#endif
