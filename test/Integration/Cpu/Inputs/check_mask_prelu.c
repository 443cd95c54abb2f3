/* Checks the kernels relu-cc --grad builds beyond dx from x or y:
 *   (a) `<name>_forward_with_mask_<dtype>(x, y, mask, n)` (a weak symbol:
 *       relu-cc decides which activations have one): y equal bit for bit to
 *       the forward kernel's; mask bit i set exactly where the f64 backward
 *       kernel's slope at x[i] is the slope of the elements whose bit is set,
 *       and the two sets of slopes are single, different values (the f64
 *       derivative takes two values; the mask names them); unused high bits 0;
 *   (b) `<name>_backward_from_mask_<dtype>(dy, mask, dx, n)` equal bit for bit
 *       to `<name>_backward_<dtype>(dy, x, dx, n)`;
 *   (c) prelu's `prelu_backward_<dtype>(dy, x, slope, dx, dslope, outer,
 *       channels, inner)`: dx against the f64 kernel (eps * max(|dx|, |dy|))
 *       and d slope against a float64 sum (bound below); the f64 kernel against
 *       central finite differences of the f64 forward kernel, in x and in the
 *       slope;
 *   (d) sizes 0, 1, 7, 8, 9, 15, 16, 17, 1000003 (prelu: several shapes),
 *       unaligned pointers, in place (y == x, dx == dy), and the shim's codes
 *       for NULL, negative sizes and overlapping buffers.
 * Prints "N passed, M failed" and the list of activations with a mask. */
#define _GNU_SOURCE
#include "kernels.h"

#include <float.h>
#include <stdio.h>
#include <stdlib.h>

#include "check_report.h"
#include "dtype_io.h"

typedef int (*unary_fn)(const void *, void *, int64_t);
typedef int (*binary_fn)(const void *, const void *, void *, int64_t);
typedef int (*masked_fn)(const void *, void *, uint8_t *, int64_t);
typedef int (*from_mask_fn)(const void *, const uint8_t *, void *, int64_t);
typedef int (*prelu_fn)(const void *, const void *, void *, int64_t, int64_t, int64_t);
typedef int (*prelu_bwd_fn)(const void *, const void *, const void *, void *, void *, int64_t,
                            int64_t, int64_t);

#define WEAK(name, dt, T)                                                                  \
  extern int name##_forward_with_mask_##dt(const T *, T *, uint8_t *, int64_t)              \
      __attribute__((weak));                                                               \
  extern int name##_backward_from_mask_##dt(const T *, const uint8_t *, T *, int64_t)       \
      __attribute__((weak));
#define X(name, spec, kind, f32b, halfb)                                                   \
  WEAK(name, f16, relu_f16_t) WEAK(name, bf16, relu_bf16_t) WEAK(name, f32, float)          \
  WEAK(name, f64, double)
#include "activations.def"
#undef X

