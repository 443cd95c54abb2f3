/* Compares backward kernels two ways compiled: <name>_backward_<dtype> (the
 * GPU kernels, emulated on the CPU by relu-cc --emulate-gpu) and
 * <name>_cpubwd_<dtype> (the CPU pipeline, same act.grad definitions). Both
 * evaluate the same derived scalar function with IEEE operations, so they
 * must agree bit for bit (NaNs: any NaN), except that on CPUs with
 * AVX512_BF16 the CPU kernels flush subnormal bf16 results to zero
 * (vcvtneps2bf16, docs/semantics.md) where the GPU kernels round them.
 * Inputs: random values, the edge values and kinks, unaligned pointers,
 * several sizes. */
#include "cpu.h"
#include "gpu.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*bwd_fn)(const void *, const void *, void *, int64_t);
struct kernel { const char *name, *dtype; bwd_fn gpu, cpu; size_t bytes; };

#define X(name, spec, kind, f32b, halfb)                                              \
  {#name, "f32", (bwd_fn)name##_backward_f32, (bwd_fn)name##_cpubwd_f32, 4},          \
  {#name, "bf16", (bwd_fn)name##_backward_bf16, (bwd_fn)name##_cpubwd_bf16, 2},       \
  {#name, "f16", (bwd_fn)name##_backward_f16, (bwd_fn)name##_cpubwd_f16, 2},
static const struct kernel kernels[] = {
#include "activations.def"
};
#undef X

static uint64_t state = 0x2545F4914F6CDD1Dull;
static uint64_t next(void) {
  state ^= state >> 12; state ^= state << 25; state ^= state >> 27;
  return state * 2685821657736338717ull;
}

static void fill(void *p, size_t bytes, int64_t n) {
  static const float edges[] = {0.0f, -0.0f, INFINITY, -INFINITY, NAN, 1e-45f, -1e-45f,
                                1e-30f, -1e-30f, 3e38f, -3e38f, 1, -1, 3, -3, 6, 20, -20,
                                0.5f, -0.5f, 10, 88.7f, -88.7f, -104};
  for (int64_t i = 0; i < n; ++i) {
    float v;
    uint64_t r = next();
    if (i < (int64_t)(sizeof(edges) / sizeof(*edges))) v = edges[i];
    else if (r % 3 == 0) v = (float)((int64_t)(r >> 40) - (1 << 23)) / (float)(1 << 19);
    else if (r % 3 == 1) v = ldexpf((float)(r >> 41) / (float)(1 << 23) - 0.5f, (int)(r % 40) - 20);
    else { uint32_t u = (uint32_t)(r >> 32); memcpy(&v, &u, 4); }
    if (bytes == 4) {
      ((float *)p)[i] = v;
    } else if (r & 1) { /* bf16 or f16 bit patterns: take the high half */
      uint32_t u; memcpy(&u, &v, 4); ((uint16_t *)p)[i] = (uint16_t)(u >> 16);
    } else {
      ((uint16_t *)p)[i] = (uint16_t)(r >> 16);
    }
  }
}

static int is_nan(const void *p, size_t bytes, int64_t i, const char *dtype) {
  if (bytes == 4) { float f; memcpy(&f, (const char *)p + 4 * i, 4); return isnan(f); }
  uint16_t h = ((const uint16_t *)p)[i];
  if (strcmp(dtype, "bf16") == 0) return (h & 0x7f80) == 0x7f80 && (h & 0x7f);
  return (h & 0x7c00) == 0x7c00 && (h & 0x3ff);
}

/* The CPU's bf16 result is a zero where the GPU's is a subnormal, or the
 * smallest normal a value just below it rounds to, of the same sign (the
 * CPU's vcvtneps2bf16 flushed the f32 value below 2^-126). */
static int flushed_bf16(const void *gpu, const void *cpu, int64_t i) {
  uint16_t g = ((const uint16_t *)gpu)[i], c = ((const uint16_t *)cpu)[i];
  return (c & 0x7fff) == 0 && (g & 0x7fff) != 0 && (g & 0x7fff) <= 0x0080 &&
         (g & 0x8000) == (c & 0x8000);
}

int main(void) {
  const int64_t n = 100003;
  const int64_t sizes[] = {n, 1, 7, 17, 4099};
  int failed = 0, compared = 0;
  for (size_t k = 0; k < sizeof(kernels) / sizeof(*kernels); ++k) {
    const struct kernel *kn = &kernels[k];
    size_t es = kn->bytes;
    char *dy = malloc((n + 8) * es), *x = malloc((n + 8) * es);
    char *a = malloc((n + 8) * es), *b = malloc((n + 8) * es);
    fill(dy, es, n + 8);
    fill(x, es, n + 8);
    for (int s = 0; s < 5; ++s)
      for (int off = 0; off < 3; ++off) {
        int64_t m = sizes[s];
        /* dy, x and dx at different offsets: scalar, head and vector paths. */
        const char *pdy = dy + off * es, *px = x + (off == 2 ? 0 : off) * es;
        char *pa = a + (off == 1 ? 3 : off) * es, *pb = b + (off == 1 ? 3 : off) * es;
        int sa = kn->gpu(pdy, px, pa, m), sb = kn->cpu(pdy, px, pb, m);
        int same = sa == RELU_OK && sb == RELU_OK;
        for (int64_t i = 0; same && i < m; ++i)
          if (memcmp(pa + i * es, pb + i * es, es) != 0 &&
              !(is_nan(pa, es, i, kn->dtype) && is_nan(pb, es, i, kn->dtype)) &&
              !(strcmp(kn->dtype, "bf16") == 0 && flushed_bf16(pa, pb, i))) {
            printf("FAIL: %s_backward_%s: n=%lld offset %d: element %lld differs "
                   "(dy %04x, x %04x: %04x vs %04x on the CPU)\n",
                   kn->name, kn->dtype, (long long)m, off, (long long)i,
                   es == 2 ? ((const uint16_t *)pdy)[i] : 0, es == 2 ? ((const uint16_t *)px)[i] : 0,
                   es == 2 ? ((const uint16_t *)pa)[i] : 0, es == 2 ? ((const uint16_t *)pb)[i] : 0);
            same = 0;
          }
        failed += !same;
        ++compared;
      }
    free(dy); free(x); free(a); free(b);
  }
  printf("%d backward kernels x sizes x offsets compared, %d differ\n", compared, failed);
  return failed != 0;
}
