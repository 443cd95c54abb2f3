/* bench_cpu.c: throughput of relu-cc kernels against oneDNN's eltwise
 * primitives and memcpy, measured in the same process. Built and run by
 * bench/run_cpu.sh; see docs/benchmarks.md.
 *
 * GB/s counts bytes read + written (unary: 2 * n * sizeof(T); backward:
 * 3 * n * sizeof(T)). Each figure is the median over `reps` batches of calls
 * (after a warm-up), each batch long enough for CLOCK_MONOTONIC to resolve.
 * Inputs and outputs are separate 64-byte-aligned buffers, pre-faulted. */
#define _GNU_SOURCE
#include <dirent.h>
#include <math.h>
#include <sched.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "oneapi/dnnl/dnnl.h"
#include "kernels.h" /* written by relu-cc (includes relu_rt.h) */

/* ---- the activation table ---------------------------------------------- */

enum { F32, BF16, F16, NDT };
static const char *dt_name[NDT] = {"f32", "bf16", "f16"};
static const size_t dt_size[NDT] = {4, 2, 2};
static const dnnl_data_type_t dt_dnnl[NDT] = {dnnl_f32, dnnl_bf16, dnnl_f16};

enum { UNARY, CHANNEL };
enum { PWL, TRANS };
enum { SAVED_SRC, SAVED_DST };

typedef void (*any_fn)(void);
typedef int (*unary_fn)(const void *, void *, int64_t);
typedef int (*channel_fn)(const void *, const void *, void *, int64_t, int64_t, int64_t);

typedef struct {
  const char *spec, *stem;
  int kind, cls;
  any_fn ours[NDT];
  dnnl_alg_kind_t alg;
  float alpha, beta;
  const char *peer;
  dnnl_alg_kind_t bwd_alg;
  int bwd_saved;
} act_t;

