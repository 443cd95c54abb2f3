/* Run-time parameters vs parameters compiled in: each kernel of a `?` spec
 * against the kernel compiled with the same value, interleaved in one run
 * (best of R repetitions each), one thread. Prints time per element and the
 * ratio dynamic / static. Built by run.sh. */
#define _GNU_SOURCE
#include "kernels.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

typedef int (*fixed_fn)(const void *, void *, int64_t);
typedef int (*dyn1_fn)(const void *, void *, int64_t, float);
typedef int (*dyn2_fn)(const void *, void *, int64_t, float, float);

struct pair {
  const char *what;
  void *fixed, *dynamic;
  int num_params;
  float p0, p1;
};

#define PAIR(what, fixed, dyn, np, a, b) {what, (void *)fixed, (void *)dyn, np, a, b}
static const struct pair pairs[] = {
    PAIR("leaky_relu 0.25 f32", leaky_relu_0p25_f32, leaky_relu_dyn_f32, 1, 0.25f, 0),
    PAIR("clamp -2 3 f32", clamp_m2_3_f32, clamp_dyn_dyn_f32, 2, -2.f, 3.f),
    PAIR("elu 0.5 f32", elu_0p5_f32, elu_dyn_f32, 1, 0.5f, 0),
    PAIR("swish 1.5 f32", swish_1p5_f32, swish_dyn_f32, 1, 1.5f, 0),
    PAIR("softplus 2 10 f32", softplus_2_10_f32, softplus_dyn_dyn_f32, 2, 2.f, 10.f),
    PAIR("leaky_relu 0.25 bf16", leaky_relu_0p25_bf16, leaky_relu_dyn_bf16, 1, 0.25f, 0),
    PAIR("softplus 2 10 bf16", softplus_2_10_bf16, softplus_dyn_dyn_bf16, 2, 2.f, 10.f),
};

static void call(const struct pair *p, int dynamic, const void *x, void *y, int64_t n) {
  if (!dynamic)
    ((fixed_fn)p->fixed)(x, y, n);
  else if (p->num_params == 1)
    ((dyn1_fn)p->dynamic)(x, y, n, p->p0);
  else
    ((dyn2_fn)p->dynamic)(x, y, n, p->p0, p->p1);
}

int main(int argc, char **argv) {
  int64_t n = argc > 1 ? atoll(argv[1]) : 1 << 20;
  int reps = argc > 2 ? atoi(argv[2]) : 30;
  relu_rt_set_num_threads(1);
  float *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
  for (int64_t i = 0; i < n; ++i) x[i] = (float)(i % 2001 - 1000) / 100.0f;
  printf("| kernel (n = %lld) | static ns/elem | dynamic ns/elem | dynamic / static |\n",
         (long long)n);
  printf("| --- | --- | --- | --- |\n");
  int count = sizeof(pairs) / sizeof(pairs[0]);
  double best[16][2];
  for (int k = 0; k < count; ++k) best[k][0] = best[k][1] = 1e30;
  for (int r = 0; r < reps; ++r)
    for (int k = 0; k < count; ++k)
      for (int d = 0; d < 2; ++d) {
        /* bf16 kernels read the float array as twice as many halves: the
         * values do not matter for the comparison. */
        double t0 = now();
        call(&pairs[k], d, x, y, n);
        double t = now() - t0;
        if (t < best[k][d]) best[k][d] = t;
      }
  for (int k = 0; k < count; ++k)
    printf("| %s | %.3f | %.3f | %.2f |\n", pairs[k].what, best[k][0] / n * 1e9,
           best[k][1] / n * 1e9, best[k][1] / best[k][0]);
  free(x);
  free(y);
  return 0;
}
