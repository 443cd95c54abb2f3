// The CPU pipeline: act on tensors -> LLVM dialect, vectorized for the target.
#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "relu/Conversion/Passes.h"
#include "relu/Dialect/Act/Transforms/Passes.h"

using namespace mlir;

void relu::buildActToFusedLinalgPipeline(OpPassManager &pm) {
  pm.addPass(createActFusePass());
  pm.addPass(createConvertActToLinalgPass());
  // A group's bias broadcasts, adds and casts: arith on tensors and named
  // linalg ops become generics too, which elementwise fusion can merge.
  pm.addPass(createConvertElementwiseToLinalgPass());
  pm.addPass(createLinalgGeneralizeNamedOpsPass());
  // Chains of activations become one generic: sizes are first resolved to the
  // inputs' so that a generic's only use is its consumer.
  pm.addPass(memref::createResolveShapedTypeResultDimsPass());
  pm.addPass(createLinalgElementwiseOpFusionPass());
  // Fusion replaces an init that the payload does not read (arith on tensors
  // writes into its first operand) by tensor.empty sized with tensor.dim of
  // the producer, which blocks that producer's fusion until resolved.
  pm.addPass(memref::createResolveShapedTypeResultDimsPass());
  pm.addPass(createLinalgElementwiseOpFusionPass());
  // act.statistics of a group's result: taken in the group's loop.
  pm.addPass(createActFuseStatisticsPass());
}

void relu::buildActFrontEndPipeline(OpPassManager &pm, unsigned vectorBits,
                                    function_ref<void(OpPassManager &)> onFusedTensors) {
  // act.grad / act.forward_with_mask (none: no-op) become generics and loops.
  ActDeriveGradientsPassOptions gradients;
  gradients.vectorBits = vectorBits;
  pm.addPass(createActDeriveGradientsPass(gradients));
  buildActToFusedLinalgPipeline(pm);
  if (onFusedTensors)
    onFusedTensors(pm);
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
}

void relu::buildHostBackEndPipeline(OpPassManager &pm, bool avx512, bool expandBf16) {
  ConvertMathToPolynomialsPassOptions polynomials;
  polynomials.avx512 = avx512;
  pm.addPass(createConvertMathToPolynomialsPass(polynomials));
  // A definition may repeat a subexpression of an approximation (gelu's
  // exp(-a^2) in erfc's and in its argument's correction): merged while the
  // two are still identical (LLVM's instcombine may reshape one first).
  pm.addPass(createCSEPass());
  arith::ArithExpandOpsPassOptions expand;
  expand.includeBf16 = expandBf16;
  pm.addPass(arith::createArithExpandOpsPass(expand));
  pm.addPass(createSCFToControlFlowPass());
  // memref.reshape (N-d dynamic masks, DeriveGradients.cpp) becomes a
  // reinterpret_cast of the loaded sizes.
  pm.addPass(memref::createExpandOpsPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  // N-d dynamic shapes leave affine.apply behind.
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createConvertToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  if (expandBf16)
    pm.addPass(createConvertBf16MemoryToI16Pass());
  pm.addPass(createCanonicalizerPass());
}

void relu::buildActToLLVMCpuPipeline(OpPassManager &pm,
                                     const CpuPipelineOptions &options) {
  buildActFrontEndPipeline(pm, options.vectorBits);
  ConvertElementwiseToVectorPassOptions vectorize;
  vectorize.vectorBits = options.vectorBits;
  vectorize.nativeF16 = options.nativeF16;
  pm.addPass(createConvertElementwiseToVectorPass(vectorize));
  // An insert_slice bufferized in place (GLU halves' dx) copies a subview
  // onto an identical one: merged by CSE, the self-copy folds away.
  pm.addPass(createCSEPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // 512-bit vectors mean AVX-512 (vscalefps). Without native conversions,
  // bf16 ones become integer code rounding to nearest even, and bf16 memory
  // is accessed as i16.
  buildHostBackEndPipeline(pm, /*avx512=*/options.vectorBits >= 512,
                           /*expandBf16=*/!options.nativeBf16);
}

void relu::registerActPipelines() {
  PassPipelineRegistration<>(
      "act-to-fused-linalg",
      "act-fuse, then act ops, groups and the elementwise ops around them to "
      "fused linalg.generic ops on tensors (the targets' shared front end)",
      buildActToFusedLinalgPipeline);
  PassPipelineRegistration<CpuPipelineOptions>(
      "act-to-llvm-cpu",
      "Lower act ops on tensors to vectorized LLVM dialect code for CPUs",
      buildActToLLVMCpuPipeline);
  // act-to-nvvm, elementwise-to-nvvm (GpuPipeline.cpp).
  registerActGpuPipelines();
}
