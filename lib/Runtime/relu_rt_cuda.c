/* relu_rt_cuda.c: the CUDA driver shim of relu-mlir GPU kernels. Loads
 * libcuda.so.1 with dlopen, loads kernel images once per context, launches on
 * the caller's stream. Plain C99 + pthreads + dlopen; no CUDA header needed.
 * See relu_rt_cuda.h. */
#if !defined(_GNU_SOURCE)
#define _GNU_SOURCE
#endif
#include "relu_rt_cuda.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the part of the driver API we use (cuda.h, CUDA >= 12.0) ---------- */

typedef int CUresult;
typedef int CUdevice;
typedef struct CUctx_st *CUcontext;
typedef struct CUmod_st *CUmodule;
typedef struct CUfunc_st *CUfunction;
typedef struct CUstream_st *CUstream;

enum {
  CUDA_SUCCESS = 0,
  CUDA_ERROR_NOT_INITIALIZED = 3,
  CUDA_ERROR_STUB_LIBRARY = 34,
  CUDA_ERROR_INSUFFICIENT_DRIVER = 35,
  CUDA_ERROR_NO_DEVICE = 100,
  CUDA_ERROR_INVALID_IMAGE = 200,
  CUDA_ERROR_NO_BINARY_FOR_GPU = 209,
  CUDA_ERROR_INVALID_PTX = 218,
  CUDA_ERROR_JIT_COMPILER_NOT_FOUND = 221,
  CUDA_ERROR_UNSUPPORTED_PTX_VERSION = 222,
  CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16,
  CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75,
  CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76
};

static struct {
  CUresult (*cuInit)(unsigned);
  CUresult (*cuDeviceGetCount)(int *);
  CUresult (*cuDeviceGet)(CUdevice *, int);
  CUresult (*cuDeviceGetAttribute)(int *, int, CUdevice);
  CUresult (*cuDevicePrimaryCtxRetain)(CUcontext *, CUdevice);
  CUresult (*cuCtxGetCurrent)(CUcontext *);
  CUresult (*cuCtxSetCurrent)(CUcontext);
  CUresult (*cuCtxPushCurrent)(CUcontext);
  CUresult (*cuCtxPopCurrent)(CUcontext *);
  CUresult (*cuCtxGetDevice)(CUdevice *);
  CUresult (*cuCtxGetId)(CUcontext, unsigned long long *); /* optional */
  CUresult (*cuStreamGetCtx)(CUstream, CUcontext *);
  CUresult (*cuModuleLoadData)(CUmodule *, const void *);
  CUresult (*cuModuleGetFunction)(CUfunction *, CUmodule, const char *);
  CUresult (*cuOccupancyMaxActiveBlocksPerMultiprocessor)(int *, CUfunction, int, size_t);
  CUresult (*cuLaunchKernel)(CUfunction, unsigned, unsigned, unsigned, unsigned,
                             unsigned, unsigned, unsigned, CUstream, void **, void **);
  CUresult (*cuGetErrorName)(CUresult, const char **);
  CUresult (*cuGetErrorString)(CUresult, const char **);
} cu;

/* ---- error details ------------------------------------------------------- */

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define RELU_THREAD_LOCAL _Thread_local
#else
#define RELU_THREAD_LOCAL __thread
#endif

static RELU_THREAD_LOCAL char error_detail[512];

/* snprintf that truncates silently (long paths and driver messages). */
static int format_into(char *out, size_t size, const char *format, ...) {
  va_list args;
  va_start(args, format);
  int n = vsnprintf(out, size, format, args);
  va_end(args);
  return n < 0 ? 0 : (size_t)n < size ? n : (int)size - 1;
}

static void set_detail(const char *format, ...) {
  char text[sizeof(error_detail)];
  va_list args;
  va_start(args, format);
  vsnprintf(text, sizeof(text), format, args);
  va_end(args);
  memcpy(error_detail, text, sizeof(text));
}

const char *relu_rt_cuda_error_detail(void) { return error_detail; }

/* Names of the results we explain without the driver's help (a stub
 * library cannot name its own errors). */
