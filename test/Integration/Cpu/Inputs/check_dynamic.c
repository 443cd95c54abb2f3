/* Checks kernels with run-time activation parameters (relu-cc `?` specs):
 * for several parameter values per kernel, each dtype's result is
 * bit-identical to the kernel compiled with that value as a constant, and
 * close to the float64 reference (the f64 kernel with the same run-time
 * value); a NaN slope behaves as a static one; parameters outside the
 * activation's domain return RELU_ERR_INVALID_ARGUMENT and leave the output
 * untouched. Prints "N passed, M failed". */
#include "dynamic.h"

#include "check_report.h"
#include "dtype_io.h"
#include "ulp.h"

#include <stdio.h>

/* Entry points by parameter count; f64 kernels take double parameters. */
typedef int (*static_fn)(const void *, void *, int64_t);
typedef int (*dyn1f)(const void *, void *, int64_t, float);
typedef int (*dyn1d)(const void *, void *, int64_t, double);
typedef int (*dyn2f)(const void *, void *, int64_t, float, float);
typedef int (*dyn2d)(const void *, void *, int64_t, double, double);

#define FNS(name) {(void *)name##_f16, (void *)name##_bf16, (void *)name##_f32, (void *)name##_f64}

struct kase {
  const char *what;
  void *dyn[4];
  int num_params;
  double p0, p1;
  void *fixed[4]; /* the same activation compiled with p0 (and p1) */
};

static const struct kase cases[] = {
    /* No static peer: the constant slope 0 canonicalizes to relu, which
     * differs on zero signs and -inf (docs/semantics.md); see
     * check_zero_slope. */
    {"leaky_relu 0", FNS(leaky_relu_dyn), 1, 0.0, 0, {0}},
    {"leaky_relu 0.25", FNS(leaky_relu_dyn), 1, 0.25, 0, FNS(leaky_relu_0p25)},
    {"leaky_relu -2", FNS(leaky_relu_dyn), 1, -2.0, 0, FNS(leaky_relu_m2)},
    {"clamp -1 1", FNS(clamp_dyn_dyn), 2, -1.0, 1.0, FNS(clamp_m1_1)},
    {"clamp 0.5 0.5", FNS(clamp_dyn_dyn), 2, 0.5, 0.5, FNS(clamp_0p5_0p5)},
    {"clamp -2 3", FNS(clamp_dyn_dyn), 2, -2.0, 3.0, FNS(clamp_m2_3)},
    {"threshold 0.5 -2", FNS(threshold_dyn_dyn), 2, 0.5, -2.0, FNS(threshold_0p5_m2)},
    {"elu 0.5", FNS(elu_dyn), 1, 0.5, 0, FNS(elu_0p5)},
    {"elu -1", FNS(elu_dyn), 1, -1.0, 0, FNS(elu_m1)},
    {"celu 2", FNS(celu_dyn), 1, 2.0, 0, FNS(celu_2)},
    {"celu -0.5", FNS(celu_dyn), 1, -0.5, 0, FNS(celu_m0p5)},
    {"swish 1.5", FNS(swish_dyn), 1, 1.5, 0, FNS(swish_1p5)},
    {"swish 1", FNS(swish_dyn), 1, 1.0, 0, FNS(swish_1)},
    {"swish -1", FNS(swish_dyn), 1, -1.0, 0, FNS(swish_m1)},
    {"softplus 2 10", FNS(softplus_dyn_dyn), 2, 2.0, 10.0, FNS(softplus_2_10)},
    {"softplus -1 5", FNS(softplus_dyn_dyn), 2, -1.0, 5.0, FNS(softplus_m1_5)},
};

/* check_report.h's check, named by case and dtype. */
static void check_dt(int ok, const char *what, const char *case_name, enum dtype t) {
  check(ok, what, case_name, dtype_names[t]);
}

static int call(const struct kase *k, enum dtype t, const void *in, void *out, int64_t n,
                double p0, double p1) {
  void *fn = k->dyn[t];
  if (k->num_params == 1)
    return t == F64 ? ((dyn1d)fn)(in, out, n, p0) : ((dyn1f)fn)(in, out, n, (float)p0);
  return t == F64 ? ((dyn2d)fn)(in, out, n, p0, p1)
                  : ((dyn2f)fn)(in, out, n, (float)p0, (float)p1);
}

