/* Division by a constant: the kernels of division.mlir, whose divisions
 * convert-math-to-polynomials turns into a multiplication and an fma
 * correction, against C's f32 division of the same dividend, bit for bit
 * (NaN: any NaN), for every STRIDE-th f32 bit pattern and the values listed
 * below; the quantize kernels' integers against C's division, rounded half
 * to even, shifted, clamped (NaN: qmin) and converted. --stride 1 checks all 2^32 (bench/accuracy/division.sh).
 * Build with -ffp-contract=off: the reference is one rounded add, one
 * division. */
#include "kernels.h"

#include "check_report.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*kernel_fn)(const float *, float *, int64_t);

/* dividend = min(max(x + shift, lo), hi) (maximumf/minimumf: NaN wins);
 * with a window w > 0 the result is the quotient for -w < x < w, else -1. */
struct division {
  const char *name;
  kernel_fn kernel;
  float shift, lo, hi, divisor, window;
};
static const struct division divisions[] = {
    {"shift3_by6", shift3_by6, 3, -INFINITY, INFINITY, 6},
    {"clamp_by6", clamp_by6, 3, 0, 6, 6},
    {"shift_by_m7", shift_by_m7, -0.5f, -INFINITY, INFINITY, -7},
    {"shift1_by10", shift1_by10, 1, -INFINITY, INFINITY, 10},
    {"clamp_by_0p3", clamp_by_0p3, 1, -4, 4, 0.3f},
    {"window_by6", window_by6, 3, -INFINITY, INFINITY, 6, 3},
};

typedef int (*quantize_fn)(const float *, int8_t *, int64_t);

/* q = clamp(roundeven(max(x, 0 if relu) / scale) + zero_point, qmin, qmax). */
struct quantization {
  const char *name;
  quantize_fn kernel;
  int relu;
  float scale, zero_point, qmin, qmax;
};
static const struct quantization quantizations[] = {
    {"quantize_u8", quantize_u8, 0, 0.05f, 128, 0, 255},
    {"relu_quantize_s8", relu_quantize_s8, 1, 3.7f, -3, -128, 127},
};

static float bits_to_f32(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static uint32_t f32_to_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

static float maximumf(float a, float b) {
  if (isnan(a) || isnan(b)) return NAN;
  if (a == b) return signbit(a) ? b : a;
  return a > b ? a : b;
}
static float minimumf(float a, float b) {
  if (isnan(a) || isnan(b)) return NAN;
  if (a == b) return signbit(a) ? a : b;
  return a < b ? a : b;
}

static const float specials[] = {0.0f, -0.0f, INFINITY, -INFINITY, NAN, FLT_MAX, -FLT_MAX,
                                 FLT_MIN, -FLT_MIN, FLT_TRUE_MIN, -FLT_TRUE_MIN, -3, 3,
                                 0x1.000002p+1f /* 2 + ulp */, -0x1.800002p+1f, -0x1.7ffffep+1f,
                                 -1, 0.5f, 4, -5, 1e30f, -1e-30f,
                                 1.85f /* 3.7f / 2: a tie */, 0.025f, -0.025f, 6.375f};
#define NSPECIALS (sizeof(specials) / sizeof(*specials))

#define CHUNK (1 << 20)

/* Mismatches of the division kernel `kernel` (a struct division) on x[0..n). */
static long long division_mismatches(const void *kernel, const float *x, int64_t n) {
  const struct division *d = kernel;
  static float y[CHUNK];
  if (d->kernel(x, y, n) != 0) return n;
  long long bad = 0;
  for (int64_t i = 0; i < n; ++i) {
    float t = minimumf(maximumf(x[i] + d->shift, d->lo), d->hi);
    float want = d->window > 0 && !(x[i] > -d->window && x[i] < d->window) ? -1 : t / d->divisor;
    int same = isnan(want) ? isnan(y[i]) : f32_to_bits(want) == f32_to_bits(y[i]);
    if (!same && ++bad <= 3)
      printf("  %s(%a) = %a, division: %a\n", d->name, x[i], y[i], want);
  }
  return bad;
}

/* Mismatches of the quantize kernel `kernel` (a struct quantization) on x[0..n). */
static long long quantize_mismatches(const void *kernel, const float *x, int64_t n) {
  const struct quantization *d = kernel;
  static int8_t q[CHUNK];
  if (d->kernel(x, q, n) != 0) return n;
  long long bad = 0;
  for (int64_t i = 0; i < n; ++i) {
    float t = d->relu ? maximumf(x[i], 0) : x[i];
    float r = fminf(fmaxf(rintf(t / d->scale) + d->zero_point, d->qmin), d->qmax);
    int want = (int)r, got = d->qmin < 0 ? q[i] : (uint8_t)q[i];
    if (got != want && ++bad <= 3)
      printf("  %s(%a) = %d, division: %d\n", d->name, x[i], got, want);
  }
  return bad;
}

/* Checks one kernel on the special values and every STRIDE-th f32 pattern. */
static void check_kernel(const char *name, const void *kernel,
                         long long (*mismatches)(const void *, const float *, int64_t),
                         uint64_t stride) {
  static float x[CHUNK];
  long long bad = mismatches(kernel, specials, NSPECIALS), checked = NSPECIALS;
  for (uint64_t base = 0; base < (1ull << 32); base += (uint64_t)CHUNK * stride) {
    int n = 0;
    for (uint64_t b = base; b < (1ull << 32) && n < CHUNK; b += stride) x[n++] = bits_to_f32((uint32_t)b);
    bad += mismatches(kernel, x, n);
    checked += n;
  }
  printf("%s: %lld inputs, %lld differ from the division\n", name, checked, bad);
  check(bad == 0, "differs from the division", name, "f32");
}

int main(int argc, char **argv) {
  uint64_t stride = argc == 3 && strcmp(argv[1], "--stride") == 0 ? strtoull(argv[2], NULL, 10) : 0;
  if (stride < 1) {
    fprintf(stderr, "usage: %s --stride N (N >= 1; 1: all 2^32 f32 inputs)\n", argv[0]);
    return 2;
  }
  for (size_t k = 0; k < sizeof(divisions) / sizeof(*divisions); ++k)
    check_kernel(divisions[k].name, &divisions[k], division_mismatches, stride);
  for (size_t k = 0; k < sizeof(quantizations) / sizeof(*quantizations); ++k)
    check_kernel(quantizations[k].name, &quantizations[k], quantize_mismatches, stride);
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
