/* A fake CUDA driver (libcuda.so.1 stand-in) for testing relu_rt_cuda
 * without a GPU: relu_rt_cuda loads it through RELU_MLIR_CUDA_LIBRARY.
 * Nothing runs on a device; the fake checks and records what the runtime asks
 * for: which image it loads (and whether this "GPU" could run it), which
 * kernels it looks up (they must exist in the image), launch configurations,
 * parameters, streams and contexts.
 *
 * FAKE_CUDA selects the machine: "sm=90" (default), "sm=86", "sm=75",
 * "sm=120", ... ; "nodevice" (cuInit fails with CUDA_ERROR_NO_DEVICE);
 * "zero" (cuInit succeeds, no devices); "stub" (CUDA_ERROR_STUB_LIBRARY);
 * "launchfail" (sm_90, every launch fails with CUDA_ERROR_LAUNCH_FAILED);
 * "loadfail" (sm_90, module loads fail with CUDA_ERROR_OUT_OF_MEMORY once).
 * The fake_cuda_* functions let the test application inspect the records.
 *
 * Memory is host memory (cuMemAlloc is malloc), streams and events are
 * synchronous. With FAKE_CUDA_EXEC=<library> a launch even runs: the
 * library holds the same kernels built by relu-cc --emulate-gpu, and the
 * kernel named K runs as __relu_emulated_K (relu-emulate-gpu-on-cpu) with the
 * launch's parameters (memref descriptors; their count comes from the PTX,
 * so load PTX images: RELU_MLIR_CUDA_FORCE_PTX=1). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
typedef int CUdevice;

struct CUctx_st { int index; };
struct CUstream_st { struct CUctx_st *ctx; int magic; };
struct CUmod_st { const unsigned char *data; size_t size; int is_ptx; int sm; };
struct CUfunc_st { struct CUmod_st *module; char name[128]; int num_params; void *exec; };

static struct CUctx_st contexts[4] = {{0}, {1}, {2}, {3}};
#define STREAM_MAGIC 0x5EA3
static struct CUstream_st streams[4] = {{&contexts[0], STREAM_MAGIC}, {&contexts[1], STREAM_MAGIC},
                                        {&contexts[2], STREAM_MAGIC}, {&contexts[3], STREAM_MAGIC}};

static int sm = 90, sms = 132, mode_nodevice, mode_zero, mode_stub, mode_launchfail, mode_loadfail;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int initialized, loads, load_failures_left, primary_retains;
static char last_image[64];
static __thread struct CUctx_st *stack[8];
static __thread int depth = -1; /* stack[depth] is current; -1: none */

/* The last launch. */
static struct {
  char kernel[128];
  unsigned grid[3], block[3], shared;
  void *stream;
  int context; /* current context during the launch */
  int num_params;
  uint64_t params[64];
} last;
static int launches;
static int param_count_hint = 10;

CUresult cuInit(unsigned flags) {
  (void)flags;
  const char *m = getenv("FAKE_CUDA");
  if (m && strncmp(m, "sm=", 3) == 0) sm = atoi(m + 3);
  if (m && strcmp(m, "nodevice") == 0) mode_nodevice = 1;
  if (m && strcmp(m, "zero") == 0) mode_zero = 1;
  if (m && strcmp(m, "stub") == 0) mode_stub = 1;
  if (m && strcmp(m, "launchfail") == 0) mode_launchfail = 1;
  if (m && strcmp(m, "loadfail") == 0) { mode_loadfail = 1; load_failures_left = 1; }
  if (mode_stub) return 34;
  if (mode_nodevice) return 100;
  initialized = 1;
  return 0;
}

static CUresult check_init(void) { return initialized ? 0 : 3; }

CUresult cuDeviceGetCount(int *count) {
  if (check_init()) return 3;
  *count = mode_zero ? 0 : 1;
  return 0;
}

CUresult cuDeviceGet(CUdevice *device, int ordinal) {
  if (ordinal != 0 || mode_zero) return 101; /* CUDA_ERROR_INVALID_DEVICE */
  *device = 0;
  return 0;
}

CUresult cuDeviceGetAttribute(int *value, int attribute, CUdevice device) {
  (void)device;
  switch (attribute) {
  case 16: *value = sms; return 0;
  case 75: *value = sm / 10; return 0;
  case 76: *value = sm % 10; return 0;
  default: return 1;
  }
}

CUresult cuDevicePrimaryCtxRetain(struct CUctx_st **ctx, CUdevice device) {
  (void)device;
  pthread_mutex_lock(&lock);
  ++primary_retains;
  pthread_mutex_unlock(&lock);
  *ctx = &contexts[0];
  return 0;
}

