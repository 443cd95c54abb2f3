/* Checks fused kernels built by relu-cc --fuse (fused.h) against float64
 * references of the unfused compositions: producers and consumers in double
 * here, the activations by relu-cc's f64 kernels (ref.h: their one
 * definition). Sums the group computes in f32 before an activation are
 * rounded to float in the reference too (as the unfused f32 kernels would).
 * f32 results: within 8 f32 roundings of 1 + |ref| (a residual sum may
 * cancel); bf16 results: within 1 ULP of the correctly rounded |ref|.
 * int8/uint8 quantization: q = clamp(rint(v / scale) + zero point) of the
 * float64 v, exactly, except within 1e-3 of a rounding tie (the kernel's f32
 * v may fall on either side): there one step; NaN -> qmin. Shapes cover a
 * one-lane tail, channels-last (inner 1) and NCHW layouts.
 * GLU of the two halves of one tensor (-DNO_HALVES leaves it out): act(a) * b
 * against float64, halves along the channel axis and the last axis, odd
 * halves, tails; their argument checks (status codes).
 * Gradients of GLU halves (-DHALVES_GRAD adds them; halves.h: the halves
 * groups built with relu-cc --grad, their forward too; hgrad.h: the kernels
 * of test/Target/Cpu/Inputs/glu-halves-grad.mlir): dx = [da, db] in x's halves
 * layout against float64 da = dy * b * act'(a) (ref.h's f64 backward
 * kernel of act at dy * b) and db = dy * act(a), the same shapes; their
 * argument checks (dx must not be x: no in-place).
 * Statistics (act.statistics, -DNO_STATS leaves them out): zero counts
 * exactly and max |y| exactly (NaN if some y is NaN), per channel and in
 * total, from the float64 reference y (relu is exact in f32; y itself is
 * checked exactly, bf16 as its correct rounding); sizes 0, 1, odd ones
 * and ones the shim splits across threads (per-part partials combined), with
 * test_inputs.h edge values; outputs prefilled with garbage.
 * Prints "N passed, M failed". */
#include "fused.h"
#ifdef HALVES_GRAD
#include "halves.h"
#include "hgrad.h"
#endif
#include "ref.h"
#include "test_inputs.h"
#include "ulp.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;

/* n values uniform in [-4, 4) (test_inputs.h's sequence). */
static void fill_uniform(float *a, size_t n) {
  for (size_t i = 0; i < n; ++i)
    a[i] = (float)uniform(-4, 4);
}

static void report(const char *name, const char *shape, int ok, double worst) {
  printf("%-40s %-12s %s (worst error / bound %.3g)\n", name, shape, ok ? "ok" : "FAILED", worst);
  ok ? ++passed : ++failed;
}

/* Compares f32 results; returns 1 when all are within bounds. */
static int close_f32(const float *y, const double *ref, size_t n, double *worst) {
  *worst = 0;
  for (size_t i = 0; i < n; ++i) {
    double ratio = fabs(y[i] - ref[i]) / (8 * 0x1p-24 * (1 + fabs(ref[i])));
    if (!(ratio <= *worst))
      *worst = ratio;
  }
  return *worst <= 1;
}

/* bf16 results: ULPs from the correctly rounded float64 reference (a group
 * whose activation result is only rounded to bf16 takes the bf16 kernels'
 * approximations, MathBuilder::approximate); NaN where ref is NaN; a result
 * whose correct rounding is subnormal may be 0 (vcvtneps2bf16 flushes). */
static int close_bf16(const relu_bf16_t *y, const double *ref, size_t n, double *worst) {
  *worst = 0;
  for (size_t i = 0; i < n; ++i) {
    double got = bf16_to_f32(y[i]);
    double ulps = isnan(ref[i]) || isnan(got) ? (isnan(ref[i]) == isnan(got) ? 0 : INFINITY)
                  : got == 0 && fabs(ref[i]) < 0x1p-126 ? 0
                                                         : ulp_error(BF16, y, (int64_t)i, ref[i]);
    if (!(ulps <= *worst))
      *worst = ulps;
  }
  return *worst <= 1;
}

typedef int (*act_fn)(const double *, double *, int64_t);

