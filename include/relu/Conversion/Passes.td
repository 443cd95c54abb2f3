#ifndef RELU_CONVERSION_PASSES_TD
#define RELU_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertActToLinalgPass : Pass<"convert-act-to-linalg"> {
  let summary = "Lower act ops on tensors to elementwise linalg.generic ops";
  let description = [{
    Every op implementing `ActivationOpInterface` becomes a `linalg.generic`
    whose body is the op's `buildScalar` definition, computed in the compute
    type (f16/bf16 are extended to f32 and truncated once, to nearest even).
    Operand indexing maps come from the interface (prelu broadcasts its slope
    along `channel_dim`).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect"];
}

def ConvertElementwiseToVectorPass : Pass<"convert-elementwise-to-vector"> {
  let summary = "Lower elementwise linalg.generic on memrefs to vector loops";
  let description = [{
    Each all-parallel `linalg.generic` on memrefs whose body is scalar
    arith/math becomes an `scf.for` over full vectors of `vector-bits / compute
    width` lanes plus one masked tail iteration (`vector.maskedload` /
    `vector.maskedstore`), so any size and any alignment work. Contiguous
    operands with identity maps are flattened to one dimension first;
    broadcast operands (a prelu slope) are loaded as vectors when they vary
    along the innermost dimension and splatted otherwise.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", "512",
           "Width of the target's vector registers in bits (512: AVX-512, 256: AVX2)">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def ConvertMathToPolynomialsPass : Pass<"convert-math-to-polynomials"> {
  let summary = "Replace f32 transcendentals by vector polynomial approximations";
  let description = [{
    Applies upstream MLIR's math expansions and polynomial approximations
    (exp, expm1, log1p, tanh, erf, ...) to f32 scalars and vectors so that no
    libm call remains in vector loops. f64 math is left to libm (correctly
    rounded reference quality) through libm calls. Measured error bounds are
    in docs/accuracy.md.
  }];
  let options = [
    Option<"useLdexp", "use-ldexp", "bool", "false",
           "Scale exp's result with llvm.intr.ldexp (one vscalefps on AVX-512; "
           "scalarized on targets without such an instruction)">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::LLVM::LLVMDialect"];
}

#endif