CUresult cuCtxGetCurrent(struct CUctx_st **ctx) {
  *ctx = depth >= 0 ? stack[depth] : NULL;
  return 0;
}

CUresult cuCtxSetCurrent(struct CUctx_st *ctx) {
  if (!ctx) { depth = -1; return 0; }
  if (depth < 0) depth = 0;
  stack[depth] = ctx;
  return 0;
}

CUresult cuCtxPushCurrent_v2(struct CUctx_st *ctx) {
  if (depth >= 7) return 1;
  stack[++depth] = ctx;
  return 0;
}

CUresult cuCtxPopCurrent_v2(struct CUctx_st **ctx) {
  if (depth < 0) return 201; /* CUDA_ERROR_INVALID_CONTEXT */
  *ctx = stack[depth--];
  return 0;
}

CUresult cuCtxGetDevice(CUdevice *device) {
  if (depth < 0) return 201;
  *device = 0;
  return 0;
}

CUresult cuCtxGetId(struct CUctx_st *ctx, unsigned long long *id) {
  *id = 1000 + (unsigned long long)ctx->index;
  return 0;
}

CUresult cuStreamGetCtx(struct CUstream_st *stream, struct CUctx_st **ctx) {
  if (!stream || stream->magic != STREAM_MAGIC) return 400; /* CUDA_ERROR_INVALID_HANDLE */
  *ctx = stream->ctx;
  return 0;
}

/* The size of an ELF image: the end of its section or program headers,
 * whichever come last. */
static size_t elf_size(const unsigned char *d) {
  uint64_t shoff, phoff;
  uint16_t phentsize, phnum, shentsize, shnum;
  memcpy(&phoff, d + 0x20, 8);
  memcpy(&shoff, d + 0x28, 8);
  memcpy(&phentsize, d + 0x36, 2);
  memcpy(&phnum, d + 0x38, 2);
  memcpy(&shentsize, d + 0x3a, 2);
  memcpy(&shnum, d + 0x3c, 2);
  uint64_t sh_end = shoff + (uint64_t)shentsize * shnum, ph_end = phoff + (uint64_t)phentsize * phnum;
  return (size_t)(sh_end > ph_end ? sh_end : ph_end);
}

/* Whether the ELF image's symbol table defines `name`. */
static int elf_defines(const unsigned char *d, const char *name) {
  uint64_t shoff;
  uint16_t shentsize, shnum;
  memcpy(&shoff, d + 0x28, 8);
  memcpy(&shentsize, d + 0x3a, 2);
  memcpy(&shnum, d + 0x3c, 2);
  for (unsigned i = 0; i < shnum; ++i) {
    const unsigned char *sh = d + shoff + (uint64_t)i * shentsize;
    uint32_t type, link;
    uint64_t offset, size, entsize;
    memcpy(&type, sh + 4, 4);
    if (type != 2) continue; /* SHT_SYMTAB */
    memcpy(&offset, sh + 0x18, 8);
    memcpy(&size, sh + 0x20, 8);
    memcpy(&link, sh + 0x28, 4);
    memcpy(&entsize, sh + 0x38, 8);
    const unsigned char *strtab_sh = d + shoff + (uint64_t)link * shentsize;
    uint64_t strtab;
    memcpy(&strtab, strtab_sh + 0x18, 8);
    for (uint64_t s = 0; entsize && s < size / entsize; ++s) {
      uint32_t name_offset;
      uint16_t shndx;
      memcpy(&name_offset, d + offset + s * entsize, 4);
      memcpy(&shndx, d + offset + s * entsize + 6, 2);
      if (shndx != 0 && strcmp((const char *)d + strtab + name_offset, name) == 0) return 1;
    }
  }
  return 0;
}

CUresult cuModuleLoadData(struct CUmod_st **module, const void *image) {
  if (check_init()) return 3;
  const unsigned char *d = image;
  struct CUmod_st *m = calloc(1, sizeof(*m));
  m->data = d;
  if (memcmp(d, "\177ELF", 4) == 0) {
    uint32_t flags;
    memcpy(&flags, d + 0x30, 4);
    m->sm = (int)((flags >> 8) & 0xff);
    m->size = elf_size(d);
    /* A cubin runs on its own major version, minor at most the GPU's. */
    if (m->sm / 10 != sm / 10 || m->sm > sm) { free(m); return 209; }
  } else {
    const char *text = image;
    const char *target = strstr(text, ".target sm_");
    if (!strstr(text, ".version") || !target) { free(m); return 218; /* INVALID_PTX */ }
    m->is_ptx = 1;
    m->sm = atoi(target + 11);
    m->size = strlen(text) + 1;
    if (m->sm > sm) { free(m); return 209; }
  }
  pthread_mutex_lock(&lock);
  if (mode_loadfail && load_failures_left > 0) {
    --load_failures_left;
    pthread_mutex_unlock(&lock);
    free(m);
    return 2; /* CUDA_ERROR_OUT_OF_MEMORY */
  }
  ++loads;
  snprintf(last_image, sizeof(last_image), "%s sm_%d", m->is_ptx ? "PTX" : "cubin", m->sm);
  pthread_mutex_unlock(&lock);
  *module = m;
  return 0;
}