/* Compares quantized results (the int8 bits of a uint8 range when lo >= 0). */
static int check_quantized(const int8_t *q, const double *v, size_t n, double scale,
                           int zero_point, int lo, int hi, double *worst) {
  *worst = 0;
  for (size_t i = 0; i < n; ++i) {
    double t = v[i] / scale;
    double r = isnan(t) ? lo : fmin(fmax(rint(t) + zero_point, lo), hi);
    int got = lo >= 0 ? (uint8_t)q[i] : q[i];
    int near_tie = fabs(fabs(t - floor(t)) - 0.5) < 1e-3;
    double d = fabs(got - r) / (near_tie ? 1 : 0.5);
    if (d > *worst)
      *worst = d;
  }
  return *worst <= 1;
}

/* [outer, channels, inner] groups with per-channel vectors. */
static void check_channel(int64_t outer, int64_t channels, int64_t inner) {
  size_t n = (size_t)(outer * channels * inner);
  float *x = malloc(4 * n), *p = malloc(4 * channels), *q = malloc(4 * channels);
  float *y = malloc(4 * n);
  relu_bf16_t *yb = malloc(2 * n);
  double *s = malloc(8 * n), *ref = malloc(8 * n);
  char shape[32];
  snprintf(shape, sizeof shape, "%lldx%lldx%lld", (long long)outer, (long long)channels,
           (long long)inner);
  fill_uniform(x, n);
  fill_uniform(p, channels);
  fill_uniform(q, channels);
  double worst = 0;
  for (size_t i = 0; i < n; ++i)
    s[i] = (float)(x[i] + p[(i / inner) % channels]);

  /* gelu_tanh(x + bias[c]) */
  gelu_tanh_f64(s, ref, n);
  int ok = fused_bias_gelu_tanh_f32(x, p, y, outer, channels, inner) == 0;
  report("bias,gelu:tanh", shape, ok && close_f32(y, ref, n, &worst), worst);
  if (inner == 1) {
    /* The channels-last kernel (inner fixed to 1), rounded to bf16. */
    ok = fused_bias_last_gelu_tanh_cast_bf16_f32(x, p, yb, outer, channels, 1) == 0;
    report("bias:last,gelu:tanh,cast:bf16", shape, ok && close_bf16(yb, ref, n, &worst), worst);
    int8_t *q = malloc(n);
    ok = fused_bias_last_gelu_tanh_quantize_0p02_f32(x, p, q, outer, channels, 1) == 0;
    report("bias:last,gelu:tanh,quantize:0.02", shape,
           ok && check_quantized(q, ref, n, 0.02, 0, -128, 127, &worst), worst);
    free(q);
  }

  /* relu6(x * scale[c] + shift[c]) */
  for (size_t i = 0; i < n; ++i) {
    size_t c = (i / inner) % channels;
    s[i] = (float)((float)(x[i] * p[c]) + q[c]);
  }
  relu6_f64(s, ref, n);
  ok = fused_scale_shift_relu6_f32(x, p, q, y, outer, channels, inner) == 0;
  report("scale_shift,relu6", shape, ok && close_f32(y, ref, n, &worst), worst);
  free(x), free(p), free(q), free(y), free(yb), free(s), free(ref);
}

/* Elementwise groups of one, two or three tensors. */
static void check_elementwise(int64_t n) {
  float *a = malloc(4 * n + 4), *b = malloc(4 * n + 4), *c = malloc(4 * n + 4);
  float *y = malloc(4 * n + 4);
  double *s = malloc(8 * n + 8), *ref = malloc(8 * n + 8);
  char shape[32];
  snprintf(shape, sizeof shape, "%lld", (long long)n);
  fill_uniform(a, n);
  fill_uniform(b, n);
  fill_uniform(c, n);
  double worst = 0;

  /* silu(a + b) + c */
  for (int64_t i = 0; i < n; ++i)
    s[i] = (float)(a[i] + b[i]);
  silu_f64(s, ref, n);
  for (int64_t i = 0; i < n; ++i)
    ref[i] += c[i];
  int ok = fused_residual_silu_residual_f32(a, b, c, y, n) == 0;
  report("residual,silu,residual", shape, ok && close_f32(y, ref, n, &worst), worst);

  /* The GLU family: act(a) * b. */
  struct { const char *name; act_fn act; int (*fused)(const float *, const float *, float *, int64_t); } glu[] = {
      {"silu,mul (swiglu)", silu_f64, fused_silu_mul_f32},
      {"gelu,mul (geglu)", gelu_f64, fused_gelu_mul_f32},
      {"relu,mul (reglu)", relu_f64, fused_relu_mul_f32}};
  for (size_t k = 0; k < sizeof glu / sizeof glu[0]; ++k) {
    for (int64_t i = 0; i < n; ++i)
      s[i] = a[i];
    glu[k].act(s, ref, n);
    for (int64_t i = 0; i < n; ++i)
      ref[i] *= b[i];
    ok = glu[k].fused(a, b, y, n) == 0;
    report(glu[k].name, shape, ok && close_f32(y, ref, n, &worst), worst);
  }

  /* uint8 quantization of relu(a), zero point 128 (relu is exact). */
  int8_t *q = malloc(n);
  for (int64_t i = 0; i < n; ++i)
    ref[i] = a[i] > 0 ? a[i] : 0;
  ok = fused_relu_quantize_0p05_128_0_255_f32(a, q, n) == 0;
  report("relu,quantize:0.05:128:0:255", shape,
         ok && check_quantized(q, ref, n, 0.05, 128, 0, 255, &worst), worst);
  free(q);

  /* clamp(leaky_relu(a, 0.1), -1, 1) */
  for (int64_t i = 0; i < n; ++i)
    s[i] = a[i];
  leaky_relu_0p1_f64(s, ref, n);
  clamp_m1_1_f64(ref, ref, n);
  ok = fused_leaky_relu_0p1_clamp_m1_1_f32(a, y, n) == 0;
  report("leaky_relu:0.1,clamp:-1:1", shape, ok && close_f32(y, ref, n, &worst), worst);
  free(a), free(b), free(c), free(y), free(s), free(ref);
}

