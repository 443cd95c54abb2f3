/* bench/fusion: each fused group (relu-cc --fuse) against the unfused
 * sequence of relu-mlir kernels (unfused.mlir) and against oneDNN (binary
 * with eltwise / binary post-ops) where oneDNN has the group, measured
 * interleaved in the same run; and the group's byte bound: the bytes it must
 * move at least once (inputs read, output written) at the bandwidth memcpy
 * reaches in the same run (read + write). One thread (RELU_MLIR_NUM_THREADS=1,
 * OMP_NUM_THREADS=1). Prints a markdown table: median time of 9 batches.
 * Every timed call starts from a stated cache state, so that no figure depends
 * on what ran before it: by default the same call runs WARM_CALLS times
 * untimed just before ("warm": the steady state of back-to-back calls, as
 * bench_cpu measures; on the recorded VM a 32 MB working set takes about
 * three calls after other work to settle in its large L3), with --cold a
 * 1 GiB sweep evicts the caches first (the data comes from DRAM). memcpy is
 * measured the same way.
 * Statistics groups (stats) are also compared with the same group without
 * them, and the GLU of two halves of one tensor with the GLU of two tensors,
 * in a second table. */
#define _GNU_SOURCE
#include "fused.h"
#include "unfused.h"

#include <dnnl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ROWS = 4096, CH = 1024, N = ROWS * CH, REPS = 9 };

static float *x, *r, *bias, *scale, *shift, *t1, *t2, *y, *xx, *max_abs, total_max_abs;
static int64_t *zeros, total_zeros;
static relu_bf16_t *yb;
static int8_t *q;
static char *copy_src, *copy_dst;

static int cold;
static char *sweep;
enum { SWEEP_BYTES = 1 << 30, WARM_CALLS = 3 };

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static int cmp(const void *a, const void *b) {
  double d = *(const double *)a - *(const double *)b;
  return (d > 0) - (d < 0);
}

typedef void (*run_fn)(void);

/* Seconds taken by one call of f, from the cache state described above. */
static double timed(run_fn f) {
  if (cold) {
    for (size_t i = 0; i < SWEEP_BYTES; i += 64)
      sweep[i] += 1;
  } else {
    for (int i = 0; i < WARM_CALLS; ++i)
      f();
  }
  double t0 = now();
  f();
  return now() - t0;
}

/* ---- oneDNN ---------------------------------------------------------------- */
static dnnl_engine_t engine;
static dnnl_stream_t stream;
typedef struct {
  dnnl_primitive_t prim;
  int nargs;
  dnnl_exec_arg_t args[5];
} dnnl_run_t;
static dnnl_run_t d_bias_gelu, d_bias_gelu_bf16, d_scale_shift_relu, d_swish, d_mul;

static dnnl_memory_t mem(const dnnl_memory_desc_t *md, void *p) {
  dnnl_memory_t m;
  dnnl_memory_create(&m, md, engine, p);
  return m;
}

/* dst = op(src0, src1) with post-ops: eltwise `alg` (undef: none) after an
 * optional binary add of `extra` (per channel). 2-D [ROWS, CH] layouts. */
static int make_binary(dnnl_run_t *run, dnnl_alg_kind_t op, int per_channel_src1,
                       void *src0, void *src1, void *extra, dnnl_alg_kind_t alg,
                       dnnl_data_type_t dst_dt, void *dst) {
  dnnl_dims_t dims = {ROWS, CH}, cdims = {1, CH};
  dnnl_memory_desc_t md0, md1, mdd, mdc;
  dnnl_memory_desc_init_by_tag(&md0, 2, dims, dnnl_f32, dnnl_ab);
  dnnl_memory_desc_init_by_tag(&md1, 2, per_channel_src1 ? cdims : dims, dnnl_f32, dnnl_ab);
  dnnl_memory_desc_init_by_tag(&mdd, 2, dims, dst_dt, dnnl_ab);
  dnnl_memory_desc_init_by_tag(&mdc, 2, cdims, dnnl_f32, dnnl_ab);
  dnnl_binary_desc_t d;
  dnnl_primitive_attr_t attr;
  dnnl_post_ops_t po;
  dnnl_primitive_attr_create(&attr);
  dnnl_post_ops_create(&po);
  if (extra)
    dnnl_post_ops_append_binary(po, dnnl_binary_add, &mdc);
  if (alg != dnnl_alg_kind_undef)
    dnnl_post_ops_append_eltwise(po, 1.0f, alg, 0.0f, 0.0f);
  dnnl_primitive_attr_set_post_ops(attr, po);
  dnnl_primitive_desc_t pd;
  if (dnnl_binary_desc_init(&d, op, &md0, &md1, &mdd) ||
      dnnl_primitive_desc_create(&pd, &d, attr, engine, NULL) ||
      dnnl_primitive_create(&run->prim, pd))
    return 0;
  run->nargs = 0;
  run->args[run->nargs++] = (dnnl_exec_arg_t){DNNL_ARG_SRC_0, mem(&md0, src0)};
  run->args[run->nargs++] = (dnnl_exec_arg_t){DNNL_ARG_SRC_1, mem(&md1, src1)};
  run->args[run->nargs++] = (dnnl_exec_arg_t){DNNL_ARG_DST, mem(&mdd, dst)};
  if (extra)
    run->args[run->nargs++] = (dnnl_exec_arg_t){
        DNNL_ARG_ATTR_MULTIPLE_POST_OP(0) | DNNL_ARG_SRC_1, mem(&mdc, extra)};
  return 1;
}

