/* Checks every activation x dtype compiled by relu-cc against the float64
 * reference: the same activations compiled for f64 (their math evaluated
 * with libm). Covers random data, edge values (NaN, +-Inf, -0.0, denormals,
 * huge values, every kink), sizes 0/1/15/16/17/1000003, unaligned pointers,
 * in-place calls, thread counts, concurrent callers and error codes.
 * Prints a ULP table and "N passed, M failed". */
#define _GNU_SOURCE
#include "kernels.h"

#include <fenv.h>
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { EXACT, SMOOTH };
enum dtype { F16, BF16, F32, F64 };
static const char *dtype_names[] = {"f16", "bf16", "f32", "f64"};
static const size_t dtype_bytes[] = {2, 2, 4, 8};

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

static int passed, failed;
static void check(int ok, const char *what, const char *name, const char *dtype) {
  if (ok) {
    ++passed;
  } else {
    ++failed;
    printf("FAIL: %s %s: %s\n", name, dtype, what);
  }
}

/* ---- conversions --------------------------------------------------------- */

static float bits_to_f32(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static uint32_t f32_to_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static float bf16_to_f32(uint16_t b) { return bits_to_f32((uint32_t)b << 16); }
static uint16_t f32_to_bf16(float f) { /* round to nearest even */
  uint32_t u = f32_to_bits(f);
  if ((u & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((u >> 16) | 0x40);
  u += 0x7fffu + ((u >> 16) & 1u);
  return (uint16_t)(u >> 16);
}
static float f16_to_f32(uint16_t h) { _Float16 v; memcpy(&v, &h, 2); return (float)v; }
static uint16_t f32_to_f16(float f) { _Float16 v = (_Float16)f; uint16_t h; memcpy(&h, &v, 2); return h; }

/* double -> float rounded to odd, so that a second rounding to a narrower
 * type is correct rounding of the double. */
static float round_to_odd(double r) {
  if (isnan(r) || isinf(r)) return (float)r;
  int mode = fegetround();
  fesetround(FE_TOWARDZERO);
  volatile float f = (float)r;
  fesetround(mode);
  if ((double)f != r && !isinf(f)) f = bits_to_f32(f32_to_bits(f) | 1u);
  return f;
}

static double load(enum dtype t, const void *p, int64_t i) {
  switch (t) {
  case F16: return f16_to_f32(((const uint16_t *)p)[i]);
  case BF16: return bf16_to_f32(((const uint16_t *)p)[i]);
  case F32: return ((const float *)p)[i];
  default: return ((const double *)p)[i];
  }
}
static void store(enum dtype t, void *p, int64_t i, double v) {
  switch (t) {
  case F16: ((uint16_t *)p)[i] = f32_to_f16(round_to_odd(v)); break;
  case BF16: ((uint16_t *)p)[i] = f32_to_bf16(round_to_odd(v)); break;
  case F32: ((float *)p)[i] = (float)v; break;
  default: ((double *)p)[i] = v; break;
  }
}

/* Position of a 16-bit float on the number line, in ULPs (+-0 coincide). */
static int32_t ordered16(uint16_t u) {
  return (u & 0x8000) ? -(int32_t)(u & 0x7fff) : (int32_t)u;
}
/* ULP distance when one side is infinite: 0 if equal, 1 between +-FLT_MAX
 * and the infinity of the same sign (the overflow boundary), else inf. */
static double inf_distance(double y, double rf) {
  if (y == rf) return 0;
  if ((isinf(y) && fabs(rf) == FLT_MAX && (y > 0) == (rf > 0)) ||
      (isinf(rf) && fabs(y) == FLT_MAX && (y > 0) == (rf > 0)))
    return 1;
  return INFINITY;
}

static double ulp_f32(double r) {
  int e;
  frexp(r, &e); /* r = m * 2^e, 0.5 <= |m| < 1 */
  if (e - 1 < -126) e = -125;
  return ldexp(1.0, e - 1 - 23);
}

/* ---- inputs -------------------------------------------------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t next_random(void) { /* xorshift64* */
  rng_state ^= rng_state >> 12; rng_state ^= rng_state << 25; rng_state ^= rng_state >> 27;
  return rng_state * 2685821657736338717ull;
}
static double uniform(double lo, double hi) {
  return lo + (hi - lo) * (double)(next_random() >> 11) / 9007199254740992.0;
}

/* Edge values: specials, denormals, huge values, and every kink and branch
 * point of the activations with its neighbours. */
static int edge_values(float *out) {
  static const float specials[] = {
      0.0f, -0.0f, INFINITY, -INFINITY, 1e-45f, -1e-45f, 1.17549421e-38f,
      -1.17549421e-38f, FLT_MIN, -FLT_MIN, 1e-30f, -1e-30f, 1e30f, -1e30f,
      FLT_MAX, -FLT_MAX, 1e-7f, -1e-7f, 88.7f, -88.7f, 89.0f, -104.0f, 9.0f, -9.0f};
  static const float kinks[] = {0, 1, -1, 3, -3, 6, 0.5f, 20, -20, 10, 5, -5,
                                0.25f, 2, -2, 4, -4, 7.5f, -7.5f, 15, -15};
  int n = 0;
  out[n++] = NAN;
  out[n++] = -NAN;
  for (size_t i = 0; i < sizeof(specials) / sizeof(*specials); ++i) out[n++] = specials[i];
  for (size_t i = 0; i < sizeof(kinks) / sizeof(*kinks); ++i) {
    float k = kinks[i];
    out[n++] = k;
    out[n++] = nextafterf(k, INFINITY);
    out[n++] = nextafterf(k, -INFINITY);
    out[n++] = k + 1e-3f;
    out[n++] = k - 1e-3f;
  }
  return n;
}

static void fill_inputs(enum dtype t, void *x, int64_t n) {
  float edges[256];
  int num_edges = edge_values(edges);
  for (int64_t i = 0; i < n; ++i) {
    double v;
    if (i < num_edges) {
      v = edges[i];
    } else {
      uint64_t r = next_random() % 4;
      if (r == 0) v = uniform(-12, 12);
      else if (r == 1) v = uniform(-100, 100);
      else if (r == 2) v = uniform(-1, 1) * ldexp(1.0, (int)(next_random() % 60) - 40);
      else v = bits_to_f32((uint32_t)next_random() & 0xff7fffffu); /* finite */
    }
    store(t, x, i, v);
  }
}

/* ---- per-kernel checks ---------------------------------------------------- */

/* Two results of the same kernel agree: the same bits, or both NaN (IEEE 754
 * leaves a NaN result's sign and payload open, and LLVM may order the
 * operands of one operation differently in the vector loop and in its tail:
 * on AVX2 gelu(NaN) is -NaN in one and NaN in the other). */
static int same_results(enum dtype t, const void *p, const void *q, int64_t n) {
  size_t es = dtype_bytes[t];
  for (int64_t i = 0; i < n; ++i)
    if (memcmp((const char *)p + i * es, (const char *)q + i * es, es) != 0 &&
        !(isnan(load(t, p, i)) && isnan(load(t, q, i))))
      return 0;
  return 1;
}

#define BIG 1000003

struct result { double max_error; };

/* Compares out (dtype t) with ref (double). Returns 1 if within bounds. */
/* Results below TINY_LIMIT in magnitude are judged by an absolute bound of
 * TINY_BOUND ULPs of TINY_LIMIT (their own ULPs shrink into subnormals). */
#define TINY_LIMIT 0x1p-60
#define TINY_BOUND 2
/* Largest error seen among tiny results, in ULPs of TINY_LIMIT. */
static double tiny_max;
/* The input of the largest error seen by compare, for the table. */
static const void *current_input;
static double worst_input;

static int compare(const struct activation *a, enum dtype t, const void *out,
                   const double *ref, int64_t n, double *max_error) {
  int ok = 1;
  *max_error = 0;
  for (int64_t i = 0; i < n; ++i) {
    double y = load(t, out, i), r = ref[i];
    if (isnan(r) || isnan(y)) {
      if (!(isnan(r) && isnan(y))) {
        if (ok) printf("  %s %s: element %lld: got %.9g, reference %.9g\n", a->name, dtype_names[t], (long long)i, y, r);
        ok = 0;
      }
      continue;
    }
    double err;
    if (t == F32) {
      float rf = (float)r;
      if (isinf(rf) || isinf(y)) err = inf_distance(y, rf);
      else err = fabs(y - r) / ulp_f32(r);
    } else if (t == F64) {
      err = (y == r || fabs(y - r) <= 1e-15 * fabs(r)) ? 0 : INFINITY;
    } else {
      uint16_t cr, got;
      float odd = round_to_odd(r);
      cr = t == BF16 ? f32_to_bf16(odd) : f32_to_f16(odd);
      got = t == BF16 ? ((const uint16_t *)out)[i] : ((const uint16_t *)out)[i];
      err = abs(ordered16(got) - ordered16(cr));
    }
    if (a->kind == EXACT && y == 0 && r == 0 && signbit(y) != signbit(r)) err = INFINITY;
    double bound = t == F32 ? a->f32_bound : a->half_bound;
    if (fabs(r) < TINY_LIMIT && t != F16 && t != F64) { /* f16 cannot hold these */
      double tiny = fabs(y - r) / (t == F32 ? 0x1p-83 : 0x1p-67);
      if (tiny > tiny_max) tiny_max = tiny;
      if (tiny > TINY_BOUND) {
        if (ok) printf("  %s %s: element %lld: got %.9g, reference %.9g (%g ULPs of 2^-60)\n",
                       a->name, dtype_names[t], (long long)i, y, r, tiny);
        ok = 0;
      }
      continue;
    }
    if (err > bound) {
      if (ok) printf("  %s %s: element %lld: got %.9g, reference %.9g (%g ulp)\n",
                     a->name, dtype_names[t], (long long)i, y, r, err);
      ok = 0;
    }
    if (err > *max_error) {
      *max_error = err;
      worst_input = load(t, current_input, i);
    }
  }
  return ok;
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
  current_input = x;
  int ok = compare(a, t, y, ref, n, &max_error);
  if (t != F64) {
    ulp_table[a - activations][t] = max_error;
    worst_table[a - activations][t] = worst_input;
  }
  check(ok, "accuracy against the float64 reference", a->name, dn);

  /* Small sizes agree with the prefix of the large call. */
  static const int64_t sizes[] = {1, 15, 16, 17};
  for (int s = 0; s < 4; ++s) {
    memset(z, 0xA5, (sizes[s] + 2) * es);
    int st = a->fn[t](x, z, sizes[s]);
    char guard[16];
    memset(guard, 0xA5, es);
    check(st == RELU_OK && same_results(t, z, y, sizes[s]) &&
              memcmp((char *)z + sizes[s] * es, guard, es) == 0,
          "size 1/15/16/17 result (or wrote past the end)", a->name, dn);
  }
  check(a->fn[t](NULL, NULL, 0) == RELU_OK, "size 0 with NULL pointers", a->name, dn);

  /* In place. */
  memcpy(z, x, n * es);
  check(a->fn[t](z, z, n) == RELU_OK && same_results(t, z, y, n),
        "in-place result equals out-of-place", a->name, dn);

  /* One thread and two threads give identical bits. */
  relu_rt_set_num_threads(1);
  check(a->fn[t](x, z, n) == RELU_OK && same_results(t, z, y, n),
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
    check(compare(&exact, t, y, ref, n, &err), "prelu accuracy (exact)", "prelu", dn);
    /* In place, single-threaded. */
    void *z = malloc(n * es);
    memcpy(z, x, n * es);
    relu_rt_set_num_threads(1);
    check(fn(z, slope, z, outer, channels, inner) == RELU_OK && same_results(t, z, y, n),
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
