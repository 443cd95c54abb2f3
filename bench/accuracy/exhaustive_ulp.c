/* Exhaustive accuracy check: every f32 bit pattern (or every STRIDE-th with
 * --stride) through each f32 kernel, and every f16/bf16 pattern through the
 * half kernels, against the float64 reference (the same definitions compiled
 * for f64). Prints a markdown table of the maximum error per activation:
 * f32 in ULPs for results >= 2^-60 in magnitude (absolute error in ULPs of
 * 2^-60 below that), f16/bf16 in ULPs from the correctly rounded result.
 * Built and run by bench/accuracy/run.sh [--stride N] [--only SPEC]. */
#define _GNU_SOURCE
#include "kernels.h"

#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*unary_fn)(const void *, void *, int64_t);
struct activation {
  const char *spec;
  unary_fn f16, bf16, f32, f64;
};
#define X(name, spec, kind, f32b, halfb)                                        \
  {spec, (unary_fn)name##_f16, (unary_fn)name##_bf16, (unary_fn)name##_f32,     \
   (unary_fn)name##_f64},
static const struct activation activations[] = {
#include "activations.def"
};
#undef X

static float bits_to_f32(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static uint32_t f32_to_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static float bf16_to_f32(uint16_t b) { return bits_to_f32((uint32_t)b << 16); }
static uint16_t f32_to_bf16(float f) {
  uint32_t u = f32_to_bits(f);
  if ((u & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((u >> 16) | 0x40);
  u += 0x7fffu + ((u >> 16) & 1u);
  return (uint16_t)(u >> 16);
}
static float f16_to_f32(uint16_t h) { _Float16 v; memcpy(&v, &h, 2); return (float)v; }
static uint16_t f32_to_f16(float f) { _Float16 v = (_Float16)f; uint16_t h; memcpy(&h, &v, 2); return h; }
static float round_to_odd(double r) {
  if (isnan(r) || isinf(r)) return (float)r;
  fesetround(FE_TOWARDZERO);
  volatile float f = (float)r;
  fesetround(FE_TONEAREST);
  if ((double)f != r && !isinf(f)) f = bits_to_f32(f32_to_bits(f) | 1u);
  return f;
}
static int32_t ordered16(uint16_t u) { return (u & 0x8000) ? -(int32_t)(u & 0x7fff) : (int32_t)u; }
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
  frexp(r, &e);
  if (e - 1 < -126) e = -125;
  return ldexp(1.0, e - 1 - 23);
}

#define CHUNK (1 << 20)

struct stats { double max_ulp, worst_x, max_tiny; long long nan_mismatch; };

static void account(struct stats *s, double x, double y, double r, double ulp_err,
                    double tiny_unit) {
  if (isnan(r) || isnan(y)) {
    if (isnan(r) != isnan(y)) ++s->nan_mismatch;
    return;
  }
  if (fabs(r) < 0x1p-60) {
    double tiny = fabs(y - r) / tiny_unit;
    if (tiny > s->max_tiny) s->max_tiny = tiny;
    return;
  }
  if (ulp_err > s->max_ulp) { s->max_ulp = ulp_err; s->worst_x = x; }
}

static struct stats check_f32(const struct activation *a, uint64_t stride) {
  static float x[CHUNK], y[CHUNK];
  static double xd[CHUNK], ref[CHUNK];
  struct stats s = {0, 0, 0, 0};
  for (uint64_t base = 0; base < (1ull << 32); base += (uint64_t)CHUNK * stride) {
    int n = 0;
    for (uint64_t b = base; b < (1ull << 32) && n < CHUNK; b += stride, ++n) {
      x[n] = bits_to_f32((uint32_t)b);
      xd[n] = x[n];
    }
    a->f32(x, y, n);
    a->f64(xd, ref, n);
    for (int i = 0; i < n; ++i) {
      double r = ref[i], yy = y[i], err;
      float rf = (float)r;
      if (isinf(rf) || isinf(y[i])) err = inf_distance(yy, rf);
      else err = fabs(yy - r) / ulp_f32(r);
      account(&s, xd[i], yy, r, err, 0x1p-83);
    }
  }
  return s;
}

static struct stats check_half(const struct activation *a, int bf16) {
  static uint16_t x[65536], y[65536];
  static double xd[65536], ref[65536];
  struct stats s = {0, 0, 0, 0};
  for (int i = 0; i < 65536; ++i) {
    x[i] = (uint16_t)i;
    xd[i] = bf16 ? bf16_to_f32(x[i]) : f16_to_f32(x[i]);
  }
  (bf16 ? a->bf16 : a->f16)(x, y, 65536);
  a->f64(xd, ref, 65536);
  for (int i = 0; i < 65536; ++i) {
    double yy = bf16 ? bf16_to_f32(y[i]) : f16_to_f32(y[i]);
    float odd = round_to_odd(ref[i]);
    uint16_t cr = bf16 ? f32_to_bf16(odd) : f32_to_f16(odd);
    double err = abs(ordered16(y[i]) - ordered16(cr));
    if (!bf16) { /* f16 holds no values below 2^-24: judge all in ULPs */
      if (isnan(ref[i]) || isnan(yy)) { if (isnan(ref[i]) != isnan(yy)) ++s.nan_mismatch; continue; }
      if (err > s.max_ulp) { s.max_ulp = err; s.worst_x = xd[i]; }
      continue;
    }
    account(&s, xd[i], yy, ref[i], err, 0x1p-67);
  }
  return s;
}

int main(int argc, char **argv) {
  uint64_t stride = 1;
  const char *only = NULL; /* --only SPEC: one activation */
  for (int a = 1; a + 1 < argc; a += 2) {
    if (strcmp(argv[a], "--stride") == 0) stride = strtoull(argv[a + 1], NULL, 10);
    else if (strcmp(argv[a], "--only") == 0) only = argv[a + 1];
  }
  if (stride < 1) stride = 1;
  printf("| activation | f32 max ULP | f32 worst at x | f32 below 2^-60 (ULPs of 2^-60) | bf16 max ULP | f16 max ULP | NaN mismatches |\n");
  printf("|---|---|---|---|---|---|---|\n");
  int bad = 0;
  for (size_t k = 0; k < sizeof(activations) / sizeof(*activations); ++k) {
    const struct activation *a = &activations[k];
    if (only && strcmp(only, a->spec) != 0) continue;
    struct stats f = check_f32(a, stride), b = check_half(a, 1), h = check_half(a, 0);
    long long nan = f.nan_mismatch + b.nan_mismatch + h.nan_mismatch;
    bad |= nan != 0;
    printf("| %s | %.2f | %.9g | %.2f | %.0f | %.0f | %lld |\n", a->spec, f.max_ulp, f.worst_x,
           f.max_tiny, b.max_ulp, h.max_ulp, nan);
    fflush(stdout);
  }
  printf("\nf32 inputs checked: every %llu-th of 2^32 bit patterns\n", (unsigned long long)stride);
  return bad;
}
