/* Inputs of the C check applications: a fixed pseudo-random sequence and the
 * edge values every activation is checked on. */
#ifndef TEST_INPUTS_H
#define TEST_INPUTS_H

#include "dtype_io.h"

#include <float.h>

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static inline uint64_t next_random(void) { /* xorshift64* */
  rng_state ^= rng_state >> 12; rng_state ^= rng_state << 25; rng_state ^= rng_state >> 27;
  return rng_state * 2685821657736338717ull;
}
static inline double uniform(double lo, double hi) {
  return lo + (hi - lo) * (double)(next_random() >> 11) / 9007199254740992.0;
}

/* Edge values: specials, denormals, huge values, and every kink and branch
 * point of the activations with its neighbours. Returns their count (< 256). */
static inline int edge_values(float *out) {
  static const float specials[] = {
      0.0f, -0.0f, INFINITY, -INFINITY, 1e-45f, -1e-45f, 1.17549421e-38f,
      -1.17549421e-38f, FLT_MIN, -FLT_MIN, 1e-30f, -1e-30f, 1e30f, -1e30f,
      FLT_MAX, -FLT_MAX, 1e-7f, -1e-7f, 88.7f, -88.7f, 89.0f, -104.0f, 9.0f, -9.0f};
  static const float kinks[] = {0, 1, -1, 3, -3, 6, 0.5f, 20, -20, 10, 5, -5,
                                0.25f, 2, -2, 4, -4, 7.5f, -7.5f, 15, -15};
  int n = 0;
  out[n++] = NAN;
  out[n++] = -NAN;
  for (size_t i = 0; i < sizeof(specials) / sizeof(*specials); ++i) out[n++] = specials[i];
  for (size_t i = 0; i < sizeof(kinks) / sizeof(*kinks); ++i) {
    float k = kinks[i];
    out[n++] = k;
    out[n++] = nextafterf(k, INFINITY);
    out[n++] = nextafterf(k, -INFINITY);
    out[n++] = k + 1e-3f;
    out[n++] = k - 1e-3f;
  }
  return n;
}

/* The edge values first, then a mix of moderate, wide, tiny-to-huge and
 * arbitrary finite values, stored in dtype t. */
static inline void fill_inputs(enum dtype t, void *x, int64_t n) {
  float edges[256];
  int num_edges = edge_values(edges);
  for (int64_t i = 0; i < n; ++i) {
    double v;
    if (i < num_edges) {
      v = edges[i];
    } else {
      uint64_t r = next_random() % 4;
      if (r == 0) v = uniform(-12, 12);
      else if (r == 1) v = uniform(-100, 100);
      else if (r == 2) v = uniform(-1, 1) * ldexp(1.0, (int)(next_random() % 60) - 40);
      else v = bits_to_f32((uint32_t)next_random() & 0xff7fffffu); /* finite */
    }
    store(t, x, i, v);
  }
}

#endif
