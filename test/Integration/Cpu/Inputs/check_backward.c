/* Checks the backward kernels relu-cc --grad builds for every activation x
 * dtype (activations.def):
 *   (a) f32/bf16/f16 `<name>_backward_<dtype>(dy, x, dx, n)` against the f64
 *       backward kernel, in eps * max(|dx|, |dy|) (a derivative that
 *       cancels, e.g. tanh' = 1 - t^2 for large |x|, is accurate relative to
 *       dy, not to itself; docs/gradients.md);
 *   (b) the f64 backward kernel against central finite differences of the
 *       f64 forward kernel, away from kinks;
 *   (c) `<name>_backward_from_output_<dtype>(dy, y, dx, n)`, where it exists
 *       (a weak symbol: relu-cc decides which activations have one), with y
 *       from the forward kernel of the same dtype, against the f64 input
 *       variant (same metric), and in f64 against the f64 input variant;
 *   (d) sizes 0/1/17, unaligned pointers, in place (dx == dy), NULL.
 * Prints an error table and "N passed, M failed". */
#define _GNU_SOURCE
#include "kernels.h"

#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_report.h"
#include "dtype_io.h"

typedef int (*unary_fn)(const void *, void *, int64_t);
typedef int (*binary_fn)(const void *, const void *, void *, int64_t);

/* Output variants exist only for some activations: declared weak, so that a
 * missing one is NULL. */
