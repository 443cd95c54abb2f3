#ifndef RELU_TARGET_QUICKSPEC_H
#define RELU_TARGET_QUICKSPEC_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include <string>

namespace relu {

/// Which backward kernels a quick spec builds beside each forward kernel
/// (docs/gradients.md, "C entry points").
enum class QuickSpecGradients {
  none,
  /// `<stem>_backward_<dtype>(dy, x) -> dx` for every activation but prelu
  /// and, where the activation has a preimage
  /// (`ActivationOpInterface::buildPreimage`),
  /// `<stem>_backward_from_output_<dtype>(dy, y) -> dx`: one result each.
  singleResult,
  /// Also prelu's `<stem>_backward_<dtype>(dy, x, slope) -> (dx, d slope)`:
  /// every result a float buffer.
  floatResults,
  /// Also, where the derivative takes two values (`deriveMaskBit`),
  /// `<stem>_forward_with_mask_<dtype>(x) -> (y, mask)` and
  /// `<stem>_backward_from_mask_<dtype>(dy, mask) -> dx`.
  all,
};

/// Builds a module of kernels from short specs, without any MLIR input:
/// one public function per (activation, dtype), named `<spec>_<dtype>` with
/// ':' and '.' in the spec spelled '_' and 'p' (gelu:tanh, bf16 ->
/// gelu_tanh_bf16). A spec is an act op name followed by its attributes in
/// declaration order, e.g. `leaky_relu:0.2`, `softplus:2:10`, `gelu:tanh`,
/// `clamp:0:6`; `relu6` and `hardtanh` name clamps. `prelu` builds a Channel
/// kernel with a per-channel slope. On failure `error` says what is wrong.
/// `gradients` adds backward kernels, as `act.grad` / `act.forward_with_mask`
/// ops (conventions pytorch).
mlir::FailureOr<mlir::OwningOpRef<mlir::ModuleOp>>
buildQuickSpecModule(mlir::MLIRContext *context,
                     llvm::ArrayRef<std::string> activations,
                     llvm::ArrayRef<std::string> dtypes, std::string &error,
                     QuickSpecGradients gradients = QuickSpecGradients::none);

/// The entry-point stem of a spec: gelu:tanh -> gelu_tanh, leaky_relu:0.2 ->
/// leaky_relu_0p2.
std::string quickSpecStem(llvm::StringRef spec);

/// Adds to `module` one fused kernel per (group, dtype) (docs/fusion.md): a
/// group is a comma-separated list of steps applied in order to the input x:
/// `bias[:channel|:last]` (+ a per-channel vector), `scale_shift[:channel|:last]`
/// (* scale[c] + shift[c]), `residual` (+ a further input of x's size), `mul` (* a further
/// input: a GLU's gate, e.g. `silu,mul`), `cast:<dtype>`,
/// `quantize:<scale>[:<zero point>[:<qmin>:<qmax>]]` (last; int8 result) or
/// an activation spec as for buildQuickSpecModule. Per-channel steps make a
/// Channel kernel ([outer, channels, inner]; `:last` fixes inner = 1), others
/// an elementwise one. Kernels are named `fused_<steps>_<dtype>` (bias,
/// gelu:tanh, f32 -> fused_bias_gelu_tanh_f32). act-fuse makes each one group.
/// With `gradients`, each is followed by its backward
/// `fused_<steps>_backward_<dtype>`(dy, x, further inputs...) -> (dx, d further
/// inputs...): act.grad of the group (for `halves`, dx = [da, db] has x's
/// halves shape); groups with a cast, quantize or stats step are an error.
mlir::LogicalResult addFusedQuickSpecKernels(mlir::ModuleOp module,
                                             llvm::ArrayRef<std::string> groups,
                                             llvm::ArrayRef<std::string> dtypes,
                                             std::string &error, bool gradients = false);

} // namespace relu

#endif
