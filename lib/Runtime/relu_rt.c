/* relu_rt.c: argument checks, error strings and a fork-join thread pool for
 * relu-mlir kernels. Plain C11 (atomics) + pthreads. See relu_rt.h. */
#include "relu_rt.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The floating-point environment a call's chunks run in: the caller's (see
 * relu_rt.h). On x86 the kernels' vector code depends on the MXCSR only. */
#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
typedef unsigned fpenv;
static fpenv get_fpenv(void) { return _mm_getcsr(); }
static void set_fpenv(fpenv env) { _mm_setcsr(env); }
#else
#include <fenv.h>
typedef fenv_t fpenv;
static fpenv get_fpenv(void) { fenv_t env; fegetenv(&env); return env; }
static void set_fpenv(fpenv env) { fesetenv(&env); }
#endif
static int same_fpenv(fpenv a, fpenv b) { return memcmp(&a, &b, sizeof a) == 0; }

const char *relu_rt_status_string(int status) {
  switch (status) {
  case RELU_OK: return "success";
  case RELU_ERR_NULL_POINTER: return "a data pointer is NULL while the element count is positive";
  case RELU_ERR_NEGATIVE_COUNT: return "an element count or dimension is negative";
  case RELU_ERR_BAD_SHAPE: return "the sizes do not match the kernel's shape";
  case RELU_ERR_OVERLAP: return "the output partially overlaps an input (it may only be equal to it)";
  case RELU_ERR_THREADS: return "the thread pool could not be started";
  case RELU_ERR_INVALID_ARGUMENT: return "invalid argument";
  case RELU_ERR_CUDA_NO_DRIVER: return "no CUDA driver: libcuda.so.1 could not be loaded or initialized";
  case RELU_ERR_CUDA_NO_DEVICE: return "no CUDA GPU: the driver reports no device";
  case RELU_ERR_CUDA_NO_IMAGE: return "no kernel image for this GPU: the kernels were not compiled for its architecture";
  case RELU_ERR_CUDA_LAUNCH: return "the CUDA kernel launch failed";
  case RELU_ERR_CUDA: return "a CUDA driver call failed";
  default: return "unknown relu-mlir status";
  }
}

int relu_rt_check_io(int num_inputs, int num_outputs, const void *const *buffers,
                     const int64_t *bytes) {
  int num = num_inputs + num_outputs;
  for (int i = 0; i < num; ++i) {
    if (bytes[i] < 0) return RELU_ERR_NEGATIVE_COUNT;
    if (bytes[i] > 0 && !buffers[i]) return RELU_ERR_NULL_POINTER;
  }
  for (int o = num_inputs; o < num; ++o) {
    const char *out = (const char *)buffers[o];
    for (int i = 0; i < o; ++i) {
      const char *other = (const char *)buffers[i];
      if (bytes[i] == 0 || bytes[o] == 0) continue;
      /* In place: an output may be an input of the same size. */
      if (i < num_inputs && other == out && bytes[i] == bytes[o]) continue;
      if (other < out + bytes[o] && out < other + bytes[i]) return RELU_ERR_OVERLAP;
    }
  }
  return RELU_OK;
}

int relu_rt_check_buffers(int num, const void *const *buffers,
                          const int64_t *bytes) {
  return relu_rt_check_io(num - 1, 1, buffers, bytes);
}

/* ---- thread count ---------------------------------------------------- */

static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;
static int configured_threads; /* 0: not chosen yet; guarded by config_lock */

static int default_threads(void) {
  const char *env = getenv("RELU_MLIR_NUM_THREADS");
  if (env && *env) {
    char *end;
    long n = strtol(env, &end, 10);
    if (*end == '\0' && n >= 1 && n <= 1024) return (int)n;
  }
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n >= 1 ? (int)(n > 1024 ? 1024 : n) : 1;
}

int relu_rt_get_num_threads(void) {
  pthread_mutex_lock(&config_lock);
  if (!configured_threads) configured_threads = default_threads();
  int n = configured_threads;
  pthread_mutex_unlock(&config_lock);
  return n;
}

int relu_rt_set_num_threads(int num_threads) {
  if (num_threads < 1 || num_threads > 1024) return RELU_ERR_INVALID_ARGUMENT;
  pthread_mutex_lock(&config_lock);
  configured_threads = num_threads;
  pthread_mutex_unlock(&config_lock);
  return RELU_OK;
}

/* ---- the pool ---------------------------------------------------------
 * A job lives on its caller's stack. Callers queue jobs; workers and the
 * caller itself claim chunks under the pool lock. The caller returns once
 * every chunk is finished and no worker still holds the job.
 * Waiting spins briefly before sleeping on a condition variable: a call on a
 * few hundred KB takes microseconds, less than waking a sleeping thread. */

/* Spin iterations before a waiting thread sleeps (a few tens of us). */
#define RELU_RT_SPINS 4096

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

typedef struct job {
  relu_rt_body body;
  void *ctx;
  int64_t count, chunk, num_chunks;
  int64_t next, finished; /* guarded by pool.lock */
  int active;             /* workers inside this job; guarded by pool.lock */
  int max_active;         /* the caller's thread count minus itself */
  fpenv env;              /* the caller's floating-point environment */
  struct job *prev_job, *next_job;
  pthread_cond_t done;
  atomic_int complete; /* set under pool.lock once finished and not active */
} job;

