#ifndef RELU_DIALECT_ACT_TRANSFORMS_PASSES_TD
#define RELU_DIALECT_ACT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def ActDeriveGradientsPass : Pass<"act-derive-gradients"> {
  let summary = "Lower act.grad and act.forward_with_mask to code derived "
                "from the forward activations' definitions";
  let description = [{
    Each `act.grad` becomes the derivative of its forward activation's
    `buildScalar`, taken by the chain rule and simplified
    (include/relu/Dialect/Act/IR/Derivative.h), computed in the compute type
    (f16/bf16 in f32, rounded once):
    - `input` / `output` sources: an elementwise `linalg.generic` on tensors
      (the `act-to-llvm-cpu` pipeline vectorizes it like a forward op);
    - gradients of further operands (prelu's slope): a reduction written as
      an `scf.for` nest over `vector.transfer_read`s, summing in the compute
      type, because `convert-elementwise-to-vector` takes only elementwise
      generics;
    - a group of GLU halves (`act.fused` reading x only as `[a, b]`):
      dx = `[da, db]` of x's shape, one elementwise generic per half,
      written into the two halves of dx (docs/fusion.md);
    - `mask` source and `act.forward_with_mask`: a flat `scf.for` over
      vectors of a multiple of 8 lanes that packs / unpacks the bits with
      `vector.bitcast` (vector<Nxi1> <-> vector<N/8xi8>).
    The loops whose iterations are independent (the mask loops, the loop
    over channels of an operand gradient; a single operand is a loop of one
    iteration) carry the unit attribute `relu.independent_iterations`, which
    `convert-elementwise-to-gpu` turns into GPU kernels.
    Errors (no derivative rule in an act.custom body, a variant that does
    not exist for the activation) point at the op that causes them.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", "512",
           "Vector width in bits of the loops this pass writes itself "
           "(masks, reductions)">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def ActFusePass : Pass<"act-fuse"> {
  let summary = "Group activations with their elementwise producers and "
                "consumers into act.fused ops";
  let description = [{
    Starting from each act op (an activation or `act.quantize`) not yet in a
    group, in program order, grows a group (docs/fusion.md):
    - downward while the group's result has exactly one user and that user is
      elementwise (another activation or clamp, a residual add, the product
      of a GLU, a cast such as `arith.truncf` to bf16, `act.quantize`);
    - upward through producers of the group's operands whose results are read
      by the group only: elementwise arith/math ops on tensors and linalg ops
      with parallel iterators whose inputs are broadcasts of the iteration
      space (a bias along an axis, a per-channel scale and shift), and
      unit-stride `tensor.extract_slice`s (the halves of a GLU).
    Every member computes a tensor of the group's shape. An intermediate that
    an op outside the group reads, a transposing or reducing linalg op, and
    anything else stays outside. `arith.constant`, `tensor.empty` and
    `tensor.dim` are copied into the group; other values from outside become
    its operands. A lone activation is left as it is.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect"];
}

def ActFuseStatisticsPass : Pass<"act-fuse-statistics"> {
  let summary = "Fuse a group's generic into the reduction of its statistics";
  let description = [{
    Runs upstream linalg elementwise fusion (`linalg::fuseElementwiseOps`)
    for consumers with reduction iterators only, such as the per-channel
    reduction `convert-act-to-linalg` makes of `act.statistics`: the
    all-parallel generic computing the reduced value is fused into it even
    when the value has other users (it is returned, or a cast reads it),
    and stays a result of the fused generic. The zero counts and max |y| are
    then taken in the group's own loop, one pass over memory. Run after
    `linalg-fuse-elementwise-ops`, which fuses single-use producers only.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

#endif