static int make_swish(dnnl_run_t *run) {
  dnnl_dims_t dims = {N};
  dnnl_memory_desc_t md;
  dnnl_eltwise_desc_t d;
  dnnl_primitive_desc_t pd;
  dnnl_memory_desc_init_by_tag(&md, 1, dims, dnnl_f32, dnnl_a);
  if (dnnl_eltwise_forward_desc_init(&d, dnnl_forward_inference, dnnl_eltwise_swish, &md, 1.0f, 0) ||
      dnnl_primitive_desc_create(&pd, &d, NULL, engine, NULL) || dnnl_primitive_create(&run->prim, pd))
    return 0;
  run->nargs = 2;
  run->args[0] = (dnnl_exec_arg_t){DNNL_ARG_SRC, mem(&md, x)};
  run->args[1] = (dnnl_exec_arg_t){DNNL_ARG_DST, mem(&md, t1)};
  return 1;
}

static void exec(dnnl_run_t *run) {
  dnnl_primitive_execute(run->prim, stream, run->nargs, run->args);
  dnnl_stream_wait(stream);
}

/* ---- the runs ------------------------------------------------------------- */
#define CHECK(call) do { if ((call) != 0) { fprintf(stderr, "%s failed\n", #call); exit(1); } } while (0)
static void f_bias_gelu(void) { CHECK(fused_bias_last_gelu_tanh_f32(x, bias, y, ROWS, CH, 1)); }
static void u_bias_gelu(void) { CHECK(bias_add_last(x, bias, t1, ROWS, CH, 1)); CHECK(gelu_tanh(t1, y, N)); }
static void o_bias_gelu(void) { exec(&d_bias_gelu); }
static void f_bias_gelu_bf16(void) { CHECK(fused_bias_last_gelu_tanh_cast_bf16_f32(x, bias, yb, ROWS, CH, 1)); }
static void u_bias_gelu_bf16(void) {
  CHECK(bias_add_last(x, bias, t1, ROWS, CH, 1)); CHECK(gelu_tanh(t1, t2, N)); CHECK(cast_bf16(t2, yb, N));
}
static void o_bias_gelu_bf16(void) { exec(&d_bias_gelu_bf16); }
static void f_scale_shift_relu(void) { CHECK(fused_scale_shift_last_relu_f32(x, scale, shift, y, ROWS, CH, 1)); }
static void u_scale_shift_relu(void) { CHECK(scale_shift_last(x, scale, shift, t1, ROWS, CH, 1)); CHECK(relu(t1, y, N)); }
static void o_scale_shift_relu(void) { exec(&d_scale_shift_relu); }
static void f_swiglu(void) { CHECK(fused_silu_mul_f32(x, r, y, N)); }
static void u_swiglu(void) { CHECK(silu(x, t1, N)); CHECK(mul(t1, r, y, N)); }
static void o_swiglu(void) { exec(&d_swish); exec(&d_mul); }
static void f_relu_q(void) { CHECK(fused_relu_quantize_0p05_128_0_255_f32(x, q, N)); }
static void u_relu_q(void) { CHECK(relu(x, t1, N)); CHECK(quantize_u8(t1, q, N)); }
/* Statistics: NCHW [1, CH, ROWS] (vectors along the rows of a channel) and
 * channels last [ROWS, CH, 1]; unfused: the group, then act.statistics. */
