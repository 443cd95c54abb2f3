#ifndef RELU_TARGET_KERNELABI_H
#define RELU_TARGET_KERNELABI_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"
#include <string>
#include <vector>

namespace relu {

/// How a kernel's C entry point describes its data: the size parameters
/// that end its parameter list. Inputs come first (const pointers), then
/// the outputs:
///   int name(const T0 *in0, ..., U0 *out0, ..., <size parameters>)
/// (a kernel with one output names it `out`).
enum class KernelKind {
  /// Main buffers are 1-D of n elements: `int64_t n`.
  Elementwise,
  /// Main buffers are [outer, channels, inner] row-major; per-channel ones
  /// hold `channels` values: `int64_t outer, int64_t channels, int64_t inner`.
  Channel,
};

/// How one buffer's extent follows from the size parameters.
enum class ShapeClass {
  /// The main elements: n (Elementwise) or outer * channels * inner.
  Main,
  /// One bit per main element, packed into ceil(count / 8) bytes
  /// (numpy.packbits(bitorder='little') order); C type uint8_t.
  PackedBits,
  /// Channel kernels: one value per channel.
  PerChannel,
  /// Channel kernels: one value for every channel (static size 1).
  Single,
  /// Channel kernels: [outer, 2 * channels, inner], the two halves along the
  /// channel axis of a GLU input (read by unit-stride slices [0, channels)
  /// and [channels, 2 * channels)), or of its gradient dx = [da, db] (an
  /// output of act.grad over such a group).
  Halves,
};

/// How the values of a per-channel (or single) output computed on parts of
/// the main elements combine into the value of the whole, exactly and in any
/// order, so that the shims may split such a kernel across threads.
enum class Combine {
  /// They do not (a float sum such as prelu's d slope): not split.
  None,
  /// Integer sum (zero counts).
  Sum,
  /// Maximum of magnitudes: values >= 0 or NaN with a clear sign bit (max
  /// |y|), whose maximum, NaN included, is that of their bit patterns read as
  /// unsigned integers.
  MaxMagnitude,
};

/// One input or output of a kernel's entry point.
struct KernelBuffer {
  mlir::Type elementType;
  ShapeClass shape = ShapeClass::Main;
  /// What the buffer holds, for the header ("dy", "x", "mask", "d slope").
  std::string role;
  /// Per-channel and single outputs: how partial values combine.
  Combine combine = Combine::None;
  /// i8 buffers: the bits of uint8 values (an act.quantize range with
  /// qmin >= 0, docs/fusion.md), not int8 ones. The C type stays int8_t;
  /// typed consumers (XLA's U8, StableHLO's ui8) use it.
  bool isUnsigned = false;

  bool isPerChannel() const {
    return shape == ShapeClass::PerChannel || shape == ShapeClass::Single;
  }
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
/// the destination-passing function `kernelSymbol(name)` on memrefs, whose
/// arguments are the inputs then the outputs.
struct KernelInfo {
  std::string name;
  KernelKind kind;
  std::vector<KernelBuffer> inputs;
  std::vector<KernelBuffer> outputs;
  /// Run-time parameters, in C parameter order (after the sizes).
  std::vector<KernelScalar> scalars;
  /// C conditions on the scalars that must hold (the activations'
  /// ParameterRules); the shims return RELU_ERR_INVALID_ARGUMENT otherwise.
  std::vector<std::string> scalarChecks;
  /// The main sizes ([n] or [outer, channels, inner]; ShapedType::kDynamic
  /// where dynamic).
  llvm::SmallVector<int64_t> shape;
  /// The act ops it computes, one per line, for the header's documentation.
  std::string description;

  /// Whether the kernel has one main output and no packed bits (the form
  /// --emit-stablehlo takes).
  bool hasSingleMainOutput() const;
  /// Whether no buffer holds packed bits and output 0 is main or halves (the
  /// form the XLA handlers take: prelu's backward with its per-channel d
  /// slope, group gradients, statistics side outputs, int8 results, GLU
  /// halves and their gradient; not the mask pair).
  bool hasUnpackedBuffersMainFirst() const;
  /// Whether an output holds one value per channel (sums or statistics over
  /// the main elements: 0 when there are none, so they are written then too).
  bool hasPerChannelOutputs() const;
};

/// The symbol of the generated code for kernel `name`.
std::string kernelSymbol(llvm::StringRef name);

/// The C type holding one element of `type` (relu_rt.h's names for halves).
std::string cTypeName(mlir::Type type);
/// The C type of one element of `buffer` (uint8_t for packed bits).
std::string cTypeName(const KernelBuffer &buffer);
/// The short name of `type`: f16, bf16, f32, f64, i8 or i64.
std::string dtypeName(mlir::Type type);
/// The C names of kernel `k`'s buffers: in0, in1, ..., then out (one output)
/// or out0, out1, ...
std::string inputName(unsigned index);
std::string outputName(const KernelInfo &k, unsigned index);
/// The C parameter list of kernel `k`'s entry point (KernelKind's forms,
/// then the scalars).
std::string entryParameters(const KernelInfo &k);
/// The number of elements of `buffer` as a C expression of the size
/// parameters (`n`, or `total` = outer * channels * inner, and `channels`).
std::string elementCount(const KernelInfo &k, const KernelBuffer &buffer);
/// The arguments of a row-major memref at C pointer expression `pointer` with
/// C size expressions `sizes`, in the expanded form of the LLVM lowering:
/// allocated and aligned pointers, offset 0, sizes, strides.
std::string memrefArguments(llvm::StringRef pointer, llvm::ArrayRef<std::string> sizes);

/// C statements checking the size parameters: RELU_ERR_NEGATIVE_COUNT for a
/// negative size,
/// RELU_ERR_INVALID_ARGUMENT when a buffer's byte count would overflow,
/// RELU_ERR_BAD_SHAPE for sizes other than compiled-in static ones.
std::string sizeCheckStatements(const KernelInfo &k);
/// C statements after relu_rt_check_io (its result in `status`) rejecting an
/// output that is the same buffer as an input where the kernel cannot run in
/// place: a halves output (GLU halves' dx = [da, db], written half by half
/// while the halves input x is read) on x. Empty for other kernels.
std::string inPlaceCheckStatements(const KernelInfo &k);
/// C statements that return RELU_ERR_INVALID_ARGUMENT when a scalar check
/// fails (the shims run them first; they need <math.h>).
std::string scalarCheckStatements(const KernelInfo &k);
/// Header comment lines (" * ...\n") documenting the scalars and checks.
std::string scalarDocumentation(const KernelInfo &k);
/// The header's declaration of kernel `k`'s entry point with parameters
/// `parameters`, after a comment: `where` ("" or e.g. ", on the GPU"), the
/// layout, each buffer, the act ops it computes and the scalars.
std::string entryDeclaration(const KernelInfo &k, llvm::StringRef where,
                             llvm::StringRef parameters);

/// Checks every public func.func of `module` against the kernel ABI and
/// rewrites it in place into its memref kernel form (private functions are
/// left for inlining): memrefs of the tensor arguments, the output memrefs,
/// then the scalar arguments. Emits located diagnostics and fails on a function
/// that does not fit.
mlir::FailureOr<llvm::SmallVector<KernelInfo>>
rewriteToKernelABI(mlir::ModuleOp module);

} // namespace relu

#endif
