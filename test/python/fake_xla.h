/* A fake XLA for driving generated XLA FFI handlers from C: the API object
 * (errors; callers add futures, pools, streams), call frames with up to two
 * buffer operands, up to five buffer results and two scalar attributes, and checks of
 * the returned errors. Shared by xla_handler_harness.c (platform cpu) and
 * test/Integration/Nvptx/Inputs/check_xla_cuda.c (platform CUDA). */
#ifndef FAKE_XLA_H
#define FAKE_XLA_H

#include "xla/ffi/api/c_api.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;
#define CHECK(cond, what)                                            \
  do {                                                               \
    if (cond) ++passed;                                              \
    else { ++failed; printf("FAIL line %d: %s\n", __LINE__, what); } \
  } while (0)

struct XLA_FFI_Error { XLA_FFI_Error_Code code; char message[1024]; };

static inline XLA_FFI_Error *fake_error_create(XLA_FFI_Error_Create_Args *args) {
  XLA_FFI_Error *e = calloc(1, sizeof *e);
  e->code = args->errc;
  snprintf(e->message, sizeof e->message, "%s", args->message);
  return e;
}
static inline void fake_error_destroy(XLA_FFI_Error_Destroy_Args *args) { free(args->error); }

/* The API the frames point to: API 0.1 (the oldest the handlers support)
 * with errors only; callers set further entries after init_fake_api(). */
static XLA_FFI_Api api;

static inline void init_fake_api(void) {
  memset(&api, 0, sizeof api);
  api.struct_size = XLA_FFI_Api_STRUCT_SIZE;
  api.api_version.struct_size = XLA_FFI_Api_Version_STRUCT_SIZE;
  api.api_version.major_version = 0;
  api.api_version.minor_version = 1;
  api.XLA_FFI_Error_Create = fake_error_create;
  api.XLA_FFI_Error_Destroy = fake_error_destroy;
}

typedef XLA_FFI_Error *handler_fn(XLA_FFI_CallFrame *);

struct frame {
  XLA_FFI_CallFrame f;
  XLA_FFI_Buffer in[2], out, more_out[4]; /* results 0 and 1..4 (set_results) */
  XLA_FFI_ArgType arg_types[2];
  XLA_FFI_RetType ret_types[5];
  void *args[2], *rets[5];
  XLA_FFI_AttrType attr_types[2];
  XLA_FFI_ByteSpan names[2], *name_ptrs[2];
  void *attrs[2];
  XLA_FFI_Scalar scalars[2];
};

static inline void buffer(XLA_FFI_Buffer *b, void *data, int64_t rank, int64_t *dims) {
  memset(b, 0, sizeof *b);
  b->struct_size = XLA_FFI_Buffer_STRUCT_SIZE;
  b->dtype = XLA_FFI_DataType_F32;
  b->data = data;
  b->rank = rank;
  b->dims = dims;
}

/* An execute-stage frame with `nargs` buffer operands (fr->in), one buffer
 * result (fr->out; set_results for more) and no attributes. */
static inline void make_frame(struct frame *fr, int nargs) {
  memset(&fr->f, 0, sizeof fr->f);
  fr->f.struct_size = XLA_FFI_CallFrame_STRUCT_SIZE;
  fr->f.api = &api;
  fr->f.ctx = (XLA_FFI_ExecutionContext *)(void *)fr; /* opaque to the handler */
  fr->f.stage = XLA_FFI_ExecutionStage_EXECUTE;
  fr->f.args.struct_size = XLA_FFI_Args_STRUCT_SIZE;
  fr->f.args.size = nargs;
  fr->f.args.types = fr->arg_types;
  fr->f.args.args = fr->args;
  for (int i = 0; i < 2; ++i) {
    fr->arg_types[i] = XLA_FFI_ArgType_BUFFER;
    fr->args[i] = &fr->in[i];
  }
  fr->f.rets.struct_size = XLA_FFI_Rets_STRUCT_SIZE;
  fr->f.rets.size = 1;
  fr->f.rets.types = fr->ret_types;
  fr->f.rets.rets = fr->rets;
  for (int j = 0; j < 5; ++j) {
    fr->ret_types[j] = XLA_FFI_RetType_BUFFER;
    fr->rets[j] = j == 0 ? &fr->out : &fr->more_out[j - 1];
  }
  fr->f.attrs.struct_size = XLA_FFI_Attrs_STRUCT_SIZE;
  fr->f.attrs.size = 0;
  fr->f.attrs.types = fr->attr_types;
  fr->f.attrs.names = fr->name_ptrs;
  fr->f.attrs.attrs = fr->attrs;
}

/* The frame returns `n` buffers: fr->out, then fr->more_out[0..n-2]. */
static inline void set_results(struct frame *fr, int n) { fr->f.rets.size = n; }

static inline void add_int_attr(struct frame *fr, const char *name, int64_t *value) {
  int i = (int)fr->f.attrs.size++;
  fr->attr_types[i] = XLA_FFI_AttrType_SCALAR;
  fr->names[i].ptr = name;
  fr->names[i].len = strlen(name);
  fr->name_ptrs[i] = &fr->names[i];
  fr->scalars[i].dtype = XLA_FFI_DataType_S64;
  fr->scalars[i].value = value;
  fr->attrs[i] = &fr->scalars[i];
}

/* The handler failed with a message containing `text` (frees the error). */
static inline int error_has(XLA_FFI_Error *e, const char *text) {
  int ok = e && strstr(e->message, text) != NULL;
  if (e && !ok) printf("  (message: %s)\n", e->message);
  if (!e) printf("  (no error)\n");
  free(e);
  return ok;
}

/* The handler succeeded (prints and frees an error otherwise). */
static inline int no_error(XLA_FFI_Error *e) {
  if (e) printf("  (error: %s)\n", e->message);
  free(e);
  return e == NULL;
}

#endif