struct activation {
  const char *name;
  unary_fn forward[4];
  binary_fn backward[4];
  masked_fn with_mask[4];
  from_mask_fn from_mask[4];
};
#define X(name, spec, kind, f32b, halfb)                                                   \
  {spec,                                                                                   \
   {(unary_fn)name##_f16, (unary_fn)name##_bf16, (unary_fn)name##_f32, (unary_fn)name##_f64}, \
   {(binary_fn)name##_backward_f16, (binary_fn)name##_backward_bf16,                       \
    (binary_fn)name##_backward_f32, (binary_fn)name##_backward_f64},                       \
   {(masked_fn)name##_forward_with_mask_f16, (masked_fn)name##_forward_with_mask_bf16,     \
    (masked_fn)name##_forward_with_mask_f32, (masked_fn)name##_forward_with_mask_f64},     \
   {(from_mask_fn)name##_backward_from_mask_f16, (from_mask_fn)name##_backward_from_mask_bf16, \
    (from_mask_fn)name##_backward_from_mask_f32, (from_mask_fn)name##_backward_from_mask_f64}},
static const struct activation activations[] = {
#include "activations.def"
};
#undef X
#define NUM_ACTIVATIONS ((int)(sizeof(activations) / sizeof(activations[0])))

static const prelu_fn prelu_forward[] = {(prelu_fn)prelu_f16, (prelu_fn)prelu_bf16,
                                         (prelu_fn)prelu_f32, (prelu_fn)prelu_f64};
static const prelu_bwd_fn prelu_backward[] = {
    (prelu_bwd_fn)prelu_backward_f16, (prelu_bwd_fn)prelu_backward_bf16,
    (prelu_bwd_fn)prelu_backward_f32, (prelu_bwd_fn)prelu_backward_f64};

/* prelu dx: f16/bf16 computed in f32 and rounded once (<= 0.5 eps), f32
 * exact but for the product (<= 0.5 eps). */
#define DX_BOUND 1.0
/* d slope[c] = sum over m = outer * inner terms: the kernel sums vectors of
 * 16 lanes (then the lanes) in the compute type, f32 for f32 and halves, so
 * |error| <= (m / 16 + 16) * eps_f32 * sum |terms| (the usual recursive
 * summation bound with m / 16 + 16 additions in a chain), plus the final
 * rounding to a half (0.5 eps_half |sum|). f64 likewise with eps_f64. */
#define FD_TOLERANCE 1e-8

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static double uniform(double lo, double hi) { /* xorshift64* */
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  uint64_t r = rng_state * 0x2545F4914F6CDD1Dull;
  return lo + (hi - lo) * (double)(r >> 11) * 0x1.0p-53;
}

/* x: kinks of the piecewise-linear activations (0, +-3, 6, 0.5, +-1), their
 * neighbours, +-0, +-inf, NaN, and uniform values; dy uniform on [-2, 2]. */
static double sample_x(int64_t i) {
  static const double special[] = {0.0, -0.0, 3.0, -3.0, 6.0, 0.5, 1.0, -1.0,
                                    INFINITY, -INFINITY, NAN, 1e-30, -1e-30};
  int64_t k = i % 40;
  if (k < 13) return special[k];
  if (k < 20) return special[k - 13] + uniform(-1e-3, 1e-3);
  return uniform(-8, 8);
}

static void *alloc_bytes(size_t n) { return malloc(n + 64); }

/* ---- (a), (b): masks ------------------------------------------------------- */

static const int64_t sizes[] = {0, 1, 7, 8, 9, 15, 16, 17, 1000003};
#define NUM_SIZES ((int)(sizeof(sizes) / sizeof(sizes[0])))

static void check_mask(const struct activation *a, enum dtype t) {
  const char *dt = dtype_names[t];
  size_t eb = dtype_bytes[t];
  int64_t max_n = 1000003;
  char *xb = alloc_bytes(max_n * eb), *yb = alloc_bytes(max_n * eb), *y2b = alloc_bytes(max_n * eb);
  char *dyb = alloc_bytes(max_n * eb), *dxb = alloc_bytes(max_n * eb), *dx2b = alloc_bytes(max_n * eb);
  double *x64 = malloc(max_n * 8), *one = malloc(max_n * 8), *slope = malloc(max_n * 8);
  uint8_t *mb = alloc_bytes((max_n + 7) / 8);
  for (int s = 0; s < NUM_SIZES; ++s) {
    int64_t n = sizes[s];
    /* Unaligned: every buffer one byte off (halves and floats misaligned). */
    int off = s % 2;
    char *x = xb + off, *y = yb + off, *y2 = y2b + off, *dy = dyb + off, *dx = dxb + off,
         *dx2 = dx2b + off;
    uint8_t *m = mb + off;
    for (int64_t i = 0; i < n; ++i) {
      store(t, x, i, sample_x(i));
      store(t, dy, i, uniform(-2, 2));
      x64[i] = load(t, x, i);
      one[i] = 1.0;
    }
    memset(m, 0xA5, (n + 7) / 8);
    int ok = a->with_mask[t](x, y, m, n) == RELU_OK && a->forward[t](x, y2, n) == RELU_OK;
    check(ok && memcmp(y, y2, n * eb) == 0, "forward_with_mask y == forward y", a->name, dt);
    /* The f64 slope at each x. */
    a->backward[F64](one, x64, slope, n);
    int64_t first_set = -1, first_clear = -1, bad = 0;
    for (int64_t i = 0; i < n; ++i) {
      int bit = (m[i / 8] >> (i % 8)) & 1;
      int64_t *first = bit ? &first_set : &first_clear;
      if (*first < 0) *first = i;
      else if (memcmp(&slope[i], &slope[*first], 8) != 0 &&
               !(isnan(slope[i]) && isnan(slope[*first])))
        ++bad;
    }
    if (first_set >= 0 && first_clear >= 0 && slope[first_set] == slope[first_clear]) ++bad;
    if (n % 8 && (m[n / 8] >> (n % 8)) != 0) ++bad;
    check(!bad, "mask bits name the f64 derivative's two values", a->name, dt);
    ok = a->from_mask[t](dy, m, dx, n) == RELU_OK && a->backward[t](dy, x, dx2, n) == RELU_OK;
    check(ok && memcmp(dx, dx2, n * eb) == 0, "dx from the mask == dx from x", a->name, dt);
    /* In place: y == x, dx == dy. */
    memcpy(y, x, n * eb);
    ok = a->with_mask[t](y, y, m, n) == RELU_OK;
    check(ok && memcmp(y, y2, n * eb) == 0, "forward_with_mask in place", a->name, dt);
    memcpy(dx, dy, n * eb);
    ok = a->from_mask[t](dx, m, dx, n) == RELU_OK;
    check(ok && memcmp(dx, dx2, n * eb) == 0, "backward_from_mask in place", a->name, dt);
  }
  /* The shim's checks. */
  check(a->with_mask[t](NULL, yb, mb, 3) == RELU_ERR_NULL_POINTER &&
            a->with_mask[t](xb, yb, NULL, 3) == RELU_ERR_NULL_POINTER &&
            a->from_mask[t](dyb, NULL, dxb, 3) == RELU_ERR_NULL_POINTER,
        "NULL -> RELU_ERR_NULL_POINTER", a->name, dt);
  check(a->with_mask[t](xb, yb, mb, -1) == RELU_ERR_NEGATIVE_COUNT &&
            a->from_mask[t](dyb, mb, dxb, -1) == RELU_ERR_NEGATIVE_COUNT,
        "n < 0 -> RELU_ERR_NEGATIVE_COUNT", a->name, dt);
  check(a->with_mask[t](NULL, NULL, NULL, 0) == RELU_OK, "n == 0 with NULL", a->name, dt);
  check(a->with_mask[t](xb, yb, (uint8_t *)yb + 1, 64) == RELU_ERR_OVERLAP &&
            a->with_mask[t](xb, xb, (uint8_t *)xb, 64) == RELU_ERR_OVERLAP &&
            a->from_mask[t](dyb, (uint8_t *)dxb, dxb, 64) == RELU_ERR_OVERLAP,
        "mask overlapping data -> RELU_ERR_OVERLAP", a->name, dt);
  free(xb), free(yb), free(y2b), free(dyb), free(dxb), free(dx2b), free(x64), free(one);
  free(slope), free(mb);
}

/* ---- (c): prelu ------------------------------------------------------------ */

static double max_dx_err[4], max_ds_ratio[4], max_fd_err;

static void check_prelu(enum dtype t, int64_t outer, int64_t channels, int64_t inner) {
  const char *dt = dtype_names[t];
  size_t eb = dtype_bytes[t];
  int64_t total = outer * channels * inner, cs = channels > 0 ? channels : 1;
  int off = (int)(total % 2);
  char *xb = alloc_bytes(total * eb), *dyb = alloc_bytes(total * eb), *dxb = alloc_bytes(total * eb);
  char *sb = alloc_bytes(cs * eb), *dsb = alloc_bytes(cs * eb);
  char *x = xb + off, *dy = dyb + off, *dx = dxb + off, *s = sb + off, *ds = dsb + off;
  double *x64 = malloc(total * 8 + 8), *dy64 = malloc(total * 8 + 8), *s64 = malloc(cs * 8);
  double *dx64 = malloc(total * 8 + 8), *ds64 = malloc(cs * 8);
  for (int64_t i = 0; i < total; ++i) {
    store(t, x, i, i % 7 == 0 ? 0.0 : uniform(-4, 4));
    store(t, dy, i, uniform(-2, 2));
    x64[i] = load(t, x, i);
    dy64[i] = load(t, dy, i);
  }
  for (int64_t c = 0; c < cs; ++c) {
    store(t, s, c, uniform(-1, 1));
    s64[c] = load(t, s, c);
  }
  int ok = prelu_backward[t](dy, x, s, dx, ds, outer, channels, inner) == RELU_OK &&
           prelu_backward[F64](dy64, x64, s64, dx64, ds64, outer, channels, inner) == RELU_OK;
  check(ok, "prelu_backward returns RELU_OK", "prelu", dt);
  /* Below the smallest normal number, the error of a subnormal result. */
  static const double min_normal[] = {0x1p-14, 0x1p-126, 0x1p-126, 0x1p-1022};
  double eps = eps_of(t), worst = 0;
  for (int64_t i = 0; i < total; ++i) {
    double scale = fmax(fmax(fabs(dx64[i]), fabs(dy64[i])), min_normal[t]);
    double e = fabs(load(t, dx, i) - dx64[i]) / (eps * scale);
    if (!(e <= DX_BOUND)) worst = INFINITY;
    else if (e > worst) worst = e;
  }
  if (worst > max_dx_err[t]) max_dx_err[t] = worst;
  check(worst <= DX_BOUND, "dx vs the f64 kernel", "prelu", dt);
  /* d slope against a float64 sum computed here. */
  double sum_eps = t == F64 ? DBL_EPSILON / 2 : FLT_EPSILON / 2;
  double m = (double)outer * inner, ds_worst = 0;
  for (int64_t c = 0; c < channels; ++c) {
    double ref = 0, abs_sum = 0;
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t k = 0; k < inner; ++k) {
        int64_t i = (o * channels + c) * inner + k;
        double term = dy64[i] * (x64[i] > 0 ? 0.0 : x64[i]);
        ref += term;
        abs_sum += fabs(term);
      }
    double bound = (m / 16 + 16) * sum_eps * abs_sum + (t < F32 ? eps / 2 * fabs(ref) : 0);
    double err = fabs(load(t, ds, c) - ref);
    double ratio = bound > 0 ? err / bound : (err == 0 ? 0 : INFINITY);
    if (!(ratio <= ds_worst)) ds_worst = isnan(ratio) ? INFINITY : ratio;
  }
  if (ds_worst > max_ds_ratio[t]) max_ds_ratio[t] = ds_worst;
  check(ds_worst <= 1, "d slope vs the float64 sum", "prelu", dt);
  /* f64: central finite differences of the forward kernel. */
  if (t == F64 && total > 0 && total <= 4096) {
    double *yp = malloc(total * 8), *ym = malloc(total * 8), *xp = malloc(total * 8);
    double fd_worst = 0;
    for (int64_t i = 0; i < total; ++i) {
      double h = 1e-6 * fmax(1, fabs(x64[i]));
      if (fabs(x64[i]) < 2 * h) continue; /* the kink */
      memcpy(xp, x64, total * 8);
      xp[i] = x64[i] + h;
      prelu_forward[F64](xp, s64, yp, outer, channels, inner);
      xp[i] = x64[i] - h;
      prelu_forward[F64](xp, s64, ym, outer, channels, inner);
      double fd = dy64[i] * (yp[i] - ym[i]) / (2 * h);
      fd_worst = fmax(fd_worst, fabs(fd - dx64[i]) / fmax(1, fabs(dx64[i])));
    }
    for (int64_t c = 0; c < channels; ++c) {
      double h = 1e-6, sp[cs], fd = 0;
      memcpy(sp, s64, cs * 8);
      sp[c] = s64[c] + h;
      prelu_forward[F64](x64, sp, yp, outer, channels, inner);
      sp[c] = s64[c] - h;
      prelu_forward[F64](x64, sp, ym, outer, channels, inner);
      for (int64_t i = 0; i < total; ++i) fd += dy64[i] * (yp[i] - ym[i]) / (2 * h);
      fd_worst = fmax(fd_worst, fabs(fd - ds64[c]) / fmax(1, fabs(ds64[c])));
    }
    if (fd_worst > max_fd_err) max_fd_err = fd_worst;
    check(fd_worst <= FD_TOLERANCE, "f64 dx and d slope vs finite differences", "prelu", dt);
    free(yp), free(ym), free(xp);
  }
  /* In place: dx == dy gives the same dx and d slope. */
  if (total > 0) {
    char *dx2 = malloc(total * eb), *ds2 = malloc(cs * eb);
    memcpy(dx2, dy, total * eb);
    ok = prelu_backward[t](dx2, x, s, dx2, ds2, outer, channels, inner) == RELU_OK;
    check(ok && memcmp(dx2, dx, total * eb) == 0 && memcmp(ds2, ds, channels * eb) == 0,
          "in place (dx == dy)", "prelu", dt);
    free(dx2), free(ds2);
  }
  free(xb), free(dyb), free(dxb), free(sb), free(dsb), free(x64), free(dy64), free(s64);
  free(dx64), free(ds64);
}

static void check_prelu_codes(enum dtype t) {
  const char *dt = dtype_names[t];
  char buf[4096];
  char *x = buf, *dy = buf + 1024, *dx = buf + 2048, *s = buf + 3072, *ds = buf + 3584;
  check(prelu_backward[t](NULL, x, s, dx, ds, 2, 3, 4) == RELU_ERR_NULL_POINTER &&
            prelu_backward[t](dy, x, s, dx, NULL, 2, 3, 4) == RELU_ERR_NULL_POINTER,
        "NULL -> RELU_ERR_NULL_POINTER", "prelu", dt);
  check(prelu_backward[t](dy, x, s, dx, ds, -1, 3, 4) == RELU_ERR_NEGATIVE_COUNT &&
            prelu_backward[t](dy, x, s, dx, ds, 2, -3, 4) == RELU_ERR_NEGATIVE_COUNT,
        "negative size -> RELU_ERR_NEGATIVE_COUNT", "prelu", dt);
  check(prelu_backward[t](dy, x, s, dx, dx + 8, 2, 3, 4) == RELU_ERR_OVERLAP,
        "d slope inside dx -> RELU_ERR_OVERLAP", "prelu", dt);
  /* No elements: d slope is a sum of nothing. */
  memset(ds, 0x7f, 64);
  check(prelu_backward[t](NULL, NULL, s, NULL, ds, 0, 3, 4) == RELU_OK &&
            load(t, ds, 0) == 0 && load(t, ds, 2) == 0,
        "outer == 0 gives d slope 0", "prelu", dt);
}

int main(void) {
  printf("mask variants:");
  for (int a = 0; a < NUM_ACTIVATIONS; ++a) {
    int have = 0;
    for (int t = 0; t < 4; ++t) have += activations[a].with_mask[t] && activations[a].from_mask[t];
    check(have == 0 || have == 4, "mask variants for every dtype or none", activations[a].name, "");
    if (!have) continue;
    printf(" %s", activations[a].name);
    for (int t = 0; t < 4; ++t) check_mask(&activations[a], (enum dtype)t);
  }
  printf("\n");
  static const int64_t shapes[][3] = {{0, 3, 5}, {1, 1, 1},  {2, 3, 7},   {5, 16, 17},
                                      {3, 64, 1}, {4, 1, 9}, {2, 7, 1000}, {64, 32, 300}};
  for (int t = 0; t < 4; ++t) {
    for (size_t k = 0; k < sizeof(shapes) / sizeof(shapes[0]); ++k)
      check_prelu((enum dtype)t, shapes[k][0], shapes[k][1], shapes[k][2]);
    check_prelu_codes((enum dtype)t);
  }
  for (int t = 0; t < 4; ++t)
    printf("prelu %s: dx max %.3g eps*max(|dx|,|dy|), d slope max %.3g of its bound\n",
           dtype_names[t], max_dx_err[t], max_ds_ratio[t]);
  printf("prelu f64 vs finite differences: %.3g\n", max_fd_err);
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