#ifndef NO_HALVES
/* GLU of the two halves of one tensor x = [outer, 2 * channels, inner]:
 * act(a) * b with a = x[:, :channels, :], b = x[:, channels:, :]; the
 * channel-axis kernel for every shape, the last-axis one (inner 1) too. */
static void check_halves(int64_t outer, int64_t channels, int64_t inner) {
  size_t n = (size_t)(outer * channels * inner);
  float *x = malloc(8 * n + 4), *y = malloc(4 * n + 4);
  double *a = malloc(8 * n + 8), *ref = malloc(8 * n + 8);
  char shape[32];
  snprintf(shape, sizeof shape, "%lldx%lldx%lld", (long long)outer, (long long)channels,
           (long long)inner);
  fill_uniform(x, 2 * n);
  struct { const char *name; act_fn act; int last;
           int (*fused)(const float *, float *, int64_t, int64_t, int64_t); } glu[] = {
      {"halves,silu,mul", silu_f64, 0, fused_halves_silu_mul_f32},
      {"halves:last,gelu:tanh,mul", gelu_tanh_f64, 1, fused_halves_last_gelu_tanh_mul_f32}};
  for (size_t k = 0; k < sizeof glu / sizeof glu[0]; ++k) {
    if (glu[k].last && inner != 1)
      continue;
    /* Element (o, c, i) of the first half is x[(o * 2 * channels + c) * inner + i]. */
    for (size_t e = 0; e < n; ++e)
      a[e] = x[(e / inner / channels * 2 * channels + e / inner % channels) * inner + e % inner];
    glu[k].act(a, ref, n);
    for (size_t e = 0; e < n; ++e)
      ref[e] *= x[((e / inner / channels * 2 + 1) * channels + e / inner % channels) * inner +
                  e % inner];
    memset(y, 0x55, 4 * n + 4);
    int ok = glu[k].fused(x, y, outer, channels, inner) == 0;
    double worst = 0;
    report(glu[k].name, shape, ok && close_f32(y, ref, n, &worst), worst);
  }
  free(x), free(y), free(a), free(ref);
}

/* The entry points' argument checks (the same on every target): the input
 * holds 2 * outer * channels * inner elements, so the output cannot be the
 * input (it is half its size: no in-place GLU of halves). */