#define N 1003 /* full vectors and a masked tail */
static double inputs[N];

static void make_inputs(void) {
  static const double edges[] = {0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 0.25, -2.0, 3.0,
                                 10.0, 20.0, -20.0, 88.0, -88.0, 1e-40, -1e-40,
                                 INFINITY, -INFINITY, NAN};
  int e = sizeof(edges) / sizeof(edges[0]);
  uint64_t s = 0x9E3779B97F4A7C15ull;
  for (int i = 0; i < N; ++i) {
    s ^= s >> 12; s ^= s << 25; s ^= s >> 27;
    double u = (double)((s * 0x2545F4914F6CDD1Dull) >> 11) / 9007199254740992.0;
    inputs[i] = i < e ? edges[i] : (u - 0.5) * 24.0;
  }
}

/* Allowed distance from the float64 reference rounded to the element type,
 * relative to max(|ref|, floor): a few ULPs of f32 computation (f16/bf16:
 * one rounding step, as their results round once from f32). Below the floor
 * (f16's smallest normal; 2^-60 for bf16 and f32, whose subnormal results
 * may flush, as check_activations.c allows) the error is absolute. */
static const double tolerance[] = {0x1p-10, 0x1p-7, 0x1p-20, 0};
static const double floor_magnitude[] = {0x1p-14, 0x1p-60, 0x1p-60, 0x1p-1022};

static void check_case(const struct kase *k) {
  static char in[N * 8], dyn_out[N * 8], fixed_out[N * 8], ref[N * 8], in64[N * 8];
  for (int i = 0; i < N; ++i) store(F64, in64, i, inputs[i]);
  check_dt(call(k, F64, in64, ref, N, k->p0, k->p1) == RELU_OK, "f64 call", k->what, F64);
  for (enum dtype t = F16; t <= F64; ++t) {
    for (int i = 0; i < N; ++i) store(t, in, i, inputs[i]);
    check_dt(call(k, t, in, dyn_out, N, k->p0, k->p1) == RELU_OK, "status", k->what, t);
    if (k->fixed[t]) {
      check_dt(((static_fn)k->fixed[t])(in, fixed_out, N) == RELU_OK, "static status", k->what, t);
      check_dt(same_values(t, dyn_out, fixed_out, N), "bit-identical to the static kernel",
            k->what, t);
    }
    int close = 1;
    for (int i = 0; i < N; ++i) {
      /* The reference of the rounded input (f16/bf16 round some inputs). */
      double x = load(t, in, i), y = load(t, dyn_out, i);
      double r;
      char one_in[8], one_out[8];
      store(F64, one_in, 0, x);
      call(k, F64, one_in, one_out, 1, k->p0, k->p1);
      char rounded[8];
      store(t, rounded, 0, load(F64, one_out, 0));
      r = load(t, rounded, 0);
      if (isnan(r) ? !isnan(y)
                   : y != r && fabs(y - r) > tolerance[t] * fmax(fabs(r), floor_magnitude[t])) {
        if (close) printf("  x=%g y=%.17g ref=%.17g\n", x, y, r);
        close = 0;
      }
    }
    check_dt(close, "within tolerance of the float64 reference", k->what, t);
  }
}

/* A NaN parameter that no rule forbids is used as given, as a static NaN
 * would be (docs/semantics.md): leaky_relu keeps x > 0 and gives NaN
 * elsewhere, threshold replaces nothing, elu gives NaN for x <= 0. */
