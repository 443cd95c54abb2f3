/* The XLA FFI C API 0.1 (xla/ffi/api/c_api.h, XLA_FFI_API_MINOR 1): the
 * structs and enum values relu-mlir's generated handlers rely on, transcribed
 * under a V01_ prefix. check_ffi_layout.c compares them with the installed
 * header field by field. */
#include <stddef.h>
#include <stdint.h>

typedef struct V01_Extension_Base {
  size_t struct_size;
  int type;
  struct V01_Extension_Base *next;
} V01_Extension_Base;

typedef struct {
  size_t struct_size;
  V01_Extension_Base *extension_start;
  int major_version;
  int minor_version;
} V01_Api_Version;

typedef struct {
  size_t struct_size;
  V01_Extension_Base *extension_start;
  const char *message;
  int errc;
} V01_Error_Create_Args;

typedef struct {
  size_t struct_size;
  V01_Extension_Base *extension_start;
  void *error;
} V01_Error_Destroy_Args;

typedef struct {
  size_t struct_size;
  V01_Extension_Base *extension_start;
  int dtype;
  void *data;
  int64_t rank;
  int64_t *dims;
} V01_Buffer;

typedef struct { const char *ptr; size_t len; } V01_ByteSpan;
typedef struct { int dtype; void *value; } V01_Scalar;

typedef struct {
  size_t struct_size;
  V01_Extension_Base *extension_start;
  int64_t size;
  int *types;
  void **args;
} V01_Args;

typedef struct {
  size_t struct_size;
  V01_Extension_Base *extension_start;
  int64_t size;
  int *types;
  void **rets;
} V01_Rets;

typedef struct {
  size_t struct_size;
  V01_Extension_Base *extension_start;
  int64_t size;
  int *types;
  V01_ByteSpan **names;
  void **attrs;
} V01_Attrs;

typedef struct {
  size_t struct_size;
  V01_Extension_Base *extension_start;
  const void *api;
  void *ctx;
  int stage;
  V01_Args args;
  V01_Rets rets;
  V01_Attrs attrs;
  void *future;
} V01_CallFrame;

typedef struct {
  size_t struct_size;
  V01_Extension_Base *extension_start;
  void *future;
} V01_Future_Create_Args, V01_Future_SetAvailable_Args;

typedef struct {
  size_t struct_size;
  V01_Extension_Base *extension_start;
  void *ctx;
  void (*task)(void *);
  void *data;
} V01_ThreadPool_Schedule_Args;

typedef struct {
  size_t struct_size;
  V01_Extension_Base *extension_start;
  void *ctx;
  int64_t *num_threads;
} V01_ThreadPool_NumThreads_Args;

typedef struct {
  size_t struct_size;
  V01_Extension_Base *extension_start;
  void *ctx;
  void *stream;
} V01_Stream_Get_Args;

typedef struct {
  size_t struct_size;
  V01_Api_Version api_version;
  uint32_t traits;
} V01_Metadata;

typedef struct {
  V01_Extension_Base extension_base;
  V01_Metadata *metadata;
} V01_Metadata_Extension;

typedef void (*V01_Fn)(void);
typedef struct {
  size_t struct_size;
  V01_Extension_Base *extension_start;
  V01_Api_Version api_version;
  const void *internal_api;
  V01_Fn Error_Create, Error_GetMessage, Error_Destroy, Handler_Register, Stream_Get,
      Type_Register, ExecutionContext_Get, State_Set, State_Get, DeviceMemory_Allocate,
      DeviceMemory_Free, ThreadPool_Schedule, ThreadPool_NumThreads, Future_Create,
      Future_SetAvailable, Future_SetError, RunId_Get;
} V01_Api;