CUresult cuModuleGetFunction(struct CUfunc_st **function, struct CUmod_st *module, const char *name) {
  struct CUfunc_st *f = calloc(1, sizeof(*f));
  f->module = module;
  snprintf(f->name, sizeof(f->name), "%s", name);
  f->num_params = -1;
  if (module->is_ptx) {
    char entry[160];
    snprintf(entry, sizeof(entry), ".entry %s(", name);
    const char *at = strstr((const char *)module->data, entry);
    if (!at) { free(f); return 500; /* CUDA_ERROR_NOT_FOUND */ }
    const char *end = strchr(at, ')');
    f->num_params = 0;
    for (const char *p = at; p && p < end; p = strstr(p + 1, ".param"))
      if (p != at) ++f->num_params;
  } else if (!elf_defines(module->data, name)) {
    free(f);
    return 500;
  }
  static void *exec_lib;
  const char *exec_path = getenv("FAKE_CUDA_EXEC");
  if (exec_path && *exec_path) {
    pthread_mutex_lock(&lock);
    if (!exec_lib) exec_lib = dlopen(exec_path, RTLD_NOW | RTLD_LOCAL);
    pthread_mutex_unlock(&lock);
    char symbol[160];
    snprintf(symbol, sizeof(symbol), "__relu_emulated_%s", name);
    f->exec = exec_lib ? dlsym(exec_lib, symbol) : NULL;
    if (!f->exec) { free(f); return 500; }
  }
  *function = f;
  return 0;
}

CUresult cuOccupancyMaxActiveBlocksPerMultiprocessor(int *blocks, struct CUfunc_st *f, int block_size, size_t shared) {
  (void)f; (void)shared;
  *blocks = 2048 / block_size;
  return 0;
}

CUresult cuLaunchKernel(struct CUfunc_st *f, unsigned gx, unsigned gy, unsigned gz, unsigned bx,
                        unsigned by, unsigned bz, unsigned shared, void *stream, void **params,
                        void **extra) {
  (void)extra;
  if (mode_launchfail) return 719;
  if (gx == 0 || bx == 0 || bx > 1024) return 1; /* CUDA_ERROR_INVALID_VALUE */
  pthread_mutex_lock(&lock);
  snprintf(last.kernel, sizeof(last.kernel), "%s", f->name);
  last.grid[0] = gx; last.grid[1] = gy; last.grid[2] = gz;
  last.block[0] = bx; last.block[1] = by; last.block[2] = bz;
  last.shared = shared;
  last.stream = stream;
  last.context = depth >= 0 ? stack[depth]->index : -1;
  last.num_params = f->num_params >= 0 ? f->num_params : param_count_hint;
  for (int i = 0; i < last.num_params && i < 64; ++i) memcpy(&last.params[i], params[i], 8);
  ++launches;
  pthread_mutex_unlock(&lock);
  if (f->exec) {
    /* Every parameter is 64-bit (pointers, offsets, sizes, strides). The
     * kernel is called with 64 of them, of which it reads the first
     * num_params: surplus integer arguments are harmless in the x86-64 and
     * AArch64 C calling conventions (the caller owns the stack). */
    typedef uint64_t u;
    u a[64] = {0};
    if (f->num_params < 0 || f->num_params > 64) return 1;
    for (int i = 0; i < f->num_params; ++i) memcpy(&a[i], params[i], 8);
#define U8 u, u, u, u, u, u, u, u
#define A8(i) a[i], a[i + 1], a[i + 2], a[i + 3], a[i + 4], a[i + 5], a[i + 6], a[i + 7]
    ((void (*)(U8, U8, U8, U8, U8, U8, U8, U8))f->exec)(A8(0), A8(8), A8(16), A8(24), A8(32),
                                                         A8(40), A8(48), A8(56));
#undef U8
#undef A8
  }
  return 0;
}

/* ---- memory, streams, events: host memory, synchronous ------------------- */

