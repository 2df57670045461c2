#include "plugin/dependency_check.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "common/errors.hpp"
#include "common/sha256.hpp"

namespace merit {
namespace {

namespace fs = std::filesystem;

bool inside(const fs::path& path, const fs::path& folder) {
    const auto rel = path.lexically_normal().lexically_relative(folder.lexically_normal());
    return !rel.empty() && *rel.begin() != "..";
}

// The directory a RUNPATH entry names, or "" when it may lead outside
// `folder`: anything but "$ORIGIN" (or "${ORIGIN}") and folders below it, or
// an absolute path inside `folder`.
fs::path resolved_dir(const std::string& entry, const fs::path& folder) {
    std::string rest;
    for (const std::string origin : {"$ORIGIN", "${ORIGIN}"})
        if (entry.rfind(origin, 0) == 0 && (entry.size() == origin.size() || entry[origin.size()] == '/'))
            rest = entry.substr(origin.size()), rest = rest.empty() ? "." : "." + rest;
    if (!rest.empty()) {
        for (const auto& part : fs::path(rest))
            if (part == "..") return {};
        return (folder / rest).lexically_normal();
    }
    if (fs::path(entry).is_absolute() && inside(entry, folder)) return fs::path(entry).lexically_normal();
    return {};
}

std::string file_sha256(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return "";
    std::stringstream buffer;
    buffer << in.rdbuf();
    return sha256_hex(buffer.str());
}

}  // namespace

const std::vector<fs::path>& system_library_dirs() {
    static const std::vector<fs::path> dirs = {"/lib", "/usr/lib", "/lib/x86_64-linux-gnu",
                                               "/usr/lib/x86_64-linux-gnu"};
    return dirs;
}

void check_dependencies(const ElfDynamic& dynamic, const fs::path& folder,
                        const std::map<std::string, std::string>& pins, const std::string& who) {
    const fs::path base = fs::absolute(folder).lexically_normal();
    std::vector<fs::path> dirs;
    for (const auto& entry : dynamic.search_dirs) {
        const fs::path dir = resolved_dir(entry, base);
        if (dir.empty())
            throw UserError(fmt::format("{}: not loaded: its RUNPATH/RPATH '{}' points outside its folder {}",
                                        who, entry, base.string()));
        dirs.push_back(dir);
    }
    for (const auto& name : dynamic.needed) {
        if (name.empty() || name.find('/') != std::string::npos)
            throw UserError(fmt::format("{}: not loaded: it needs the library '{}' by path", who, name));
        // The loader looks in RUNPATH before the system's directories: a
        // library found there is what loads, so it needs a pin.
        std::error_code ec;
        fs::path local;
        for (const auto& dir : dirs)
            if (local.empty() && fs::exists(dir / name, ec)) local = dir / name;
        bool system = false;
        for (const auto& dir : system_library_dirs()) system = system || fs::exists(dir / name, ec);
        if (local.empty() && system) continue;
        const auto pin = pins.find(name);
        if (pin == pins.end())
            throw UserError(fmt::format(
                "{}: not loaded: it needs {}{}, which is not pinned in its trust line (add "
                "'needs={}:<sha256>')",
                who, name, local.empty() ? " (no system library)" : " from " + local.string(), name));
        const std::string found = local.empty() ? "" : file_sha256(local);
        if (found != pin->second)
            throw UserError(fmt::format("{}: not loaded: {} {} its trust line's checksum {}", who, name,
                                        found.empty()
                                            ? "is not in its RUNPATH, so it cannot be checked against"
                                            : "(sha256 " + found + ") does not match",
                                        pin->second));
    }
}

}  // namespace merit
