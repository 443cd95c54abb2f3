/* Drives relu-mlir's generated XLA FFI handlers with a fake XLA: the paths a
 * real jaxlib rarely or never takes. Usage: xla_handler_harness <library.so>
 * (built from the quick specs relu and prelu for f32 with --target=xla).
 * Prints one line per failed check and "N passed, M failed". */
#define _GNU_SOURCE
#include "fake_xla.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ---- a fake XLA_FFI_Api --------------------------------------------------- */

struct XLA_FFI_Future {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  int available;
};

static atomic_int futures_created;
static XLA_FFI_Error *fake_future_create(XLA_FFI_Future_Create_Args *args) {
  XLA_FFI_Future *f = calloc(1, sizeof *f);
  pthread_mutex_init(&f->lock, NULL);
  pthread_cond_init(&f->cond, NULL);
  args->future = f;
  ++futures_created;
  return NULL;
}
static XLA_FFI_Error *fake_future_set_available(XLA_FFI_Future_SetAvailable_Args *args) {
  pthread_mutex_lock(&args->future->lock);
  args->future->available = 1;
  pthread_cond_broadcast(&args->future->cond);
  pthread_mutex_unlock(&args->future->lock);
  return NULL;
}
static void wait_future(XLA_FFI_Future *f) {
  pthread_mutex_lock(&f->lock);
  while (!f->available) pthread_cond_wait(&f->cond, &f->lock);
  pthread_mutex_unlock(&f->lock);
  free(f);
}

/* The pool: each task on its own detached thread, after a short delay (so the
 * handler returns before its chunks finish), or refused. */
static int pool_threads = 4, pool_refuses, pool_num_threads_fails;
static long pool_delay_ns = 2000000;
static atomic_int tasks_scheduled;
struct task { XLA_FFI_Task *fn; void *data; long delay_ns; };
static void *task_main(void *p) {
  struct task t = *(struct task *)p;
  free(p);
  struct timespec ts = {0, t.delay_ns};
  if (t.delay_ns) nanosleep(&ts, NULL);
  t.fn(t.data);
  return NULL;
}
static XLA_FFI_Error *fake_schedule(XLA_FFI_ThreadPool_Schedule_Args *args) {
  if (pool_refuses) {
    XLA_FFI_Error_Create_Args e = {XLA_FFI_Error_Create_Args_STRUCT_SIZE, NULL, "no pool",
                                   XLA_FFI_Error_Code_UNIMPLEMENTED};
    return fake_error_create(&e);
  }
  struct task *t = malloc(sizeof *t);
  t->fn = args->task;
  t->data = args->data;
  t->delay_ns = pool_delay_ns;
  pthread_t thread;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_create(&thread, &attr, task_main, t);
  pthread_attr_destroy(&attr);
  ++tasks_scheduled;
  return NULL;
}
static XLA_FFI_Error *fake_num_threads(XLA_FFI_ThreadPool_NumThreads_Args *args) {
  if (pool_num_threads_fails) {
    XLA_FFI_Error_Create_Args e = {XLA_FFI_Error_Create_Args_STRUCT_SIZE, NULL, "none",
                                   XLA_FFI_Error_Code_UNIMPLEMENTED};
    return fake_error_create(&e);
  }
  *args->num_threads = pool_threads;
  return NULL;
}

static void init_api(void) {
  init_fake_api();
  api.XLA_FFI_Future_Create = fake_future_create;
  api.XLA_FFI_Future_SetAvailable = fake_future_set_available;
  api.XLA_FFI_ThreadPool_Schedule = fake_schedule;
  api.XLA_FFI_ThreadPool_NumThreads = fake_num_threads;
}

/* ---- call frames ------------------------------------------------------------ */

