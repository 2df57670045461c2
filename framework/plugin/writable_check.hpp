// Refusing files that others can write: an allow-list, a plugin folder or a
// merit.json that another user may change vouches for whatever they write next.
#pragma once

#include <filesystem>
#include <string>

namespace merit {

// "" when neither `path` nor a directory above it up to and including `tree`
// (the config's directory; only when `path` lies inside it) is group- or
// world-writable; otherwise "<that path>: writable by others (mode 0NNN)".
// A path that does not exist is not refused here (its reader says so).
std::string writable_by_others(const std::filesystem::path& path, const std::filesystem::path& tree);

// Throws UserError "<what writable_by_others says>; <consequence>" when it
// says anything.
void refuse_writable_by_others(const std::filesystem::path& path, const std::filesystem::path& tree,
                               const std::string& consequence);

}  // namespace merit