#define STATS_OUT zeros, &total_zeros, max_abs, &total_max_abs
static void f_stats(void) { CHECK(fused_bias_relu_stats_f32(x, bias, y, STATS_OUT, 1, CH, ROWS)); }
static void p_stats(void) { CHECK(fused_bias_relu_f32(x, bias, y, 1, CH, ROWS)); }
static void u_stats(void) { p_stats(); CHECK(statistics(y, STATS_OUT, 1, CH, ROWS)); }
static void f_stats_last(void) {
  CHECK(fused_bias_last_relu_stats_last_f32(x, bias, y, STATS_OUT, ROWS, CH, 1));
}
static void p_stats_last(void) { CHECK(fused_bias_last_relu_f32(x, bias, y, ROWS, CH, 1)); }
static void u_stats_last(void) { p_stats_last(); CHECK(statistics_last(y, STATS_OUT, ROWS, CH, 1)); }
/* swiglu of the halves of the last axis of xx [ROWS, 2 * CH]. */
static void f_halves(void) { CHECK(fused_halves_last_silu_mul_f32(xx, y, ROWS, CH, 1)); }
static size_t copy_bytes;
static void memcpy_run(void) { memcpy(copy_dst, copy_src, copy_bytes); }

typedef struct {
  const char *name;
  double bytes; /* the group's byte bound: each input read and the output written once */
  run_fn fused, unfused, dnnl;
  double t[3][REPS];
} group_t;

/* A group against a peer doing the same work another way. */
typedef struct {
  const char *name, *peer_name;
  double bytes;
  run_fn group, peer;
  double t[2][REPS];
} pair_t;

