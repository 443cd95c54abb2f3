/* bench_cuda: GPU throughput of relu-cc --target=nvptx kernels, without
 * Python: every activation (forward, and backward from the input) x dtype of
 * each kernel library given (bench/gpu/build.sh's out/u<U>/librelu_gpu.so,
 * one per --gpu-unroll), and the device-to-device copy as the roofline.
 *
 *   bench_cuda [--n N] [--trials T] [--reps R] [--csv FILE] lib.so...
 *
 * Times with CUDA events on one stream: R launches between two events, the
 * median of T such trials. GB/s counts bytes read + written (forward 2n
 * elements, backward 3n; copy 2n), as the anchors do. Prints markdown; exits
 * 77 (skipped) without a GPU. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
typedef unsigned long long CUdeviceptr;
static struct {
  CUresult (*cuInit)(unsigned);
  CUresult (*cuDeviceGet)(int *, int);
  CUresult (*cuDeviceGetName)(char *, int, int);
  CUresult (*cuDevicePrimaryCtxRetain)(void **, int);
  CUresult (*cuCtxSetCurrent)(void *);
  CUresult (*cuMemAlloc)(CUdeviceptr *, size_t);
  CUresult (*cuMemcpyHtoD)(CUdeviceptr, const void *, size_t);
  CUresult (*cuMemcpyDtoDAsync)(CUdeviceptr, CUdeviceptr, size_t, void *);
  CUresult (*cuStreamCreate)(void **, unsigned);
  CUresult (*cuStreamSynchronize)(void *);
  CUresult (*cuEventCreate)(void **, unsigned);
  CUresult (*cuEventRecord)(void *, void *);
  CUresult (*cuEventSynchronize)(void *);
  CUresult (*cuEventElapsedTime)(float *, void *, void *);
} cu;

static void die(const char *what, int code) {
  fprintf(stderr, "bench_cuda: %s failed (%d)\n", what, code);
  exit(1);
}
#define CU(call)                                  \
  do {                                            \
    CUresult r_ = cu.call;                        \
    if (r_ != 0) die(#call, r_);                  \
  } while (0)

/* The kernels: name stems from activations.def. */
struct act { const char *name, *spec; };
#define X(name, spec, kind, f32b, halfb) {#name, spec},
static const struct act acts[] = {
#include "activations.def"
};
#undef X
static const char *dtypes[] = {"f32", "bf16", "f16"};
static const size_t dtype_bytes[] = {4, 2, 2};

typedef int (*unary_fn)(const void *, void *, int64_t, void *);
typedef int (*binary_fn)(const void *, const void *, void *, int64_t, void *);
typedef int (*prelu_fn)(const void *, const void *, void *, int64_t, int64_t, int64_t, void *);

static int trials = 7, reps = 10;
static void *stream, *ev0, *ev1;
static void *current_lib; /* the kernel library being measured */

static int cmp_float(const void *a, const void *b) {
  float x = *(const float *)a, y = *(const float *)b;
  return (x > y) - (x < y);
}

/* Median over trials of the mean time per call, in ms; -1 on error. */
enum { FWD, BWD, PRELU, COPY };
static double time_calls(int kind, void *fn, void *a, void *b, void *c, int64_t n, size_t es) {
  float times[64];
  for (int w = 0; w < 3; ++w) { /* warm up (and load the module) */
    int st = 0;
    if (kind == FWD) st = ((unary_fn)fn)(a, c, n, stream);
    else if (kind == BWD) st = ((binary_fn)fn)(a, b, c, n, stream);
    else if (kind == PRELU) st = ((prelu_fn)fn)(a, b, c, n / (256 * 4096), 256, 4096, stream);
    else CU(cuMemcpyDtoDAsync((CUdeviceptr)(uintptr_t)c, (CUdeviceptr)(uintptr_t)a, (size_t)n * es, stream));
    if (st != 0) {
      const char *(*message)(int) = (const char *(*)(int))dlsym(current_lib, "relu_rt_status_string");
      const char *(*detail)(void) = (const char *(*)(void))dlsym(current_lib, "relu_rt_cuda_error_detail");
      fprintf(stderr, "  status %d: %s | %s\n", st, message ? message(st) : "?", detail ? detail() : "");
      return -1;
    }
  }
  for (int t = 0; t < trials; ++t) {
    CU(cuEventRecord(ev0, stream));
    for (int r = 0; r < reps; ++r) {
      if (kind == FWD) ((unary_fn)fn)(a, c, n, stream);
      else if (kind == BWD) ((binary_fn)fn)(a, b, c, n, stream);
      else if (kind == PRELU) ((prelu_fn)fn)(a, b, c, n / (256 * 4096), 256, 4096, stream);
      else cu.cuMemcpyDtoDAsync((CUdeviceptr)(uintptr_t)c, (CUdeviceptr)(uintptr_t)a, (size_t)n * es, stream);
    }
    CU(cuEventRecord(ev1, stream));
    CU(cuEventSynchronize(ev1));
    float ms;
    CU(cuEventElapsedTime(&ms, ev0, ev1));
    times[t] = ms / (float)reps;
  }
  qsort(times, (size_t)trials, sizeof(float), cmp_float);
  return times[trials / 2];
}

