/* relu-mlir demo: the hidden layer of a small MLP, h = act(W x + b), with
 * the activation computed by kernels relu-cc compiled (see
 * scripts/demo.sh). Prints each kernel's agreement with the float64
 * reference kernel and its throughput beside a plain C loop over libm. */
#define _GNU_SOURCE
#include "mlp_kernels.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { BATCH = 256, IN = 512, HIDDEN = 2048 };

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static uint16_t to_bf16(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  u += 0x7fffu + ((u >> 16) & 1u);
  return (uint16_t)(u >> 16);
}
static float from_bf16(uint16_t b) {
  uint32_t u = (uint32_t)b << 16;
  float f;
  memcpy(&f, &u, 4);
  return f;
}

/* Best of several runs, in GB/s of bytes read + written. */
#define TIME_GBS(bytes, call)                                                  \
  ({                                                                           \
    double best = 1e30;                                                        \
    for (int rep = 0; rep < 20; ++rep) {                                       \
      double t0 = now();                                                       \
      call;                                                                    \
      double t = now() - t0;                                                   \
      if (t < best) best = t;                                                  \
    }                                                                          \
    (bytes) / best / 1e9;                                                      \
  })

static void libm_gelu_tanh(const float *x, float *y, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    y[i] = 0.5f * x[i] * (1.0f + tanhf(0.7978845608f * (x[i] + 0.044715f * x[i] * x[i] * x[i])));
}

int main(void) {
  const int64_t n = (int64_t)BATCH * HIDDEN;
  float *w = malloc(sizeof(float) * IN * HIDDEN), *bias = malloc(sizeof(float) * HIDDEN);
  float *x = malloc(sizeof(float) * BATCH * IN), *pre = malloc(sizeof(float) * n);
  float *h = malloc(sizeof(float) * n), *plain = malloc(sizeof(float) * n);
  double *pre64 = malloc(sizeof(double) * n), *ref = malloc(sizeof(double) * n);
  double *pre16_64 = malloc(sizeof(double) * n), *ref16 = malloc(sizeof(double) * n);
  uint16_t *pre16 = malloc(2 * n), *h16 = malloc(2 * n);
  srand(1);
  for (int64_t i = 0; i < (int64_t)IN * HIDDEN; ++i) w[i] = (rand() / (float)RAND_MAX - 0.5f) * 0.1f;
  for (int64_t i = 0; i < HIDDEN; ++i) bias[i] = (rand() / (float)RAND_MAX - 0.5f);
  for (int64_t i = 0; i < (int64_t)BATCH * IN; ++i) x[i] = (rand() / (float)RAND_MAX - 0.5f) * 4;

  /* pre = x W + b (a plain loop: the demo is about the activation). */
  for (int b = 0; b < BATCH; ++b)
    for (int j = 0; j < HIDDEN; ++j) {
      float s = bias[j];
      for (int k = 0; k < IN; ++k) s += x[b * IN + k] * w[(int64_t)k * HIDDEN + j];
      pre[(int64_t)b * HIDDEN + j] = s;
    }
  for (int64_t i = 0; i < n; ++i) {
    pre64[i] = pre[i];
    pre16[i] = to_bf16(pre[i]);
    pre16_64[i] = from_bf16(pre16[i]);
  }
  printf("hidden layer: %d x %d pre-activations (%.1f MB f32)\n\n", BATCH, HIDDEN, n * 4 / 1e6);

  struct {
    const char *name;
    int (*f32)(const float *, float *, int64_t);
    int (*bf16)(const relu_bf16_t *, relu_bf16_t *, int64_t);
    int (*f64)(const double *, double *, int64_t);
  } acts[] = {{"relu", relu_f32, relu_bf16, relu_f64},
              {"gelu (erf)", gelu_f32, gelu_bf16, gelu_f64},
              {"gelu (tanh)", gelu_tanh_f32, gelu_tanh_bf16, gelu_tanh_f64}};
  int failures = 0;
  printf("%-12s %-6s %-30s %s\n", "activation", "dtype", "max error vs float64", "GB/s");
  for (size_t a = 0; a < sizeof(acts) / sizeof(*acts); ++a) {
    /* Each dtype is compared with the float64 kernel on the same inputs. */
    int status = acts[a].f32(pre, h, n) | acts[a].f64(pre64, ref, n) |
                 acts[a].bf16(pre16, h16, n) | acts[a].f64(pre16_64, ref16, n);
    if (status != RELU_OK) {
      printf("%s: kernel error: %s\n", acts[a].name, relu_rt_status_string(status));
      return 1;
    }
    double rel32 = 0, rel16 = 0;
    for (int64_t i = 0; i < n; ++i) {
      /* Relative error, with an absolute floor near zero. */
      double e32 = fabs(h[i] - ref[i]) / fmax(fabs(ref[i]), 1e-6);
      double e16 = fabs(from_bf16(h16[i]) - ref16[i]) / fmax(fabs(ref16[i]), 1e-6);
      if (e32 > rel32) rel32 = e32;
      if (e16 > rel16) rel16 = e16;
    }
    double gbs32 = TIME_GBS(8.0 * n, acts[a].f32(pre, h, n));
    double gbs16 = TIME_GBS(4.0 * n, acts[a].bf16(pre16, h16, n));
    printf("%-12s %-6s relative %-21.2e %6.1f\n", acts[a].name, "f32", rel32, gbs32);
    printf("%-12s %-6s relative %-21.2e %6.1f\n", acts[a].name, "bf16", rel16, gbs16);
    /* f32: a few ULPs of 2^-23; bf16: within one ULP (2^-8 relative) of the
     * correctly rounded result. */
    failures += rel32 > 1e-6 || rel16 > 1.5 / 256;
  }
  double gbs_plain = TIME_GBS(8.0 * n, libm_gelu_tanh(pre, plain, n));
  double gbs_ours = TIME_GBS(8.0 * n, gelu_tanh_f32(pre, h, n));
  printf("\ngelu (tanh) f32: relu-mlir %.1f GB/s vs a plain C loop over libm tanhf %.1f GB/s (%.1fx), %d threads\n",
         gbs_ours, gbs_plain, gbs_ours / gbs_plain, relu_rt_get_num_threads());
  printf("%s\n", failures ? "FAILED: results outside the expected accuracy" : "all results within the expected accuracy");
  return failures != 0;
}
