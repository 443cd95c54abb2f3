/* Backward kernels with run-time parameters (relu-cc --grad on `?` specs):
 * for several parameter values each, every dtype's dx is bit-identical to the
 * backward kernel compiled with that value, the f64 dx matches the closed
 * form of leaky_relu's and clamp's derivative (PyTorch conventions), the mask
 * pair agrees with its static peer, and an out-of-domain parameter is
 * rejected. Prints "N passed, M failed". */
#include "backward.h"

#include "check_report.h"
#include "dtype_io.h"

#include <stdio.h>

typedef int (*static_fn)(const void *, const void *, void *, int64_t);
typedef int (*dyn1f)(const void *, const void *, void *, int64_t, float);
typedef int (*dyn1d)(const void *, const void *, void *, int64_t, double);
typedef int (*dyn2f)(const void *, const void *, void *, int64_t, float, float);
typedef int (*dyn2d)(const void *, const void *, void *, int64_t, double, double);

#define FNS(name)                                                                   \
  {(void *)name##_backward_f16, (void *)name##_backward_bf16,                      \
   (void *)name##_backward_f32, (void *)name##_backward_f64}

struct kase {
  const char *what;
  void *dyn[4];
  int num_params;
  double p0, p1;
  void *fixed[4];
};

static const struct kase cases[] = {
    {"leaky_relu 0.25", FNS(leaky_relu_dyn), 1, 0.25, 0, FNS(leaky_relu_0p25)},
    {"leaky_relu -2", FNS(leaky_relu_dyn), 1, -2.0, 0, FNS(leaky_relu_m2)},
    {"clamp -2 3", FNS(clamp_dyn_dyn), 2, -2.0, 3.0, FNS(clamp_m2_3)},
    {"clamp 0.5 0.5", FNS(clamp_dyn_dyn), 2, 0.5, 0.5, FNS(clamp_0p5_0p5)},
    {"elu 0.5", FNS(elu_dyn), 1, 0.5, 0, FNS(elu_0p5)},
    {"softplus 2 10", FNS(softplus_dyn_dyn), 2, 2.0, 10.0, FNS(softplus_2_10)},
};

/* check_report.h's check, named by case and dtype. */
static void check_dt(int ok, const char *what, const char *case_name, enum dtype t) {
  check(ok, what, case_name, dtype_names[t]);
}

static int call(const struct kase *k, enum dtype t, const void *dy, const void *x, void *dx,
                int64_t n, double p0, double p1) {
  void *fn = k->dyn[t];
  if (k->num_params == 1)
    return t == F64 ? ((dyn1d)fn)(dy, x, dx, n, p0) : ((dyn1f)fn)(dy, x, dx, n, (float)p0);
  return t == F64 ? ((dyn2d)fn)(dy, x, dx, n, p0, p1)
                  : ((dyn2f)fn)(dy, x, dx, n, (float)p0, (float)p1);
}

#define N 515
static double xs[N], dys[N];

int main(void) {
  /* Values exact in every dtype (multiples of 1/8 up to 32), kinks, NaN, +-inf. */
  for (int i = 0; i < N; ++i) {
    xs[i] = (i % 257 - 128) / 8.0;
    dys[i] = ((i * 7) % 17 - 8) / 4.0;
  }
  xs[0] = NAN, xs[1] = INFINITY, xs[2] = -INFINITY, xs[3] = -0.0;
  for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); ++c) {
    const struct kase *k = &cases[c];
    for (enum dtype t = F16; t <= F64; ++t) {
      static char x[N * 8], dy[N * 8], a[N * 8], b[N * 8];
      for (int i = 0; i < N; ++i) store(t, x, i, xs[i]), store(t, dy, i, dys[i]);
      check_dt(call(k, t, dy, x, a, N, k->p0, k->p1) == RELU_OK, "status", k->what, t);
      check_dt(((static_fn)k->fixed[t])(dy, x, b, N) == RELU_OK, "static status", k->what, t);
      int same = 1;
      for (int i = 0; i < N; ++i) {
        const char *p = a + i * dtype_bytes[t], *q = b + i * dtype_bytes[t];
        if (memcmp(p, q, dtype_bytes[t]) != 0) {
          /* NaNs may differ in sign or payload. */
          double u = t == F64 ? ((double *)a)[i] : t == F32 ? ((float *)a)[i] : 0;
          double v = t == F64 ? ((double *)b)[i] : t == F32 ? ((float *)b)[i] : 0;
          if (!(t >= F32 && isnan(u) && isnan(v))) same = 0;
        }
      }
      check_dt(same, "bit-identical to the static backward kernel", k->what, t);
    }
  }
  /* Closed forms in f64 on the finite inputs (from index 4): PyTorch's
   * leaky_relu' = x > 0 ? 1 : s (s at 0), clamp' = 1 strictly inside
   * (lo, hi), 0 at and beyond the bounds. */
  double dx[N];
  leaky_relu_dyn_backward_f64(dys, xs, dx, N, 0.3);
  int ok = 1;
  for (int i = 4; i < N; ++i) ok &= dx[i] == dys[i] * (xs[i] > 0 ? 1.0 : 0.3);
  check_dt(ok, "dy * (x > 0 ? 1 : s)", "leaky_relu 0.3 closed form", F64);
  clamp_dyn_dyn_backward_f64(dys, xs, dx, N, -1.5, 2.0);
  ok = 1;
  for (int i = 4; i < N; ++i) ok &= dx[i] == (xs[i] > -1.5 && xs[i] < 2.0 ? dys[i] : 0.0);
  check_dt(ok, "dy inside (lo, hi), else 0", "clamp -1.5 2 closed form", F64);
  /* The mask pair (forward_with_mask, backward_from_mask) with run-time
   * parameters: y, the bits and dx equal those of the kernels compiled with
   * the values, and dx from the mask equals dx from x. */
  {
    static float x32[N], dy32[N], y_a[N], y_b[N], dx_a[N], dx_b[N], dx_x[N];
    static uint8_t m_a[(N + 7) / 8], m_b[(N + 7) / 8];
    for (int i = 0; i < N; ++i) x32[i] = (float)xs[i], dy32[i] = (float)dys[i];
    int status = leaky_relu_dyn_forward_with_mask_f32(x32, y_a, m_a, N, 0.25f) |
                 leaky_relu_0p25_forward_with_mask_f32(x32, y_b, m_b, N) |
                 leaky_relu_dyn_backward_from_mask_f32(dy32, m_a, dx_a, N, 0.25f) |
                 leaky_relu_0p25_backward_from_mask_f32(dy32, m_b, dx_b, N) |
                 leaky_relu_dyn_backward_f32(dy32, x32, dx_x, N, 0.25f);
    check_dt(status == RELU_OK, "status", "leaky_relu 0.25 mask pair", F32);
    check_dt(memcmp(m_a, m_b, sizeof m_a) == 0, "same mask bits", "leaky_relu 0.25 mask pair", F32);
    int same = 1;
    for (int i = 0; i < N; ++i)
      same &= (isnan(y_a[i]) ? isnan(y_b[i]) : y_a[i] == y_b[i]) && dx_a[i] == dx_b[i] &&
              (isnan(dx_x[i]) || dx_a[i] == dx_x[i]);
    check_dt(same, "same y and dx; dx from the mask == dx from x", "leaky_relu 0.25 mask pair", F32);
  }
  /* The backward shim checks the parameters as the forward one does. */
  check_dt(clamp_dyn_dyn_backward_f64(dys, xs, dx, N, 3.0, 2.0) == RELU_ERR_INVALID_ARGUMENT,
        "RELU_ERR_INVALID_ARGUMENT", "clamp backward min > max", F64);
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