#define X(name, spec, kind, f32b, halfb)                                              \
  extern __typeof__(name##_backward_f16) name##_backward_from_output_f16 __attribute__((weak)); \
  extern __typeof__(name##_backward_bf16) name##_backward_from_output_bf16 __attribute__((weak)); \
  extern __typeof__(name##_backward_f32) name##_backward_from_output_f32 __attribute__((weak)); \
  extern __typeof__(name##_backward_f64) name##_backward_from_output_f64 __attribute__((weak));
#include "activations.def"
#undef X

struct activation {
  const char *name, *spec;
  unary_fn forward[4];
  binary_fn backward[4], from_output[4];
};

#define X(name, spec, kind, f32b, halfb)                                              \
  {#name, spec,                                                                       \
   {(unary_fn)name##_f16, (unary_fn)name##_bf16, (unary_fn)name##_f32, (unary_fn)name##_f64}, \
   {(binary_fn)name##_backward_f16, (binary_fn)name##_backward_bf16,                  \
    (binary_fn)name##_backward_f32, (binary_fn)name##_backward_f64},                  \
   {(binary_fn)name##_backward_from_output_f16, (binary_fn)name##_backward_from_output_bf16, \
    (binary_fn)name##_backward_from_output_f32, (binary_fn)name##_backward_from_output_f64}},
static const struct activation activations[] = {
#include "activations.def"
};
#undef X
#define NUM_ACTIVATIONS ((int)(sizeof(activations) / sizeof(activations[0])))

/* Bounds, in units of eps * max(|dx|, |dy|) of the dtype (measured maxima
 * on AVX-512 in the comments). f32: <= 2.6 (tanh: 1 - t^2 cancels for
 * large |x|, as in PyTorch and JAX), except mish (38.7, i.e. 4.6e-6
 * absolute near x = 20, where the slope's x-weighted term carries the
 * rounding of q / (q + 1/2), docs/gradients.md).
 * f16/bf16 are computed in f32 and rounded once (<= 0.5). */
#define F32_BOUND 4.0
#define F32_BOUND_MISH 48.0
#define HALF_BOUND 1.0
/* The output variant adds the error of y rounded to the dtype: f32 <= 2.6,
 * halves <= 0.75, f64 <= 2.5 (selu). */
#define F32_OUTPUT_BOUND 4.0
#define HALF_OUTPUT_BOUND 1.5
#define F64_OUTPUT_BOUND 8.0
/* Finite differences: |dx - fd| / max(1, |dx|) (measured <= 2e-10). */
#define FD_TOLERANCE 1e-8

/* ---- inputs -------------------------------------------------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t next_random(void) { /* xorshift64* */
  rng_state ^= rng_state >> 12; rng_state ^= rng_state << 25; rng_state ^= rng_state >> 27;
  return rng_state * 2685821657736338717ull;
}
static double uniform(double lo, double hi) {
  return lo + (hi - lo) * (double)(next_random() >> 11) / 9007199254740992.0;
}

/* Kinks and branch points of the activations in activations.def. */
static const double kinks[] = {0, 1, -1, 3, -3, 6, 0.5, 5, 10, 20, -20};
#define NUM_KINKS ((int)(sizeof(kinks) / sizeof(kinks[0])))

/* x: every kink with its neighbours, specials, then random values; dy:
 * random in [-2, 2], some exactly +-1, and a few specials. */
static void fill_inputs(enum dtype t, void *x, void *dy, int64_t n) {
  static const double specials[] = {NAN, -NAN, INFINITY, -INFINITY, 1e-30, -1e-30, 1e-7, -1e-7, 88.7, -88.7, 30, -30};
  int64_t i = 0;
  for (int k = 0; k < NUM_KINKS && i + 5 <= n; ++k) {
    double v = kinks[k];
    double near[] = {v, nextafterf((float)v, INFINITY), nextafterf((float)v, -INFINITY), v + 1e-3, v - 1e-3};
    for (int j = 0; j < 5; ++j, ++i) store(t, x, i, near[j]);
  }
  for (size_t k = 0; k < sizeof(specials) / sizeof(*specials) && i < n; ++k, ++i) store(t, x, i, specials[k]);
  for (; i < n; ++i) {
    uint64_t r = next_random() % 3;
    double v = r == 0 ? uniform(-12, 12) : r == 1 ? uniform(-40, 40)
                                                  : uniform(-1, 1) * ldexp(1.0, (int)(next_random() % 30) - 25);
    store(t, x, i, v);
  }
  for (i = 0; i < n; ++i) store(t, dy, i, i % 7 == 0 ? (i % 2 ? 1.0 : -1.0) : uniform(-2, 2));
}

/* ---- comparisons ---------------------------------------------------------- */

/* Largest error of out (dtype t) against ref, in units of
 * eps * max(|ref|, |dy|) (eps: 2^-23 for f32, 2^-10 f16, 2^-7 bf16); a
 * NaN on one side only, or an infinity against a finite value, is infinite. */
static double max_error(enum dtype t, const void *out, const double *ref, const double *dy,
                        int64_t n, double *worst_x, const double *x) {
  double worst = 0;
  for (int64_t i = 0; i < n; ++i) {
    double got = load(t, out, i), r = ref[i], err;
    if (isnan(r) || isnan(got)) err = isnan(r) && isnan(got) ? 0 : INFINITY;
    else if (isinf(r) || isinf(got)) err = got == r ? 0 : INFINITY;
    else {
      double scale = fmax(fabs(r), fabs(dy[i]));
      if (t == F16 && scale < 0x1p-14) scale = 0x1p-14; /* f16 subnormals */
      err = fabs(got - r) / (scale * eps_of(t));
      if (scale == 0) err = got == 0 ? 0 : INFINITY;
    }
    if (err > worst) {
      worst = err;
      if (worst_x) *worst_x = x[i];
    }
  }
  return worst;
}

/* ---- per-kernel checks ---------------------------------------------------- */

#define N 100003

static double table[64][4], out_table[64][4], worst_x[64], fd_table[64];
static int has_output[64];

static void check_dtype(int ai, enum dtype t) {
  const struct activation *a = &activations[ai];
  const char *dn = dtype_names[t];
  size_t es = dtype_bytes[t];
  int64_t n = N;
  /* Unaligned: buffers start 1, 3 and 5 elements into malloc'd storage. */
  char *xbuf = malloc((n + 8) * es), *dybuf = malloc((n + 8) * es), *dxbuf = malloc((n + 8) * es),
       *zbuf = malloc((n + 8) * es);
  void *x = xbuf + es, *dy = dybuf + 3 * es, *dx = dxbuf + 5 * es, *z = zbuf + 7 * es;
  double *xd = malloc(n * 8), *dyd = malloc(n * 8), *ref = malloc(n * 8);
  fill_inputs(t, x, dy, n);
  for (int64_t i = 0; i < n; ++i) {
    xd[i] = load(t, x, i);
    dyd[i] = load(t, dy, i);
  }
  check(a->backward[t](dy, x, dx, n) == RELU_OK, "status of a 100003-element call", a->name, dn);
  check(a->backward[F64](dyd, xd, ref, n) == RELU_OK, "status of the f64 reference", a->name, dn);

  /* (a) against the f64 kernel. */
  double worst = 0;
  if (t != F64) {
    worst = max_error(t, dx, ref, dyd, n, &worst_x[ai], xd);
    table[ai][t] = worst;
    double bound = t == F32 ? (strcmp(a->name, "mish") == 0 ? F32_BOUND_MISH : F32_BOUND) : HALF_BOUND;
    if (!(worst <= bound)) printf("  %s %s: %g eps (bound %g)\n", a->name, dn, worst, bound);
    check(worst <= bound, "accuracy against the f64 backward", a->name, dn);
  }

  /* (c) the output variant, with y from the forward kernel of this dtype. */
  if (a->from_output[t]) {
    has_output[ai] = 1;
    check(a->forward[t](x, z, n) == RELU_OK, "forward status", a->name, dn);
    check(a->from_output[t](dy, z, z, n) == RELU_OK, "output-variant status (dx == y)", a->name, dn);
    double err = max_error(t, z, ref, dyd, n, NULL, xd);
    double bound = t == F64 ? F64_OUTPUT_BOUND : t == F32 ? F32_OUTPUT_BOUND : HALF_OUTPUT_BOUND;
    out_table[ai][t] = err;
    if (!(err <= bound)) printf("  %s %s output variant: %g eps (bound %g)\n", a->name, dn, err, bound);
    check(err <= bound, "output variant against the f64 input variant", a->name, dn);
  }

  /* (d) sizes 1 and 17 agree with the prefix of the large call; size 0. */
  static const int64_t sizes[] = {1, 17};
  for (int s = 0; s < 2; ++s) {
    memset(z, 0xA5, (sizes[s] + 2) * es);
    int st = a->backward[t](dy, x, z, sizes[s]);
    char guard[16];
    memset(guard, 0xA5, es);
    check(st == RELU_OK && memcmp(z, dx, sizes[s] * es) == 0 &&
              memcmp((char *)z + sizes[s] * es, guard, es) == 0,
          "size 1/17 result (or wrote past the end)", a->name, dn);
  }
  check(a->backward[t](NULL, NULL, NULL, 0) == RELU_OK, "size 0 with NULL pointers", a->name, dn);
  /* In place: dx == dy. */
  memcpy(z, dy, n * es);
  check(a->backward[t](z, x, z, n) == RELU_OK && memcmp(z, dx, n * es) == 0,
        "in place (dx == dy) equals out of place", a->name, dn);
  /* NULL pointers with n > 0. */
  check(a->backward[t](NULL, x, dx, 4) == RELU_ERR_NULL_POINTER &&
            a->backward[t](dy, NULL, dx, 4) == RELU_ERR_NULL_POINTER &&
            a->backward[t](dy, x, NULL, 4) == RELU_ERR_NULL_POINTER &&
            a->backward[t](dy, x, dx, -1) == RELU_ERR_NEGATIVE_COUNT,
        "error codes (NULL, negative count)", a->name, dn);

  free(xbuf); free(dybuf); free(dxbuf); free(zbuf); free(xd); free(dyd); free(ref);
}

/* (b) f64 backward (dy = 1) against central differences of the f64 forward. */
#define FD_N 20000
static void check_finite_differences(int ai) {
  const struct activation *a = &activations[ai];
  double *x = malloc(FD_N * 8), *xp = malloc(FD_N * 8), *xm = malloc(FD_N * 8), *fp = malloc(FD_N * 8),
         *fm = malloc(FD_N * 8), *ones = malloc(FD_N * 8), *dx = malloc(FD_N * 8);
  int64_t n = 0;
  while (n < FD_N) {
    double v = n % 2 ? uniform(-8, 8) : uniform(-30, 30);
    int near_kink = 0;
    for (int k = 0; k < NUM_KINKS; ++k) near_kink |= fabs(v - kinks[k]) <= 1e-3;
    if (near_kink) continue;
    double h = 1e-6 * fmax(1, fabs(v));
    x[n] = v; xp[n] = v + h; xm[n] = v - h; ones[n] = 1;
    ++n;
  }
  int ok = a->forward[F64](xp, fp, n) == RELU_OK && a->forward[F64](xm, fm, n) == RELU_OK &&
           a->backward[F64](ones, x, dx, n) == RELU_OK;
  double worst = 0;
  for (int64_t i = 0; i < n; ++i) {
    double fd = (fp[i] - fm[i]) / (xp[i] - xm[i]);
    double err = fabs(dx[i] - fd) / fmax(1, fabs(dx[i]));
    if (!(err <= worst)) worst = err;
  }
  fd_table[ai] = worst;
  if (!(worst <= FD_TOLERANCE)) printf("  %s: finite differences: %g (tolerance %g)\n", a->name, worst, FD_TOLERANCE);
  check(ok && worst <= FD_TOLERANCE, "f64 backward against finite differences of the forward", a->name, "f64");
  free(x); free(xp); free(xm); free(fp); free(fm); free(ones); free(dx);
}

int main(void) {
  relu_rt_set_num_threads(2);
  for (int a = 0; a < NUM_ACTIVATIONS; ++a) {
    for (int t = F16; t <= F64; ++t)
      check_dtype(a, (enum dtype)t);
    check_finite_differences(a);
  }
  printf("\nbackward max error (eps * max(|dx|, |dy|) vs the f64 backward; fd: f64 vs finite differences, relative)\n");
  printf("| activation | f32 | bf16 | f16 | f32 worst at x | fd | output variant f32 | bf16 | f16 | f64 |\n"
         "|---|---|---|---|---|---|---|---|---|---|\n");
  for (int a = 0; a < NUM_ACTIVATIONS; ++a) {
    printf("| %s | %.2f | %.2f | %.2f | %.6g | %.2g |", activations[a].spec, table[a][F32], table[a][BF16],
           table[a][F16], worst_x[a], fd_table[a]);
    if (has_output[a])
      printf(" %.2f | %.2f | %.2f | %.2f |\n", out_table[a][F32], out_table[a][BF16], out_table[a][F16],
             out_table[a][F64]);
    else
      printf(" - | - | - | - |\n");
  }
  printf("\n%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