CUresult cuMemAlloc_v2(uint64_t *p, size_t bytes) {
  void *m = malloc(bytes ? bytes : 1);
  if (!m) return 2;
  *p = (uint64_t)(uintptr_t)m;
  return 0;
}
CUresult cuMemFree_v2(uint64_t p) { free((void *)(uintptr_t)p); return 0; }
CUresult cuMemcpyHtoD_v2(uint64_t d, const void *h, size_t n) { memcpy((void *)(uintptr_t)d, h, n); return 0; }
CUresult cuMemcpyDtoH_v2(void *h, uint64_t d, size_t n) { memcpy(h, (const void *)(uintptr_t)d, n); return 0; }
CUresult cuMemcpyDtoDAsync_v2(uint64_t d, uint64_t s, size_t n, void *stream) {
  (void)stream;
  memmove((void *)(uintptr_t)d, (const void *)(uintptr_t)s, n);
  return 0;
}
CUresult cuMemsetD8_v2(uint64_t d, unsigned char v, size_t n) { memset((void *)(uintptr_t)d, v, n); return 0; }
CUresult cuStreamCreate(struct CUstream_st **stream, unsigned flags) {
  (void)flags;
  if (depth < 0) return 201;
  struct CUstream_st *s = calloc(1, sizeof(*s));
  s->ctx = stack[depth];
  s->magic = STREAM_MAGIC;
  *stream = s;
  return 0;
}
CUresult cuStreamDestroy_v2(struct CUstream_st *stream) {
  if (stream && stream->magic == STREAM_MAGIC && !(stream >= streams && stream < streams + 4)) {
    stream->magic = 0;
    free(stream);
  }
  return 0;
}
CUresult cuStreamSynchronize(void *stream) { (void)stream; return 0; }
CUresult cuCtxSynchronize(void) { return 0; }
/* Events: host wall-clock times (launches are synchronous). */
#include <time.h>
struct CUevent_st { double ms; };
CUresult cuEventCreate(struct CUevent_st **event, unsigned flags) {
  (void)flags;
  *event = calloc(1, sizeof(**event));
  return 0;
}
CUresult cuEventRecord(struct CUevent_st *event, void *stream) {
  (void)stream;
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  event->ms = (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
  return 0;
}
CUresult cuEventSynchronize(struct CUevent_st *event) { (void)event; return 0; }
CUresult cuEventElapsedTime(float *ms, struct CUevent_st *start, struct CUevent_st *end) {
  *ms = (float)(end->ms - start->ms);
  return 0;
}

CUresult cuDeviceGetName(char *name, int length, int device) {
  (void)device;
  snprintf(name, (size_t)length, "fake sm_%d (fake_cuda.c)", sm);
  return 0;
}

static const char *names[][2] = {
    {"0", "CUDA_SUCCESS"}, {"1", "CUDA_ERROR_INVALID_VALUE"}, {"2", "CUDA_ERROR_OUT_OF_MEMORY"},
    {"3", "CUDA_ERROR_NOT_INITIALIZED"}, {"34", "CUDA_ERROR_STUB_LIBRARY"},
    {"100", "CUDA_ERROR_NO_DEVICE"}, {"209", "CUDA_ERROR_NO_BINARY_FOR_GPU"},
    {"218", "CUDA_ERROR_INVALID_PTX"}, {"500", "CUDA_ERROR_NOT_FOUND"},
    {"719", "CUDA_ERROR_LAUNCH_FAILED"}};

CUresult cuGetErrorName(CUresult error, const char **name) {
  for (size_t i = 0; i < sizeof(names) / sizeof(*names); ++i)
    if (atoi(names[i][0]) == error) { *name = names[i][1]; return 0; }
  *name = "CUDA_ERROR_UNKNOWN";
  return 0;
}

CUresult cuGetErrorString(CUresult error, const char **message) {
  *message = error == 719 ? "unspecified launch failure" : "fake driver error";
  return 0;
}

/* ---- inspection by the test application ---------------------------------- */

int fake_cuda_loads(void) { return loads; }
int fake_cuda_launches(void) { return launches; }
int fake_cuda_primary_retains(void) { return primary_retains; }
const char *fake_cuda_last_image(void) { return last_image; }
void *fake_cuda_stream(int context) { return &streams[context]; }
void *fake_cuda_context(int context) { return &contexts[context]; }
int fake_cuda_current_context(void) { return depth >= 0 ? stack[depth]->index : -1; }
void fake_cuda_set_param_count(int n) { param_count_hint = n; }
void fake_cuda_last_launch(char *kernel, unsigned *grid, unsigned *block, void **stream,
                           int *context, int *num_params, uint64_t *params) {
  strcpy(kernel, last.kernel);
  memcpy(grid, last.grid, sizeof(last.grid));
  memcpy(block, last.block, sizeof(last.block));
  *stream = last.stream;
  *context = last.context;
  *num_params = last.num_params;
  memcpy(params, last.params, sizeof(last.params));
}