static const char *known_result(CUresult result, const char **message) {
  switch (result) {
  case CUDA_ERROR_NOT_INITIALIZED: *message = "the driver is not initialized"; return "CUDA_ERROR_NOT_INITIALIZED";
  case CUDA_ERROR_STUB_LIBRARY: *message = "this is the CUDA toolkit's stub library, not a driver"; return "CUDA_ERROR_STUB_LIBRARY";
  case CUDA_ERROR_INSUFFICIENT_DRIVER: *message = "the kernel-mode driver is older than this libcuda"; return "CUDA_ERROR_INSUFFICIENT_DRIVER";
  case CUDA_ERROR_NO_DEVICE: *message = "no CUDA-capable device is detected"; return "CUDA_ERROR_NO_DEVICE";
  default: return NULL;
  }
}

/* Records `call` failing with `result`; returns `status`. */
static int fail(int status, const char *call, CUresult result) {
  const char *name = NULL, *message = NULL;
  if (cu.cuGetErrorName && cu.cuGetErrorName(result, &name) != CUDA_SUCCESS) name = NULL;
  if (cu.cuGetErrorString && cu.cuGetErrorString(result, &message) != CUDA_SUCCESS) message = NULL;
  if (!name) name = known_result(result, &message);
  if (name)
    set_detail("%s: %s: %s", call, name, message ? message : "");
  else
    set_detail("%s: CUresult %d", call, result);
  return status;
}

/* ---- loading the driver ---------------------------------------------------- */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_status = RELU_ERR_CUDA_NO_DRIVER;
static char init_detail[512];
static int device_count;

static void *symbol(void *lib, const char *name, int *missing) {
  void *p = dlsym(lib, name);
  if (!p && !*missing) {
    *missing = 1;
    format_into(init_detail, sizeof(init_detail),
             "the CUDA driver lacks %s (a driver for CUDA 12.0 or later is needed)", name);
  }
  return p;
}

static void load_driver(void) {
  const char *path = getenv("RELU_MLIR_CUDA_LIBRARY");
  if (!path || !*path) path = "libcuda.so.1";
  void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char *why = dlerror();
    format_into(init_detail, sizeof(init_detail), "cannot load %s: %s", path,
             why ? why : "unknown error");
    return;
  }
  int missing = 0;
#define LOAD(field, name) *(void **)&cu.field = symbol(lib, name, &missing)
  LOAD(cuInit, "cuInit");
  LOAD(cuDeviceGetCount, "cuDeviceGetCount");
  LOAD(cuDeviceGet, "cuDeviceGet");
  LOAD(cuDeviceGetAttribute, "cuDeviceGetAttribute");
  LOAD(cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain");
  LOAD(cuCtxGetCurrent, "cuCtxGetCurrent");
  LOAD(cuCtxSetCurrent, "cuCtxSetCurrent");
  LOAD(cuCtxPushCurrent, "cuCtxPushCurrent_v2");
  LOAD(cuCtxPopCurrent, "cuCtxPopCurrent_v2");
  LOAD(cuCtxGetDevice, "cuCtxGetDevice");
  LOAD(cuStreamGetCtx, "cuStreamGetCtx");
  LOAD(cuModuleLoadData, "cuModuleLoadData");
  LOAD(cuModuleGetFunction, "cuModuleGetFunction");
  LOAD(cuOccupancyMaxActiveBlocksPerMultiprocessor, "cuOccupancyMaxActiveBlocksPerMultiprocessor");
  LOAD(cuLaunchKernel, "cuLaunchKernel");
  LOAD(cuGetErrorName, "cuGetErrorName");
  LOAD(cuGetErrorString, "cuGetErrorString");
#undef LOAD
  *(void **)&cu.cuCtxGetId = dlsym(lib, "cuCtxGetId");
  if (missing) {
    memset(&cu, 0, sizeof(cu));
    return; /* the library stays loaded: unloading a driver is not safe */
  }
  CUresult r = cu.cuInit(0);
  if (r == CUDA_ERROR_NO_DEVICE) {
    fail(0, "cuInit", r);
    format_into(init_detail, sizeof(init_detail), "%s", error_detail);
    init_status = RELU_ERR_CUDA_NO_DEVICE;
    return;
  }
  if (r != CUDA_SUCCESS) {
    /* A stub library (CUDA_ERROR_STUB_LIBRARY), a driver older than the
     * kernel mode driver (CUDA_ERROR_INSUFFICIENT_DRIVER), ... */
    fail(0, "cuInit", r);
    format_into(init_detail, sizeof(init_detail), "%s (library %s)", error_detail, path);
    return;
  }
  r = cu.cuDeviceGetCount(&device_count);
  if (r != CUDA_SUCCESS || device_count <= 0) {
    device_count = 0;
    if (r != CUDA_SUCCESS)
      fail(0, "cuDeviceGetCount", r);
    else
      set_detail("cuDeviceGetCount: 0 devices");
    format_into(init_detail, sizeof(init_detail), "%s", error_detail);
    init_status = RELU_ERR_CUDA_NO_DEVICE;
    return;
  }
  init_status = RELU_OK;
}

