# Install rules and the exported CMake package `ReluMLIR`.
#
# Included from the top-level CMakeLists.txt after lib/ and tools/. A consumer
# of the installed tree writes
#   find_package(ReluMLIR REQUIRED CONFIG)   # with CMAKE_PREFIX_PATH=<prefix>
#   target_link_libraries(app PRIVATE ReluMLIR::MLIRAct)
#
# Exported:
#   libraries  every library of this project made with add_mlir_library /
#              add_mlir_dialect_library / add_mlir_conversion_library (AddMLIR
#              records them in the global property MLIR_EXPORTS), so a new
#              library is exported without touching this file. A library made
#              another way (add_library, add_llvm_library) that should be
#              installed, or that an exported library links, registers itself:
#                set_property(GLOBAL APPEND PROPERTY RELU_EXPORTS <target>)
#   tools      RELU_EXPORTED_TOOLS (ReluMLIR::relu-opt, ...)
#   plugin     ReluMLIR::ReluPlugin, the mlir-opt dialect + pass plugin
# Headers: include/relu/**/*.h (and the .td sources) and the generated .inc files.

include(CMakePackageConfigHelpers)
include(GNUInstallDirs)

set(RELU_INSTALL_LIBDIR "lib${LLVM_LIBDIR_SUFFIX}")
set(RELU_INSTALL_CMAKEDIR "${RELU_INSTALL_LIBDIR}/cmake/ReluMLIR")

get_property(_relu_mlir_exports GLOBAL PROPERTY MLIR_EXPORTS)
get_property(_relu_extra_exports GLOBAL PROPERTY RELU_EXPORTS)
set(RELU_EXPORTED_LIBRARIES)
foreach(_lib IN LISTS _relu_mlir_exports _relu_extra_exports)
  if(TARGET ${_lib} AND NOT _lib MATCHES "^obj\\.")
    get_target_property(_imported ${_lib} IMPORTED)
    get_target_property(_type ${_lib} TYPE)
    if(NOT _imported AND _type MATCHES "^(STATIC|SHARED)_LIBRARY$")
      list(APPEND RELU_EXPORTED_LIBRARIES ${_lib})
    endif()
  endif()
endforeach()
list(REMOVE_DUPLICATES RELU_EXPORTED_LIBRARIES)

set(RELU_EXPORTED_TOOLS)
foreach(_tool relu-opt relu-cc)
  if(TARGET ${_tool})
    list(APPEND RELU_EXPORTED_TOOLS ${_tool})
  endif()
endforeach()

set(RELU_EXPORTED_MODULES)
if(TARGET ReluPlugin)
  list(APPEND RELU_EXPORTED_MODULES ReluPlugin)
endif()

# Installed binaries find libMLIR.so (which is not on the default loader path
# in Debian) through their RUNPATH.
foreach(_target IN LISTS RELU_EXPORTED_TOOLS RELU_EXPORTED_MODULES)
  set_property(TARGET ${_target} APPEND PROPERTY INSTALL_RPATH "${LLVM_LIBRARY_DIR}")
endforeach()

# add_mlir_library already installs each library's file (into the MLIRTargets
# export set, which is never exported); this rule adds them to ours.
install(TARGETS ${RELU_EXPORTED_LIBRARIES} ${RELU_EXPORTED_TOOLS} ${RELU_EXPORTED_MODULES}
  EXPORT ReluMLIRTargets
  ARCHIVE DESTINATION ${RELU_INSTALL_LIBDIR} COMPONENT relu-mlir
  LIBRARY DESTINATION ${RELU_INSTALL_LIBDIR} COMPONENT relu-mlir
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT relu-mlir
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  )

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/relu
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT relu-mlir
  FILES_MATCHING PATTERN "*.h" PATTERN "*.td"
  )
install(DIRECTORY ${PROJECT_BINARY_DIR}/include/relu
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT relu-mlir
  FILES_MATCHING PATTERN "*.inc" PATTERN "*.h"
  PATTERN "CMakeFiles" EXCLUDE
  )

install(EXPORT ReluMLIRTargets
  NAMESPACE ReluMLIR::
  FILE ReluMLIRTargets.cmake
  DESTINATION ${RELU_INSTALL_CMAKEDIR} COMPONENT relu-mlir
  )

set(RELU_MLIR_FIND_VERSION "${LLVM_VERSION_MAJOR}.${LLVM_VERSION_MINOR}")
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/ReluMLIRConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/ReluMLIRConfig.cmake
  INSTALL_DESTINATION ${RELU_INSTALL_CMAKEDIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR CMAKE_INSTALL_BINDIR RELU_INSTALL_LIBDIR
  )
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cmake/ReluMLIRConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion
  )
install(FILES
  ${PROJECT_BINARY_DIR}/cmake/ReluMLIRConfig.cmake
  ${PROJECT_BINARY_DIR}/cmake/ReluMLIRConfigVersion.cmake
  DESTINATION ${RELU_INSTALL_CMAKEDIR} COMPONENT relu-mlir
  )

# Everything the install step copies, for test dependencies (the lit test
# test/Integration/find-package.test installs the build tree).
set(RELU_INSTALLED_TARGETS ${RELU_EXPORTED_LIBRARIES} ${RELU_EXPORTED_TOOLS} ${RELU_EXPORTED_MODULES})