int main(int argc, char **argv) {
  cold = argc > 1 && strcmp(argv[1], "--cold") == 0;
  if (cold && !(sweep = calloc(SWEEP_BYTES, 1)))
    return 1;
  xx = malloc(8 * (size_t)N), max_abs = malloc(4 * CH), zeros = malloc(8 * CH);
  for (size_t i = 0; i < 2 * (size_t)N; ++i)
    xx[i] = (float)((i * 7919) % 2001) / 250.0f - 4.0f;
  x = malloc(4 * N), r = malloc(4 * N), t1 = malloc(4 * N), t2 = malloc(4 * N), y = malloc(4 * N);
  yb = malloc(2 * N), q = malloc(N);
  bias = malloc(4 * CH), scale = malloc(4 * CH), shift = malloc(4 * CH);
  copy_bytes = 4 * (size_t)N;
  copy_src = malloc(copy_bytes), copy_dst = malloc(copy_bytes);
  for (size_t i = 0; i < N; ++i) {
    x[i] = (float)((i * 7919) % 2001) / 250.0f - 4.0f;
    r[i] = (float)((i * 104729) % 1999) / 500.0f - 2.0f;
  }
  memset(copy_src, 1, copy_bytes);
  memset(t1, 0, 4 * N), memset(t2, 0, 4 * N), memset(y, 0, 4 * N), memset(yb, 0, 2 * N), memset(q, 0, N);
  memset(copy_dst, 0, copy_bytes);
  for (int c = 0; c < CH; ++c)
    bias[c] = 0.01f * c - 5, scale[c] = 1 + 0.001f * c, shift[c] = 0.5f - 0.001f * c;

  dnnl_engine_create(&engine, dnnl_cpu, 0);
  dnnl_stream_create(&stream, engine, dnnl_stream_default_flags);
  int ok = make_binary(&d_bias_gelu, dnnl_binary_add, 1, x, bias, NULL, dnnl_eltwise_gelu_tanh, dnnl_f32, y) &&
           make_binary(&d_bias_gelu_bf16, dnnl_binary_add, 1, x, bias, NULL, dnnl_eltwise_gelu_tanh, dnnl_bf16, yb) &&
           make_binary(&d_scale_shift_relu, dnnl_binary_mul, 1, x, scale, shift, dnnl_eltwise_relu, dnnl_f32, y) &&
           make_swish(&d_swish) && make_binary(&d_mul, dnnl_binary_mul, 0, t1, r, NULL, dnnl_alg_kind_undef, dnnl_f32, y);
  if (!ok) {
    fprintf(stderr, "oneDNN primitive creation failed\n");
    return 1;
  }

  double f4 = 4.0 * N;
  group_t groups[] = {
      {"bias:last,gelu:tanh", 2 * f4, f_bias_gelu, u_bias_gelu, o_bias_gelu},
      {"bias:last,gelu:tanh,cast:bf16", 1.5 * f4, f_bias_gelu_bf16, u_bias_gelu_bf16, o_bias_gelu_bf16},
      {"scale_shift,relu", 2 * f4, f_scale_shift_relu, u_scale_shift_relu, o_scale_shift_relu},
      {"silu,mul (swiglu)", 3 * f4, f_swiglu, u_swiglu, o_swiglu},
      {"relu,quantize (uint8)", 1.25 * f4, f_relu_q, u_relu_q, NULL},
      {"bias,relu,stats (NCHW 1x1024x4096)", 2 * f4, f_stats, u_stats, NULL},
      {"bias:last,relu,stats:last", 2 * f4, f_stats_last, u_stats_last, NULL},
  };
  pair_t pairs[] = {
      {"bias,relu,stats (NCHW 1x1024x4096)", "bias,relu", 2 * f4, f_stats, p_stats},
      {"bias:last,relu,stats:last", "bias:last,relu", 2 * f4, f_stats_last, p_stats_last},
      {"halves:last,silu,mul", "silu,mul (two tensors)", 3 * f4, f_halves, f_swiglu},
  };
  enum { NP = sizeof pairs / sizeof pairs[0] };
  enum { NG = sizeof groups / sizeof groups[0] };
  double tcopy[REPS];
  /* Page faults first, then interleaved repetitions. */
  for (int g = 0; g < NG; ++g)
    for (int k = 0; k < 3; ++k) {
      run_fn f = k == 0 ? groups[g].fused : k == 1 ? groups[g].unfused : groups[g].dnnl;
      if (f) f();
    }
  memcpy_run();
  for (int p = 0; p < NP; ++p)
    pairs[p].group(), pairs[p].peer();
  for (int rep = 0; rep < REPS; ++rep) {
    tcopy[rep] = timed(memcpy_run);
    for (int p = 0; p < NP; ++p)
      for (int k = 0; k < 2; ++k)
        pairs[p].t[k][rep] = timed(k == 0 ? pairs[p].group : pairs[p].peer);
    for (int g = 0; g < NG; ++g)
      for (int k = 0; k < 3; ++k) {
        run_fn f = k == 0 ? groups[g].fused : k == 1 ? groups[g].unfused : groups[g].dnnl;
        if (f)
          groups[g].t[k][rep] = timed(f);
      }
  }
  qsort(tcopy, REPS, sizeof(double), cmp);
  double bw = 2.0 * copy_bytes / tcopy[REPS / 2]; /* bytes read + written per second */
  printf("%s caches; memcpy of %.0f MiB: %.2f GB/s (read + write)\n\n", cold ? "cold" : "warm",
         copy_bytes / 1048576.0, bw / 1e9);
  printf("| group (%d x %d f32) | byte bound MB | fused ms | unfused relu-mlir ms | oneDNN ms | fused / unfused speed-up | fused / oneDNN speed-up | fused at %% of byte bound |\n",
         ROWS, CH);
  printf("|---|---|---|---|---|---|---|---|\n");
  for (int g = 0; g < NG; ++g) {
    double med[3] = {0, 0, 0};
    for (int k = 0; k < 3; ++k) {
      if (k == 2 && !groups[g].dnnl) continue;
      qsort(groups[g].t[k], REPS, sizeof(double), cmp);
      med[k] = groups[g].t[k][REPS / 2];
    }
    double bound = groups[g].bytes / bw;
    char dn[32] = "n/a", dsp[32] = "n/a";
    if (groups[g].dnnl) {
      snprintf(dn, sizeof dn, "%.2f", 1e3 * med[2]);
      snprintf(dsp, sizeof dsp, "%.2fx", med[2] / med[0]);
    }
    printf("| %s | %.1f | %.2f | %.2f | %s | %.2fx | %s | %.0f%% |\n", groups[g].name,
           groups[g].bytes / 1e6, 1e3 * med[0], 1e3 * med[1], dn, med[1] / med[0], dsp,
           100 * bound / med[0]);
  }
  printf("\n| group | peer | group ms | peer ms | group / peer time | group at %% of byte bound |\n");
  printf("|---|---|---|---|---|---|\n");
  for (int p = 0; p < NP; ++p) {
    double med[2];
    for (int k = 0; k < 2; ++k) {
      qsort(pairs[p].t[k], REPS, sizeof(double), cmp);
      med[k] = pairs[p].t[k][REPS / 2];
    }
    printf("| %s | %s | %.2f | %.2f | %.2f | %.0f%% |\n", pairs[p].name, pairs[p].peer_name,
           1e3 * med[0], 1e3 * med[1], med[0] / med[1], 100 * pairs[p].bytes / bw / med[0]);
  }
  return 0;
}
