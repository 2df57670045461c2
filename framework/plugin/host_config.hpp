// Host configuration (config/merit.json): where plugins live, who is trusted,
// and how the organisation's files name the input columns.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace merit {

struct PluginOptions {
    // "process": the plugin's components run in a child process, so a crash
    // or a hang fails the run with an error instead of taking the host down.
    std::string isolation = "in_process";
    double time_limit_seconds = 0;  // per call, with "process" isolation only; 0: none
    // Limits of the child process ("process" isolation only; rlimits).
    // Memory: address space the plugin may add to what the child starts with
    // (it is a fork of the host, so the host's own mappings are not counted).
    uint64_t memory_limit_mb = 1024;
    uint64_t cpu_limit_seconds = 600;  // CPU time over the child's whole life
    uint64_t process_limit = 0;        // processes the plugin may start; 0: none
    uint64_t file_size_limit_mb = 0;   // largest file it may write; 0: none
};

struct HostConfig {
    std::filesystem::path source;  // the file it came from, if any
    // How `source` was chosen: "--config", "MERIT_CONFIG", "shipped" (next to
    // the executable) or "built-in defaults" (no merit.json there).
    std::string chosen_by = "built-in defaults";
    std::vector<std::filesystem::path> plugin_dirs;
    std::vector<std::filesystem::path> allow_lists;  // files or dirs of "sha256  name" lines
    bool allow_untrusted = false;                    // decided at start-up only
    std::map<std::string, PluginOptions> plugins;    // by plugin id
    // "sandbox": {"missing_layer": ...}: when the kernel refuses a layer of
    // the isolated plugins' sandbox (sandbox_layers.hpp), "refuse" (the
    // default) loads no isolated plugin, "continue" runs them with the
    // layers it grants, after one warning line naming what is missing.
    std::string sandbox_missing_layer = "refuse";
    // The organisation's column headers and formats for `merit import`
    // (import/column_map.hpp reads it); checked there, not here.
    std::optional<boost::json::object> columns;

    // The config's directory: files and folders within it are refused when a
    // directory between them and it is writable by others. Empty: no file.
    std::filesystem::path tree() const { return source.empty() ? source : source.parent_path(); }

    // Reads a config file; relative paths resolve against its directory. A
    // file (or its directory) others can write is an error naming its mode.
    static HostConfig load(const std::filesystem::path& file);
    // The config next to the running executable (../share/merit/config/merit.json),
    // overridden by $MERIT_CONFIG; extra plugin dirs from $MERIT_PLUGIN_PATH.
    static HostConfig locate();
    // The shipped config directory (schemes and samples live there).
    static std::filesystem::path config_dir();
};

}  // namespace merit
