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
    `act.fused` groups are inlined first (their members become generics,
    which `linalg-fuse-elementwise-ops` merges into one); `act.quantize`
    becomes a generic computing its definition. The activation (or group)
    inside an `act.grad` or `act.forward_with_mask` region is left alone: it
    is the definition `act-derive-gradients` differentiates, so the two
    passes may run in either order. `act.statistics` becomes a generic
    reducing its input to the per-channel zero counts and max |y| (parallel
    along `channel_dim`, reduction along the other dimensions), one reducing
    those to the totals, and (f16/bf16) the maxima's exact rounding to the
    element type; `act-fuse-statistics` fuses the group computing the input
    into the first.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect"];
}

def ConvertStatisticsToChannelLoopsPass : Pass<"convert-act-statistics-to-channel-loops"> {
  let summary = "Lower act.statistics to loops with one independent iteration per channel";
  let description = [{
    For targets that run each iteration of a `relu.independent_iterations`
    loop on its own thread (`convert-elementwise-to-gpu`): each
    `act.statistics` becomes an `scf.for` over the channels whose iteration
    `c` computes channel `c`'s zero count and max |y| over its elements in
    row-major order, then a loop of one iteration combining the channels'
    into the totals. Both loops are on tensors and marked
    `relu.independent_iterations`; the results do not depend on the launch
    (no atomics). The arithmetic is `StatisticsOp::accumulate` / `combine`,
    as in `convert-act-to-linalg`'s lowering. Run before it.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
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
    along the innermost dimension and splatted otherwise. With `native-f16`,
    comparisons, selects and min/max of f16 values widened to f32 (and of
    constants f16 holds) are first computed in f16 (the same values, NaN
    payloads aside): piecewise-linear f16 bodies select among the loaded
    bits, with twice the lanes.
    Generics with several outputs and reduction iterators whose combiners
    are `arith` ops with a vector.reduction kind (the zero counts and max |y|
    of `act.statistics`, fused into the group's loop) are vectorized alike:
    an output varying along the innermost dimension (channels last) is
    loaded, updated and stored per vector; one that does not is a vector
    accumulator carried by the innermost loop, starting at the combiner's
    neutral element (masked lanes of the tail keep it), reduced with
    `vector.reduction` into the output's value after the loop.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", "512",
           "Width of the target's vector registers in bits (512: AVX-512, 256: AVX2)">,
    Option<"nativeF16", "native-f16", "bool", "false",
           "The target compares f16 natively (AVX512_FP16): keep comparisons, "
           "selects and clamps of widened f16 values in f16">,
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
    rounded reference quality) through libm calls. Cheaper forms where the
    IR shows the range: `minimumf(x, -x)` becomes `-|x|`; `log1p(exp(-|x|))`
    (an argument in [0, 1]) needs no range reduction; exp and expm1 of
    arguments known to be <= 0 (`-|x|`, `minimumf(0, x)`, `c * |x|` with
    c <= 0) or to a constant <= 89 (`minimumf(x, c)`) skip the overflow
    clamp, and expm1 scales once; `select(c, 1 / d, (1 / d) * e)` becomes
    `select(c, 1, e) / d`; `exp(x) * 2^j` (one use of exp) carries the power
    of two in exp's polynomial (exact, no product); exp of a compensated
    product `c * |x|` (c <= 0) is reduced from `|x|` with the exact product
    in the reduction's fma; log1p of a compensated exp of an argument <= 0
    takes the unit-range log1p; on AVX-512 minnum/maxnum with a constant are
    one vminps/vmaxps. On AVX-512 exp's `k = roundeven(x log2(e))` is an
    fma with 1.5 * 2^23 under embedded round-to-nearest plus an exact
    subtraction (no vrndscaleps), and `minimumf(+0, x)` is `vminps(+0, x)`
    (not compare and blend). f32 divisions by
    a constant become a multiplication by the rounded reciprocal and one fma
    correction, correctly rounded (bit-identical), where the IR bounds the
    dividend away from subnormals (and infinities, else a select handles
    them). f32 math with the fastmath flag `afn` (a result stored in f16)
    takes cheaper forms good to ~2^-14, and with `afn` and the discardable
    attribute `act.significand_bits` <= 8 (bf16) cheaper ones still (~2^-11:
    exp and expm1 reduced with vreduceps and without clamps on AVX-512, a
    rational tanh); divisions with `arcp` use vrcp14ps on AVX-512. Measured
    error bounds are in docs/accuracy.md.
  }];
  let options = [
    Option<"avx512", "avx512", "bool", "false",
           "The target has AVX-512F and DQ: scale exp's and expm1's results "
           "with vscalefps (on the float exponent for 16 x f32, else "
           "llvm.ldexp); bf16 exp reduces with vreduceps">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::LLVM::LLVMDialect"];
}

def ConvertBf16MemoryToI16Pass : Pass<"convert-bf16-memory-to-i16"> {
  let summary = "Load and store bf16 values of the LLVM dialect as i16";
  let description = [{
    For targets without native bf16 (x86 before AVX512_BF16): every
    `llvm.load`, `llvm.store`, `llvm.intr.masked.load` and
    `llvm.intr.masked.store` of bf16 scalars or vectors moves i16 instead,
    with `llvm.bitcast`s to and from bf16 beside it. After
    `arith-expand{include-bf16}` the bf16 values only travel between memory
    and such bitcasts, so canonicalization folds the bitcast pairs and no
    bf16 value reaches LLVM's code generator. Otherwise it legalizes bf16
    vectors it has to split or scalarize (masked loads and stores without
    AVX-512) through f32 and back, which calls `__truncsfbf2`, a libgcc /
    compiler-rt function that objects meant to link with libc and libm alone
    cannot rely on.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def RecomputeElementwiseInLoopsPass : Pass<"recompute-elementwise-in-loops"> {
  let summary = "Recompute a generic's elements where independent loops read them";
  let description = [{
    For targets whose kernels read and write only the entry point's buffers
    (the GPU): a `tensor.extract` inside an `scf.for` marked
    `relu.independent_iterations` (the statistics' per-channel loops) from a
    result of an all-parallel `linalg.generic` on tensors that the function
    does not return (a value that would be a buffer between kernels, such as
    statistics of a group's result that the group then casts) becomes the
    generic's payload computed at the extracted indices, from the elements
    of its inputs there (identity output map, projected-permutation input
    maps, an output the payload does not read). The payload's ops are
    cloned, so the loop reads the same values the generic writes; the
    generic, left with its other users, fuses into them
    (`linalg-fuse-elementwise-ops` after).
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def ConvertElementwiseToGPUPass : Pass<"convert-elementwise-to-gpu", "::mlir::ModuleOp"> {
  let summary = "Turn elementwise linalg.generic on memrefs into GPU kernels";
  let description = [{
    Each all-parallel `linalg.generic` on memrefs (arith/math body, one
    output with an identity map, inputs indexed by projected permutations)
    becomes a `gpu.func` kernel in the `gpu.module` named by `module-name`,
    launched in its place by `gpu.launch_func`. The kernel is a grid-stride
    loop over the output's elements in row-major order:
    - operands with identity maps are read and written as `vector-bits`
      vectors (f32x4, f16x8, bf16x8) whose loads and stores carry their full
      alignment (`ld.global.v4` / `st.global.v4` on NVPTX), `unroll` vectors
      per thread and iteration, loads first;
    - elements before the first vector-aligned one (an unaligned start) and
      after the last full vector (the tail) are computed one at a time, and
      so is everything when the operands' misalignments differ, so any
      pointer alignment and any length work;
    - other operands (a per-channel prelu slope) are loaded per element at
      the element's delinearized index.
    The body is cloned with `cloneScalarBody`, so any arith/math body
    (forward activations, derived gradients, fused chains) is handled alike;
    f16/bf16 bodies already compute in f32 between `extf` and `truncf`.
    The kernel carries `known_block_size` = (`block-size`, 1, 1) and
    `relu.elements_per_thread` (elements one thread handles per iteration);
    the host launch uses ceil(n / (block * elements_per_thread)) blocks, a
    valid default that a runtime may lower to fill the GPU.
    An `scf.for` marked `relu.independent_iterations` (act-derive-gradients'
    mask and channel-sum loops) becomes a kernel too: its threads take its
    iterations in a grid-stride loop (a mask byte of 8 elements, or one
    channel's whole sum, per thread and iteration: deterministic), with the
    sizes and bounds it uses recomputed in the kernel from the function
    arguments they derive from; `relu.elements_per_thread` is its step.
    A `memref.copy` (a gradient equal to `dy`, a result bufferization
    computed once for two outputs) becomes a copy generic, hence a kernel.
  }];
  let options = [
    Option<"moduleName", "module-name", "std::string", "\"relu_kernels\"",
           "Name of the gpu.module receiving the kernels">,
    Option<"blockSize", "block-size", "unsigned", "256",
           "Threads per block (the kernels' known block size)">,
    Option<"vectorBits", "vector-bits", "unsigned", "128",
           "Width of vector loads and stores in bits (128: ld.global.v4)">,
    Option<"unroll", "unroll", "unsigned", "0",
           "Vectors per thread and loop iteration (0: 16 elements' worth, at most 4)">,
  ];
  let dependentDialects = ["::mlir::gpu::GPUDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def EmulateGPUOnCPUPass : Pass<"relu-emulate-gpu-on-cpu", "::mlir::ModuleOp"> {
  let summary = "Test support: run convert-elementwise-to-gpu kernels on the CPU";
  let description = [{
    Each gpu.func becomes a func.func taking its thread and block ids and
    dimensions as arguments, and each gpu.launch_func loops over at most
    `max-blocks` blocks and all their threads, calling it. The kernels of
    convert-elementwise-to-gpu have no barriers or shared memory, so this
    runs their exact logic (grid-stride loops, unaligned head, unrolled
    vectors, tail) on the CPU, where tests can check it without a GPU
    (relu-cc --emulate-gpu). Each kernel is also exported as the public
    function `__relu_emulated_<kernel>` (its arguments; `max-blocks` blocks
    of its known block size), which a fake CUDA driver calls for a launch.
  }];
  let options = [
    Option<"maxBlocks", "max-blocks", "unsigned", "5",
           "Most blocks to emulate per launch (fewer blocks: more grid-stride iterations)">,
  ];
  let dependentDialects = ["::mlir::func::FuncDialect", "::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect"];
}

#endif
