/* Error measures of the C check applications (and bench/accuracy): ULPs of
 * f32 results, ULP distance of f16/bf16 results from the correctly rounded
 * reference, and bitwise equality up to NaN payloads. */
#ifndef ULP_H
#define ULP_H

#include "dtype_io.h"

#include <float.h>
#include <stdlib.h>

/* Position of a 16-bit float on the number line, in ULPs (+-0 coincide). */
static inline int32_t ordered16(uint16_t u) {
  return (u & 0x8000) ? -(int32_t)(u & 0x7fff) : (int32_t)u;
}

/* ULP distance when one side is infinite: 0 if equal, 1 between +-FLT_MAX
 * and the infinity of the same sign (the overflow boundary), else inf. */
static inline double inf_distance(double y, double rf) {
  if (y == rf) return 0;
  if ((isinf(y) && fabs(rf) == FLT_MAX && (y > 0) == (rf > 0)) ||
      (isinf(rf) && fabs(y) == FLT_MAX && (y > 0) == (rf > 0)))
    return 1;
  return INFINITY;
}

/* One f32 ULP at the magnitude of r (subnormal ULP below FLT_MIN). */
static inline double ulp_f32(double r) {
  int e;
  frexp(r, &e); /* r = m * 2^e, 0.5 <= |m| < 1 */
  if (e - 1 < -126) e = -125;
  return ldexp(1.0, e - 1 - 23);
}

/* The error of element i of `out` (dtype t, not NaN) against the float64
 * reference r (not NaN): f32 in ULPs of r; f16/bf16 in ULPs from r correctly
 * rounded; f64 0 when within 1e-15 relative, else inf. */
static inline double ulp_error(enum dtype t, const void *out, int64_t i, double r) {
  double y = load(t, out, i);
  if (t == F32) {
    float rf = (float)r;
    return isinf(rf) || isinf(y) ? inf_distance(y, rf) : fabs(y - r) / ulp_f32(r);
  }
  if (t == F64) return (y == r || fabs(y - r) <= 1e-15 * fabs(r)) ? 0 : INFINITY;
  float odd = round_to_odd(r);
  uint16_t cr = t == BF16 ? f32_to_bf16(odd) : f32_to_f16(odd);
  return abs(ordered16(((const uint16_t *)out)[i]) - ordered16(cr));
}

/* Element i of a and b agree: the same bits, or both NaN (IEEE 754 leaves a
 * NaN result's sign and payload open; vector loops, their tails and other
 * targets may produce different ones). */
static inline int same_value(enum dtype t, const void *a, const void *b, int64_t i) {
  size_t es = dtype_bytes[t];
  if (memcmp((const char *)a + (size_t)i * es, (const char *)b + (size_t)i * es, es) == 0)
    return 1;
  return isnan(load(t, a, i)) && isnan(load(t, b, i));
}

static inline int same_values(enum dtype t, const void *a, const void *b, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    if (!same_value(t, a, b, i)) return 0;
  return 1;
}

#endif