#define ACT(spec, stem, kind, cls, alg, alpha, beta, peer, bwd_alg, bwd_saved)      \
  {spec, #stem, kind, cls,                                                           \
   {(any_fn)stem##_f32, (any_fn)stem##_bf16, (any_fn)stem##_f16},                    \
   alg, alpha, beta, peer, bwd_alg, bwd_saved},
static const act_t acts[] = {
#include "activations.def"
};
#undef ACT
#define NACT ((int)(sizeof(acts) / sizeof(acts[0])))

/* Our backward kernels: relu-cc --grad (run_cpu.sh) builds, per activation,
 * <stem>_backward_<dt>(dy, x, dx, n), where the activation has a preimage
 * <stem>_backward_from_output_<dt>(dy, y, dx, n), and where its derivative
 * takes two values <stem>_forward_with_mask_<dt>(x, y, mask, n) with
 * <stem>_backward_from_mask_<dt>(dy, mask, dx, n). Declared weak: relu-cc
 * decides which exist. f32 and bf16 are measured. */
enum { VAR_X, VAR_Y, VAR_MASK, NVAR };
static const char *var_name[NVAR] = {"x", "y", "mask"};
typedef int (*bwd_fn)(const void *dy, const void *saved, void *dx, int64_t n);
typedef int (*with_mask_fn)(const void *x, void *y, uint8_t *mask, int64_t n);
#define BWD_DECLS(stem, dt, T)                                                             \
  extern int stem##_backward_##dt(const T *, const T *, T *, int64_t) __attribute__((weak)); \
  extern int stem##_backward_from_output_##dt(const T *, const T *, T *, int64_t)           \
      __attribute__((weak));                                                               \
  extern int stem##_forward_with_mask_##dt(const T *, T *, uint8_t *, int64_t)              \
      __attribute__((weak));                                                               \
  extern int stem##_backward_from_mask_##dt(const T *, const uint8_t *, T *, int64_t)       \
      __attribute__((weak));
/* prelu's backward has another signature (dx and d slope): not measured. */
#define BWD_UNARY(stem) BWD_DECLS(stem, f32, float) BWD_DECLS(stem, bf16, relu_bf16_t)
#define BWD_CHANNEL(stem)
#define ACT(spec, stem, kind, cls, alg, alpha, beta, peer, bwd_alg, bwd_saved) BWD_##kind(stem)
#include "activations.def"
#undef ACT
typedef struct {
  bwd_fn var[NVAR][2]; /* [variant][F32, BF16] */
  with_mask_fn with_mask[2];
} ours_bwd_t;
#define BWD_ENTRY_UNARY(stem)                                                              \
  {{{(bwd_fn)stem##_backward_f32, (bwd_fn)stem##_backward_bf16},                            \
    {(bwd_fn)stem##_backward_from_output_f32, (bwd_fn)stem##_backward_from_output_bf16},    \
    {(bwd_fn)stem##_backward_from_mask_f32, (bwd_fn)stem##_backward_from_mask_bf16}},       \
   {(with_mask_fn)stem##_forward_with_mask_f32, (with_mask_fn)stem##_forward_with_mask_bf16}},
#define BWD_ENTRY_CHANNEL(stem) {{{NULL}}, {NULL}},
#define ACT(spec, stem, kind, cls, alg, alpha, beta, peer, bwd_alg, bwd_saved) BWD_ENTRY_##kind(stem)
static const ours_bwd_t ours_bwd[] = {
#include "activations.def"
};
#undef ACT

/* ---- settings ---------------------------------------------------------- */

#define NSIZE 3
static const int64_t sizes[NSIZE] = {16384, 262144, 16777216};
static const char *size_name[NSIZE] = {"16K", "256K", "16M"};
#define PRELU_C 64      /* prelu shape: [n / (C * INNER), C, INNER] */
#define PRELU_INNER 256
#define MIN_PARALLEL ((int64_t)1 << 16) /* RELU_MIN_PARALLEL_ELEMENTS of the shim */
#define MAXREPS 31

static int reps = 11;
static double batch_ns = 4e6, warm_ns = 20e6;
static int all_threads;
static FILE *csv;
static const char *filter; /* comma-separated specs, or NULL for all */

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

typedef void (*run_fn)(void *ctx);

/* Runnable threads on the machine right now (the "2" of /proc/loadavg's
 * "2/150"), the reading thread included; -1 if unknown. */
static int running_now(void) {
  FILE *f = fopen("/proc/loadavg", "r");
  int running = -1;
  if (f) {
    if (fscanf(f, "%*f %*f %*f %d/", &running) != 1) running = -1;
    fclose(f);
  }
  return running;
}

/* Runnable threads of this process (relu_rt's or OpenMP's workers may spin
 * between calls), the reading thread included. */
static int own_running(void) {
  DIR *d = opendir("/proc/self/task");
  struct dirent *e;
  int running = 0;
  if (!d) return 1;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char path[64], buf[256];
    snprintf(path, sizeof path, "/proc/self/task/%s/stat", e->d_name);
    FILE *f = fopen(path, "r");
    if (!f) continue;
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = 0;
    const char *paren = strrchr(buf, ')');
    if (paren && paren[1] == ' ' && paren[2] == 'R') ++running;
  }
  closedir(d);
  return running ? running : 1;
}

/* Runnable threads of other processes right now. */
static int others_running(void) {
  int all = running_now();
  return all < 0 ? 0 : all - own_running();
}

/* The benchmark may share the machine: every measurement samples the other
 * processes' runnable threads between batches and is repeated (after
 * waiting for quiet) when, during more than a fifth of it, they needed more
 * CPUs than the measurement left free (single-thread figures tolerate
 * others on the other cores; they still share caches and memory). */
static int n_measured, n_retried, n_disturbed, n_shared;
static int threads_now = 1; /* CPUs the measurement in progress uses */
static int ncpu;
static int others_allowed(void) { return ncpu > threads_now ? ncpu - threads_now : 0; }

static double wait_budget_s = 900; /* all waits together */
static void wait_quiet(void) {
  for (int quiet = 0, waited = 0; quiet < 10 && waited < 600 && wait_budget_s > 0; ++waited) {
    usleep(100000);
    wait_budget_s -= 0.1;
    quiet = others_running() <= others_allowed() ? quiet + 1 : 0;
  }
}

/* Median seconds-per-call -> GB/s for `bytes` moved per call. */
static double measure(run_fn f, void *ctx, double bytes, double *best_gbps) {
  double per_call[MAXREPS];
  ++n_measured;
  for (int attempt = 0;; ++attempt) {
    int64_t calls = 0;
    double t0 = now_ns(), t;
    do {
      f(ctx);
      ++calls;
      t = now_ns() - t0;
    } while (t < warm_ns || calls < 2);
    int64_t iters = (int64_t)ceil(batch_ns / (t / calls));
    if (iters < 1) iters = 1;
    int busy = 0, shared = 0;
    for (int r = 0; r < reps; ++r) {
      double s = now_ns();
      for (int64_t i = 0; i < iters; ++i) f(ctx);
      per_call[r] = (now_ns() - s) / iters;
      int others = others_running();
      busy += others > others_allowed();
      shared += others > 0;
    }
    if (busy * 5 <= reps) {
      n_shared += shared * 5 > reps;
      break;
    }
    if (attempt == 3 || wait_budget_s <= 0) {
      ++n_disturbed;
      break;
    }
    ++n_retried;
    wait_quiet();
  }
  qsort(per_call, reps, sizeof(double), cmp_double);
  if (best_gbps) *best_gbps = bytes / per_call[0];
  return bytes / per_call[reps / 2];
}

/* ---- machine load --------------------------------------------------------
 * The benchmark shares the machine with whatever else runs: CPU time that
 * other processes used during a phase is reported beside the results. */

typedef struct { double busy_s, wall_s, own_s; } load_t;

static double proc_stat_busy_s(void) {
  FILE *f = fopen("/proc/stat", "r");
  unsigned long long v[10] = {0};
  if (!f) return 0;
  if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3], &v[4],
             &v[5], &v[6], &v[7]) != 8) v[0] = v[1] = v[2] = v[5] = v[6] = v[7] = 0;
  fclose(f);
  /* user nice system [idle iowait] irq softirq steal */
  return (double)(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / sysconf(_SC_CLK_TCK);
}
static double own_cpu_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}
static load_t load_begin(void) {
  return (load_t){proc_stat_busy_s(), now_ns() * 1e-9, own_cpu_s()};
}
/* Fraction of the machine's CPU capacity used by other processes. */
static double load_end(load_t l) {
  double busy = proc_stat_busy_s() - l.busy_s, own = own_cpu_s() - l.own_s;
  double wall = now_ns() * 1e-9 - l.wall_s;
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  double other = (busy - own) / (wall * (ncpu > 0 ? ncpu : 1));
  return other < 0 ? 0 : other;
}
static double load_ours, load_dnnl;

/* ---- data -------------------------------------------------------------- */

static uint16_t f2bf(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  if ((u & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((u >> 16) | 0x40);
  u += 0x7fffu + ((u >> 16) & 1);
  return (uint16_t)(u >> 16);
}
static float bf2f(uint16_t h) {
  uint32_t u = (uint32_t)h << 16;
  float f;
  memcpy(&f, &u, 4);
  return f;
}
static uint16_t f2h(float f) {
  _Float16 h = (_Float16)f;
  uint16_t u;
  memcpy(&u, &h, 2);
  return u;
}
static float h2f(uint16_t u) {
  _Float16 h;
  memcpy(&h, &u, 2);
  return (float)h;
}
static float load(const void *p, int dt, int64_t i) {
  if (dt == F32) return ((const float *)p)[i];
  if (dt == BF16) return bf2f(((const uint16_t *)p)[i]);
  return h2f(((const uint16_t *)p)[i]);
}
static void store(void *p, int dt, int64_t i, float v) {
  if (dt == F32) ((float *)p)[i] = v;
  else if (dt == BF16) ((uint16_t *)p)[i] = f2bf(v);
  else ((uint16_t *)p)[i] = f2h(v);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static float uniform(float lo, float hi) {
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return lo + (hi - lo) * (float)((rng >> 40) * (1.0 / 16777216.0));
}

static void *xalloc(size_t bytes) {
  void *p = aligned_alloc(64, (bytes + 63) / 64 * 64);
  if (!p) { fprintf(stderr, "bench: out of memory\n"); exit(1); }
  memset(p, 0, bytes); /* fault the pages in */
  return p;
}

static void *buf_in, *buf_out, *buf_dy, *buf_slope, *buf_y, *buf_mask;
static float *ref_src; /* f32 master copy of the inputs */

static void fill_inputs(int dt, int64_t n) {
  for (int64_t i = 0; i < n; ++i) store(buf_in, dt, i, ref_src[i]);
  for (int64_t i = 0; i < n; ++i) store(buf_dy, dt, i, ref_src[(i * 7 + 3) % n] * 0.25f);
  for (int c = 0; c < PRELU_C; ++c) store(buf_slope, dt, c, 0.05f + 0.4f * c / PRELU_C);
}

/* ---- runners ----------------------------------------------------------- */

typedef struct {
  const act_t *act;
  int dt;
  int64_t n;
  void *in, *out, *dy;
  /* oneDNN */
  dnnl_primitive_t prim;
  dnnl_stream_t stream;
  dnnl_exec_arg_t args[4];
  int nargs;
  bwd_fn bwd;
  const void *saved; /* what bwd reads beside dy: x, y or the mask */
} ctx_t;

static int ours_status;
static void run_ours(void *p) {
  ctx_t *c = p;
  int s;
  if (c->act->kind == UNARY)
    s = ((unary_fn)c->act->ours[c->dt])(c->in, c->out, c->n);
  else
    s = ((channel_fn)c->act->ours[c->dt])(c->in, buf_slope, c->out,
                                          c->n / (PRELU_C * PRELU_INNER), PRELU_C, PRELU_INNER);
  if (s) ours_status = s;
}
static void run_ours_bwd(void *p) {
  ctx_t *c = p;
  int s = c->bwd(c->dy, c->saved, c->out, c->n);
  if (s) ours_status = s;
}
static void run_dnnl(void *p) {
  ctx_t *c = p;
  dnnl_primitive_execute(c->prim, c->stream, c->nargs, c->args);
  dnnl_stream_wait(c->stream);
}

typedef struct { char *dst; const char *src; size_t es; } copy_ctx_t;
static void copy_body(void *p, int64_t begin, int64_t end) {
  copy_ctx_t *c = p;
  memcpy(c->dst + begin * c->es, c->src + begin * c->es, (size_t)(end - begin) * c->es);
}
static void run_memcpy(void *p) {
  ctx_t *c = p;
  copy_ctx_t cc = {c->out, c->in, dt_size[c->dt]};
  /* Split like the shim splits a kernel call, on relu_rt's pool. */
  relu_rt_parallel_for(c->n, 64, MIN_PARALLEL, copy_body, &cc);
}

/* ---- oneDNN ------------------------------------------------------------ */

static dnnl_engine_t engine;
static dnnl_stream_t stream;
static const char *impl_name[64][NDT];    /* forward implementation per act/dtype */
static const char *bwd_impl_name[64][NDT];

static dnnl_memory_t mem(const dnnl_memory_desc_t *md, void *ptr) {
  dnnl_memory_t m;
  if (dnnl_memory_create(&m, md, engine, ptr) != dnnl_success) return NULL;
  return m;
}

/* Creates the forward primitive for act/dt/n into c; 0 when oneDNN has none. */
static int dnnl_fwd(ctx_t *c, const char **impl) {
  const act_t *a = c->act;
  dnnl_primitive_desc_t pd = NULL;
  dnnl_memory_desc_t md, wmd;
  if (a->kind == UNARY) {
    if (a->alg == dnnl_alg_kind_undef) return 0;
    dnnl_dims_t dims = {c->n};
    dnnl_eltwise_desc_t d;
    if (dnnl_memory_desc_init_by_tag(&md, 1, dims, dt_dnnl[c->dt], dnnl_a) ||
        dnnl_eltwise_forward_desc_init(&d, dnnl_forward_inference, a->alg, &md, a->alpha, a->beta) ||
        dnnl_primitive_desc_create(&pd, &d, NULL, engine, NULL))
      return 0;
  } else {
    dnnl_dims_t dims = {c->n / (PRELU_C * PRELU_INNER), PRELU_C, PRELU_INNER};
    dnnl_dims_t wdims = {1, PRELU_C, 1};
    dnnl_prelu_desc_t d;
    if (dnnl_memory_desc_init_by_tag(&md, 3, dims, dt_dnnl[c->dt], dnnl_abc) ||
        dnnl_memory_desc_init_by_tag(&wmd, 3, wdims, dt_dnnl[c->dt], dnnl_abc) ||
        dnnl_prelu_forward_desc_init(&d, dnnl_forward_inference, &md, &wmd) ||
        dnnl_primitive_desc_create(&pd, &d, NULL, engine, NULL))
      return 0;
  }
  const char *info = NULL;
  dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, &info);
  if (impl && info) *impl = strdup(info);
  if (dnnl_primitive_create(&c->prim, pd)) {
    dnnl_primitive_desc_destroy(pd);
    return 0;
  }
  dnnl_primitive_desc_destroy(pd);
  c->stream = stream;
  c->nargs = 0;
  c->args[c->nargs++] = (dnnl_exec_arg_t){DNNL_ARG_SRC, mem(&md, c->in)};
  c->args[c->nargs++] = (dnnl_exec_arg_t){DNNL_ARG_DST, mem(&md, c->out)};
  if (a->kind == CHANNEL)
    c->args[c->nargs++] = (dnnl_exec_arg_t){DNNL_ARG_WEIGHTS, mem(&wmd, buf_slope)};
  return 1;
}

static int dnnl_bwd(ctx_t *c, const char **impl) {
  const act_t *a = c->act;
  if (a->bwd_alg == dnnl_alg_kind_undef) return 0;
  dnnl_dims_t dims = {c->n};
  dnnl_memory_desc_t md;
  dnnl_eltwise_desc_t fd, bd;
  dnnl_primitive_desc_t fpd = NULL, bpd = NULL;
  if (dnnl_memory_desc_init_by_tag(&md, 1, dims, dt_dnnl[c->dt], dnnl_a) ||
      dnnl_eltwise_forward_desc_init(&fd, dnnl_forward_training, a->bwd_alg, &md, a->alpha, a->beta) ||
      dnnl_primitive_desc_create(&fpd, &fd, NULL, engine, NULL))
    return 0;
  int ok = !dnnl_eltwise_backward_desc_init(&bd, a->bwd_alg, &md, &md, a->alpha, a->beta) &&
           !dnnl_primitive_desc_create(&bpd, &bd, NULL, engine, fpd);
  dnnl_primitive_desc_destroy(fpd);
  if (!ok) return 0;
  const char *info = NULL;
  dnnl_primitive_desc_query(bpd, dnnl_query_impl_info_str, 0, &info);
  if (impl && info) *impl = strdup(info);
  ok = !dnnl_primitive_create(&c->prim, bpd);
  dnnl_primitive_desc_destroy(bpd);
  if (!ok) return 0;
  c->stream = stream;
  c->nargs = 0;
  c->args[c->nargs++] = (dnnl_exec_arg_t){a->bwd_saved == SAVED_DST ? DNNL_ARG_DST : DNNL_ARG_SRC,
                                          mem(&md, c->in)};
  c->args[c->nargs++] = (dnnl_exec_arg_t){DNNL_ARG_DIFF_DST, mem(&md, c->dy)};
  c->args[c->nargs++] = (dnnl_exec_arg_t){DNNL_ARG_DIFF_SRC, mem(&md, c->out)};
  return 1;
}

static void dnnl_release(ctx_t *c) {
  for (int i = 0; i < c->nargs; ++i) dnnl_memory_destroy(c->args[i].memory);
  dnnl_primitive_destroy(c->prim);
  c->prim = NULL;
  c->nargs = 0;
}

/* ---- results ----------------------------------------------------------- */

#define NA (-1.0)
/* Thread configurations, the last index of the result arrays: */
enum { T1, TALL, TPIN, NCFG };
/* T1: one thread. TALL: all threads as shipped (relu_rt's workers float; oneDNN:
 * OpenMP threads bound one per CPU, as OMP_PROC_BIND=true would). TPIN: ours
 * with the caller bound to CPU 0 and relu_rt's workers to CPUs 1.. (an
 * experiment the runtime does not do by itself). */
static double r_ours[64][NDT][NSIZE][NCFG], r_dnnl[64][NDT][NSIZE][NCFG], r_copy[NDT][NSIZE][NCFG];
static double r_bwd_ours[64][2][NSIZE][NCFG][NVAR], r_bwd_dnnl[64][2][NSIZE][NCFG], r_copy3[2][NSIZE][NCFG];
static double v_err[64][NDT]; /* sanity: max relative difference ours vs oneDNN */
static int v_status[64][NDT];

static int selected(const act_t *a) {
  if (!filter) return 1;
  size_t len = strlen(a->spec);
  for (const char *p = filter; *p;) {
    const char *e = strchr(p, ',');
    size_t l = e ? (size_t)(e - p) : strlen(p);
    if (l == len && strncmp(p, a->spec, l) == 0) return 1;
    if (!e) break;
    p = e + 1;
  }
  return 0;
}

static void record(const char *kind, const char *spec, int dt, int s, int threads,
                   const char *impl, double gbps, double best) {
  if (csv)
    fprintf(csv, "%s,%s,%s,%s,%d,%s,%.3f,%.3f\n", kind, spec, dt_name[dt], size_name[s],
            threads, impl, gbps, best);
}

static void set_threads(int t) {
  relu_rt_set_num_threads(t);
  omp_set_num_threads(t);
  threads_now = t;
}

/* ---- thread placement ------------------------------------------------- */

static void pin_tid(pid_t tid, int cpu) { /* cpu < 0: every CPU */
  cpu_set_t set;
  CPU_ZERO(&set);
  for (int c = 0; c < ncpu; ++c)
    if (cpu < 0 || c == cpu) CPU_SET(c, &set);
  sched_setaffinity(tid, sizeof set, &set);
}
static void noop_body(void *ctx, int64_t b, int64_t e) { (void)ctx, (void)b, (void)e; }
/* Starts relu_rt's workers (before OpenMP binds anything they could inherit). */
static void start_pool(void) {
  relu_rt_set_num_threads(all_threads);
  relu_rt_parallel_for(1 << 24, 64, 1, noop_body, NULL);
}
/* Binds this thread to CPU 0 and every other thread of the process (relu_rt's
 * workers; OpenMP has none yet) to CPUs 1.., or unbinds them all. */
static void pin_pool(int on) {
  pid_t self = (pid_t)syscall(SYS_gettid);
  DIR *d = opendir("/proc/self/task");
  struct dirent *e;
  int k = 0;
  if (!d) return;
  while ((e = readdir(d))) {
    pid_t tid = (pid_t)atoi(e->d_name);
    if (tid <= 0) continue;
    if (!on) pin_tid(tid, -1);
    else pin_tid(tid, tid == self ? 0 : 1 + k++ % (ncpu > 1 ? ncpu - 1 : 1));
  }
  closedir(d);
}
/* OpenMP thread i -> CPU i (OMP_PROC_BIND=true, OMP_PLACES=cores). */
static void pin_omp(int threads) {
#pragma omp parallel num_threads(threads)
  pin_tid(0, omp_get_thread_num() % ncpu);
}

/* ---- sanity check ------------------------------------------------------ */

static void verify(void) {
  const int64_t n = PRELU_C * PRELU_INNER; /* 16K, one prelu slab */
  set_threads(1);
  for (int dt = 0; dt < NDT; ++dt) {
    fill_inputs(dt, n);
    for (int i = 0; i < NACT; ++i) {
      const act_t *a = &acts[i];
      if (!selected(a)) continue;
      ctx_t c = {.act = a, .dt = dt, .n = n, .in = buf_in, .out = buf_out, .dy = buf_dy};
      ours_status = 0;
      run_ours(&c);
      if (ours_status) {
        v_status[i][dt] = ours_status;
        continue;
      }
      float *mine = malloc(n * sizeof(float));
      for (int64_t k = 0; k < n; ++k) mine[k] = load(buf_out, dt, k);
      const char *impl = NULL;
      if (!dnnl_fwd(&c, &impl)) {
        v_err[i][dt] = NA;
        free(mine);
        continue;
      }
      impl_name[i][dt] = impl;
      run_dnnl(&c);
      dnnl_release(&c);
      /* |ours - oneDNN| / max(|oneDNN|, 0.01): a sanity figure, not a test.
       * (The floor keeps the far negative tails of gelu/silu/mish, where
       * oneDNN's 1 + tanh form cancels, from dominating.) */
      double worst = 0;
      for (int64_t k = 0; k < n; ++k) {
        double b = load(buf_out, dt, k), d = fabs(mine[k] - b) / fmax(fabs(b), 0.01);
        if (!(d <= worst)) worst = d; /* NaN counts as worst */
      }
      v_err[i][dt] = worst;
      free(mine);
    }
  }
}

/* ---- the measurements --------------------------------------------------
 * Phase 1 times memcpy and our kernels (T1, TALL, then TPIN); phase 2 oneDNN
 * (T1, then TALL). oneDNN comes last: its OpenMP workers spin after a
 * multi-threaded call (OMP_WAIT_POLICY=active, which run_cpu.sh sets) and
 * would steal the core relu_rt's pool needs. */

static double r_copy_late[NDT][NSIZE]; /* 1-thread memcpy again before phase 2 */
static int cfg_threads(int cfg) { return cfg == T1 ? 1 : all_threads; }

static void status_line(const char *what, int dt, int s, int cfg) {
  static const char *cfg_name[NCFG] = {"1 thread", "all threads", "all, pinned"};
  fprintf(stderr, "\r%-14s %-5s %-4s %-12s ...   ", what, dt_name[dt], size_name[s], cfg_name[cfg]);
}

static void bench_ours(int do_bwd) {
  double best;
  for (int cfg = 0; cfg < NCFG; ++cfg) {
    if (cfg != T1 && all_threads < 2) break;
    int t = cfg_threads(cfg);
    set_threads(t);
    pin_pool(cfg == TPIN);
    for (int dt = 0; dt < NDT; ++dt)
      for (int s = 0; s < NSIZE; ++s) {
        int64_t n = sizes[s];
        double bytes = 2.0 * n * dt_size[dt];
        const char *tag = cfg == TPIN ? "relu-cc-pinned" : "relu-cc";
        status_line("memcpy + ours", dt, s, cfg);
        fill_inputs(dt, n);
        ctx_t base = {.dt = dt, .n = n, .in = buf_in, .out = buf_out, .dy = buf_dy};
        r_copy[dt][s][cfg] = measure(run_memcpy, &base, bytes, &best);
        record("fwd", "memcpy", dt, s, t, cfg == TPIN ? "glibc-pinned" : "glibc", r_copy[dt][s][cfg], best);
        for (int i = 0; i < NACT; ++i) {
          const act_t *a = &acts[i];
          if (!selected(a)) continue;
          ctx_t c = base;
          c.act = a;
          double b = bytes + (a->kind == CHANNEL ? PRELU_C * dt_size[dt] : 0);
          ours_status = 0;
          r_ours[i][dt][s][cfg] = measure(run_ours, &c, b, &best);
          if (ours_status) r_ours[i][dt][s][cfg] = NA;
          record("fwd", a->spec, dt, s, t, tag, r_ours[i][dt][s][cfg], best);
        }
        if (!do_bwd || dt > BF16) continue;
        /* Backward moves 3 streams: a copy of 1.5x the elements moves as much. */
        ctx_t copy = base;
        copy.n = n * 3 / 2;
        r_copy3[dt][s][cfg] = measure(run_memcpy, &copy, 1.5 * bytes, &best);
        record("bwd", "memcpy", dt, s, t, cfg == TPIN ? "glibc-pinned" : "glibc", r_copy3[dt][s][cfg], best);
        for (int i = 0; i < NACT; ++i) {
          const act_t *a = &acts[i];
          if (!selected(a)) continue;
          for (int v = 0; v < NVAR; ++v) {
            ctx_t c = base;
            c.act = a;
            if (!(c.bwd = ours_bwd[i].var[v][dt])) continue;
            /* Bytes moved: dy and dx, plus x or y (n elements) or the mask
             * (n / 8 bytes). */
            double b = 1.5 * bytes;
            c.saved = buf_in;
            if (v == VAR_Y) {
              ((unary_fn)a->ours[dt])(buf_in, buf_y, n);
              c.saved = buf_y;
            } else if (v == VAR_MASK) {
              ours_bwd[i].with_mask[dt](buf_in, buf_y, buf_mask, n);
              c.saved = buf_mask;
              b = bytes + n / 8.0;
            }
            ours_status = 0;
            r_bwd_ours[i][dt][s][cfg][v] = measure(run_ours_bwd, &c, b, &best);
            if (ours_status) r_bwd_ours[i][dt][s][cfg][v] = NA;
            char impl[32];
            snprintf(impl, sizeof impl, "%s-from-%s", tag, var_name[v]);
            record("bwd", a->spec, dt, s, t, impl, r_bwd_ours[i][dt][s][cfg][v], best);
          }
        }
      }
  }
  pin_pool(0);
  fprintf(stderr, "\r%70s\r", "");
}

static void bench_onednn(int do_bwd) {
  double best;
  set_threads(1);
  for (int dt = 0; dt < NDT; ++dt)
    for (int s = 0; s < NSIZE; ++s) {
      fill_inputs(dt, sizes[s]);
      ctx_t base = {.dt = dt, .n = sizes[s], .in = buf_in, .out = buf_out};
      r_copy_late[dt][s] = measure(run_memcpy, &base, 2.0 * sizes[s] * dt_size[dt], &best);
    }
  for (int cfg = T1; cfg <= TALL; ++cfg) {
    if (cfg != T1 && all_threads < 2) break;
    int t = cfg_threads(cfg);
    set_threads(t);
    if (cfg == TALL) pin_omp(t);
    for (int dt = 0; dt < NDT; ++dt)
      for (int s = 0; s < NSIZE; ++s) {
        int64_t n = sizes[s];
        double bytes = 2.0 * n * dt_size[dt];
        status_line("oneDNN", dt, s, cfg);
        fill_inputs(dt, n);
        ctx_t base = {.dt = dt, .n = n, .in = buf_in, .out = buf_out, .dy = buf_dy};
        for (int i = 0; i < NACT; ++i) {
          const act_t *a = &acts[i];
          if (!selected(a)) continue;
          ctx_t c = base;
          c.act = a;
          if (!dnnl_fwd(&c, NULL)) continue;
          double b = bytes + (a->kind == CHANNEL ? PRELU_C * dt_size[dt] : 0);
          r_dnnl[i][dt][s][cfg] = measure(run_dnnl, &c, b, &best);
          record("fwd", a->spec, dt, s, t, "onednn", r_dnnl[i][dt][s][cfg], best);
          dnnl_release(&c);
        }
        if (!do_bwd || dt > BF16) continue;
        for (int i = 0; i < NACT; ++i) {
          const act_t *a = &acts[i];
          if (!selected(a)) continue;
          ctx_t c = base;
          c.act = a;
          const char *impl = NULL;
          if (!dnnl_bwd(&c, &impl)) continue;
          if (cfg == T1 && s == 1) bwd_impl_name[i][dt] = impl;
          r_bwd_dnnl[i][dt][s][cfg] = measure(run_dnnl, &c, 1.5 * bytes, &best);
          record("bwd", a->spec, dt, s, t, "onednn", r_bwd_dnnl[i][dt][s][cfg], best);
          dnnl_release(&c);
        }
      }
  }
  fprintf(stderr, "\r%70s\r", "");
}

/* ---- markdown ---------------------------------------------------------- */

static const char *num(double v, char *buf) {
  if (v < 0) return "—";
  if (v >= 100) snprintf(buf, 16, "%.0f", v);
  else if (v >= 10) snprintf(buf, 16, "%.1f", v);
  else snprintf(buf, 16, "%.2f", v);
  return buf;
}
static const char *ratio(double a, double b, char *buf) {
  if (a < 0 || b <= 0) return "—";
  snprintf(buf, 16, "%.2f", a / b);
  return buf;
}

static void print_forward(int dt, int cfg) {
  char b1[16], b2[16], b3[16], b4[16], b5[16];
  int multi = cfg != T1;
  if (!multi)
    printf("\n### Forward %s, 1 thread (GB/s; ×: ours / oneDNN, ours / memcpy)\n\n", dt_name[dt]);
  else
    printf("\n### Forward %s, %d threads (GB/s; ours as shipped, ours with pinned workers, oneDNN with "
           "pinned OpenMP threads; ×: shipped ours / oneDNN, shipped ours / memcpy)\n\n",
           dt_name[dt], all_threads);
  printf("| activation |");
  for (int s = 0; s < NSIZE; ++s) {
    printf(" %s ours |", size_name[s]);
    if (multi) printf(" pinned |");
    printf(" oneDNN | ×oneDNN | ×memcpy |");
  }
  printf("\n|---|");
  for (int s = 0; s < NSIZE; ++s) printf(multi ? "---:|---:|---:|---:|---:|" : "---:|---:|---:|---:|");
  printf("\n| *memcpy* |");
  for (int s = 0; s < NSIZE; ++s) {
    printf(" *%s* |", num(r_copy[dt][s][cfg], b1));
    if (multi) printf(" *%s* |", num(r_copy[dt][s][TPIN], b1));
    printf(" | | |");
  }
  printf("\n");
  for (int i = 0; i < NACT; ++i) {
    if (!selected(&acts[i])) continue;
    printf("| %s |", acts[i].spec);
    for (int s = 0; s < NSIZE; ++s) {
      double o = r_ours[i][dt][s][cfg], d = r_dnnl[i][dt][s][cfg], m = r_copy[dt][s][cfg];
      printf(" %s |", num(o, b1));
      if (multi) printf(" %s |", num(r_ours[i][dt][s][TPIN], b5));
      printf(" %s | %s | %s |", num(d, b2), ratio(o, d, b3), ratio(o, m, b4));
    }
    printf("\n");
  }
}

static void print_scaling(void) {
  char b1[16], b2[16], b3[16];
  printf("\n### Thread scaling: %d threads / 1 thread (ours as shipped / ours with pinned workers "
         "(oneDNN, pinned))\n\n", all_threads);
  printf("| activation |");
  for (int dt = 0; dt < NDT; ++dt)
    for (int s = 1; s < NSIZE; ++s) printf(" %s %s |", dt_name[dt], size_name[s]);
  printf("\n|---|");
  for (int dt = 0; dt < NDT; ++dt)
    for (int s = 1; s < NSIZE; ++s) printf("---:|");
  printf("\n| *memcpy* |");
  for (int dt = 0; dt < NDT; ++dt)
    for (int s = 1; s < NSIZE; ++s)
      printf(" *%s / %s* |", ratio(r_copy[dt][s][TALL], r_copy[dt][s][T1], b1),
             ratio(r_copy[dt][s][TPIN], r_copy[dt][s][T1], b2));
  printf("\n");
  for (int i = 0; i < NACT; ++i) {
    if (!selected(&acts[i])) continue;
    printf("| %s |", acts[i].spec);
    for (int dt = 0; dt < NDT; ++dt)
      for (int s = 1; s < NSIZE; ++s) {
        double one = r_ours[i][dt][s][T1];
        printf(" %s / %s", ratio(r_ours[i][dt][s][TALL], one, b1), ratio(r_ours[i][dt][s][TPIN], one, b2));
        if (r_dnnl[i][dt][s][TALL] > 0) printf(" (%s)", ratio(r_dnnl[i][dt][s][TALL], r_dnnl[i][dt][s][T1], b3));
        printf(" |");
      }
    printf("\n");
  }
}

/* Elements per second relative to GB/s: bytes each variant moves per element. */
static double bwd_bytes_per_element(int dt, int v) {
  return v == VAR_MASK ? 2.0 * dt_size[dt] + 0.125 : 3.0 * dt_size[dt];
}

static void print_backward(void) {
  char b[8][16];
  printf("\n### Backward (dx from dy and x, y or the 1-bit mask; GB/s of the bytes each moves)\n\n");
  printf("Bytes per element: from x or y and oneDNN 3 × the element size (dy, x or y, dx); from "
         "the mask 2 × the element size + 1/8 (dy, dx, one bit). memcpy: a copy moving 3 streams' "
         "bytes. ours/oneDNN: our kernel reading the tensor oneDNN reads (x, or y for its use_dst "
         "algorithms), same bytes. mask/x: elements per second of the mask variant over the x "
         "variant. oneDNN rows without a backward algorithm show —. %d-thread rows: memcpy with "
         "pinned threads.\n\n", all_threads);
  printf("| activation | dtype | threads | size | oneDNN (reads) | memcpy | ours from x | from y | "
         "from mask | ours/oneDNN | mask/x |\n|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (int dt = 0; dt < 2; ++dt)
    for (int cfg = T1; cfg <= TALL; ++cfg) {
      if (cfg != T1 && all_threads < 2) break;
      int mc = cfg == T1 ? T1 : TPIN;
      for (int i = 0; i < NACT; ++i) {
        const act_t *a = &acts[i];
        if (!selected(a) || !ours_bwd[i].var[VAR_X][dt]) continue;
        for (int s = 0; s < NSIZE; ++s) {
          double *o = r_bwd_ours[i][dt][s][cfg], d = r_bwd_dnnl[i][dt][s][cfg];
          int same = a->bwd_saved == SAVED_DST ? VAR_Y : VAR_X;
          double mask_speed = o[VAR_MASK] < 0 || o[VAR_X] <= 0
                                  ? NA
                                  : o[VAR_MASK] / bwd_bytes_per_element(dt, VAR_MASK) /
                                        (o[VAR_X] / bwd_bytes_per_element(dt, VAR_X));
          printf("| %s | %s | %d | %s | %s (%s) | %s | %s | %s | %s | %s | %s |\n", a->spec,
                 dt_name[dt], cfg_threads(cfg), size_name[s], num(d, b[0]),
                 a->bwd_alg == dnnl_alg_kind_undef ? "—" : var_name[same],
                 num(r_copy3[dt][s][mc], b[1]), num(o[VAR_X], b[2]), num(o[VAR_Y], b[3]),
                 num(o[VAR_MASK], b[4]), ratio(o[same], d, b[5]), num(mask_speed, b[6]));
        }
      }
    }
}

static void print_sanity(void) {
  printf("\n### Sanity: ours vs oneDNN on 16K inputs in [-8, 8]\n\n");
  printf("max |ours − oneDNN| / max(|oneDNN|, 0.01); flagged above 1e-3 (f32) / 2e-2 (bf16, f16). "
         "Not a test: oneDNN's own approximations differ.\n\n");
  printf("| activation | oneDNN peer | f32 | bf16 | f16 | oneDNN fwd impl f32 / bf16 / f16 | oneDNN bwd impl f32 / bf16 |\n"
         "|---|---|---:|---:|---:|---|---|\n");
  for (int i = 0; i < NACT; ++i) {
    const act_t *a = &acts[i];
    if (!selected(a)) continue;
    int has_peer = a->kind == CHANNEL || a->alg != dnnl_alg_kind_undef;
    printf("| %s | %s |", a->spec, !has_peer ? "none" : a->peer[0] ? a->peer : "same");
    for (int dt = 0; dt < NDT; ++dt) {
      double e = v_err[i][dt];
      if (v_status[i][dt]) printf(" ERROR %d |", v_status[i][dt]);
      else if (e < 0) printf(" — |");
      else printf(" %.1e%s |", e, e > (dt == F32 ? 1e-3 : 2e-2) ? " **CHECK**" : "");
    }
    printf(" %s / %s / %s | %s / %s |\n", impl_name[i][F32] ? impl_name[i][F32] : "—",
           impl_name[i][BF16] ? impl_name[i][BF16] : "—", impl_name[i][F16] ? impl_name[i][F16] : "—",
           bwd_impl_name[i][F32] ? bwd_impl_name[i][F32] : "—",
           bwd_impl_name[i][BF16] ? bwd_impl_name[i][BF16] : "—");
  }
}

static void print_drift(void) {
  double worst = 0;
  for (int dt = 0; dt < NDT; ++dt)
    for (int s = 0; s < NSIZE; ++s) {
      double d = fabs(r_copy_late[dt][s] / r_copy[dt][s][0] - 1);
      if (d > worst) worst = d;
    }
  printf("\nDrift check: single-thread memcpy re-measured before the oneDNN phase differs by at most "
         "%.0f%% from the figures above. Other processes used %.0f%% of the machine's CPU time while "
         "ours ran and %.0f%% while oneDNN ran (waits included); %d of %d measurements were repeated "
         "after waiting for them to finish.",
         100 * worst, 100 * load_ours, 100 * load_dnnl, n_retried, n_measured);
  if (n_shared)
    printf(" %d figures were measured while other processes ran on the CPUs they left free.", n_shared);
  if (n_disturbed)
    printf(" **%d figures were still measured while other processes competed for their CPUs.**",
           n_disturbed);
  printf("\n");
}

/* "yes", or "**no**"; a miss by less than 3% is within this machine's noise: "≈". */
static const char *mark_r(double ratio, double target) {
  return ratio >= target ? "yes" : ratio >= 0.97 * target ? "≈" : "**no**";
}

static void print_targets(void) {
  char b1[16], b2[16], b3[16];
  printf("\n### Targets (single thread unless stated)\n\n");
  printf("| activation | class | f32 16M ≥ 0.95 memcpy | f32 16K ≥ oneDNN | f32 256K ≥ oneDNN (PWL) / ≥ 1.5x (transc.) "
         "| bf16 256K ≥ 2x oneDNN | %dT ≥ 1.8x 1T f32 256K / 16M |\n|---|---|---|---|---|---|---|\n",
         all_threads);
  for (int i = 0; i < NACT; ++i) {
    const act_t *a = &acts[i];
    if (!selected(a)) continue;
    double o16m = r_ours[i][F32][2][0], c16m = r_copy[F32][2][0];
    double o16k = r_ours[i][F32][0][0], d16k = r_dnnl[i][F32][0][0];
    double o256 = r_ours[i][F32][1][0], d256 = r_dnnl[i][F32][1][0];
    double b256 = r_ours[i][BF16][1][0], db256 = r_dnnl[i][BF16][1][0];
    int pwl = a->cls == PWL;
    printf("| %s | %s |", a->spec, pwl ? "PWL" : "transc.");
    if (pwl) printf(" %s (%s) |", mark_r(o16m / c16m, 0.95), ratio(o16m, c16m, b1));
    else printf(" (%s) |", ratio(o16m, c16m, b1));
    if (d16k < 0) printf(" no peer |");
    else if (pwl) printf(" %s (%s) |", mark_r(o16k / d16k, 1.0), ratio(o16k, d16k, b1));
    else printf(" (%s) |", ratio(o16k, d16k, b1));
    if (d256 < 0) printf(" no peer |");
    else printf(" %s (%s) |", mark_r(o256 / d256, pwl ? 1.0 : 1.5), ratio(o256, d256, b1));
    if (db256 < 0) printf(" no peer |");
    else printf(" %s (%s) |", mark_r(b256 / db256, 2.0), ratio(b256, db256, b1));
    double s256 = r_ours[i][F32][1][TALL] / r_ours[i][F32][1][T1];
    double s16m = r_ours[i][F32][2][TALL] / r_ours[i][F32][2][T1];
    double p256 = r_ours[i][F32][1][TPIN] / r_ours[i][F32][1][T1];
    double p16m = r_ours[i][F32][2][TPIN] / r_ours[i][F32][2][T1];
    printf(" %s (%s / %s; pinned: %.2f / %.2f) |\n", mark_r(fmin(s256, s16m), 1.8),
           ratio(r_ours[i][F32][1][TALL], r_ours[i][F32][1][T1], b2),
           ratio(r_ours[i][F32][2][TALL], r_ours[i][F32][2][T1], b3), p256, p16m);
  }
}

int main(int argc, char **argv) {
  int do_bwd = 1;
  const char *csv_path = NULL;
  ncpu = (int)sysconf(_SC_NPROCESSORS_ONLN);
  if (ncpu < 1) ncpu = 1;
  all_threads = ncpu;
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--quick")) reps = 5, batch_ns = 1e6, warm_ns = 3e6;
    else if (!strcmp(argv[i], "--no-bwd")) do_bwd = 0;
    else if (!strcmp(argv[i], "--max-wait") && i + 1 < argc) wait_budget_s = atof(argv[++i]);
    else if (!strcmp(argv[i], "--threads") && i + 1 < argc) all_threads = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--csv") && i + 1 < argc) csv_path = argv[++i];
    else if (!strcmp(argv[i], "--only") && i + 1 < argc) filter = argv[++i];
    else {
      fprintf(stderr, "usage: %s [--quick] [--no-bwd] [--threads N] [--csv FILE] [--only spec,spec] [--max-wait SECONDS]\n", argv[0]);
      return 2;
    }
  }
  if (all_threads < 1) all_threads = 1;
  if (csv_path && !(csv = fopen(csv_path, "w"))) {
    perror(csv_path);
    return 1;
  }
  if (csv) fprintf(csv, "pass,activation,dtype,size,threads,impl,gbps_median,gbps_best\n");

  int64_t nmax = sizes[NSIZE - 1] * 3 / 2; /* the 3-stream copy's length */
  buf_in = xalloc(nmax * 4);
  buf_out = xalloc(nmax * 4);
  buf_dy = xalloc(nmax * 4);
  buf_slope = xalloc(PRELU_C * 4);
  buf_y = xalloc(nmax * 4);
  buf_mask = xalloc(nmax / 8 + 64);
  ref_src = xalloc(nmax * 4);
  for (int64_t i = 0; i < nmax; ++i) ref_src[i] = uniform(-8.0f, 8.0f);

  if (dnnl_engine_create(&engine, dnnl_cpu, 0) || dnnl_stream_create(&stream, engine, dnnl_stream_default_flags)) {
    fprintf(stderr, "bench: cannot create a oneDNN CPU engine\n");
    return 1;
  }
  const dnnl_version_t *v = dnnl_version();
  const char *wait = getenv("OMP_WAIT_POLICY");
  printf("oneDNN %d.%d.%d (%s threading, OMP_WAIT_POLICY=%s); threads: 1 and %d "
         "(relu_rt_set_num_threads, omp_set_num_threads); each figure: median of %d batches of "
         ">= %.0f ms after >= %.0f ms warm-up.\n",
         v->major, v->minor, v->patch, v->cpu_runtime == DNNL_RUNTIME_OMP ? "OpenMP (libgomp)" : "non-OpenMP",
         wait ? wait : "unset", all_threads, reps, batch_ns / 1e6, warm_ns / 1e6);

  for (int i = 0; i < NACT; ++i)
    for (int dt = 0; dt < NDT; ++dt)
      for (int s = 0; s < NSIZE; ++s)
        for (int cfg = 0; cfg < NCFG; ++cfg) {
          r_ours[i][dt][s][cfg] = r_dnnl[i][dt][s][cfg] = NA;
          r_copy[dt][s][cfg] = NA;
          if (dt < 2) {
            r_bwd_dnnl[i][dt][s][cfg] = NA;
            for (int v = 0; v < NVAR; ++v) r_bwd_ours[i][dt][s][cfg][v] = NA;
            r_copy3[dt][s][cfg] = NA;
          }
        }
  verify();
  start_pool();
  load_t l = load_begin();
  bench_ours(do_bwd);
  load_ours = load_end(l);
  l = load_begin();
  bench_onednn(do_bwd);
  load_dnnl = load_end(l);

  for (int dt = 0; dt < NDT; ++dt)
    for (int cfg = T1; cfg <= (all_threads > 1 ? TALL : T1); ++cfg) print_forward(dt, cfg);
  print_scaling();
  if (do_bwd) print_backward();
  print_targets();
  print_sanity();
  print_drift();
  if (csv) fclose(csv);
  return 0;
}
