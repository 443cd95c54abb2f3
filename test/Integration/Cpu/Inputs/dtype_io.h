/* Element types of the C check applications: f64 loads and stores of
 * f16/bf16/f32/f64 buffers (halves rounded once, correctly, from a double). */
#ifndef DTYPE_IO_H
#define DTYPE_IO_H

#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

enum dtype { F16, BF16, F32, F64 };
static const char *dtype_names[] = {"f16", "bf16", "f32", "f64"};
static const size_t dtype_bytes[] = {2, 2, 4, 8};

static inline float bits_to_f32(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static inline uint32_t f32_to_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline float bf16_to_f32(uint16_t b) { return bits_to_f32((uint32_t)b << 16); }
static inline uint16_t f32_to_bf16(float f) { /* round to nearest even */
  uint32_t u = f32_to_bits(f);
  if ((u & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((u >> 16) | 0x40);
  u += 0x7fffu + ((u >> 16) & 1u);
  return (uint16_t)(u >> 16);
}
static inline float f16_to_f32(uint16_t h) { _Float16 v; memcpy(&v, &h, 2); return (float)v; }
static inline uint16_t f32_to_f16(float f) { _Float16 v = (_Float16)f; uint16_t h; memcpy(&h, &v, 2); return h; }

/* double -> float rounded to odd, so that a second rounding to a narrower
 * type is correct rounding of the double. */
static inline float round_to_odd(double r) {
  if (isnan(r) || isinf(r)) return (float)r;
  int mode = fegetround();
  fesetround(FE_TOWARDZERO);
  volatile float f = (float)r;
  fesetround(mode);
  if ((double)f != r && !isinf(f)) f = bits_to_f32(f32_to_bits(f) | 1u);
  return f;
}

static inline double load(enum dtype t, const void *p, int64_t i) {
  switch (t) {
  case F16: return f16_to_f32(((const uint16_t *)p)[i]);
  case BF16: return bf16_to_f32(((const uint16_t *)p)[i]);
  case F32: return ((const float *)p)[i];
  default: return ((const double *)p)[i];
  }
}
static inline void store(enum dtype t, void *p, int64_t i, double v) {
  switch (t) {
  case F16: ((uint16_t *)p)[i] = f32_to_f16(round_to_odd(v)); break;
  case BF16: ((uint16_t *)p)[i] = f32_to_bf16(round_to_odd(v)); break;
  case F32: ((float *)p)[i] = (float)v; break;
  default: ((double *)p)[i] = v; break;
  }
}

/* Machine epsilon of dtype t. */
static inline double eps_of(enum dtype t) {
  static const int mantissa[] = {10, 7, 23, 52};
  return ldexp(1.0, -mantissa[t]);
}

#endif
