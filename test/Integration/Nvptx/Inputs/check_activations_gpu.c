/* Checks every activation x dtype (f32, bf16, f16) compiled by relu-cc
 * --target=nvptx on a real GPU against the float64 reference: the same
 * activations compiled by relu-cc for the CPU in f64 (libm). Covers the edge
 * values of the CPU test (NaN, +-Inf, -0.0, denormals, huge values, every
 * kink), sizes 0/1/15/16/17/33/4097/1000003, unaligned and differently
 * misaligned pointers (the scalar head/tail paths, which must give the same
 * values as the vector path: the same bits, or NaN for NaN), in-place calls, a
 * non-default stream, concurrent callers on their own streams and error
 * codes. Prints a ULP table and "N passed, M failed".
 *
 * Without a usable GPU it prints "skipped: no GPU (...)" and exits 77 (the
 * conventional "skipped" status, which is not a pass). */
#define _GNU_SOURCE
#include "gpu.h"
#include "ref.h"

#include "check_report.h"
#include "dtype_io.h"
#include "test_inputs.h"
#include "reference_check.h"
#include "ulp.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>


typedef int (*gpu_fn)(const void *, void *, int64_t, void *);
typedef int (*ref_fn)(const void *, void *, int64_t);

struct activation {
  const char *name, *spec;
  enum kind kind;
  double f32_bound, half_bound;
  gpu_fn fn[3];
  ref_fn ref;
};

