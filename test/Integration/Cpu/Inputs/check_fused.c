/* Checks fused kernels built by relu-cc --fuse (fused.h) against float64
 * references of the unfused compositions: producers and consumers in double
 * here, the activations by relu-cc's f64 kernels (ref.h: their one
 * definition). Sums the group computes in f32 before an activation are
 * rounded to float in the reference too (as the unfused f32 kernels would).
 * f32 results: within 8 f32 roundings of 1 + |ref| (a residual sum may
 * cancel); bf16 results: within one bf16 step (double rounding) of |ref|.
 * int8/uint8 quantization: q = clamp(rint(v / scale) + zero point) of the
 * float64 v, exactly, except within 1e-3 of a rounding tie (the kernel's f32
 * v may fall on either side): there one step; NaN -> qmin. Shapes cover a
 * one-lane tail, channels-last (inner 1) and NCHW layouts. With
 * -DNO_QUANTIZE (GPU kernels emulated on the CPU: no int8 results there yet)
 * the quantize groups are left out.
 * Prints "N passed, M failed". */
#include "fused.h"
#include "ref.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;

static void uniform(float *a, size_t n, unsigned seed) {
  for (size_t i = 0; i < n; ++i) {
    seed = seed * 1103515245u + 12345u;
    a[i] = (float)((seed >> 8) % 65536) / 8192.0f - 4.0f;
  }
}

static double bf16_to_double(relu_bf16_t v) {
  uint32_t bits = (uint32_t)v << 16;
  float f;
  memcpy(&f, &bits, 4);
  return f;
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

static int close_bf16(const relu_bf16_t *y, const double *ref, size_t n, double *worst) {
  *worst = 0;
  for (size_t i = 0; i < n; ++i) {
    double ratio = fabs(bf16_to_double(y[i]) - ref[i]) / (0x1p-7 * fabs(ref[i]) + 0x1p-133);
    if (!(ratio <= *worst))
      *worst = ratio;
  }
  return *worst <= 1;
}

typedef int (*act_fn)(const double *, double *, int64_t);

/* Compares quantized results (the int8 bits of a uint8 range when lo >= 0). */
static __attribute__((unused)) int check_quantized(const int8_t *q, const double *v, size_t n, double scale,
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
  uniform(x, n, 1 + (unsigned)n);
  uniform(p, channels, 2);
  uniform(q, channels, 3);
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
#ifndef NO_QUANTIZE
    int8_t *q = malloc(n);
    ok = fused_bias_last_gelu_tanh_quantize_0p02_f32(x, p, q, outer, channels, 1) == 0;
    report("bias:last,gelu:tanh,quantize:0.02", shape,
           ok && check_quantized(q, ref, n, 0.02, 0, -128, 127, &worst), worst);
    free(q);
#endif
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
  uniform(a, n, 5);
  uniform(b, n, 6);
  uniform(c, n, 7);
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

#ifndef NO_QUANTIZE
  /* uint8 quantization of relu(a), zero point 128 (relu is exact). */
  int8_t *q = malloc(n);
  for (int64_t i = 0; i < n; ++i)
    ref[i] = a[i] > 0 ? a[i] : 0;
  ok = fused_relu_quantize_0p05_128_0_255_f32(a, q, n) == 0;
  report("relu,quantize:0.05:128:0:255", shape,
         ok && check_quantized(q, ref, n, 0.05, 128, 0, 255, &worst), worst);
  free(q);
#endif

  /* clamp(leaky_relu(a, 0.1), -1, 1) */
  for (int64_t i = 0; i < n; ++i)
    s[i] = a[i];
  leaky_relu_0p1_f64(s, ref, n);
  clamp_m1_1_f64(ref, ref, n);
  ok = fused_leaky_relu_0p1_clamp_m1_1_f32(a, y, n) == 0;
  report("leaky_relu:0.1,clamp:-1:1", shape, ok && close_f32(y, ref, n, &worst), worst);
  free(a), free(b), free(c), free(y), free(s), free(ref);
}

int main(void) {
  check_channel(3, 5, 7);
  check_channel(2, 64, 1);
  check_channel(7, 33, 1);
  check_channel(1, 16, 129);
  check_elementwise(1);
  check_elementwise(17);
  check_elementwise(1000);
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
