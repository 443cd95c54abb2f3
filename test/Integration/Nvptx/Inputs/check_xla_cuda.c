/* Drives the XLA FFI handlers of relu-cc --target=xla --xla-platform=cuda
 * (quick specs relu, gelu:tanh and prelu, f32, and the groups
 * relu,quantize:0.05:128:0:255, bias,relu,stats and two GLU halves groups) with a fake XLA and the fake
 * CUDA driver (fake_cuda.c), without a GPU:
 *   check_xla_cuda <handlers.so> <libfakecuda.so> run|launchfail
 * `run` (with FAKE_CUDA_EXEC executing launches through --emulate-gpu
 * kernels): results against a float64 reference, the launch on the stream
 * XLA gives (and in its context), one launch per vmap batch of prelu, no
 * launch for empty buffers, the error for a missing stream; a uint8 result
 * (U8) exactly against act.quantize's definition in f32, and the five
 * results of a statistics group (y, S64 zero counts, max |y|, per channel and
 * in total) exactly; GLU halves (halves:last,bias:last,silu,mul under vmap and
 * halves,silu,mul) against float64 and their shape errors. `launchfail`
 * (FAKE_CUDA=launchfail): the driver's failure becomes an XLA error. Prints
 * one line per failed check and "N passed, M failed". */
#define _GNU_SOURCE
#include "fake_xla.h"

#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The fake driver's inspection functions. */
static void *(*fake_stream)(int);
static int (*fake_launches)(void);
static void (*fake_last_launch)(char *, unsigned *, unsigned *, void **, int *, int *, uint64_t *);

static void *xla_stream; /* what XLA_FFI_Stream_Get hands out */
static XLA_FFI_Error *fake_stream_get(XLA_FFI_Stream_Get_Args *args) {
  args->stream = xla_stream;
  return NULL;
}

/* The last launch went to `stream` in the context of fake stream `context`. */
static int launched_on(void *stream, int context) {
  char kernel[128];
  unsigned grid[3], block[3];
  void *s;
  int ctx, nparams;
  uint64_t params[64];
  fake_last_launch(kernel, grid, block, &s, &ctx, &nparams, params);
  return s == stream && ctx == context;
}

/* 0.5 x (1 + tanh(u)) as x sigmoid(2u): no cancellation for negative x. */
static double gelu_tanh(double x) {
  double u = 0.79788456080286535587989211986876 * (x + 0.044715 * x * x * x);
  return x / (1 + exp(-2 * u));
}

/* uint8 quantization of relu(x), scale 0.05, zero point 128, in the
 * kernel's f32 steps (roundeven as rintf; NaN -> 0). */
static void check_quantize(handler_fn *quantize) {
  enum { N = 1000 };
  float x[N];
  uint8_t q[N];
  for (int i = 0; i < N; ++i) x[i] = (float)((i * 37 % 201) - 100) / 8.0f;
  x[0] = NAN, x[1] = INFINITY, x[2] = 0.025f, x[3] = 0.075f;
  int64_t dims[2] = {10, 100};
  struct frame fr;
  make_frame(&fr, 1);
  buffer(&fr.in[0], x, 2, dims);
  buffer(&fr.out, q, 2, dims);
  fr.out.dtype = XLA_FFI_DataType_U8;
  CHECK(no_error(quantize(&fr.f)), "quantize: handler succeeds with a U8 result");
  int exact = 1;
  for (int i = 0; i < N; ++i) {
    float t = rintf((x[i] > 0 ? x[i] : 0.0f) / 0.05f) + 128.0f;
    exact &= q[i] == (isnan(x[i]) ? 0 : t < 0 ? 0 : t > 255 ? 255 : (uint8_t)t);
  }
  CHECK(exact, "quantize: results exact");
  fr.out.dtype = XLA_FFI_DataType_S8;
  CHECK(error_has(quantize(&fr.f), "result 0 has element type int8, this kernel produces uint8"),
        "quantize: an int8 result is refused");
}

/* relu(x + bias[c]) and its statistics on x [2, 3, 4] (channel axis 1):
 * five results, three kernels (the group, the per-channel statistics, the
 * totals). */
