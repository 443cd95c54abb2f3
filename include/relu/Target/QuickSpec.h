#ifndef RELU_TARGET_QUICKSPEC_H
#define RELU_TARGET_QUICKSPEC_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include <string>

namespace relu {

/// Builds a module of kernels from short specs, without any MLIR input:
/// one public function per (activation, dtype), named `<spec>_<dtype>` with
/// ':' and '.' in the spec spelled '_' and 'p' (gelu:tanh, bf16 ->
/// gelu_tanh_bf16). A spec is an act op name followed by its attributes in
/// declaration order, e.g. `leaky_relu:0.2`, `softplus:2:10`, `gelu:tanh`,
/// `clamp:0:6`; `relu6` and `hardtanh` name clamps. `prelu` builds a Channel
/// kernel with a per-channel slope. On failure `error` says what is wrong.
/// With `withGradients`, each activation but prelu also gets
/// `<stem>_backward_<dtype>(dy, x) -> dx` and, where the activation has a
/// preimage (`ActivationOpInterface::buildPreimage`),
/// `<stem>_backward_from_output_<dtype>(dy, y) -> dx`, as `act.grad` ops
/// (docs/gradients.md). prelu's backward (dx and d slope) and the mask
/// variant need kernel-ABI extensions and are not built.
mlir::FailureOr<mlir::OwningOpRef<mlir::ModuleOp>>
buildQuickSpecModule(mlir::MLIRContext *context,
                     llvm::ArrayRef<std::string> activations,
                     llvm::ArrayRef<std::string> dtypes, std::string &error,
                     bool withGradients = false);

} // namespace relu

#endif
