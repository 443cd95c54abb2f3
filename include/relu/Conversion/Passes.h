#ifndef RELU_CONVERSION_PASSES_H
#define RELU_CONVERSION_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace relu {

#define GEN_PASS_DECL
#include "relu/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "relu/Conversion/Passes.h.inc"

/// Options of the CPU pipeline from act on tensors to the LLVM dialect.
struct CpuPipelineOptions : mlir::PassPipelineOptions<CpuPipelineOptions> {
  Option<unsigned> vectorBits{*this, "vector-bits",
                              llvm::cl::desc("Vector register width in bits"),
                              llvm::cl::init(512)};
  Option<bool> nativeBf16{
      *this, "native-bf16",
      llvm::cl::desc("Leave f32<->bf16 conversions to the target (AVX512_BF16's "
                     "vcvtneps2bf16, which flushes subnormal results to zero) "
                     "instead of integer code rounding to nearest even"),
      llvm::cl::init(false)};
};

/// act (tensors) -> linalg -> bufferized memrefs -> vector loops -> LLVM.
void buildActToLLVMCpuPipeline(mlir::OpPassManager &pm,
                               const CpuPipelineOptions &options);

/// Registers `act-to-llvm-cpu`.
void registerActPipelines();

} // namespace relu

#endif