static void check_stats(handler_fn *stats) {
  float x[24], bias[3] = {0.5f, -1.0f, 0.0f}, y[24], max[3], total_max;
  int64_t zeros[3], total_zeros;
  for (int i = 0; i < 24; ++i) x[i] = (float)((i * 7 % 11) - 5) / 2.0f;
  x[5] = NAN; /* channel 1 (x[4..7]): max |y| NaN, and so the total */
  int64_t dims[3] = {2, 3, 4}, cdims[1] = {3}, one[1] = {1};
  struct frame fr;
  make_frame(&fr, 2);
  set_results(&fr, 5);
  buffer(&fr.in[0], x, 3, dims);
  buffer(&fr.in[1], bias, 1, cdims);
  buffer(&fr.out, y, 3, dims);
  buffer(&fr.more_out[0], zeros, 1, cdims);
  buffer(&fr.more_out[1], &total_zeros, 1, one);
  buffer(&fr.more_out[2], max, 1, cdims);
  buffer(&fr.more_out[3], &total_max, 1, one);
  fr.more_out[0].dtype = fr.more_out[1].dtype = XLA_FFI_DataType_S64;
  int before = fake_launches();
  CHECK(no_error(stats(&fr.f)), "stats: handler succeeds with five results");
  CHECK(fake_launches() == before + 3, "stats: three launches");
  int exact = 1;
  int64_t want_zeros[3] = {0, 0, 0};
  double want_max[3] = {0, 0, 0};
  for (int i = 0; i < 24; ++i) {
    int c = i / 4 % 3;
    float v = x[i] + bias[c], r = isnan(v) ? v : v > 0 ? v : 0.0f;
    exact &= isnan(r) ? isnan(y[i]) : y[i] == r;
    want_zeros[c] += r == 0;
    want_max[c] = isnan(r) || isnan(want_max[c]) ? NAN : fmax(want_max[c], fabs(r));
  }
  for (int c = 0; c < 3; ++c)
    exact &= zeros[c] == want_zeros[c] &&
             (isnan(want_max[c]) ? isnan(max[c]) : max[c] == want_max[c]);
  exact &= total_zeros == want_zeros[0] + want_zeros[1] + want_zeros[2] && isnan(total_max);
  CHECK(exact, "stats: y, zero counts and max |y| exact");
}

static double silu(double x) { return x / (1 + exp(-x)); }

/* GLU of the two halves of one tensor: silu(a + bias[c]) * b of x = [a, b]
 * along the last axis, with per-batch biases (vmap: one launch per batch, at
 * twice the result's offset in x): x [2, 3, 2 * 5], bias [2, 5]; then
 * silu(a) * b along axis 1 of [2, 2 * 3, 7]; against float64. An odd or
 * mismatched channel size is an error before any launch. */
static void check_halves(handler_fn *halves_bias, handler_fn *halves) {
  enum { B = 2, T = 3, C = 5, O = 2, H = 3, I = 7 };
  float x[B * T * 2 * C], bias[B * C], y[B * T * C];
  for (int i = 0; i < B * T * 2 * C; ++i) x[i] = (float)((i * 37 % 61) - 30) / 8.0f;
  for (int i = 0; i < B * C; ++i) bias[i] = (float)(i - 4) / 4.0f;
  int64_t xdims[3] = {B, T, 2 * C}, bdims[2] = {B, C}, ydims[3] = {B, T, C}, axis = -1;
  struct frame fr;
  make_frame(&fr, 2);
  buffer(&fr.in[0], x, 3, xdims);
  buffer(&fr.in[1], bias, 2, bdims);
  buffer(&fr.out, y, 3, ydims);
  add_int_attr(&fr, "channel_axis", &axis);
  int before = fake_launches();
  CHECK(no_error(halves_bias(&fr.f)), "halves + bias: handler succeeds");
  CHECK(fake_launches() == before + B, "halves + bias: one launch per batch");
  double worst = 0;
  for (int b = 0; b < B; ++b)
    for (int t = 0; t < T; ++t)
      for (int c = 0; c < C; ++c) {
        const float *row = x + (b * T + t) * 2 * C;
        double want = silu((double)row[c] + bias[b * C + c]) * row[C + c];
        double err = fabs(y[(b * T + t) * C + c] - want) / (1 + fabs(want));
        if (!(err <= worst)) worst = err;
      }
  CHECK(worst < 1e-6, "halves + bias: within 1e-6 of float64");

  float x2[O * 2 * H * I], y2[O * H * I];
  for (int i = 0; i < O * 2 * H * I; ++i) x2[i] = (float)((i * 29 % 53) - 26) / 6.0f;
  int64_t x2dims[3] = {O, 2 * H, I}, y2dims[3] = {O, H, I}, one = 1;
  make_frame(&fr, 1);
  buffer(&fr.in[0], x2, 3, x2dims);
  buffer(&fr.out, y2, 3, y2dims);
  add_int_attr(&fr, "channel_axis", &one);
  CHECK(no_error(halves(&fr.f)), "halves on axis 1: handler succeeds");
  worst = 0;
  for (int o = 0; o < O; ++o)
    for (int h = 0; h < H; ++h)
      for (int i = 0; i < I; ++i) {
        double a = x2[(o * 2 * H + h) * I + i], g = x2[(o * 2 * H + H + h) * I + i];
        double want = silu(a) * g, err = fabs(y2[(o * H + h) * I + i] - want) / (1 + fabs(want));
        if (!(err <= worst)) worst = err;
      }
  CHECK(worst < 1e-6, "halves on axis 1: within 1e-6 of float64");

  int64_t odd[3] = {O, 2 * H - 1, I}, wide[3] = {O, 2 * H + 2, I};
  before = fake_launches();
  buffer(&fr.in[0], x2, 3, odd);
  CHECK(error_has(halves(&fr.f), "has an odd size 5 on the channel axis 1"),
        "halves: an odd channel size is refused");
  buffer(&fr.in[0], x2, 3, wide);
  CHECK(error_has(halves(&fr.f), "must have the result's shape with twice its 3 channels"),
        "halves: a mismatched channel size is refused");
  CHECK(fake_launches() == before, "halves: no launch for bad shapes");
}

