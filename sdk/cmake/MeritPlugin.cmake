# merit_add_plugin(<id> MANIFEST <manifest.json> SOURCES <src>...)
#
# Builds the plugin <id> as a shared module named merit_<id>.so against the
# Merit SDK. The manifest JSON is embedded into the ELF section
# ".merit_manifest", so the host reads it (id, version, API, components and
# their parameters) without running any plugin code. Only the entry point
# `merit_plugin_entry` is exported. The manifest's "api" ("1.0", "1.1") is
# the lowest host the plugin needs: it becomes MERIT_REQUIRES_HOST_MINOR, so
# the plugin stamps it and may call that minor's services (merit/plugin.h).
include_guard(GLOBAL)

set(_MERIT_PLUGIN_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}")

function(merit_add_plugin id)
  cmake_parse_arguments(ARG "" "MANIFEST;OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  if(NOT ARG_MANIFEST)
    message(FATAL_ERROR "merit_add_plugin(${id}): MANIFEST <file.json> is required")
  endif()
  get_filename_component(manifest "${ARG_MANIFEST}" ABSOLUTE)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${manifest}")

  file(READ "${manifest}" manifest_text)
  string(JSON api ERROR_VARIABLE api_error GET "${manifest_text}" api)
  if(api_error OR NOT api MATCHES "^([0-9]+)\\.([0-9]+)$")
    message(FATAL_ERROR "merit_add_plugin(${id}): ${manifest}: \"api\" must be \"<major>.<minor>\" (${api}${api_error})")
  endif()
  set(requires_minor "${CMAKE_MATCH_2}")

  # Embed the manifest as a NUL-terminated byte array in its own section.
  file(READ "${manifest}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  set(embed "${CMAKE_CURRENT_BINARY_DIR}/merit_${id}_manifest.cpp")
  file(CONFIGURE OUTPUT "${embed}" CONTENT
"// Generated from ${manifest}: the plugin manifest, read by the host without loading.
__attribute__((section(\".merit_manifest\"), used)) static const unsigned char merit_manifest_data[] = {${bytes}0x00};
")

  set(target merit_plugin_${id})
  add_library(${target} MODULE ${ARG_SOURCES} "${embed}")
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "merit_${id}"
    CXX_STANDARD 20
    CXX_STANDARD_REQUIRED ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}")
  elseif(DEFINED MERIT_PLUGIN_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${MERIT_PLUGIN_OUTPUT_DIRECTORY}")
  endif()
  target_link_libraries(${target} PRIVATE Merit::sdk)
  target_compile_definitions(${target} PRIVATE MERIT_REQUIRES_HOST_MINOR=${requires_minor})
  target_link_options(${target} PRIVATE
    "LINKER:--no-undefined"
    "LINKER:--version-script=${_MERIT_PLUGIN_CMAKE_DIR}/merit_plugin.map")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${_MERIT_PLUGIN_CMAKE_DIR}/merit_plugin.map")
endfunction()
