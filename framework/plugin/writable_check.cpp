#include "plugin/writable_check.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include "common/errors.hpp"

namespace merit {
namespace {

// The mode of `path` when others may write it, else 0.
unsigned others_write_mode(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return 0;
    return (st.st_mode & (S_IWGRP | S_IWOTH)) ? static_cast<unsigned>(st.st_mode & 07777) : 0;
}

bool inside(const std::filesystem::path& path, const std::filesystem::path& tree) {
    if (tree.empty()) return false;
    const auto rel = path.lexically_relative(tree);
    return !rel.empty() && *rel.begin() != "..";
}

}  // namespace

std::string writable_by_others(const std::filesystem::path& path, const std::filesystem::path& tree) {
    const auto full = std::filesystem::absolute(path).lexically_normal();
    const auto root = tree.empty() ? tree : std::filesystem::absolute(tree).lexically_normal();
    if (const unsigned mode = others_write_mode(full))
        return fmt::format("{}: writable by others (mode {:04o})", full.string(), mode);
    if (!inside(full, root)) return "";
    // Whoever can write a directory above can replace what it holds.
    for (auto dir = full.parent_path(); inside(dir, root) || dir == root; dir = dir.parent_path()) {
        if (const unsigned mode = others_write_mode(dir))
            return fmt::format("{}: writable by others (mode {:04o})", dir.string(), mode);
        if (dir == root || dir == dir.parent_path()) break;
    }
    return "";
}

void refuse_writable_by_others(const std::filesystem::path& path, const std::filesystem::path& tree,
                               const std::string& consequence) {
    if (const std::string why = writable_by_others(path, tree); !why.empty())
        throw UserError(fmt::format("{}; {}", why, consequence));
}

}  // namespace merit