static void check_halves_arguments(void) {
  float x[2 * 3 * 5], y[3 * 5];
  fill_uniform(x, 2 * 3 * 5);
  struct { const char *what; int status, want; } cases[] = {
      {"null input", fused_halves_silu_mul_f32(NULL, y, 3, 5, 1), RELU_ERR_NULL_POINTER},
      {"null output", fused_halves_silu_mul_f32(x, NULL, 3, 5, 1), RELU_ERR_NULL_POINTER},
      {"negative channels", fused_halves_silu_mul_f32(x, y, 3, -5, 1), RELU_ERR_NEGATIVE_COUNT},
      {"negative outer", fused_halves_silu_mul_f32(x, y, -3, 5, 1), RELU_ERR_NEGATIVE_COUNT},
      {"output in the input", fused_halves_silu_mul_f32(x, x, 3, 5, 1), RELU_ERR_OVERLAP},
      {"output in the second half", fused_halves_silu_mul_f32(x, x + 15, 3, 5, 1),
       RELU_ERR_OVERLAP},
      {"too many elements", fused_halves_silu_mul_f32(x, y, INT64_MAX / 4, 5, 1),
       RELU_ERR_INVALID_ARGUMENT},
      {"last axis: inner 2", fused_halves_last_gelu_tanh_mul_f32(x, y, 3, 5, 2),
       RELU_ERR_BAD_SHAPE},
      {"empty, null pointers", fused_halves_silu_mul_f32(NULL, NULL, 0, 5, 1), RELU_OK},
      {"output over the input's end", fused_halves_silu_mul_f32(x, x + 9, 1, 5, 1),
       RELU_ERR_OVERLAP},
      {"output right after the input", fused_halves_silu_mul_f32(x, x + 10, 1, 5, 1), RELU_OK}};
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; ++k) {
    int ok = cases[k].status == cases[k].want;
    if (!ok)
      printf("%s: status %d, expected %d\n", cases[k].what, cases[k].status, cases[k].want);
    report("halves arguments", cases[k].what, ok, 0);
  }
}
#endif

#ifdef HALVES_GRAD
typedef int (*act_grad_fn)(const double *, const double *, double *, int64_t);

/* dx = [da, db] of act(a) * b, x = [a, b] along the channel axis: the
 * channel-axis kernel for every shape, the last-axis one (inner 1) too. */
static void check_halves_grad(int64_t outer, int64_t channels, int64_t inner) {
  size_t n = (size_t)(outer * channels * inner);
  float *x = malloc(8 * n + 4), *dy = malloc(4 * n + 4), *dx = malloc(8 * n + 4);
  double *a = malloc(8 * n + 8), *dyb = malloc(8 * n + 8), *da = malloc(8 * n + 8),
         *fa = malloc(8 * n + 8), *ref = malloc(16 * n + 8);
  char shape[32];
  snprintf(shape, sizeof shape, "%lldx%lldx%lld", (long long)outer, (long long)channels,
           (long long)inner);
  fill_uniform(x, 2 * n);
  fill_uniform(dy, n);
  struct { const char *name; act_fn act; act_grad_fn grad; int last;
           int (*kernel)(const float *, const float *, float *, int64_t, int64_t, int64_t); }
      glu[] = {{"swiglu_halves_grad", silu_f64, silu_backward_f64, 0, swiglu_halves_grad},
               {"halves,silu,mul --grad", silu_f64, silu_backward_f64, 0,
                fused_halves_silu_mul_backward_f32},
               {"geglu_last_halves_grad", gelu_tanh_f64, gelu_tanh_backward_f64, 1,
                geglu_last_halves_grad},
               {"halves:last,gelu:tanh,mul --grad", gelu_tanh_f64, gelu_tanh_backward_f64, 1,
                fused_halves_last_gelu_tanh_mul_backward_f32}};
  for (size_t k = 0; k < sizeof glu / sizeof glu[0]; ++k) {
    if (glu[k].last && inner != 1)
      continue;
    /* Element e = (o, c, i) of a half: a at x[ia], b at x[ib]. */
    for (size_t e = 0; e < n; ++e) {
      size_t o = e / inner / channels, c = e / inner % channels, i = e % inner;
      size_t ia = (o * 2 * channels + c) * inner + i, ib = ia + channels * inner;
      a[e] = x[ia];
      dyb[e] = (double)dy[e] * x[ib];
    }
    glu[k].grad(dyb, a, da, n);
    glu[k].act(a, fa, n);
    for (size_t e = 0; e < n; ++e) {
      size_t o = e / inner / channels, c = e / inner % channels, i = e % inner;
      size_t ia = (o * 2 * channels + c) * inner + i, ib = ia + channels * inner;
      ref[ia] = da[e];
      ref[ib] = dy[e] * fa[e];
    }
    memset(dx, 0x55, 8 * n + 4);
    int ok = glu[k].kernel(dy, x, dx, outer, channels, inner) == 0;
    /* Within 8 f32 roundings of the magnitude of the terms: act'(a) sums
     * terms up to about 1 + |a| that may cancel, times dy * b. */
    double worst = 0;
    for (size_t e = 0; e < n; ++e) {
      size_t o = e / inner / channels, c = e / inner % channels, i = e % inner;
      size_t ia = (o * 2 * channels + c) * inner + i, ib = ia + channels * inner;
      double scale[2] = {1 + fabs(dyb[e]) * (1 + fabs(a[e])), 1 + fabs(ref[ib])};
      size_t at[2] = {ia, ib};
      for (int h = 0; h < 2; ++h) {
        double ratio = fabs(dx[at[h]] - ref[at[h]]) / (8 * 0x1p-24 * scale[h]);
        if (!(ratio <= worst))
          worst = ratio;
      }
    }
    report(glu[k].name, shape, ok && worst <= 1, worst);
  }
  free(x), free(dy), free(dx), free(a), free(dyb), free(da), free(fa), free(ref);
}

