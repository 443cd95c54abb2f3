/* relu_rt_cuda.h: the CUDA part of the relu-mlir runtime shim (C ABI).
 *
 * Kernels compiled by `relu-cc --target=nvptx` are called through generated
 * wrappers (the "<name>_shim.c" file relu-cc writes) that check their
 * arguments and launch the kernels through this runtime. The runtime loads the
 * CUDA driver (libcuda.so.1) with dlopen on first use: applications link
 * neither CUDA nor MLIR, and run (taking their CPU path) where no driver is
 * installed. Compile relu_rt.c and relu_rt_cuda.c with any C99 compiler and
 * link libc, pthreads and libdl (part of libc on glibc >= 2.34).
 *
 * Contexts and streams: a call runs in the context of the stream it is given
 * (cuStreamGetCtx) or, for the default stream (NULL), in the calling thread's
 * current context (what the CUDA runtime, PyTorch, CuPy and JAX make current).
 * A thread without a current context gets the primary context of device
 * RELU_MLIR_CUDA_DEVICE (default 0), which is then made current. Kernel
 * images are loaded once per context, the first time they are used there.
 *
 * Launches are asynchronous: an entry point returns once the kernel is
 * queued. Errors of the kernel's execution surface at the next
 * synchronization (cuStreamSynchronize, torch.cuda.synchronize()).
 *
 * Environment:
 *   RELU_MLIR_CUDA_LIBRARY  the driver library to load (default libcuda.so.1)
 *   RELU_MLIR_CUDA_DEVICE   device for threads without a current context
 *   RELU_MLIR_CUDA_FORCE_PTX=1  JIT-compile the embedded PTX even where a
 *                           cubin for the GPU exists (testing)
 *   RELU_MLIR_CUDA_BLOCKS_PER_SM  resident blocks per SM to launch (default:
 *                           the occupancy calculator's maximum)
 *
 * Thread safety: every function may be called from several threads at once.
 */
#ifndef RELU_RT_CUDA_H
#define RELU_RT_CUDA_H

#include "relu_rt.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* RELU_OK when a CUDA driver loads and reports at least one GPU; otherwise
 * RELU_ERR_CUDA_NO_DRIVER or RELU_ERR_CUDA_NO_DEVICE (see
 * relu_rt_cuda_error_detail()). Cheap after the first call. Entry points call
 * it themselves; applications may call it to choose between CPU and GPU. */
int relu_rt_cuda_init(void);

/* Number of CUDA devices (0 when relu_rt_cuda_init() fails). */
int relu_rt_cuda_device_count(void);

/* A description of the last CUDA failure seen by the calling thread: the
 * driver call, its CUresult name and message (e.g. "cuLaunchKernel:
 * CUDA_ERROR_INVALID_VALUE: invalid argument"), or "" if there was none. */
const char *relu_rt_cuda_error_detail(void);

/* Internal interface used by the generated wrappers. ------------------- */

enum { RELU_RT_CUDA_CUBIN = 0, RELU_RT_CUDA_PTX = 1 };

/* One device image: a cubin for one architecture, or PTX (NUL-terminated)
 * that the driver compiles for any GPU of at least that architecture. */
typedef struct relu_rt_cuda_image {
  int sm;   /* architecture as 10 * major + minor: 80 = sm_80 */
  int kind; /* RELU_RT_CUDA_CUBIN or RELU_RT_CUDA_PTX */
  const void *data;
  size_t size;
} relu_rt_cuda_image;

typedef struct relu_rt_cuda_kernel {
  const char *name;          /* the kernel's symbol in the images */
  int block_size;            /* the block size it was compiled for */
  int64_t elements_per_thread; /* elements a thread handles per iteration */
} relu_rt_cuda_kernel;

/* The images and kernels of one relu-cc output. */
typedef struct relu_rt_cuda_module {
  const char *name;
  int num_images;
  const relu_rt_cuda_image *images;
  int num_kernels;
  const relu_rt_cuda_kernel *kernels;
} relu_rt_cuda_module;

/* Launches module->kernels[kernel] over `elements` elements with the given
 * kernel parameters on `stream` (a CUstream; NULL: default stream). The grid
 * is as large as the work needs, at most what fills every SM. */
int relu_rt_cuda_launch(const relu_rt_cuda_module *module, int kernel,
                        int64_t elements, void **params, void *stream);

#ifdef __cplusplus
}
#endif

#endif /* RELU_RT_CUDA_H */
