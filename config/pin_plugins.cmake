# cmake -DOUT=<file> -DFILES=<a.so;b.so> -P pin_plugins.cmake
# Writes "sha256  file-name" lines (sha256sum format), one per plugin.
set(lines "# Plugins pinned by the build that produced them. Do not edit; add your own lists beside it.\n")
foreach(file IN LISTS FILES)
  file(SHA256 "${file}" hash)
  get_filename_component(name "${file}" NAME)
  string(APPEND lines "${hash}  ${name}\n")
endforeach()
file(WRITE "${OUT}" "${lines}")