int relu_rt_cuda_init(void) {
  pthread_once(&init_once, load_driver);
  if (init_status != RELU_OK) set_detail("%s", init_detail);
  return init_status;
}

int relu_rt_cuda_device_count(void) {
  return relu_rt_cuda_init() == RELU_OK ? device_count : 0;
}

/* ---- per-context state ----------------------------------------------------
 * One entry per (module, context): the loaded CUmodule, its functions and
 * their launch limits. Entries are never freed (a context's lifetime is the
 * application's business; destroyed contexts leave a small leak). Contexts
 * are told apart by cuCtxGetId where the driver has it, since a new context
 * may reuse a destroyed one's address. */

typedef struct loaded_module {
  const relu_rt_cuda_module *module;
  CUcontext context;
  unsigned long long context_id;
  int status; /* RELU_OK, or why the module cannot run in this context */
  char detail[512];
  CUmodule handle;
  CUfunction *functions;
  int *max_blocks; /* grid size filling the GPU, per kernel */
  struct loaded_module *next;
} loaded_module;

static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static loaded_module *loaded_head; /* guarded by state_lock */

static int env_int(const char *name, int fallback, int lo, int hi) {
  const char *text = getenv(name);
  if (!text || !*text) return fallback;
  char *end;
  long v = strtol(text, &end, 10);
  return (*end == '\0' && v >= lo && v <= hi) ? (int)v : fallback;
}

/* The image to load on a GPU of architecture `sm`: a cubin of the same major
 * version and the highest minor not above the GPU's, else the PTX of the
 * highest architecture not above it (compiled by the driver). */
static const relu_rt_cuda_image *choose_image(const relu_rt_cuda_module *m, int sm) {
  const relu_rt_cuda_image *best = NULL;
  int force_ptx = env_int("RELU_MLIR_CUDA_FORCE_PTX", 0, 0, 1);
  if (!force_ptx)
    for (int i = 0; i < m->num_images; ++i) {
      const relu_rt_cuda_image *image = &m->images[i];
      if (image->kind == RELU_RT_CUDA_CUBIN && image->sm / 10 == sm / 10 &&
          image->sm <= sm && (!best || image->sm > best->sm))
        best = image;
    }
  if (best) return best;
  for (int i = 0; i < m->num_images; ++i) {
    const relu_rt_cuda_image *image = &m->images[i];
    if (image->kind == RELU_RT_CUDA_PTX && image->sm <= sm && (!best || image->sm > best->sm))
      best = image;
  }
  return best;
}

static void describe_images(const relu_rt_cuda_module *m, char *out, size_t size) {
  size_t used = 0;
  out[0] = '\0';
  for (int i = 0; i < m->num_images && used < size; ++i)
    used += (size_t)format_into(out + used, size - used, "%s%s_%d", i ? ", " : "",
                     m->images[i].kind == RELU_RT_CUDA_PTX ? "PTX compute" : "sm",
                     m->images[i].sm);
}