static struct {
  pthread_mutex_t lock;
  pthread_cond_t work;
  job *head; /* jobs with unclaimed chunks */
  int workers;
  atomic_uint posted; /* jobs queued so far: idle workers spin on changes */
} pool = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, 0, 0};

/* Marks `j` complete when all its chunks are done and no worker is inside
 * it. Called with the lock held. */
static void maybe_complete(job *j) {
  if (j->finished == j->num_chunks && j->active == 0) {
    atomic_store(&j->complete, 1);
    pthread_cond_broadcast(&j->done);
  }
}

static void unlink_job(job *j) {
  if (j->prev_job) j->prev_job->next_job = j->next_job; else pool.head = j->next_job;
  if (j->next_job) j->next_job->prev_job = j->prev_job;
  j->prev_job = j->next_job = NULL;
}

/* Claims and runs chunks of `j` until none is left. Called with the lock
 * held; returns with it held. */
static void run_chunks(job *j) {
  while (j->next < j->num_chunks) {
    int64_t c = j->next++;
    if (j->next == j->num_chunks) unlink_job(j);
    pthread_mutex_unlock(&pool.lock);
    int64_t begin = c * j->chunk;
    int64_t end = begin + j->chunk < j->count ? begin + j->chunk : j->count;
    j->body(j->ctx, begin, end);
    pthread_mutex_lock(&pool.lock);
    ++j->finished;
    maybe_complete(j);
  }
}

/* The first queued job that may take one more worker, or NULL. */
static job *eligible_job(void) {
  job *j = pool.head;
  while (j && j->active >= j->max_active) j = j->next_job;
  return j;
}

static void *worker_main(void *unused) {
  (void)unused;
  pthread_mutex_lock(&pool.lock);
  for (;;) {
    job *j;
    while (!(j = eligible_job())) {
      unsigned seen = atomic_load(&pool.posted);
      pthread_mutex_unlock(&pool.lock);
      for (int i = 0; i < RELU_RT_SPINS && atomic_load(&pool.posted) == seen; ++i) cpu_relax();
      pthread_mutex_lock(&pool.lock);
      if (!eligible_job() && atomic_load(&pool.posted) == seen)
        pthread_cond_wait(&pool.work, &pool.lock);
    }
    ++j->active;
    fpenv own = get_fpenv();
    int change = !same_fpenv(own, j->env);
    if (change) set_fpenv(j->env);
    run_chunks(j);
    if (change) set_fpenv(own);
    --j->active;
    maybe_complete(j);
  }
  return NULL;
}

/* Starts workers until `wanted` exist. Called with the lock held. */
static int ensure_workers(int wanted) {
  while (pool.workers < wanted) {
    pthread_t thread;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int rc = pthread_create(&thread, &attr, worker_main, NULL);
    pthread_attr_destroy(&attr);
    if (rc != 0) return pool.workers > 0 ? RELU_OK : RELU_ERR_THREADS;
    ++pool.workers;
  }
  return RELU_OK;
}

int relu_rt_parallel_for(int64_t count, int64_t align, int64_t min_parallel,
                         relu_rt_body body, void *ctx) {
  if (count < 0) return RELU_ERR_NEGATIVE_COUNT;
  if (count == 0) return RELU_OK;
  int threads = relu_rt_get_num_threads();
  if (threads <= 1 || count < min_parallel) {
    body(ctx, 0, count);
    return RELU_OK;
  }
  if (align < 1) align = 1;
  /* A few chunks per thread balance load; chunks stay multiples of align. */
  int64_t chunk = (count + 4 * (int64_t)threads - 1) / (4 * (int64_t)threads);
  chunk = (chunk + align - 1) / align * align;
  if (chunk < min_parallel / 2) chunk = (min_parallel / 2 + align - 1) / align * align;
  job j = {body, ctx, count, chunk, (count + chunk - 1) / chunk, 0, 0, 0,
           threads - 1, get_fpenv(), NULL, NULL, PTHREAD_COND_INITIALIZER, 0};
  if (j.num_chunks == 1) {
    body(ctx, 0, count);
    return RELU_OK;
  }
  pthread_mutex_lock(&pool.lock);
  int status = ensure_workers(threads - 1);
  if (status != RELU_OK) {
    pthread_mutex_unlock(&pool.lock);
    return status;
  }
  j.next_job = pool.head;
  if (pool.head) pool.head->prev_job = &j;
  pool.head = &j;
  atomic_fetch_add(&pool.posted, 1);
  pthread_cond_broadcast(&pool.work);
  run_chunks(&j);
  if (!atomic_load(&j.complete)) {
    pthread_mutex_unlock(&pool.lock);
    for (int i = 0; i < RELU_RT_SPINS && !atomic_load(&j.complete); ++i) cpu_relax();
    pthread_mutex_lock(&pool.lock);
    /* Taking the lock also waits for the last worker to leave the job. */
    while (!atomic_load(&j.complete)) pthread_cond_wait(&j.done, &pool.lock);
  }
  pthread_mutex_unlock(&pool.lock);
  pthread_cond_destroy(&j.done);
  return RELU_OK;
}
