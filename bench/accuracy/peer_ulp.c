/* Accuracy of oneDNN's f32 eltwise peers beside ours: every STRIDE-th f32
 * bit pattern through oneDNN's primitive (bench/activations.def's peer of
 * each activation that has one) and through our f32 kernel, both measured
 * against our float64 reference with ulp.h's measure (f32 ULPs for results
 * of magnitude >= 2^-60), over all inputs and over |x| <= 4 (where
 * activations are mostly used; far tails are where approximations that lose
 * relative accuracy show it). Prints a markdown table. Built and run by
 * bench/accuracy/peers.sh [--stride N]. */
#define _GNU_SOURCE
#include "kernels.h"

#include "ulp.h"

#include <dnnl.h>
#include <stdio.h>
#include <string.h>

typedef int (*unary_fn)(const void *, void *, int64_t);
struct peer {
  const char *spec, *note;
  unary_fn f32, f64;
  dnnl_alg_kind_t alg;
  float alpha, beta;
};
#define UNARY_PEER(spec, stem, alg, alpha, beta, note) \
  {spec, note, (unary_fn)stem##_f32, (unary_fn)stem##_f64, alg, alpha, beta},
#define CHANNEL_PEER(spec, stem, alg, alpha, beta, note)
#define ACT(spec, stem, kind, cls, alg, alpha, beta, note, bwd_alg, bwd_saved) \
  kind##_PEER(spec, stem, alg, alpha, beta, note)
static const struct peer peers[] = {
#include "../activations.def" /* bench/activations.def */
};
#undef ACT

#define CHUNK (1 << 20)

struct worst { double ulp, x; long long nan_mismatch; };

static void account(struct worst *w, const float *y, int64_t i, double x, double r) {
  if (isnan(r) || isnan(y[i])) {
    w->nan_mismatch += isnan(r) != isnan(y[i]);
    return;
  }
  double e = fabs(r) < 0x1p-60 ? 0 : ulp_error(F32, y, i, r);
  if (e > w->ulp) w->ulp = e, w->x = x;
}

int main(int argc, char **argv) {
  uint64_t stride = argc == 3 && strcmp(argv[1], "--stride") == 0 ? strtoull(argv[2], NULL, 10) : 0;
  if (stride < 1) {
    fprintf(stderr, "usage: %s --stride N (N >= 1; 1: all 2^32 f32 inputs)\n", argv[0]);
    return 2;
  }
  dnnl_engine_t engine;
  dnnl_stream_t stream;
  if (dnnl_engine_create(&engine, dnnl_cpu, 0) || dnnl_stream_create(&stream, engine, dnnl_stream_default_flags))
    return 1;
  static float x[CHUNK], ours[CHUNK], theirs[CHUNK];
  static double xd[CHUNK], ref[CHUNK];
  dnnl_dims_t dims = {CHUNK};
  dnnl_memory_desc_t md;
  dnnl_memory_desc_init_by_tag(&md, 1, dims, dnnl_f32, dnnl_a);
  dnnl_memory_t src, dst;
  dnnl_memory_create(&src, &md, engine, x);
  dnnl_memory_create(&dst, &md, engine, theirs);
  printf("| activation | oneDNN peer | ours: max ULP | at x | oneDNN: max ULP | at x | oneDNN, \\|x\\| <= 4 | at x | oneDNN NaN mismatches |\n");
  printf("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (size_t k = 0; k < sizeof peers / sizeof *peers; ++k) {
    const struct peer *p = &peers[k];
    if (p->alg == dnnl_alg_kind_undef) continue;
    dnnl_eltwise_desc_t d;
    dnnl_primitive_desc_t pd;
    dnnl_primitive_t prim;
    if (dnnl_eltwise_forward_desc_init(&d, dnnl_forward_inference, p->alg, &md, p->alpha, p->beta) ||
        dnnl_primitive_desc_create(&pd, &d, NULL, engine, NULL) || dnnl_primitive_create(&prim, pd)) {
      fprintf(stderr, "%s: no oneDNN primitive\n", p->spec);
      return 1;
    }
    dnnl_exec_arg_t args[] = {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}};
    struct worst w_ours = {0, 0, 0}, w_theirs = {0, 0, 0}, w_core = {0, 0, 0};
    for (uint64_t base = 0; base < (1ull << 32); base += (uint64_t)CHUNK * stride) {
      int n = 0;
      for (uint64_t b = base; b < (1ull << 32) && n < CHUNK; b += stride, ++n)
        x[n] = bits_to_f32((uint32_t)b), xd[n] = x[n];
      for (int i = n; i < CHUNK; ++i) x[i] = 0; /* the primitive runs on CHUNK elements */
      p->f32(x, ours, n);
      p->f64(xd, ref, n);
      dnnl_primitive_execute(prim, stream, 2, args);
      dnnl_stream_wait(stream);
      for (int i = 0; i < n; ++i) {
        account(&w_ours, ours, i, xd[i], ref[i]);
        account(&w_theirs, theirs, i, xd[i], ref[i]);
        if (fabs(xd[i]) <= 4) account(&w_core, theirs, i, xd[i], ref[i]);
      }
    }
    printf("| %s | %s | %.2f | %.9g | %.3g | %.9g | %.3g | %.9g | %lld |\n", p->spec,
           p->note[0] ? p->note : "same function", w_ours.ulp, w_ours.x, w_theirs.ulp, w_theirs.x,
           w_core.ulp, w_core.x, w_theirs.nan_mismatch);
    fflush(stdout);
    dnnl_primitive_destroy(prim);
    dnnl_primitive_desc_destroy(pd);
  }
  printf("\nf32 inputs checked: every %llu-th of 2^32 bit patterns; errors of results below 2^-60 in "
         "magnitude are not counted\n", (unsigned long long)stride);
  return 0;
}