/* Loads `m` into the current context `ctx`. Called with state_lock held. */
static void load_module(loaded_module *entry) {
  const relu_rt_cuda_module *m = entry->module;
  CUdevice device;
  int major = 0, minor = 0, sms = 0;
  CUresult r = cu.cuCtxGetDevice(&device);
  if (r == CUDA_SUCCESS) r = cu.cuDeviceGetAttribute(&major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
  if (r == CUDA_SUCCESS) r = cu.cuDeviceGetAttribute(&minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
  if (r == CUDA_SUCCESS) r = cu.cuDeviceGetAttribute(&sms, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, device);
  if (r != CUDA_SUCCESS) {
    entry->status = fail(RELU_ERR_CUDA, "cuDeviceGetAttribute", r);
    return;
  }
  int sm = 10 * major + minor;
  const relu_rt_cuda_image *image = choose_image(m, sm);
  char available[256];
  describe_images(m, available, sizeof(available));
  if (!image) {
    set_detail("%s: no image for this GPU (sm_%d); compiled for %s", m->name, sm, available);
    entry->status = RELU_ERR_CUDA_NO_IMAGE;
    return;
  }
  r = cu.cuModuleLoadData(&entry->handle, image->data);
  if (r != CUDA_SUCCESS) {
    int status = (r == CUDA_ERROR_NO_BINARY_FOR_GPU || r == CUDA_ERROR_INVALID_IMAGE ||
                  r == CUDA_ERROR_INVALID_PTX || r == CUDA_ERROR_UNSUPPORTED_PTX_VERSION ||
                  r == CUDA_ERROR_JIT_COMPILER_NOT_FOUND)
                     ? RELU_ERR_CUDA_NO_IMAGE
                     : RELU_ERR_CUDA;
    fail(status, "cuModuleLoadData", r);
    char driver[512];
    format_into(driver, sizeof(driver), "%s", error_detail);
    set_detail("%s (%s %s_%d on sm_%d): %s", m->name,
               image->kind == RELU_RT_CUDA_PTX ? "PTX" : "cubin",
               image->kind == RELU_RT_CUDA_PTX ? "compute" : "sm", image->sm, sm, driver);
    entry->status = status;
    return;
  }
  entry->functions = (CUfunction *)calloc((size_t)m->num_kernels, sizeof(CUfunction));
  entry->max_blocks = (int *)calloc((size_t)m->num_kernels, sizeof(int));
  if (!entry->functions || !entry->max_blocks) {
    set_detail("out of host memory");
    entry->status = RELU_ERR_CUDA;
    return;
  }
  int blocks_per_sm = env_int("RELU_MLIR_CUDA_BLOCKS_PER_SM", 0, 1, 1024);
  for (int k = 0; k < m->num_kernels; ++k) {
    r = cu.cuModuleGetFunction(&entry->functions[k], entry->handle, m->kernels[k].name);
    if (r != CUDA_SUCCESS) {
      entry->status = fail(RELU_ERR_CUDA, "cuModuleGetFunction", r);
      return;
    }
    int resident = blocks_per_sm;
    if (!resident &&
        cu.cuOccupancyMaxActiveBlocksPerMultiprocessor(
            &resident, entry->functions[k], m->kernels[k].block_size, 0) != CUDA_SUCCESS)
      resident = 1;
    if (resident < 1) resident = 1;
    long long blocks = (long long)resident * (sms > 0 ? sms : 1);
    entry->max_blocks[k] = blocks > 0x7fffffffLL ? 0x7fffffff : (int)blocks;
  }
  entry->status = RELU_OK;
}

/* The state of `m` in the current context, loading it on first use; NULL
 * with *failed set when it could not be loaded. */
static loaded_module *find_or_load(const relu_rt_cuda_module *m, CUcontext ctx, int *failed) {
  unsigned long long id = 0;
  if (cu.cuCtxGetId) cu.cuCtxGetId(ctx, &id);
  pthread_mutex_lock(&state_lock);
  loaded_module *entry = loaded_head;
  while (entry && !(entry->module == m && entry->context == ctx && entry->context_id == id))
    entry = entry->next;
  if (!entry) {
    entry = (loaded_module *)calloc(1, sizeof(*entry));
    if (!entry) {
      pthread_mutex_unlock(&state_lock);
      set_detail("out of host memory");
      return NULL;
    }
    entry->module = m;
    entry->context = ctx;
    entry->context_id = id;
    load_module(entry);
    if (entry->status != RELU_OK && entry->status != RELU_ERR_CUDA_NO_IMAGE) {
      /* Possibly transient (out of memory, ...): the next call tries again. */
      int status = entry->status;
      free(entry->functions);
      free(entry->max_blocks);
      free(entry);
      pthread_mutex_unlock(&state_lock);
      *failed = status;
      return NULL;
    }
    if (entry->status != RELU_OK)
      format_into(entry->detail, sizeof(entry->detail), "%s", error_detail);
    entry->next = loaded_head;
    loaded_head = entry;
  }
  pthread_mutex_unlock(&state_lock);
  return entry;
}

/* Primary contexts retained for threads without a current context. */
static pthread_mutex_t primary_lock = PTHREAD_MUTEX_INITIALIZER;

static int current_context(CUcontext *ctx) {
  CUresult r = cu.cuCtxGetCurrent(ctx);
  if (r != CUDA_SUCCESS) return fail(RELU_ERR_CUDA, "cuCtxGetCurrent", r);
  if (*ctx) return RELU_OK;
  int ordinal = env_int("RELU_MLIR_CUDA_DEVICE", 0, 0, 1 << 20);
  if (ordinal >= device_count) {
    set_detail("RELU_MLIR_CUDA_DEVICE=%d, but there are %d devices", ordinal, device_count);
    return RELU_ERR_CUDA_NO_DEVICE;
  }
  CUdevice device;
  pthread_mutex_lock(&primary_lock);
  r = cu.cuDeviceGet(&device, ordinal);
  if (r == CUDA_SUCCESS) r = cu.cuDevicePrimaryCtxRetain(ctx, device);
  pthread_mutex_unlock(&primary_lock);
  if (r != CUDA_SUCCESS) return fail(RELU_ERR_CUDA, "cuDevicePrimaryCtxRetain", r);
  r = cu.cuCtxSetCurrent(*ctx);
  if (r != CUDA_SUCCESS) return fail(RELU_ERR_CUDA, "cuCtxSetCurrent", r);
  return RELU_OK;
}

int relu_rt_cuda_launch(const relu_rt_cuda_module *m, int kernel, int64_t elements,
                        void **params, void *stream) {
  int status = relu_rt_cuda_init();
  if (status != RELU_OK) return status;
  if (kernel < 0 || kernel >= m->num_kernels || elements < 0) return RELU_ERR_INVALID_ARGUMENT;
  if (elements == 0) return RELU_OK;

  /* A real stream runs in its own context; the special handles (NULL, legacy,
   * per-thread) in the current one. */
  CUcontext ctx = NULL, pushed = NULL;
  if ((uintptr_t)stream > 2) {
    CUresult r = cu.cuStreamGetCtx((CUstream)stream, &ctx);
    if (r != CUDA_SUCCESS) return fail(RELU_ERR_CUDA_LAUNCH, "cuStreamGetCtx", r);
    CUcontext current = NULL;
    cu.cuCtxGetCurrent(&current);
    if (current != ctx) {
      r = cu.cuCtxPushCurrent(ctx);
      if (r != CUDA_SUCCESS) return fail(RELU_ERR_CUDA, "cuCtxPushCurrent", r);
      pushed = ctx;
    }
  } else {
    status = current_context(&ctx);
    if (status != RELU_OK) return status;
  }

  int failed = RELU_ERR_CUDA;
  loaded_module *entry = find_or_load(m, ctx, &failed);
  if (!entry) {
    status = failed;
  } else if (entry->status != RELU_OK) {
    status = entry->status;
    set_detail("%s", entry->detail);
  } else {
    const relu_rt_cuda_kernel *k = &m->kernels[kernel];
    int64_t per_block = (int64_t)k->block_size * (k->elements_per_thread > 0 ? k->elements_per_thread : 1);
    int64_t blocks = elements / per_block + (elements % per_block != 0);
    if (blocks > entry->max_blocks[kernel]) blocks = entry->max_blocks[kernel];
    if (blocks < 1) blocks = 1;
    CUresult r = cu.cuLaunchKernel(entry->functions[kernel], (unsigned)blocks, 1, 1,
                                   (unsigned)k->block_size, 1, 1, 0, (CUstream)stream,
                                   params, NULL);
    if (r != CUDA_SUCCESS) {
      status = fail(RELU_ERR_CUDA_LAUNCH, "cuLaunchKernel", r);
      char driver[400];
      format_into(driver, sizeof(driver), "%s", error_detail);
      set_detail("%s (kernel %s, %lld blocks of %d threads)", driver, k->name,
                 (long long)blocks, k->block_size);
    } else {
      status = RELU_OK;
    }
  }
  if (pushed) {
    CUcontext popped;
    cu.cuCtxPopCurrent(&popped);
  }
  return status;
}
