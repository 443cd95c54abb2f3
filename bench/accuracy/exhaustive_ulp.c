/* Exhaustive accuracy check: every f32 bit pattern (or every STRIDE-th with
 * --stride) through each f32 kernel, and every f16/bf16 pattern through the
 * half kernels, against the float64 reference (the same definitions compiled
 * for f64). Prints a markdown table of the maximum error per activation:
 * f32 in ULPs for results >= 2^-60 in magnitude (absolute error in ULPs of
 * 2^-60 below that), f16/bf16 in ULPs from the correctly rounded result; for
 * bf16 also over all results, where a correctly rounded subnormal result the
 * kernel flushed to zero (vcvtneps2bf16, docs/semantics.md) is counted apart. 
 * Built and run by bench/accuracy/run.sh [--stride N] [--only SPEC]. */
#define _GNU_SOURCE
#include "kernels.h"

/* test/Integration/Cpu/Inputs: conversions and error measures shared with
 * the C check applications. */
#include "dtype_io.h"
#include "ulp.h"

#include <stdio.h>
#include <stdlib.h>

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

#define CHUNK (1 << 20)

struct stats {
  double max_ulp, worst_x, max_tiny;
  long long nan_mismatch;
  double max_all; /* bf16: over all results except flushed subnormals */
  long long flushed; /* bf16: subnormal results flushed to zero */
};

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
  struct stats s = {0};
  for (uint64_t base = 0; base < (1ull << 32); base += (uint64_t)CHUNK * stride) {
    int n = 0;
    for (uint64_t b = base; b < (1ull << 32) && n < CHUNK; b += stride, ++n) {
      x[n] = bits_to_f32((uint32_t)b);
      xd[n] = x[n];
    }
    a->f32(x, y, n);
    a->f64(xd, ref, n);
    for (int i = 0; i < n; ++i)
      if (!isnan(ref[i]) && !isnan(y[i]))
        account(&s, xd[i], y[i], ref[i], ulp_error(F32, y, i, ref[i]), 0x1p-83);
      else
        account(&s, xd[i], y[i], ref[i], 0, 0x1p-83);
  }
  return s;
}

static struct stats check_half(const struct activation *a, int bf16) {
  static uint16_t x[65536], y[65536];
  static double xd[65536], ref[65536];
  struct stats s = {0};
  for (int i = 0; i < 65536; ++i) {
    x[i] = (uint16_t)i;
    xd[i] = bf16 ? bf16_to_f32(x[i]) : f16_to_f32(x[i]);
  }
  (bf16 ? a->bf16 : a->f16)(x, y, 65536);
  a->f64(xd, ref, 65536);
  for (int i = 0; i < 65536; ++i) {
    double yy = bf16 ? bf16_to_f32(y[i]) : f16_to_f32(y[i]);
    double err = isnan(ref[i]) || isnan(yy) ? 0 : ulp_error(bf16 ? BF16 : F16, y, i, ref[i]);
    if (!bf16) { /* f16 holds no values below 2^-24: judge all in ULPs */
      if (isnan(ref[i]) || isnan(yy)) { if (isnan(ref[i]) != isnan(yy)) ++s.nan_mismatch; continue; }
      if (err > s.max_ulp) { s.max_ulp = err; s.worst_x = xd[i]; }
      continue;
    }
    account(&s, xd[i], yy, ref[i], err, 0x1p-67);
    if (isnan(ref[i]) || isnan(yy)) continue;
    if (yy == 0 && fabs(ref[i]) < 0x1p-126 && f32_to_bf16(round_to_odd(ref[i])) & 0x7fff) {
      ++s.flushed;
      continue;
    }
    if (err > s.max_all) s.max_all = err;
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
  printf("| activation | f32 max ULP | f32 worst at x | f32 below 2^-60 (ULPs of 2^-60) | bf16 max ULP | bf16 max ULP, all results (subnormals flushed) | f16 max ULP | NaN mismatches |\n");
  printf("|---|---|---|---|---|---|---|---|\n");
  int bad = 0;
  for (size_t k = 0; k < sizeof(activations) / sizeof(*activations); ++k) {
    const struct activation *a = &activations[k];
    if (only && strcmp(only, a->spec) != 0) continue;
    struct stats f = check_f32(a, stride), b = check_half(a, 1), h = check_half(a, 0);
    long long nan = f.nan_mismatch + b.nan_mismatch + h.nan_mismatch;
    bad |= nan != 0;
    printf("| %s | %.2f | %.9g | %.2f | %.0f | %.0f (%lld) | %.0f | %lld |\n", a->spec, f.max_ulp,
           f.worst_x, f.max_tiny, b.max_ulp, b.max_all, b.flushed, h.max_ulp, nan);
    fflush(stdout);
  }
  printf("\nf32 inputs checked: every %llu-th of 2^32 bit patterns\n", (unsigned long long)stride);
  return bad;
}
