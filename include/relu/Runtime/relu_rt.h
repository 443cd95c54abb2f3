/* relu_rt.h: the runtime shim of relu-mlir kernels (C ABI).
 *
 * Kernels emitted by relu-cc are called through generated wrappers (the
 * "<name>_shim.c" file relu-cc writes) that check their arguments and split
 * large calls across this runtime's thread pool. An application compiles
 * relu_rt.c and the shim with any C11 compiler and links libc, libm and
 * pthreads only: no MLIR or LLVM library is needed at run time.
 *
 * Thread safety: every function may be called from several threads at once.
 * Floating-point environment: every thread computing part of a call runs it
 * in the caller's environment (on x86 the MXCSR: flush-to-zero and
 * denormals-are-zero, rounding), so results do not depend on the thread count.
 */
#ifndef RELU_RT_H
#define RELU_RT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes returned by every entry point. */
typedef enum relu_status {
  RELU_OK = 0,
  RELU_ERR_NULL_POINTER = 1,   /* a data pointer is NULL while count > 0 */
  RELU_ERR_NEGATIVE_COUNT = 2, /* an element count or dimension is < 0 */
  RELU_ERR_BAD_SHAPE = 3,      /* sizes disagree with the kernel's static shape */
  RELU_ERR_OVERLAP = 4,        /* output partially overlaps an input (equal is fine) */
  RELU_ERR_THREADS = 5,        /* the thread pool could not be started */
  RELU_ERR_INVALID_ARGUMENT = 6,
  /* GPU kernels (relu-cc --target=nvptx, relu_rt_cuda.h): */
  RELU_ERR_CUDA_NO_DRIVER = 7, /* libcuda.so.1 missing, or it failed to initialize */
  RELU_ERR_CUDA_NO_DEVICE = 8, /* the driver reports no CUDA GPU */
  RELU_ERR_CUDA_NO_IMAGE = 9,  /* no kernel image runs on this GPU's architecture */
  RELU_ERR_CUDA_LAUNCH = 10,   /* the kernel launch failed */
  RELU_ERR_CUDA = 11           /* another CUDA driver call failed */
} relu_status;

/* Raw storage of half-precision values (IEEE binary16 / bfloat16 bits). */
typedef uint16_t relu_f16_t;
typedef uint16_t relu_bf16_t;

/* A human-readable message for a status code (never NULL). */
const char *relu_rt_status_string(int status);

/* Number of threads large calls use: RELU_MLIR_NUM_THREADS if set, else the
 * number of online processors, unless relu_rt_set_num_threads was called. */
int relu_rt_get_num_threads(void);

/* Sets the number of threads (>= 1) for later calls. Returns RELU_OK or
 * RELU_ERR_INVALID_ARGUMENT. */
int relu_rt_set_num_threads(int num_threads);

/* Internal interface used by the generated wrappers. ------------------- */

/* Runs body(ctx, begin, end) over [0, count) split into chunks aligned to
 * `align` units, on the pool when the call is large enough. */
typedef void (*relu_rt_body)(void *ctx, int64_t begin, int64_t end);
int relu_rt_parallel_for(int64_t count, int64_t align, int64_t min_parallel,
                         relu_rt_body body, void *ctx);

/* Checks the buffers of a call, `num_inputs` inputs then `num_outputs`
 * outputs of `bytes` bytes each: none NULL if bytes > 0, none of negative
 * size, and each output disjoint from every other buffer or (in place) the
 * same as an input of the same size. */
int relu_rt_check_io(int num_inputs, int num_outputs, const void *const *buffers,
                     const int64_t *bytes);

/* relu_rt_check_io(num - 1, 1, buffers, bytes): one output, the last. */
int relu_rt_check_buffers(int num, const void *const *buffers,
                          const int64_t *bytes);

#ifdef __cplusplus
}
#endif

#endif /* RELU_RT_H */
