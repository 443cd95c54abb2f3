/* Checks every activation x dtype compiled by relu-cc against the float64
 * reference: the same activations compiled for f64 (their math evaluated
 * with libm). Covers random data, edge values (NaN, +-Inf, -0.0, denormals,
 * huge values, every kink), sizes 0/1/15/16/17/1000003, unaligned pointers,
 * in-place calls, thread counts, concurrent callers and error codes.
 * Prints a ULP table and "N passed, M failed". */
#define _GNU_SOURCE
#include "kernels.h"

#include "check_report.h"
#include "dtype_io.h"
#include "test_inputs.h"
#include "reference_check.h"
#include "ulp.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#endif


typedef int (*unary_fn)(const void *, void *, int64_t);

struct activation {
  const char *name, *spec;
  enum kind kind;
  double f32_bound, half_bound;
  unary_fn fn[4];
};

#define X(name, spec, kind, f32b, halfb)                                        \
  {#name, spec, kind, f32b, halfb,                                             \
   {(unary_fn)name##_f16, (unary_fn)name##_bf16, (unary_fn)name##_f32,         \
    (unary_fn)name##_f64}},
static const struct activation activations[] = {
#include "activations.def"
};
#undef X
static const int num_activations = sizeof(activations) / sizeof(activations[0]);

/* ---- per-kernel checks ---------------------------------------------------- */

#define BIG 1000003

/* a's result of dtype t against the float64 reference (reference_check.h). */
static int compare(const struct activation *a, enum dtype t, const void *out,
                   const double *ref, int64_t n, double *max_error, int64_t *worst) {
  return compare_with_reference(a->name, a->kind, t == F32 ? a->f32_bound : a->half_bound, t,
                                out, ref, n, max_error, worst);
}

static double ulp_table[64][3], worst_table[64][3];

static void check_activation(const struct activation *a, enum dtype t) {
  const char *dn = dtype_names[t];
  size_t es = dtype_bytes[t];
  int64_t n = BIG;
  /* Unaligned: inputs start 1 element and outputs 3 elements into malloc'd
   * storage. */
  char *xbuf = malloc((n + 8) * es), *ybuf = malloc((n + 8) * es), *zbuf = malloc((n + 8) * es);
  void *x = xbuf + es, *y = ybuf + 3 * es, *z = zbuf + 5 * es;
  double *xd = malloc(n * sizeof(double)), *ref = malloc(n * sizeof(double));
  fill_inputs(t, x, n);
  for (int64_t i = 0; i < n; ++i) xd[i] = load(t, x, i);

  check(a->fn[t](x, y, n) == RELU_OK, "status of a 1000003-element call", a->name, dn);
  check(a->fn[F64](xd, ref, n) == RELU_OK, "status of the f64 reference", a->name, dn);
  double max_error;
  int64_t worst;
  int ok = compare(a, t, y, ref, n, &max_error, &worst);
  if (t != F64) {
    ulp_table[a - activations][t] = max_error;
    worst_table[a - activations][t] = load(t, x, worst);
  }
  check(ok, "accuracy against the float64 reference", a->name, dn);

  /* Small sizes agree with the prefix of the large call. */
  static const int64_t sizes[] = {1, 15, 16, 17};
  for (int s = 0; s < 4; ++s) {
    memset(z, 0xA5, (sizes[s] + 2) * es);
    int st = a->fn[t](x, z, sizes[s]);
    char guard[16];
    memset(guard, 0xA5, es);
    check(st == RELU_OK && same_values(t, z, y, sizes[s]) &&
              memcmp((char *)z + sizes[s] * es, guard, es) == 0,
          "size 1/15/16/17 result (or wrote past the end)", a->name, dn);
  }
  check(a->fn[t](NULL, NULL, 0) == RELU_OK, "size 0 with NULL pointers", a->name, dn);

  /* In place. */
  memcpy(z, x, n * es);
  check(a->fn[t](z, z, n) == RELU_OK && same_values(t, z, y, n),
        "in-place result equals out-of-place", a->name, dn);

  /* One thread and two threads give identical bits. */
  relu_rt_set_num_threads(1);
  check(a->fn[t](x, z, n) == RELU_OK && same_values(t, z, y, n),
        "single-threaded result equals multi-threaded", a->name, dn);
  relu_rt_set_num_threads(2);

  free(xbuf); free(ybuf); free(zbuf); free(xd); free(ref);
}

/* ---- prelu (channel kernels) ---------------------------------------------- */

typedef int (*prelu_fn)(const void *, const void *, void *, int64_t, int64_t, int64_t);

static void check_prelu(enum dtype t, prelu_fn fn, prelu_fn ref_fn) {
  const char *dn = dtype_names[t];
  size_t es = dtype_bytes[t];
  const int64_t shapes[][3] = {{3, 7, 33}, {1, 64, 1}, {2, 5, 1000}, {128, 3, 211}};
  for (int s = 0; s < 4; ++s) {
    int64_t outer = shapes[s][0], channels = shapes[s][1], inner = shapes[s][2];
    int64_t n = outer * channels * inner;
    char *xbuf = malloc((n + 2) * es), *sbuf = malloc((channels + 2) * es), *ybuf = malloc((n + 2) * es);
    void *x = xbuf + es, *slope = sbuf + es, *y = ybuf + es;
    double *xd = malloc(n * 8), *sd = malloc(channels * 8), *ref = malloc(n * 8);
    fill_inputs(t, x, n);
    for (int64_t c = 0; c < channels; ++c) store(t, slope, c, c == 0 ? 0.0 : uniform(-2, 2));
    for (int64_t i = 0; i < n; ++i) xd[i] = load(t, x, i);
    for (int64_t c = 0; c < channels; ++c) sd[c] = load(t, slope, c);
    check(fn(x, slope, y, outer, channels, inner) == RELU_OK, "prelu status", "prelu", dn);
    check(ref_fn(xd, sd, ref, outer, channels, inner) == RELU_OK, "prelu reference status", "prelu", dn);
    /* One rounding of x * slope: correctly rounded. */
    const struct activation exact = {"prelu", "prelu", EXACT, 0.5, 0, {0}};
    double err;
    int64_t worst;
    check(compare(&exact, t, y, ref, n, &err, &worst), "prelu accuracy (exact)", "prelu", dn);
    /* In place, single-threaded. */
    void *z = malloc(n * es);
    memcpy(z, x, n * es);
    relu_rt_set_num_threads(1);
    check(fn(z, slope, z, outer, channels, inner) == RELU_OK && same_values(t, z, y, n),
          "prelu in place, one thread", "prelu", dn);
    relu_rt_set_num_threads(2);
    free(z); free(xbuf); free(sbuf); free(ybuf); free(xd); free(sd); free(ref);
  }
}

/* ---- argument errors and concurrency -------------------------------------- */

static void check_errors(void) {
  float a[64] = {0}, b[64];
  check(relu_f32(NULL, b, 4) == RELU_ERR_NULL_POINTER, "NULL input", "errors", "f32");
  check(relu_f32(a, NULL, 4) == RELU_ERR_NULL_POINTER, "NULL output", "errors", "f32");
  check(relu_f32(a, b, -1) == RELU_ERR_NEGATIVE_COUNT, "negative count", "errors", "f32");
  check(relu_f32(a, a + 1, 8) == RELU_ERR_OVERLAP, "partial overlap", "errors", "f32");
  check(prelu_f32(a, a, b, 2, -1, 3) == RELU_ERR_NEGATIVE_COUNT, "negative channels", "errors", "f32");
  check(relu_rt_set_num_threads(0) == RELU_ERR_INVALID_ARGUMENT, "zero threads rejected", "errors", "rt");
  check(strlen(relu_rt_status_string(RELU_ERR_OVERLAP)) > 0 &&
            strcmp(relu_rt_status_string(12345), "unknown relu-mlir status") == 0,
        "status strings", "errors", "rt");
}

struct worker_args { const float *x; float *y; int64_t n; int status; };
static void *worker(void *p) {
  struct worker_args *w = p;
  for (int rep = 0; rep < 5 && w->status == RELU_OK; ++rep) w->status = gelu_f32(w->x, w->y, w->n);
  return NULL;
}

static void check_concurrent_callers(void) {
  const int64_t n = 300000;
  float *x = malloc(n * 4), *expected = malloc(n * 4);
  fill_inputs(F32, x, n);
  gelu_f32(x, expected, n);
  pthread_t threads[4];
  struct worker_args args[4];
  for (int i = 0; i < 4; ++i) {
    args[i] = (struct worker_args){x, malloc(n * 4), n, RELU_OK};
    pthread_create(&threads[i], NULL, worker, &args[i]);
  }
  int ok = 1;
  for (int i = 0; i < 4; ++i) {
    pthread_join(threads[i], NULL);
    ok &= args[i].status == RELU_OK && memcmp(args[i].y, expected, n * 4) == 0;
    free(args[i].y);
  }
  check(ok, "4 threads calling gelu at once agree with a serial call", "concurrency", "f32");
  free(x); free(expected);
}

/* The caller's floating-point environment holds on every thread: with
 * denormals flushed to zero (MXCSR FTZ and DAZ) a two-thread call maps
 * subnormal inputs to gelu(0) = 0 everywhere, as a one-thread call does. */
static void check_caller_fpenv(void) {
#if defined(__x86_64__) || defined(__i386__)
  const int64_t n = 300000;
  float *x = malloc(n * 4), *y = malloc(n * 4);
  for (int64_t i = 0; i < n; ++i) x[i] = (i % 2 ? 1 : -1) * 0x1p-140f * (float)(1 + i % 1000);
  unsigned saved = _mm_getcsr();
  _mm_setcsr(saved | 0x8040); /* FTZ | DAZ */
  int ok = gelu_f32(x, y, n) == RELU_OK;
  _mm_setcsr(saved);
  for (int64_t i = 0; i < n; ++i) ok &= y[i] == 0;
  check(ok, "two threads take the caller's FTZ/DAZ", "fpenv", "f32");
  /* And without them, the subnormal results (gelu(x) ~ x / 2). */
  ok = gelu_f32(x, y, n) == RELU_OK;
  for (int64_t i = 0; i < n; ++i) ok &= y[i] != 0;
  check(ok, "subnormal results without FTZ/DAZ", "fpenv", "f32");
  free(x); free(y);
#endif
}

/* Usage: check [DTYPE...]: only those element types (default: all four). */
int main(int argc, char **argv) {
  int wanted[4] = {argc == 1, argc == 1, argc == 1, argc == 1};
  for (int i = 1; i < argc; ++i)
    for (int t = F16; t <= F64; ++t)
      wanted[t] |= strcmp(argv[i], dtype_names[t]) == 0;
  relu_rt_set_num_threads(2);
  for (int a = 0; a < num_activations; ++a)
    for (int t = F16; t <= F64; ++t)
      if (wanted[t])
        check_activation(&activations[a], (enum dtype)t);
  if (wanted[F32]) check_prelu(F32, (prelu_fn)prelu_f32, (prelu_fn)prelu_f64);
  if (wanted[BF16]) check_prelu(BF16, (prelu_fn)prelu_bf16, (prelu_fn)prelu_f64);
  if (wanted[F16]) check_prelu(F16, (prelu_fn)prelu_f16, (prelu_fn)prelu_f64);
  check_errors();
  check_concurrent_callers();
  if (wanted[F32]) check_caller_fpenv();

  printf("\nmax error per activation (f32: ULPs vs float64; f16/bf16: ULPs from the correctly rounded value)\n");
  printf("| activation | f32 | bf16 | f16 | f32 worst at x = |\n|---|---|---|---|---|\n");
  for (int a = 0; a < num_activations; ++a)
    printf("| %s | %.2f | %.0f | %.0f | %.9g |\n", activations[a].spec, ulp_table[a][F32],
           ulp_table[a][BF16], ulp_table[a][F16], worst_table[a][F32]);
  printf("largest error for results below 2^-60: %.3g ULPs of 2^-60 (bound %d)\n", tiny_max,
         TINY_BOUND);
  printf("\n%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