/* Host values: normal-ish, in (-8, 8), stored in dtype d. */
static void fill(void *p, int64_t n, int d) {
  uint64_t s = 0x9E3779B97F4A7C15ull;
  for (int64_t i = 0; i < n; ++i) {
    s ^= s >> 12; s ^= s << 25; s ^= s >> 27;
    uint64_t r = s * 2685821657736338717ull;
    float v = ((float)(r >> 40) / (float)(1 << 24) - 0.5f) * 16.0f;
    uint32_t u;
    memcpy(&u, &v, 4);
    if (d == 0) ((float *)p)[i] = v;
    else if (d == 1) ((uint16_t *)p)[i] = (uint16_t)((u + 0x7fff + ((u >> 16) & 1)) >> 16);
    else { _Float16 h = (_Float16)v; memcpy((uint16_t *)p + i, &h, 2); }
  }
}

int main(int argc, char **argv) {
  int64_t n = (int64_t)64 << 20;
  const char *csv_path = NULL;
  int first_lib = 1;
  for (; first_lib < argc && argv[first_lib][0] == '-'; ++first_lib) {
    if (!strcmp(argv[first_lib], "--n") && first_lib + 1 < argc) n = atoll(argv[++first_lib]);
    else if (!strcmp(argv[first_lib], "--trials") && first_lib + 1 < argc) trials = atoi(argv[++first_lib]);
    else if (!strcmp(argv[first_lib], "--reps") && first_lib + 1 < argc) reps = atoi(argv[++first_lib]);
    else if (!strcmp(argv[first_lib], "--csv") && first_lib + 1 < argc) csv_path = argv[++first_lib];
    else { fprintf(stderr, "usage: %s [--n N] [--trials T] [--reps R] [--csv FILE] lib.so...\n", argv[0]); return 2; }
  }
  if (trials < 1 || trials > 64) trials = 7;
  n = n / (256 * 4096) * (256 * 4096); /* whole prelu [outer, 256, 4096] shapes */
  if (n < 256 * 4096) n = 256 * 4096;
  if (first_lib >= argc) { fprintf(stderr, "bench_cuda: no kernel library given\n"); return 2; }

  /* The libraries first: their relu_rt_cuda says whether there is a GPU. */
  int num_libs = argc - first_lib;
  void **libs = calloc((size_t)num_libs, sizeof(void *));
  for (int l = 0; l < num_libs; ++l) {
    libs[l] = dlopen(argv[first_lib + l], RTLD_NOW | RTLD_LOCAL);
    if (!libs[l]) { fprintf(stderr, "bench_cuda: %s\n", dlerror()); return 1; }
  }
  int (*init)(void) = (int (*)(void))dlsym(libs[0], "relu_rt_cuda_init");
  const char *(*detail)(void) = (const char *(*)(void))dlsym(libs[0], "relu_rt_cuda_error_detail");
  int status = init ? init() : -1;
  if (status != 0) {
    printf("skipped: no GPU (%s)\n", detail ? detail() : "relu_rt_cuda_init missing");
    return 77;
  }
  const char *driver_path = getenv("RELU_MLIR_CUDA_LIBRARY");
  void *driver = dlopen(driver_path && *driver_path ? driver_path : "libcuda.so.1", RTLD_NOW);
  if (!driver) { printf("skipped: no GPU (libcuda.so.1: %s)\n", dlerror()); return 77; }
#define LOAD(field, name) *(void **)&cu.field = dlsym(driver, name)
  LOAD(cuInit, "cuInit"); LOAD(cuDeviceGet, "cuDeviceGet"); LOAD(cuDeviceGetName, "cuDeviceGetName");
  LOAD(cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain"); LOAD(cuCtxSetCurrent, "cuCtxSetCurrent");
  LOAD(cuMemAlloc, "cuMemAlloc_v2"); LOAD(cuMemcpyHtoD, "cuMemcpyHtoD_v2");
  LOAD(cuMemcpyDtoDAsync, "cuMemcpyDtoDAsync_v2"); LOAD(cuStreamCreate, "cuStreamCreate");
  LOAD(cuStreamSynchronize, "cuStreamSynchronize"); LOAD(cuEventCreate, "cuEventCreate");
  LOAD(cuEventRecord, "cuEventRecord"); LOAD(cuEventSynchronize, "cuEventSynchronize");
  LOAD(cuEventElapsedTime, "cuEventElapsedTime");
#undef LOAD
  for (void **f = (void **)&cu; f < (void **)(&cu + 1); ++f)
    if (!*f) { printf("skipped: the CUDA driver lacks a function bench_cuda uses\n"); return 77; }
  int device;
  void *ctx;
  char name[256];
  CU(cuInit(0));
  CU(cuDeviceGet(&device, 0));
  CU(cuDeviceGetName(name, sizeof(name), device));
  CU(cuDevicePrimaryCtxRetain(&ctx, device));
  CU(cuCtxSetCurrent(ctx));
  CU(cuStreamCreate(&stream, 1));
  CU(cuEventCreate(&ev0, 0));
  CU(cuEventCreate(&ev1, 0));

  CUdeviceptr x, dy, y;
  CU(cuMemAlloc(&x, (size_t)n * 4));
  CU(cuMemAlloc(&dy, (size_t)n * 4));
  CU(cuMemAlloc(&y, (size_t)n * 4));
  void *host = malloc((size_t)n * 4);
  FILE *csv = csv_path ? fopen(csv_path, "w") : NULL;
  if (csv) fprintf(csv, "library,direction,activation,dtype,n,ms,GBps,pct_of_copy\n");

  printf("device: %s, n = %lld elements, median of %d trials of %d launches\n\n", name,
         (long long)n, trials, reps);
  double copy_gbps[3];
  for (int d = 0; d < 3; ++d) {
    double ms = time_calls(COPY, NULL, (void *)(uintptr_t)x, NULL, (void *)(uintptr_t)y, n, dtype_bytes[d]);
    copy_gbps[d] = 2.0 * (double)n * (double)dtype_bytes[d] / (ms * 1e6);
    printf("device copy %s: %.3f ms, %.0f GB/s\n", dtypes[d], ms, copy_gbps[d]);
    if (csv) fprintf(csv, "copy,copy,copy,%s,%lld,%.5f,%.1f,100.0\n", dtypes[d], (long long)n, ms, copy_gbps[d]);
  }
  printf("\n| library | direction | activation | f32 GB/s (%% of copy) | bf16 | f16 |\n|---|---|---|---|---|---|\n");
  size_t num_acts = sizeof(acts) / sizeof(acts[0]);
  for (int l = 0; l < num_libs; ++l) {
    /* Named after its directory (bench/gpu/out/u<U>/librelu_gpu.so -> u<U>). */
    char lib_name[256];
    snprintf(lib_name, sizeof(lib_name), "%s", argv[first_lib + l]);
    char *slash = strrchr(lib_name, '/');
    if (slash) {
      *slash = '\0';
      slash = strrchr(lib_name, '/');
      if (slash) memmove(lib_name, slash + 1, strlen(slash + 1) + 1);
    }
    current_lib = libs[l];
    for (int dir = 0; dir < 2; ++dir)
      for (size_t a = 0; a <= num_acts; ++a) {
        if (a == num_acts && dir == 1) continue; /* no prelu backward kernel */
        const char *act_name = a < num_acts ? acts[a].name : "prelu";
        const char *spec = a < num_acts ? acts[a].spec : "prelu";
        printf("| %s | %s | %s |", lib_name, dir ? "backward" : "forward", spec);
        for (int d = 0; d < 3; ++d) {
          char symbol[128];
          snprintf(symbol, sizeof(symbol), dir ? "%s_backward_%s" : "%s_%s", act_name, dtypes[d]);
          void *fn = dlsym(libs[l], symbol);
          if (!fn) { printf(" - |"); continue; }
          fill(host, n, d);
          CU(cuMemcpyHtoD(x, host, (size_t)n * dtype_bytes[d]));
          CU(cuMemcpyHtoD(dy, host, (size_t)n * dtype_bytes[d]));
          int kind = a == num_acts ? PRELU : dir ? BWD : FWD;
          double ms = time_calls(kind, fn, (void *)(uintptr_t)(dir ? dy : x),
                                 (void *)(uintptr_t)(dir ? x : dy), (void *)(uintptr_t)y, n,
                                 dtype_bytes[d]);
          if (ms < 0) { printf(" error |"); continue; }
          double bytes = (dir ? 3.0 : 2.0) * (double)n * (double)dtype_bytes[d];
          double gbps = bytes / (ms * 1e6);
          printf(" %.0f (%.1f%%) |", gbps, 100.0 * gbps / copy_gbps[d]);
          if (csv)
            fprintf(csv, "%s,%s,%s,%s,%lld,%.5f,%.1f,%.1f\n", lib_name, dir ? "backward" : "forward",
                    spec, dtypes[d], (long long)n, ms, gbps, 100.0 * gbps / copy_gbps[d]);
        }
        printf("\n");
        fflush(stdout);
      }
  }
  if (csv) fclose(csv);
  return 0;
}