/* Argument checks: dx has x's size, yet is written half by half while x is
 * read, so dx == x is rejected (RELU_ERR_OVERLAP), as is dx overlapping dy. */
static void check_halves_grad_arguments(void) {
  float x[2 * 3 * 5], dy[3 * 5], dx[2 * 3 * 5];
  fill_uniform(x, 2 * 3 * 5);
  fill_uniform(dy, 3 * 5);
  struct { const char *what; int status, want; } cases[] = {
      {"null dy", swiglu_halves_grad(NULL, x, dx, 3, 5, 1), RELU_ERR_NULL_POINTER},
      {"null x", swiglu_halves_grad(dy, NULL, dx, 3, 5, 1), RELU_ERR_NULL_POINTER},
      {"null dx", swiglu_halves_grad(dy, x, NULL, 3, 5, 1), RELU_ERR_NULL_POINTER},
      {"negative channels", swiglu_halves_grad(dy, x, dx, 3, -5, 1), RELU_ERR_NEGATIVE_COUNT},
      {"negative inner", swiglu_halves_grad(dy, x, dx, 3, 5, -1), RELU_ERR_NEGATIVE_COUNT},
      {"dx is x (in place)", swiglu_halves_grad(dy, x, x, 3, 5, 1), RELU_ERR_OVERLAP},
      {"dx from x's second half", swiglu_halves_grad(dy, x, x + 5, 1, 5, 1), RELU_ERR_OVERLAP},
      {"dx over dy's end", swiglu_halves_grad(x, dy, x + 3, 1, 5, 1), RELU_ERR_OVERLAP},
      {"too many elements", swiglu_halves_grad(dy, x, dx, INT64_MAX / 4, 5, 1),
       RELU_ERR_INVALID_ARGUMENT},
      {"last axis: inner 2", geglu_last_halves_grad(dy, x, dx, 3, 5, 2), RELU_ERR_BAD_SHAPE},
      {"empty, null pointers", swiglu_halves_grad(NULL, NULL, NULL, 0, 5, 1), RELU_OK}};
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; ++k) {
    int ok = cases[k].status == cases[k].want;
    if (!ok)
      printf("%s: status %d, expected %d\n", cases[k].what, cases[k].status, cases[k].want);
    report("halves grad arguments", cases[k].what, ok, 0);
  }
}
#endif

#ifndef NO_STATS
/* Zero counts and max |y| of ref ([outer, channels, inner]) against the
 * kernel's; NaN -> max |y| NaN. Returns 1 when all are exact. */
static int check_statistics(const double *ref, int64_t outer, int64_t channels, int64_t inner,
                            const int64_t *zeros, const int64_t *total_zeros,
                            const float *max_abs, const float *total_max_abs) {
  int ok = 1;
  int64_t all_zeros = 0;
  double all_max = 0;
  for (int64_t c = 0; c < channels; ++c) {
    int64_t count = 0;
    double max = 0;
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        double v = ref[(o * channels + c) * inner + i];
        count += v == 0;
        max = isnan(v) || isnan(max) ? NAN : fmax(max, fabs(v));
      }
    ok &= zeros[c] == count && (isnan(max) ? isnan(max_abs[c]) : max_abs[c] == max);
    all_zeros += count;
    all_max = isnan(max) || isnan(all_max) ? NAN : fmax(all_max, max);
  }
  return ok && *total_zeros == all_zeros &&
         (isnan(all_max) ? isnan(*total_max_abs) : *total_max_abs == all_max);
}

/* relu(x + bias[c]) with its statistics; `special` takes x from
 * test_inputs.h's fill_inputs (its edge values: NaN, +-0, +-inf, denormals,
 * huge values, then a wide mix). Channels-last shapes also run the :last kernel with a bf16 y. */
