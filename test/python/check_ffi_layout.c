/* Compiled by test_ffi_layout.py against the installed XLA FFI header: every
 * field the generated handlers use sits where API 0.1 put it, every enum value
 * is unchanged, and the argument structs they fill are no smaller. Compiling is
 * the check; running prints the header's version and the offsets. */
#include "xla/ffi/api/c_api.h"
#include "ffi_layout_v0_1.h"

#include <stdio.h>

#define SAME(installed, v01, field)                                                \
  _Static_assert(offsetof(installed, field) == offsetof(v01, field) &&             \
                     sizeof(((installed *)0)->field) == sizeof(((v01 *)0)->field), \
                 #installed "." #field " moved or changed size since API 0.1");    \
  printf("%s.%s %zu\n", #installed, #field, offsetof(installed, field));
#define SAME_API(fn)                                                                \
  _Static_assert(offsetof(XLA_FFI_Api, XLA_FFI_##fn) == offsetof(V01_Api, fn),      \
                 "XLA_FFI_Api." #fn " moved since API 0.1");                        \
  printf("XLA_FFI_Api.%s %zu\n", #fn, offsetof(XLA_FFI_Api, XLA_FFI_##fn));

int main(void) {
  printf("XLA_FFI_API_VERSION %d.%d\n", XLA_FFI_API_MAJOR, XLA_FFI_API_MINOR);
  _Static_assert(XLA_FFI_API_MAJOR == 0 && XLA_FFI_API_MINOR >= 1, "need API 0.1 or newer");
  SAME(XLA_FFI_Extension_Base, V01_Extension_Base, struct_size)
  SAME(XLA_FFI_Extension_Base, V01_Extension_Base, type)
  SAME(XLA_FFI_Extension_Base, V01_Extension_Base, next)
  SAME(XLA_FFI_Api_Version, V01_Api_Version, major_version)
  SAME(XLA_FFI_Api_Version, V01_Api_Version, minor_version)
  SAME(XLA_FFI_Error_Create_Args, V01_Error_Create_Args, message)
  SAME(XLA_FFI_Error_Create_Args, V01_Error_Create_Args, errc)
  SAME(XLA_FFI_Error_Destroy_Args, V01_Error_Destroy_Args, error)
  SAME(XLA_FFI_Buffer, V01_Buffer, struct_size)
  SAME(XLA_FFI_Buffer, V01_Buffer, dtype)
  SAME(XLA_FFI_Buffer, V01_Buffer, data)
  SAME(XLA_FFI_Buffer, V01_Buffer, rank)
  SAME(XLA_FFI_Buffer, V01_Buffer, dims)
  SAME(XLA_FFI_ByteSpan, V01_ByteSpan, ptr)
  SAME(XLA_FFI_ByteSpan, V01_ByteSpan, len)
  SAME(XLA_FFI_Scalar, V01_Scalar, dtype)
  SAME(XLA_FFI_Scalar, V01_Scalar, value)
  SAME(XLA_FFI_Args, V01_Args, size)
  SAME(XLA_FFI_Args, V01_Args, types)
  SAME(XLA_FFI_Args, V01_Args, args)
  SAME(XLA_FFI_Rets, V01_Rets, size)
  SAME(XLA_FFI_Rets, V01_Rets, types)
  SAME(XLA_FFI_Rets, V01_Rets, rets)
  SAME(XLA_FFI_Attrs, V01_Attrs, size)
  SAME(XLA_FFI_Attrs, V01_Attrs, types)
  SAME(XLA_FFI_Attrs, V01_Attrs, names)
  SAME(XLA_FFI_Attrs, V01_Attrs, attrs)
  SAME(XLA_FFI_CallFrame, V01_CallFrame, struct_size)
  SAME(XLA_FFI_CallFrame, V01_CallFrame, extension_start)
  SAME(XLA_FFI_CallFrame, V01_CallFrame, api)
  SAME(XLA_FFI_CallFrame, V01_CallFrame, ctx)
  SAME(XLA_FFI_CallFrame, V01_CallFrame, stage)
  SAME(XLA_FFI_CallFrame, V01_CallFrame, args)
  SAME(XLA_FFI_CallFrame, V01_CallFrame, rets)
  SAME(XLA_FFI_CallFrame, V01_CallFrame, attrs)
  SAME(XLA_FFI_CallFrame, V01_CallFrame, future)
  SAME(XLA_FFI_Future_Create_Args, V01_Future_Create_Args, future)
  SAME(XLA_FFI_Future_SetAvailable_Args, V01_Future_SetAvailable_Args, future)
  SAME(XLA_FFI_ThreadPool_Schedule_Args, V01_ThreadPool_Schedule_Args, ctx)
  SAME(XLA_FFI_ThreadPool_Schedule_Args, V01_ThreadPool_Schedule_Args, task)
  SAME(XLA_FFI_ThreadPool_Schedule_Args, V01_ThreadPool_Schedule_Args, data)
  SAME(XLA_FFI_ThreadPool_NumThreads_Args, V01_ThreadPool_NumThreads_Args, ctx)
  SAME(XLA_FFI_ThreadPool_NumThreads_Args, V01_ThreadPool_NumThreads_Args, num_threads)
  SAME(XLA_FFI_Stream_Get_Args, V01_Stream_Get_Args, ctx)
  SAME(XLA_FFI_Stream_Get_Args, V01_Stream_Get_Args, stream)
  SAME(XLA_FFI_Metadata, V01_Metadata, struct_size)
  SAME(XLA_FFI_Metadata, V01_Metadata, api_version)
  SAME(XLA_FFI_Metadata, V01_Metadata, traits)
  SAME(XLA_FFI_Metadata_Extension, V01_Metadata_Extension, extension_base)
  SAME(XLA_FFI_Metadata_Extension, V01_Metadata_Extension, metadata)
  SAME(XLA_FFI_Api, V01_Api, struct_size)
  SAME(XLA_FFI_Api, V01_Api, api_version)
  SAME(XLA_FFI_Api, V01_Api, internal_api)
  SAME_API(Error_Create)
  SAME_API(Error_Destroy)
  SAME_API(Stream_Get)
  SAME_API(ThreadPool_Schedule)
  SAME_API(ThreadPool_NumThreads)
  SAME_API(Future_Create)
  SAME_API(Future_SetAvailable)
  /* The argument structs the handlers fill (they memset and set struct_size
   * to the installed *_STRUCT_SIZE, which XLA checks against its own). */
  _Static_assert(XLA_FFI_Error_Create_Args_STRUCT_SIZE >= offsetof(V01_Error_Create_Args, errc) + sizeof(int), "");
  _Static_assert(XLA_FFI_ThreadPool_Schedule_Args_STRUCT_SIZE >= sizeof(V01_ThreadPool_Schedule_Args), "");
  _Static_assert(XLA_FFI_ThreadPool_NumThreads_Args_STRUCT_SIZE >= sizeof(V01_ThreadPool_NumThreads_Args), "");
  _Static_assert(XLA_FFI_Future_SetAvailable_Args_STRUCT_SIZE >= sizeof(V01_Future_SetAvailable_Args), "");
  _Static_assert(XLA_FFI_Stream_Get_Args_STRUCT_SIZE >= sizeof(V01_Stream_Get_Args), "");
  _Static_assert(XLA_FFI_Metadata_STRUCT_SIZE >= offsetof(V01_Metadata, traits) + sizeof(uint32_t), "");
  /* Enum values. */
  _Static_assert(XLA_FFI_DataType_F16 == 10 && XLA_FFI_DataType_F32 == 11 && XLA_FFI_DataType_F64 == 12 &&
                 XLA_FFI_DataType_BF16 == 16 && XLA_FFI_DataType_S32 == 4 && XLA_FFI_DataType_S64 == 5, "");
  _Static_assert(XLA_FFI_ExecutionStage_EXECUTE == 3 && XLA_FFI_Extension_Metadata == 1, "");
  _Static_assert(XLA_FFI_ArgType_BUFFER == 1 && XLA_FFI_RetType_BUFFER == 1, "");
  _Static_assert(XLA_FFI_AttrType_SCALAR == 3 && XLA_FFI_AttrType_STRING == 4, "");
  _Static_assert(XLA_FFI_Error_Code_INVALID_ARGUMENT == 3 && XLA_FFI_Error_Code_INTERNAL == 13, "");
  return 0;
}
