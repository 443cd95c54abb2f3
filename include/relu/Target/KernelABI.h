#ifndef RELU_TARGET_KERNELABI_H
#define RELU_TARGET_KERNELABI_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"
#include <string>

namespace relu {

/// How a kernel's C entry point describes its data.
enum class KernelKind {
  /// All operands and the result are 1-D of one length:
  ///   int name(const T *a0, ..., T *y, int64_t n)
  Elementwise,
  /// Operand 0 and the result are [outer, channels, inner]; the other
  /// operands are per-channel vectors of size channels (or 1):
  ///   int name(const T *x, const T *p1, ..., T *y,
  ///            int64_t outer, int64_t channels, int64_t inner)
  Channel,
};

struct KernelOperand {
  mlir::Type elementType;
  /// For Channel kernels: a per-channel vector (not the main input).
  bool perChannel = false;
  /// For per-channel vectors: one value for every channel (static size 1).
  bool broadcastScalar = false;
};

/// A scalar float argument of the kernel function: a dynamic activation
/// parameter (docs/design.md, "Dynamic parameters"). The C entry point takes
/// it by value after the sizes, as `float name` (f32) or `double name` (f64).
struct KernelScalar {
  mlir::Type type;
  /// The activation parameter's name where all its uses agree and no other
  /// scalar has it, else argN (N: the function argument's index).
  std::string name;
  /// What it is, for the header: "negative_slope of act.leaky_relu".
  std::string description;
};

/// One kernel: the public function @name of the input module, rewritten into
/// the destination-passing function `kernelSymbol(name)` on memrefs.
struct KernelInfo {
  std::string name;
  KernelKind kind;
  llvm::SmallVector<KernelOperand> inputs;
  /// Run-time parameters, in C parameter order.
  std::vector<KernelScalar> scalars;
  /// C conditions on the scalars that must hold (the activations'
  /// ParameterRules); the shims return RELU_ERR_INVALID_ARGUMENT otherwise.
  std::vector<std::string> scalarChecks;
  mlir::Type outputElementType;
  /// The result's static sizes (ShapedType::kDynamic where dynamic).
  llvm::SmallVector<int64_t> outputShape;
  /// The act ops it computes, one per line, for the header's documentation.
  std::string description;
};

/// The symbol of the generated code for kernel `name`.
std::string kernelSymbol(llvm::StringRef name);

/// The C type holding one element of `type` (relu_rt.h's names for halves).
std::string cTypeName(mlir::Type type);
/// The short name of `type`: f16, bf16, f32 or f64.
std::string dtypeName(mlir::Type type);
/// The C parameter list of kernel `k`'s entry point (KernelKind's forms,
/// then the scalars).
std::string entryParameters(const KernelInfo &k);

/// C statements that return RELU_ERR_INVALID_ARGUMENT when a scalar check
/// fails (the shims run them first; they need <math.h>).
std::string scalarCheckStatements(const KernelInfo &k);
/// Header comment lines (" * ...\n") documenting the scalars and checks.
std::string scalarDocumentation(const KernelInfo &k);

/// Checks every public func.func of `module` against the kernel ABI and
/// rewrites it in place into its memref kernel form (private functions are
/// left for inlining): memrefs of the tensor arguments, the output memref,
/// then the scalar arguments. Emits located diagnostics and fails on a function
/// that does not fit.
mlir::FailureOr<llvm::SmallVector<KernelInfo>>
rewriteToKernelABI(mlir::ModuleOp module);

} // namespace relu

#endif