static void run(handler_fn *relu, handler_fn *gelu, handler_fn *prelu) {
  enum { N = 1000 };
  float x[N], y[N];
  for (int i = 0; i < N; ++i) x[i] = (float)((i * 37 % 201) - 100) / 16.0f;
  int64_t dims2[2] = {10, 100};
  struct frame fr;

  /* relu on a [10, 100] buffer, on the stream of context 1. */
  xla_stream = fake_stream(1);
  make_frame(&fr, 1);
  buffer(&fr.in[0], x, 2, dims2);
  buffer(&fr.out, y, 2, dims2);
  int before = fake_launches();
  CHECK(no_error(relu(&fr.f)), "relu: handler succeeds");
  CHECK(fake_launches() == before + 1, "relu: one launch");
  CHECK(launched_on(xla_stream, 1), "relu: launched on XLA's stream, in its context");
  int exact = 1;
  for (int i = 0; i < N; ++i) exact &= y[i] == (x[i] > 0 ? x[i] : 0.0f);
  CHECK(exact, "relu: results exact");
  CHECK(fr.f.future == NULL, "relu: no future (the stream orders the work)");

  /* gelu tanh in place, on the stream of context 2. */
  float z[N];
  memcpy(z, x, sizeof z);
  xla_stream = fake_stream(2);
  make_frame(&fr, 1);
  buffer(&fr.in[0], z, 2, dims2);
  buffer(&fr.out, z, 2, dims2);
  CHECK(no_error(gelu(&fr.f)), "gelu_tanh: handler succeeds in place");
  CHECK(launched_on(xla_stream, 2), "gelu_tanh: launched on XLA's stream");
  double worst = 0;
  for (int i = 0; i < N; ++i) {
    double want = gelu_tanh(x[i]), err = fabs(z[i] - want) / (fabs(want) + 1e-30);
    if (fabs(want) > 1e-30 && err > worst) worst = err;
  }
  CHECK(worst < 1e-6, "gelu_tanh: within 1e-6 relative of float64");

  /* prelu under vmap: x [2, 4, 3] with per-batch slopes [2, 3]: each batch
   * is [4, 3] with the channels on its axis 1 (the default channel_axis);
   * one launch per batch. */
  float px[24], py[24], slope[6] = {0.5f, -1.0f, 2.0f, 0.25f, 0.0f, 3.0f};
  for (int i = 0; i < 24; ++i) px[i] = (float)(i - 12);
  int64_t xdims[3] = {2, 4, 3}, sdims[2] = {2, 3};
  xla_stream = fake_stream(1);
  make_frame(&fr, 2);
  buffer(&fr.in[0], px, 3, xdims);
  buffer(&fr.in[1], slope, 2, sdims);
  buffer(&fr.out, py, 3, xdims);
  before = fake_launches();
  CHECK(no_error(prelu(&fr.f)), "prelu: handler succeeds");
  CHECK(fake_launches() == before + 2, "prelu: one launch per batch");
  exact = 1;
  for (int b = 0; b < 2; ++b)
    for (int o = 0; o < 4; ++o)
      for (int c = 0; c < 3; ++c) {
        int at = (b * 4 + o) * 3 + c;
        exact &= py[at] == (px[at] > 0 ? px[at] : slope[b * 3 + c] * px[at]);
      }
  CHECK(exact, "prelu: per-batch slopes applied exactly");

  /* Empty buffers (data may be NULL): nothing is launched. */
  int64_t empty[2] = {0, 7};
  make_frame(&fr, 1);
  buffer(&fr.in[0], NULL, 2, empty);
  buffer(&fr.out, NULL, 2, empty);
  before = fake_launches();
  CHECK(no_error(relu(&fr.f)), "empty: handler succeeds");
  CHECK(fake_launches() == before, "empty: no launch");

  /* An XLA without streams (a CPU registration of a CUDA handler). */
  api.XLA_FFI_Stream_Get = NULL;
  make_frame(&fr, 1);
  buffer(&fr.in[0], x, 2, dims2);
  buffer(&fr.out, y, 2, dims2);
  CHECK(error_has(relu(&fr.f), "XLA gave no CUDA stream"), "no stream: clear error");
  api.XLA_FFI_Stream_Get = fake_stream_get;
}