int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: %s library.so\n", argv[0]); return 2; }
  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) { fprintf(stderr, "%s\n", dlerror()); return 2; }
  handler_fn *relu = (handler_fn *)dlsym(lib, "relu_xla_relu_f32");
  handler_fn *prelu = (handler_fn *)dlsym(lib, "relu_xla_prelu_f32");
  int (*set_threading)(int) = (int (*)(int))dlsym(lib, "relu_xla_set_threading");
  if (!relu || !prelu || !set_threading) { fprintf(stderr, "missing symbols\n"); return 2; }
  init_api();
  set_threading(0); /* XLA's pool (the default is relu_rt's) */
  struct frame fr;

  /* Metadata query as older XLA makes it: api is NULL. */
  {
    XLA_FFI_Metadata metadata;
    memset(&metadata, 0, sizeof metadata);
    metadata.struct_size = XLA_FFI_Metadata_STRUCT_SIZE;
    XLA_FFI_Metadata_Extension ext;
    memset(&ext, 0, sizeof ext);
    ext.extension_base.struct_size = XLA_FFI_Metadata_Extension_STRUCT_SIZE;
    ext.extension_base.type = XLA_FFI_Extension_Metadata;
    ext.metadata = &metadata;
    XLA_FFI_CallFrame f;
    memset(&f, 0, sizeof f);
    f.struct_size = XLA_FFI_CallFrame_STRUCT_SIZE;
    f.extension_start = &ext.extension_base;
    CHECK(relu(&f) == NULL, "metadata query succeeds without an api");
    CHECK(metadata.api_version.major_version == 0 &&
              metadata.api_version.minor_version == XLA_FFI_API_MINOR && metadata.traits == 0,
          "metadata holds the header's version and no traits");
    metadata.struct_size = 8; /* older than 0.1 */
    f.api = &api;
    CHECK(error_has(relu(&f), "older than XLA FFI API 0.1"), "too small a metadata struct");
  }

  static float x[1 << 20], y[1 << 20];
  int64_t n = 1 << 20, dims3[3] = {64, 128, 128};
  for (int64_t i = 0; i < n; ++i) x[i] = (float)(i % 7) - 3.0f;

  /* Wrong stage, counts, dtypes. */
  make_frame(&fr, 1);
  buffer(&fr.in[0], x, 1, &n);
  buffer(&fr.out, y, 1, &n);
  fr.f.stage = XLA_FFI_ExecutionStage_PREPARE;
  CHECK(error_has(relu(&fr.f), "execution stage 1"), "prepare stage is refused");
  fr.f.stage = XLA_FFI_ExecutionStage_EXECUTE;
  fr.f.args.size = 2;
  CHECK(error_has(relu(&fr.f), "expected 1 operand(s) and 1 result(s), got 2 and 1"), "operand count");
  fr.f.args.size = 1;
  fr.in[0].dtype = XLA_FFI_DataType_S32;
  CHECK(error_has(relu(&fr.f), "operand 0 has element type int32, this kernel takes float32"),
        "dtype");
  fr.in[0].dtype = XLA_FFI_DataType_F32;
  fr.f.struct_size = 16;
  CHECK(error_has(relu(&fr.f), "call frame is older"), "call frame size");
  fr.f.struct_size = XLA_FFI_CallFrame_STRUCT_SIZE;
  int64_t other = n - 1;
  fr.out.dims = &other;
  CHECK(error_has(relu(&fr.f), "operand 0 has shape [1048576] but the result has shape [1048575]"),
        "shape mismatch");
  fr.out.dims = &n;
  int64_t one = 1;
  add_int_attr(&fr, "alpha", &one);
  CHECK(error_has(relu(&fr.f), "unknown attribute 'alpha' (this kernel accepts: none)"),
        "unknown attribute");
  fr.f.attrs.size = 0;

  /* Zero-size buffers with NULL data: nothing runs. */
  int64_t zero_dims[2] = {0, 5};
  buffer(&fr.in[0], NULL, 2, zero_dims);
  buffer(&fr.out, NULL, 2, zero_dims);
  futures_created = 0;
  CHECK(relu(&fr.f) == NULL && fr.f.future == NULL && futures_created == 0, "zero-size buffer");

  /* Rank 0: one element. */
  float s = -2.5f, t = 1.0f;
  buffer(&fr.in[0], &s, 0, NULL);
  buffer(&fr.out, &t, 0, NULL);
  CHECK(relu(&fr.f) == NULL && t == 0.0f, "rank-0 buffer");

  /* A large call on the (fake) XLA pool: the handler returns a future that the
   * last chunk completes, after the handler has returned. */
  buffer(&fr.in[0], x, 3, dims3);
  buffer(&fr.out, y, 3, dims3);
  memset(y, 0xff, sizeof y);
  tasks_scheduled = 0;
  fr.f.future = NULL;
  CHECK(relu(&fr.f) == NULL && fr.f.future != NULL, "large call returns a future");
  CHECK(tasks_scheduled == pool_threads - 1, "one chunk per pool thread, one on the caller");
  if (fr.f.future) wait_future(fr.f.future);
  int ok = 1;
  for (int64_t i = 0; i < n; ++i) ok &= y[i] == (x[i] > 0 ? x[i] : 0.0f);
  CHECK(ok, "pool result");

  /* Helpers that start at once share the chunks; whoever finishes the last
   * one completes the future, possibly after the handler returned. */
  pool_delay_ns = 0;
  for (int round = 0; round < 20; ++round) {
    memset(y, 0xff, sizeof y);
    fr.f.future = NULL;
    XLA_FFI_Error *e = relu(&fr.f);
    if (fr.f.future) wait_future(fr.f.future);
    ok = e == NULL;
    for (int64_t i = 0; i < n; ++i) ok &= y[i] == (x[i] > 0 ? x[i] : 0.0f);
    if (!ok) break;
  }
  CHECK(ok, "shared chunks, 20 rounds");
  pool_delay_ns = 2000000;

  /* Aliased operand and result, on the pool. */
  static float z[1 << 20];
  memcpy(z, x, sizeof z);
  buffer(&fr.in[0], z, 1, &n);
  buffer(&fr.out, z, 1, &n);
  fr.f.future = NULL;
  CHECK(relu(&fr.f) == NULL, "aliased call");
  if (fr.f.future) wait_future(fr.f.future);
  ok = 1;
  for (int64_t i = 0; i < n; ++i) ok &= z[i] == (x[i] > 0 ? x[i] : 0.0f);
  CHECK(ok, "aliased result");

  /* The pool refuses tasks: the handler runs every chunk itself. */
  pool_refuses = 1;
  buffer(&fr.in[0], x, 1, &n);
  buffer(&fr.out, y, 1, &n);
  memset(y, 0xff, sizeof y);
  fr.f.future = NULL;
  CHECK(relu(&fr.f) == NULL, "refused pool");
  CHECK(fr.f.future != NULL, "the future exists (completed)");
  if (fr.f.future) {
    CHECK(fr.f.future->available, "completed before the handler returned");
    wait_future(fr.f.future);
  }
  ok = 1;
  for (int64_t i = 0; i < n; ++i) ok &= y[i] == (x[i] > 0 ? x[i] : 0.0f);
  CHECK(ok, "refused pool result");
  pool_refuses = 0;

  /* No thread count, or an API without the pool: serial, no future. */
  pool_num_threads_fails = 1;
  fr.f.future = NULL;
  CHECK(relu(&fr.f) == NULL && fr.f.future == NULL, "no thread count: serial");
  pool_num_threads_fails = 0;
  api.api_version.minor_version = 0;
  CHECK(relu(&fr.f) == NULL && fr.f.future == NULL, "API 0.0: serial");
  api.api_version.minor_version = 1;
  set_threading(2);
  CHECK(relu(&fr.f) == NULL && fr.f.future == NULL, "serial mode");
  set_threading(1);
  CHECK(relu(&fr.f) == NULL && fr.f.future == NULL, "relu_rt mode");
  set_threading(0);

  /* prelu: batch dimensions from the slope's leading dimensions, channel_axis. */
  {
    int64_t xd[3] = {3, 4, 5}, sd[2] = {3, 4};
    float px[60], py[60], slope[12];
    for (int i = 0; i < 60; ++i) px[i] = -1.0f;
    for (int i = 0; i < 12; ++i) slope[i] = (float)i;
    make_frame(&fr, 2);
    buffer(&fr.in[0], px, 3, xd);
    buffer(&fr.in[1], slope, 2, sd);
    buffer(&fr.out, py, 3, xd);
    int64_t axis = 0; /* first dimension after the batch dimension */
    add_int_attr(&fr, "channel_axis", &axis);
    CHECK(prelu(&fr.f) == NULL, "batched prelu");
    ok = 1;
    for (int b = 0; b < 3; ++b)
      for (int c = 0; c < 4; ++c)
        for (int i = 0; i < 5; ++i) ok &= py[(b * 4 + c) * 5 + i] == -slope[b * 4 + c];
    CHECK(ok, "batched prelu result");
    int64_t bad = 3;
    fr.scalars[0].value = &bad;
    CHECK(error_has(prelu(&fr.f), "channel_axis 3 is out of range"), "prelu axis range");
    int64_t sd2[2] = {2, 4};
    fr.in[1].dims = sd2;
    fr.scalars[0].value = &axis;
    CHECK(error_has(prelu(&fr.f), "matches neither 1 nor operand 0"), "prelu batch mismatch");
  }

  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