static void check_stats(int64_t outer, int64_t channels, int64_t inner, int special) {
  size_t n = (size_t)(outer * channels * inner);
  float *x = malloc(4 * n + 4), *p = malloc(4 * channels + 4), *y = malloc(4 * n + 4);
  relu_bf16_t *yb = malloc(2 * n + 2);
  double *s = malloc(8 * n + 8), *ref = malloc(8 * n + 8);
  int64_t *zeros = malloc(8 * channels + 8), total_zeros;
  float *max_abs = malloc(4 * channels + 4), total_max_abs;
  char shape[48];
  snprintf(shape, sizeof shape, "%lldx%lldx%lld%s", (long long)outer, (long long)channels,
           (long long)inner, special ? " special" : "");
  if (special)
    fill_inputs(F32, x, (int64_t)n); /* edge values (NaN, +-0, +-inf, ...) first */
  else
    fill_uniform(x, n);
  fill_uniform(p, channels);
  for (size_t i = 0; i < n; ++i)
    s[i] = (float)(x[i] + p[(i / inner) % channels]);
  relu_f64(s, ref, n);
  for (int bf16 = 0; bf16 <= (inner == 1); ++bf16) {
    memset(zeros, 0x55, 8 * channels + 8), memset(max_abs, 0x55, 4 * channels + 4);
    memset(&total_zeros, 0x55, 8), memset(&total_max_abs, 0x55, 4);
    int ok = bf16 ? fused_bias_last_relu_stats_last_cast_bf16_f32(
                        x, p, yb, zeros, &total_zeros, max_abs, &total_max_abs, outer,
                        channels, 1) == 0
                  : fused_bias_relu_stats_f32(x, p, y, zeros, &total_zeros, max_abs,
                                              &total_max_abs, outer, channels, inner) == 0;
    /* y exactly: relu is exact in f32, the cast rounds to nearest even
     * (dtype_io.h's f32_to_bf16); NaN where ref is NaN. */
    for (size_t i = 0; i < n; ++i) {
      double got = bf16 ? bf16_to_f32(yb[i]) : y[i];
      double want = bf16 ? bf16_to_f32(f32_to_bf16((float)ref[i])) : ref[i];
      ok &= isnan(want) ? isnan(got) : got == want;
    }
    ok = ok && check_statistics(ref, outer, channels, inner, zeros, &total_zeros, max_abs,
                                &total_max_abs);
    report(bf16 ? "bias:last,relu,stats:last,cast:bf16" : "bias,relu,stats", shape, ok, 0);
  }
  free(x), free(p), free(y), free(yb), free(s), free(ref), free(zeros), free(max_abs);
}
#endif

int main(void) {
  check_channel(3, 5, 7);
  check_channel(2, 64, 1);
  check_channel(7, 33, 1);
  check_channel(1, 16, 129);
  check_elementwise(1);
  check_elementwise(17);
  check_elementwise(1000);
#ifndef NO_HALVES
  /* Odd halves, one-lane tails, and two the shim splits across threads. */
  int64_t halves_shapes[][3] = {{1, 1, 1}, {3, 5, 7}, {2, 64, 1}, {7, 33, 1},
                                {1, 17, 129}, {2000, 37, 1}, {5, 7, 2001}};
  for (size_t k = 0; k < sizeof halves_shapes / sizeof halves_shapes[0]; ++k)
    check_halves(halves_shapes[k][0], halves_shapes[k][1], halves_shapes[k][2]);
  check_halves_arguments();
#endif
#ifdef HALVES_GRAD
  for (size_t k = 0; k < sizeof halves_shapes / sizeof halves_shapes[0]; ++k)
    check_halves_grad(halves_shapes[k][0], halves_shapes[k][1], halves_shapes[k][2]);
  check_halves_grad_arguments();
#endif
#ifndef NO_STATS
  /* The last three are large enough for the shim to split them into parts
   * of rows across threads (parts starting inside a channel and inside an
   * outer slice); fused.test runs them with 1, 2 and the default threads. */
  int64_t stats_shapes[][3] = {{0, 3, 5},    {2, 0, 1},    {1, 1, 1},    {3, 5, 7},
                               {7, 33, 1},   {1, 17, 129}, {5, 37, 613}, {3001, 37, 1},
                               {1, 3, 40000}};
  for (size_t k = 0; k < sizeof stats_shapes / sizeof stats_shapes[0]; ++k)
    for (int special = 0; special <= 1; ++special)
      check_stats(stats_shapes[k][0], stats_shapes[k][1], stats_shapes[k][2], special);
#endif
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
