/* Exercises a relu-cc --target=nvptx shim and relu_rt_cuda without a GPU.
 *   check_shim status   prints what relu_rt_cuda_init and a call report
 *                       (no driver, stub, no device, no image, failures)
 *   check_shim launch   with the fake driver (fake_cuda.c): checks images,
 *                       launch configurations, kernel parameters, streams,
 *                       contexts and once-per-context loading
 * Prints lines for FileCheck; exits 1 when a check fails. */
#define _GNU_SOURCE
#include "kernels.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;
#define CHECK(cond)                                                          \
  do {                                                                       \
    if (!(cond)) {                                                           \
      printf("FAILED: %s (line %d)\n", #cond, __LINE__);                    \
      ++failures;                                                            \
    }                                                                        \
  } while (0)

static void report(const char *what, int status) {
  printf("%s: %s | %s\n", what, relu_rt_status_string(status), relu_rt_cuda_error_detail());
}

static int status_scenario(void) {
  float x[64] = {0}, y[64];
  /* Argument errors and empty calls need no driver. */
  CHECK(relu_f32(NULL, y, 0, NULL) == RELU_OK);
  CHECK(relu_f32(x, y, -1, NULL) == RELU_ERR_NEGATIVE_COUNT);
  CHECK(relu_f32(NULL, y, 4, NULL) == RELU_ERR_NULL_POINTER);
  CHECK(relu_f32(x, x + 1, 8, NULL) == RELU_ERR_OVERLAP);
  int status = relu_rt_cuda_init();
  report("init", status);
  printf("devices: %d\n", relu_rt_cuda_device_count());
  report("call", relu_f32(x, y, 16, NULL));
  report("again", relu_f32(x, y, 16, NULL));
  return failures != 0;
}

/* ---- launch checks with the fake driver --------------------------------- */

static struct {
  int (*loads)(void);
  int (*launches)(void);
  const char *(*last_image)(void);
  void *(*stream)(int);
  int (*current_context)(void);
  void (*set_param_count)(int);
  void (*last_launch)(char *, unsigned *, unsigned *, void **, int *, int *, uint64_t *);
} fake;

static struct {
  char kernel[128];
  unsigned grid[3], block[3];
  void *stream;
  int context, num_params;
  uint64_t params[64];
} launch;

static void fetch_launch(void) {
  fake.last_launch(launch.kernel, launch.grid, launch.block, &launch.stream, &launch.context,
                   &launch.num_params, launch.params);
}

/* Checks memref descriptor `index` (its fields start at params[*at]). */
static void check_descriptor(int *at, const void *pointer, int rank, const int64_t *sizes) {
  uint64_t *p = launch.params + *at;
  CHECK(p[0] == (uint64_t)(uintptr_t)pointer); /* allocated */
  CHECK(p[1] == (uint64_t)(uintptr_t)pointer); /* aligned */
  CHECK(p[2] == 0);                            /* offset */
  int64_t stride = 1;
  for (int d = rank - 1; d >= 0; --d) {
    CHECK((int64_t)p[3 + d] == sizes[d]);
    CHECK((int64_t)p[3 + rank + d] == stride);
    stride *= sizes[d];
  }
  *at += 3 + 2 * rank;
}

static void print_launch(const char *what) {
  printf("%s: %s grid=%u,%u,%u block=%u,%u,%u stream=%s ctx=%d params=%d\n", what, launch.kernel,
         launch.grid[0], launch.grid[1], launch.grid[2], launch.block[0], launch.block[1],
         launch.block[2], launch.stream ? "user" : "default", launch.context, launch.num_params);
}

struct worker { int id, calls, status; float *x, *y; };

static void *worker_main(void *p) {
  struct worker *w = p;
  /* Half the threads use a stream of context 2, half the default stream. */
  void *stream = w->id % 2 ? fake.stream(2) : NULL;
  for (int i = 0; i < w->calls && w->status == RELU_OK; ++i)
    w->status = gelu_f32(w->x, w->y, 4096 + w->id, stream);
  return NULL;
}

static int launch_scenario(void) {
  void *lib = dlopen(getenv("RELU_MLIR_CUDA_LIBRARY"), RTLD_NOW);
  if (!lib) {
    printf("cannot load the fake driver: %s\n", dlerror());
    return 1;
  }
  *(void **)&fake.loads = dlsym(lib, "fake_cuda_loads");
  *(void **)&fake.launches = dlsym(lib, "fake_cuda_launches");
  *(void **)&fake.last_image = dlsym(lib, "fake_cuda_last_image");
  *(void **)&fake.stream = dlsym(lib, "fake_cuda_stream");
  *(void **)&fake.current_context = dlsym(lib, "fake_cuda_current_context");
  *(void **)&fake.set_param_count = dlsym(lib, "fake_cuda_set_param_count");
  *(void **)&fake.last_launch = dlsym(lib, "fake_cuda_last_launch");

  /* "Device pointers": never dereferenced by the fake. */
  enum { N = 1000003 };
  float *x = malloc(N * sizeof(float)), *y = malloc(N * sizeof(float));
  report("init", relu_rt_cuda_init());

  /* 1-D: two descriptors of 5 fields. No context is current yet: the
   * runtime takes the primary context and makes it current. */
  CHECK(fake.current_context() == -1);
  fake.set_param_count(10);
  report("relu_f32", relu_f32(x, y, N, NULL));
  printf("image: %s\n", fake.last_image());
  fetch_launch();
  print_launch("relu_f32");
  int at = 0;
  int64_t n = N;
  check_descriptor(&at, x, 1, &n);
  check_descriptor(&at, y, 1, &n);
  CHECK(fake.current_context() == 0);

  /* A large call fills the GPU: 132 SMs x 8 resident blocks. */
  int64_t big = (int64_t)1 << 30;
  float *bx = (float *)(uintptr_t)0x100000000000ull, *by = (float *)(uintptr_t)0x200000000000ull;
  CHECK(relu_f32(bx, by, big, NULL) == RELU_OK);
  fetch_launch();
  print_launch("relu_f32 2^30");
  at = 0;
  check_descriptor(&at, bx, 1, &big);
  check_descriptor(&at, by, 1, &big);

  /* bf16 */
  uint16_t *hx = (uint16_t *)x, *hy = (uint16_t *)y;
  n = 17;
  CHECK(relu_bf16(hx + 1, hy + 3, 17, NULL) == RELU_OK);
  fetch_launch();
  print_launch("relu_bf16");
  at = 0;
  check_descriptor(&at, hx + 1, 1, &n);
  check_descriptor(&at, hy + 3, 1, &n);

  /* prelu: [outer, channels, inner] input and output, per-channel slope. */
  fake.set_param_count(9 + 5 + 9);
  float slope[7];
  CHECK(prelu_f32(x, slope, y, 3, 7, 33, NULL) == RELU_OK);
  fetch_launch();
  print_launch("prelu_f32");
  at = 0;
  int64_t shape[3] = {3, 7, 33}, channels = 7;
  check_descriptor(&at, x, 3, shape);
  check_descriptor(&at, slope, 1, &channels);
  check_descriptor(&at, y, 3, shape);

  /* A user stream of another context: the launch runs in that context, and
   * the caller's current context is restored. */
  fake.set_param_count(10);
  int loads_before = fake.loads();
  CHECK(relu_f32(x, y, 1000, fake.stream(1)) == RELU_OK);
  fetch_launch();
  print_launch("stream of context 1");
  CHECK(launch.stream == fake.stream(1));
  CHECK(fake.current_context() == 0);
  printf("loads for a new context: %d\n", fake.loads() - loads_before);

  /* Concurrent callers: each module is loaded once per context. */
  loads_before = fake.loads();
  int launches_before = fake.launches();
  pthread_t threads[8];
  struct worker workers[8];
  for (int i = 0; i < 8; ++i) {
    workers[i] = (struct worker){i, 50, RELU_OK, x, y};
    pthread_create(&threads[i], NULL, worker_main, &workers[i]);
  }
  int ok = 1;
  for (int i = 0; i < 8; ++i) {
    pthread_join(threads[i], NULL);
    ok &= workers[i].status == RELU_OK;
  }
  CHECK(ok);
  printf("threads: %d launches, %d new loads\n", fake.launches() - launches_before,
         fake.loads() - loads_before);

  free(x);
  free(y);
  printf("%s\n", failures ? "launch checks FAILED" : "launch checks passed");
  return failures != 0;
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "status") == 0) return status_scenario();
  if (argc == 2 && strcmp(argv[1], "launch") == 0) return launch_scenario();
  fprintf(stderr, "usage: %s status|launch\n", argv[0]);
  return 2;
}