static void launchfail(handler_fn *relu) {
  float x[64] = {0}, y[64];
  int64_t dims[1] = {64};
  struct frame fr;
  xla_stream = fake_stream(0);
  make_frame(&fr, 1);
  buffer(&fr.in[0], x, 1, dims);
  buffer(&fr.out, y, 1, dims);
  XLA_FFI_Error *e = relu(&fr.f);
  if (e) printf("error: %s\n", e->message);
  CHECK(error_has(e, "cuLaunchKernel: CUDA_ERROR_LAUNCH_FAILED"), "launch failure: XLA error");
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s handlers.so libfakecuda.so run|launchfail\n", argv[0]);
    return 2;
  }
  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  void *driver = dlopen(argv[2], RTLD_NOW | RTLD_GLOBAL);
  if (!lib || !driver) { fprintf(stderr, "%s\n", dlerror()); return 2; }
  handler_fn *relu = (handler_fn *)dlsym(lib, "relu_xla_relu_f32");
  handler_fn *gelu = (handler_fn *)dlsym(lib, "relu_xla_gelu_tanh_f32");
  handler_fn *prelu = (handler_fn *)dlsym(lib, "relu_xla_prelu_f32");
  handler_fn *quantize =
      (handler_fn *)dlsym(lib, "relu_xla_fused_relu_quantize_0p05_128_0_255_f32");
  handler_fn *stats = (handler_fn *)dlsym(lib, "relu_xla_fused_bias_relu_stats_f32");
  handler_fn *halves_bias =
      (handler_fn *)dlsym(lib, "relu_xla_fused_halves_last_bias_last_silu_mul_f32");
  handler_fn *halves = (handler_fn *)dlsym(lib, "relu_xla_fused_halves_silu_mul_f32");
  fake_stream = (void *(*)(int))dlsym(driver, "fake_cuda_stream");
  fake_launches = (int (*)(void))dlsym(driver, "fake_cuda_launches");
  fake_last_launch = (void (*)(char *, unsigned *, unsigned *, void **, int *, int *,
                               uint64_t *))dlsym(driver, "fake_cuda_last_launch");
  if (!relu || !gelu || !prelu || !quantize || !stats || !halves_bias || !halves ||
      !fake_stream || !fake_launches || !fake_last_launch) {
    fprintf(stderr, "missing symbols\n");
    return 2;
  }
  init_fake_api();
  api.XLA_FFI_Stream_Get = fake_stream_get;
  if (!strcmp(argv[3], "run")) {
    run(relu, gelu, prelu);
    check_quantize(quantize);
    check_stats(stats);
    check_halves(halves_bias, halves);
  } else
    launchfail(relu);
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
