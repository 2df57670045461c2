# find_package(MeritSDK) — the Merit plugin SDK.
# Provides the target Merit::sdk (headers) and the function merit_add_plugin().
include_guard(GLOBAL)
get_filename_component(_merit_sdk_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
if(NOT TARGET Merit::sdk)
  add_library(Merit::sdk INTERFACE IMPORTED)
  set_target_properties(Merit::sdk PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_merit_sdk_prefix}/include"
    INTERFACE_COMPILE_FEATURES cxx_std_20)
endif()
include("${CMAKE_CURRENT_LIST_DIR}/MeritPlugin.cmake")
set(MeritSDK_FOUND TRUE)