static void check_nan_slope(void) {
  float in[N], out[N];
  for (int i = 0; i < N; ++i) in[i] = (float)inputs[i];
  check_dt(leaky_relu_dyn_f32(in, out, N, NAN) == RELU_OK, "status", "leaky_relu NaN", F32);
  int ok = 1;
  for (int i = 0; i < N; ++i)
    ok &= in[i] > 0 ? out[i] == in[i] : isnan(out[i]);
  check_dt(ok, "x > 0 ? x : NaN", "leaky_relu NaN", F32);
  /* threshold: x <= NaN is false, so nothing is replaced. */
  check_dt(threshold_dyn_dyn_f32(in, out, N, NAN, 7.0f) == RELU_OK, "status", "threshold NaN", F32);
  ok = 1;
  for (int i = 0; i < N; ++i)
    ok &= isnan(in[i]) ? isnan(out[i]) : memcmp(&out[i], &in[i], 4) == 0;
  check_dt(ok, "x unchanged", "threshold NaN", F32);
  /* elu: NaN * expm1(x) for x <= 0, x above. */
  check_dt(elu_dyn_f32(in, out, N, NAN) == RELU_OK, "status", "elu NaN", F32);
  ok = 1;
  for (int i = 0; i < N; ++i)
    ok &= in[i] > 0 ? out[i] == in[i] : isnan(out[i]);
  check_dt(ok, "x > 0 ? x : NaN", "elu NaN", F32);
}

/* A run-time slope 0 computes x > 0 ? x : 0 * x: -0.0 for x < 0 and NaN
 * for -inf, as leaky_relu's definition (a constant 0 becomes relu). */
static void check_zero_slope(void) {
  float in[N], out[N];
  for (int i = 0; i < N; ++i) in[i] = (float)inputs[i];
  check_dt(leaky_relu_dyn_f32(in, out, N, 0.0f) == RELU_OK, "status", "leaky_relu 0", F32);
  int ok = 1;
  for (int i = 0; i < N; ++i) {
    if (in[i] > 0)
      ok &= out[i] == in[i];
    else if (isnan(in[i]) || isinf(in[i]))
      ok &= isnan(out[i]) != 0;
    else /* -0.0 for x < 0 and x = -0.0, +0.0 for x = +0.0 */
      ok &= out[i] == 0 && !signbit(out[i]) == (in[i] == 0 && !signbit(in[i]));
  }
  check_dt(ok, "x > 0 ? x : 0 * x", "leaky_relu 0", F32);
}

/* Parameters the verifier would reject statically are rejected at run time;
 * the output is not written. */
static void check_invalid(void) {
  float in[16] = {0}, out[16];
  double in64[16] = {0}, out64[16];
  memset(out, 0x5a, sizeof out);
  memset(out64, 0x5a, sizeof out64);
  struct { const char *what; int status; } results[] = {
      {"clamp min > max", clamp_dyn_dyn_f32(in, out, 16, 2.0f, 1.0f)},
      {"clamp NaN min", clamp_dyn_dyn_f32(in, out, 16, NAN, 1.0f)},
      {"clamp NaN max", clamp_dyn_dyn_f64(in64, out64, 16, 0.0, NAN)},
      {"clamp 0..max < 0", clamp_0_dyn_f32(in, out, 16, -1.0f)},
      {"celu alpha 0", celu_dyn_f32(in, out, 16, 0.0f)},
      {"celu alpha -0", celu_dyn_f64(in64, out64, 16, -0.0)},
      {"softplus beta 0", softplus_dyn_dyn_f32(in, out, 16, 0.0f, 20.0f)},
      {"celu alpha 0, n = 0", celu_dyn_f32(in, out, 0, 0.0f)},
  };
  for (size_t i = 0; i < sizeof(results) / sizeof(results[0]); ++i)
    check_dt(results[i].status == RELU_ERR_INVALID_ARGUMENT, "RELU_ERR_INVALID_ARGUMENT",
          results[i].what, F32);
  unsigned char expected[sizeof out];
  memset(expected, 0x5a, sizeof expected);
  check_dt(memcmp(out, expected, sizeof out) == 0 && memcmp(out64, expected, sizeof out) == 0,
        "output untouched", "invalid parameters", F32);
  /* The boundary cases are valid. */
  check_dt(clamp_0_dyn_f32(in, out, 16, 0.0f) == RELU_OK, "min == max", "clamp 0..0", F32);
  check_dt(clamp_dyn_dyn_f32(in, out, 16, -INFINITY, INFINITY) == RELU_OK, "infinite bounds",
        "clamp", F32);
}

int main(void) {
  make_inputs();
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); ++i)
    check_case(&cases[i]);
  check_nan_slope();
  check_zero_slope();
  check_invalid();
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
