#include "plugin/plugin_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "common/errors.hpp"
#include "common/sha256.hpp"
#include "plugin/allow_list.hpp"
#include "plugin/manifest.hpp"

namespace merit {

std::vector<std::filesystem::path> plugin_files(const HostConfig& config) {
    std::vector<std::filesystem::path> out;
    std::set<std::filesystem::path> seen;
    for (const auto& dir : config.plugin_dirs) {
        std::error_code ec;
        if (!std::filesystem::is_directory(dir, ec)) continue;
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
            if (entry.path().extension() == ".so" && entry.is_regular_file()) files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto& file : files)
            if (seen.insert(std::filesystem::weakly_canonical(file, ec)).second) out.push_back(file);
    }
    return out;
}

PluginRecord inspect_plugin_file(const std::filesystem::path& file, const HostConfig& config) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw UserError(fmt::format("{}: cannot read", file.string()));
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string bytes = buffer.str();
    PluginRecord r;
    r.path = file;
    r.sha256 = sha256_hex(bytes);
    const auto section = read_manifest_section(bytes, file.string());
    if (!section)
        throw UserError(fmt::format("{}: not a Merit plugin: no manifest section {}", file.string(),
                                    MERIT_MANIFEST_SECTION));
    r.manifest = parse_manifest(*section, file.string());
    const AllowList allow = AllowList::load(config.allow_lists, config.tree());
    r.trust = allow.contains(r.sha256) ? TrustState::trusted : TrustState::untrusted_refused;
    r.trusted_by = allow.trusted_by(r.sha256);
    return r;
}

namespace {

// The id a plugin file's manifest claims; "" for a file that is no plugin
// (it is then simply not a candidate: `plugins list` reports it).
std::string claimed_id(const std::filesystem::path& file, const HostConfig& config) {
    try {
        return inspect_plugin_file(file, config).manifest->id;
    } catch (const std::exception&) {
        return "";
    }
}

}  // namespace

PluginRecord inspect_plugin(const std::string& id_or_file, const HostConfig& config) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(id_or_file, ec)) return inspect_plugin_file(id_or_file, config);
    if (id_or_file.find('/') != std::string::npos || id_or_file.ends_with(".so"))
        throw UserError(fmt::format("{}: cannot read", id_or_file));
    std::vector<std::filesystem::path> claims;
    for (const auto& file : plugin_files(config))
        if (claimed_id(file, config) == id_or_file) claims.push_back(file);
    if (claims.empty())
        throw UserError(
            fmt::format("{}: no such file, and no plugin file in the plugin directories claims "
                        "this id (see `merit plugins list`)",
                        id_or_file));
    if (claims.size() > 1) {
        std::string names;
        for (const auto& c : claims) names += (names.empty() ? "" : ", ") + c.string();
        throw UserError(fmt::format("{}: claimed by {} files ({}); inspect one by its path", id_or_file,
                                    claims.size(), names));
    }
    return inspect_plugin_file(claims.front(), config);
}

}  // namespace merit
