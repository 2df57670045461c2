// Trust covers what is loaded: a plugin's RUNPATH/RPATH may only point into
// its own folder, and each library it needs is either a system library or
// pinned by checksum in its trust line.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "plugin/elf_dynamic.hpp"

namespace merit {

// The directories the system's libraries come from; nothing else is trusted
// without a checksum.
const std::vector<std::filesystem::path>& system_library_dirs();

// Throws UserError "<who>: not loaded: <reason>" for the first search
// directory outside `folder` (or through "$ORIGIN/.."), and for the first
// needed library that is no system library and is not pinned in `pins`
// (library name -> sha256) by a file of that checksum in the plugin's
// search directories.
void check_dependencies(const ElfDynamic& dynamic, const std::filesystem::path& folder,
                        const std::map<std::string, std::string>& pins, const std::string& who);

}  // namespace merit
