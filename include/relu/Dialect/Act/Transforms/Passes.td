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

#endif