#define X(name, spec, kind, f32b, halfb)                                             \
  {#name, spec, kind, f32b, halfb,                                                  \
   {(gpu_fn)name##_f16, (gpu_fn)name##_bf16, (gpu_fn)name##_f32}, (ref_fn)name##_f64},
static const struct activation activations[] = {
#include "activations.def"
};
#undef X
static const int num_activations = sizeof(activations) / sizeof(activations[0]);

/* ---- the driver API, for memory and streams (loaded like relu_rt_cuda) --- */

typedef int CUresult;
typedef unsigned long long CUdeviceptr;
static struct {
  CUresult (*cuInit)(unsigned);
  CUresult (*cuDeviceGet)(int *, int);
  CUresult (*cuDeviceGetName)(char *, int, int);
  CUresult (*cuDeviceGetAttribute)(int *, int, int);
  CUresult (*cuDevicePrimaryCtxRetain)(void **, int);
  CUresult (*cuCtxSetCurrent)(void *);
  CUresult (*cuCtxSynchronize)(void);
  CUresult (*cuMemAlloc)(CUdeviceptr *, size_t);
  CUresult (*cuMemFree)(CUdeviceptr);
  CUresult (*cuMemcpyHtoD)(CUdeviceptr, const void *, size_t);
  CUresult (*cuMemcpyDtoH)(void *, CUdeviceptr, size_t);
  CUresult (*cuMemsetD8)(CUdeviceptr, unsigned char, size_t);
  CUresult (*cuStreamCreate)(void **, unsigned);
  CUresult (*cuStreamSynchronize)(void *);
  CUresult (*cuStreamDestroy)(void *);
} cu;

static void cu_check(CUresult r, const char *call) {
  if (r != 0) {
    printf("FAIL: %s returned %d\n", call, r);
    exit(1);
  }
}
#define CU(call) cu_check(cu.call, #call)

static int load_driver(void) {
  const char *path = getenv("RELU_MLIR_CUDA_LIBRARY");
  void *lib = dlopen(path && *path ? path : "libcuda.so.1", RTLD_NOW);
  if (!lib) return 0;
#define LOAD(field, name) *(void **)&cu.field = dlsym(lib, name)
  LOAD(cuInit, "cuInit");
  LOAD(cuDeviceGet, "cuDeviceGet");
  LOAD(cuDeviceGetName, "cuDeviceGetName");
  LOAD(cuDeviceGetAttribute, "cuDeviceGetAttribute");
  LOAD(cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain");
  LOAD(cuCtxSetCurrent, "cuCtxSetCurrent");
  LOAD(cuCtxSynchronize, "cuCtxSynchronize");
  LOAD(cuMemAlloc, "cuMemAlloc_v2");
  LOAD(cuMemFree, "cuMemFree_v2");
  LOAD(cuMemcpyHtoD, "cuMemcpyHtoD_v2");
  LOAD(cuMemcpyDtoH, "cuMemcpyDtoH_v2");
  LOAD(cuMemsetD8, "cuMemsetD8_v2");
  LOAD(cuStreamCreate, "cuStreamCreate");
  LOAD(cuStreamSynchronize, "cuStreamSynchronize");
  LOAD(cuStreamDestroy, "cuStreamDestroy_v2");
#undef LOAD
  return 1;
}

static void *dev_alloc(size_t bytes) {
  CUdeviceptr p;
  CU(cuMemAlloc(&p, bytes ? bytes : 1));
  return (void *)(uintptr_t)p;
}
static void dev_free(void *p) { CU(cuMemFree((CUdeviceptr)(uintptr_t)p)); }
static void to_dev(void *d, const void *h, size_t bytes) {
  CU(cuMemcpyHtoD((CUdeviceptr)(uintptr_t)d, h, bytes));
}
static void to_host(void *h, const void *d, size_t bytes) {
  CU(cuMemcpyDtoH(h, (CUdeviceptr)(uintptr_t)d, bytes));
}
static void dev_fill(void *d, unsigned char v, size_t bytes) {
  CU(cuMemsetD8((CUdeviceptr)(uintptr_t)d, v, bytes));
}
static void *at(void *p, size_t elements, size_t es) { return (char *)p + elements * es; }

#define BIG 1000003
/* a's result of dtype t against the float64 reference (reference_check.h). */
static int compare(const struct activation *a, enum dtype t, const void *out,
                   const double *ref, int64_t n, double *max_error, int64_t *worst) {
  return compare_with_reference(a->name, a->kind, t == F32 ? a->f32_bound : a->half_bound, t,
                                out, ref, n, max_error, worst);
}

static double ulp_table[64][3];

/* Runs `fn` on device copies of x at input offset `in_off` and output offset
 * `out_off` (elements) and compares the n results bitwise with `expected`. */
static int same_as(gpu_fn fn, enum dtype t, const void *x, int64_t n, size_t in_off,
                   size_t out_off, const void *expected, void *stream) {
  size_t es = dtype_bytes[t];
  void *dx = dev_alloc((size_t)(n + 16) * es), *dz = dev_alloc((size_t)(n + 16) * es);
  to_dev(at(dx, in_off, es), x, (size_t)n * es);
  dev_fill(dz, 0xA5, (size_t)(n + 16) * es);
  int st = fn(at(dx, in_off, es), at(dz, out_off, es), n, stream);
  if (stream) CU(cuStreamSynchronize(stream));
  CU(cuCtxSynchronize());
  char *z = malloc((size_t)(n + 16) * es);
  to_host(z, dz, (size_t)(n + 16) * es);
  int ok = st == RELU_OK && same_values(t, z + out_off * es, expected, n);
  if (st != RELU_OK)
    printf("  status %s | %s\n", relu_rt_status_string(st), relu_rt_cuda_error_detail());
  for (int64_t i = 0; st == RELU_OK && i < n; ++i)
    if (!same_value(t, z + out_off * es, expected, i)) {
      printf("  n=%lld, input at +%zu, output at +%zu: element %lld is %.9g, expected %.9g (input %.9g)\n",
             (long long)n, in_off, out_off, (long long)i, load(t, z + out_off * es, i),
             load(t, expected, i), load(t, x, i));
      break;
    }
  /* Nothing written before or after the output. */
  for (size_t i = 0; i < out_off * es; ++i) ok &= (unsigned char)z[i] == 0xA5;
  for (size_t i = (out_off + (size_t)n) * es; i < (size_t)(n + 16) * es; ++i)
    ok &= (unsigned char)z[i] == 0xA5;
  free(z);
  dev_free(dx);
  dev_free(dz);
  return ok;
}

static void check_activation(const struct activation *a, enum dtype t) {
  const char *dn = dtype_names[t];
  size_t es = dtype_bytes[t];
  int64_t n = BIG;
  void *x = malloc((size_t)n * es), *y = malloc((size_t)n * es);
  double *xd = malloc((size_t)n * sizeof(double)), *ref = malloc((size_t)n * sizeof(double));
  fill_inputs(t, x, n);
  for (int64_t i = 0; i < n; ++i) xd[i] = load(t, x, i);
  gpu_fn fn = a->fn[t];

  void *dx = dev_alloc((size_t)n * es), *dy = dev_alloc((size_t)n * es);
  to_dev(dx, x, (size_t)n * es);
  int st = fn(dx, dy, n, NULL);
  check(st == RELU_OK, "status of a 1000003-element call", a->name, dn);
  if (st != RELU_OK) printf("  %s | %s\n", relu_rt_status_string(st), relu_rt_cuda_error_detail());
  CU(cuCtxSynchronize());
  to_host(y, dy, (size_t)n * es);
  dev_free(dx);
  dev_free(dy);
  check(a->ref(xd, ref, n) == RELU_OK, "status of the f64 reference", a->name, dn);
  double max_error;
  int64_t worst;
  check(compare(a, t, y, ref, n, &max_error, &worst), "accuracy against the float64 reference",
        a->name, dn);
  ulp_table[a - activations][t] = max_error;

  /* Small sizes agree with the prefix of the large call, and write nothing
   * past their end. */
  static const int64_t sizes[] = {1, 15, 16, 17, 33, 4097};
  for (int s = 0; s < 6; ++s)
    check(same_as(fn, t, x, sizes[s], 0, 0, y, NULL), "size 1/15/16/17/33/4097 (or wrote outside)",
          a->name, dn);
  check(fn(NULL, NULL, 0, NULL) == RELU_OK, "size 0 with NULL pointers", a->name, dn);

  /* Alignment: the same misalignment (a scalar head, then vectors), different
   * misalignments (all scalar), odd sizes. */
  check(same_as(fn, t, x, 100003, 1, 1, y, NULL), "input and output 1 element off", a->name, dn);
  check(same_as(fn, t, x, 100003, 3, 3, y, NULL), "input and output 3 elements off", a->name, dn);
  check(same_as(fn, t, x, 100003, 1, 3, y, NULL), "input 1, output 3 elements off", a->name, dn);
  check(same_as(fn, t, x, 100003, 0, 5, y, NULL), "output 5 elements off", a->name, dn);

  /* A stream of our own. */
  void *stream;
  CU(cuStreamCreate(&stream, 1 /* CU_STREAM_NON_BLOCKING */));
  check(same_as(fn, t, x, n, 0, 0, y, stream), "on a non-default stream", a->name, dn);
  CU(cuStreamDestroy(stream));

  /* In place. */
  void *dz = dev_alloc((size_t)n * es), *z = malloc((size_t)n * es);
  to_dev(dz, x, (size_t)n * es);
  st = fn(dz, dz, n, NULL);
  CU(cuCtxSynchronize());
  to_host(z, dz, (size_t)n * es);
  check(st == RELU_OK && same_values(t, z, y, n), "in place", a->name, dn);
  dev_free(dz);
  free(z);
  free(x); free(y); free(xd); free(ref);
}

/* ---- prelu ---------------------------------------------------------------- */

typedef int (*prelu_gpu)(const void *, const void *, void *, int64_t, int64_t, int64_t, void *);

static void check_prelu(enum dtype t, prelu_gpu fn) {
  const char *dn = dtype_names[t];
  size_t es = dtype_bytes[t];
  const int64_t shapes[][3] = {{3, 7, 33}, {1, 64, 1}, {2, 5, 1000}, {128, 3, 211}, {64, 96, 56}};
  for (int s = 0; s < 5; ++s) {
    int64_t outer = shapes[s][0], channels = shapes[s][1], inner = shapes[s][2];
    int64_t n = outer * channels * inner;
    void *x = malloc((size_t)n * es), *slope = malloc((size_t)channels * es), *y = malloc((size_t)n * es);
    double *xd = malloc((size_t)n * 8), *sd = malloc((size_t)channels * 8), *ref = malloc((size_t)n * 8);
    fill_inputs(t, x, n);
    for (int64_t c = 0; c < channels; ++c) store(t, slope, c, c == 0 ? 0.0 : uniform(-2, 2));
    for (int64_t i = 0; i < n; ++i) xd[i] = load(t, x, i);
    for (int64_t c = 0; c < channels; ++c) sd[c] = load(t, slope, c);
    /* The input one element off: the scalar head path with the slope. */
    void *dx = dev_alloc((size_t)(n + 1) * es), *ds = dev_alloc((size_t)channels * es),
         *dy = dev_alloc((size_t)n * es);
    to_dev(at(dx, 1, es), x, (size_t)n * es);
    to_dev(ds, slope, (size_t)channels * es);
    int st = fn(at(dx, 1, es), ds, dy, outer, channels, inner, NULL);
    CU(cuCtxSynchronize());
    to_host(y, dy, (size_t)n * es);
    check(st == RELU_OK, "prelu status", "prelu", dn);
    check(prelu_f64(xd, sd, ref, outer, channels, inner) == RELU_OK, "prelu reference status", "prelu", dn);
    const struct activation exact = {"prelu", "prelu", EXACT, 0.5, 0, {0}, 0};
    double err;
    int64_t worst;
    check(compare(&exact, t, y, ref, n, &err, &worst), "prelu accuracy (exact)", "prelu", dn);
    dev_free(dx); dev_free(ds); dev_free(dy);
    free(x); free(slope); free(y); free(xd); free(sd); free(ref);
  }
}

/* ---- errors and concurrency ------------------------------------------------ */

static void check_errors(void) {
  float *a = dev_alloc(64 * 4), *b = dev_alloc(64 * 4);
  check(relu_f32(NULL, b, 4, NULL) == RELU_ERR_NULL_POINTER, "NULL input", "errors", "f32");
  check(relu_f32(a, NULL, 4, NULL) == RELU_ERR_NULL_POINTER, "NULL output", "errors", "f32");
  check(relu_f32(a, b, -1, NULL) == RELU_ERR_NEGATIVE_COUNT, "negative count", "errors", "f32");
  check(relu_f32(a, a + 1, 8, NULL) == RELU_ERR_OVERLAP, "partial overlap", "errors", "f32");
  check(prelu_f32(a, a, b, 2, -1, 3, NULL) == RELU_ERR_NEGATIVE_COUNT, "negative channels", "errors", "f32");
  dev_free(a);
  dev_free(b);
}

struct worker_args { const void *x; void *y; int64_t n; int status; void *stream; };
static void *worker(void *p) {
  struct worker_args *w = p;
  for (int rep = 0; rep < 5 && w->status == RELU_OK; ++rep)
    w->status = gelu_f32(w->x, w->y, w->n, w->stream);
  cu.cuStreamSynchronize(w->stream);
  return NULL;
}

static void check_concurrent_callers(void) {
  const int64_t n = 300000;
  float *x = malloc(n * 4), *expected = malloc(n * 4), *got = malloc(n * 4);
  fill_inputs(F32, x, n);
  void *dx = dev_alloc(n * 4), *dy = dev_alloc(n * 4);
  to_dev(dx, x, n * 4);
  gelu_f32(dx, dy, n, NULL);
  CU(cuCtxSynchronize());
  to_host(expected, dy, n * 4);
  pthread_t threads[4];
  struct worker_args args[4];
  for (int i = 0; i < 4; ++i) {
    args[i] = (struct worker_args){dx, dev_alloc(n * 4), n, RELU_OK, NULL};
    CU(cuStreamCreate(&args[i].stream, 1));
    pthread_create(&threads[i], NULL, worker, &args[i]);
  }
  int ok = 1;
  for (int i = 0; i < 4; ++i) {
    pthread_join(threads[i], NULL);
    to_host(got, args[i].y, n * 4);
    ok &= args[i].status == RELU_OK && same_values(F32, got, expected, n);
    dev_free(args[i].y);
    CU(cuStreamDestroy(args[i].stream));
  }
  check(ok, "4 threads on 4 streams agree with a serial call", "concurrency", "f32");
  dev_free(dx); dev_free(dy);
  free(x); free(expected); free(got);
}

int main(void) {
  int status = relu_rt_cuda_init();
  if (status != RELU_OK) {
    printf("skipped: no GPU (%s: %s)\n", relu_rt_status_string(status), relu_rt_cuda_error_detail());
    return 77;
  }
  if (!load_driver()) {
    printf("skipped: no GPU (the driver loaded by relu_rt_cuda cannot be opened again)\n");
    return 77;
  }
  int device;
  void *context;
  char name[256] = "";
  int major = 0, minor = 0;
  CU(cuInit(0));
  CU(cuDeviceGet(&device, 0));
  CU(cuDeviceGetName(name, sizeof(name), device));
  CU(cuDeviceGetAttribute(&major, 75, device));
  CU(cuDeviceGetAttribute(&minor, 76, device));
  CU(cuDevicePrimaryCtxRetain(&context, device));
  CU(cuCtxSetCurrent(context));
  printf("device: %s (sm_%d%d)\n", name, major, minor);

  for (int a = 0; a < num_activations; ++a)
    for (int t = F16; t <= F32; ++t)
      check_activation(&activations[a], (enum dtype)t);
  check_prelu(F32, (prelu_gpu)prelu_f32);
  check_prelu(BF16, (prelu_gpu)prelu_bf16);
  check_prelu(F16, (prelu_gpu)prelu_f16);
  check_errors();
  check_concurrent_callers();

  printf("\nmax error per activation on the GPU (f32: ULPs vs float64; f16/bf16: ULPs from the correctly rounded value)\n");
  printf("| activation | f32 | bf16 | f16 |\n|---|---|---|---|\n");
  for (int a = 0; a < num_activations; ++a)
    printf("| %s | %.2f | %.0f | %.0f |\n", activations[a].spec, ulp_table[a][F32],
           ulp_table[a][BF16], ulp_table[a][F16]);
  printf("largest error for results below 2^-60: %.3g ULPs of 2^-60 (bound %d)\n", tiny_max,
         TINY_BOUND);
  printf("\n%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
