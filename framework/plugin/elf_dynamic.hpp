// What a plugin file asks the dynamic loader for, read from the very bytes
// that were hashed (no code of it runs): its DT_NEEDED libraries and its
// RUNPATH/RPATH directories.
#pragma once

#include <string>
#include <vector>

namespace merit {

struct ElfDynamic {
    std::vector<std::string> needed;       // DT_NEEDED names, in file order
    std::vector<std::string> search_dirs;  // RUNPATH and RPATH entries, split at ':'
};

// Parses a 64-bit little-endian ELF shared object. Every offset and size is
// checked against `bytes`: a truncated or inconsistent file is a UserError
// "<origin>: not a loadable ELF file: <what is wrong>", never a crash.
ElfDynamic read_elf_dynamic(const std::string& bytes, const std::string& origin);

}  // namespace merit
