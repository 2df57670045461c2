#include "plugin/host_config.hpp"

#include <fmt/format.h>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/json/parse.hpp>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "common/errors.hpp"
#include "common/json_duplicates.hpp"
#include "plugin/writable_check.hpp"

namespace merit {
namespace {

namespace json = boost::json;

std::filesystem::path resolve(const std::filesystem::path& base, const std::string& entry) {
    std::filesystem::path p(entry);
    return p.is_absolute() ? p : (base / p).lexically_normal();
}

std::vector<std::filesystem::path> path_list(const json::object& o, std::string_view key,
                                             const std::filesystem::path& base, const std::string& origin) {
    std::vector<std::filesystem::path> out;
    const auto* v = o.if_contains(key);
    if (!v) return out;
    if (!v->is_array()) throw UserError(fmt::format("{}: {}: must be an array of paths", origin, key));
    for (size_t i = 0; i < v->get_array().size(); ++i) {
        const auto& item = v->get_array()[i];
        if (!item.is_string()) throw UserError(fmt::format("{}: {}[{}]: must be a string", origin, key, i));
        out.push_back(resolve(base, std::string(item.get_string())));
    }
    return out;
}

// Large enough for any real limit, small enough that megabytes fit in bytes.
constexpr uint64_t kMaxLimit = uint64_t{1} << 32;

uint64_t* limit_option(PluginOptions& options, std::string_view key) {
    if (key == "memory_limit_mb") return &options.memory_limit_mb;
    if (key == "cpu_limit_seconds") return &options.cpu_limit_seconds;
    if (key == "process_limit") return &options.process_limit;
    if (key == "file_size_limit_mb") return &options.file_size_limit_mb;
    return nullptr;
}

}  // namespace

HostConfig HostConfig::load(const std::filesystem::path& file) {
    const std::string origin = file.string();
    // It names the allow-lists and plugin folders: whoever can change it
    // decides what loads.
    refuse_writable_by_others(file, std::filesystem::absolute(file).parent_path(),
                              "refusing to read it as host config");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw UserError(fmt::format("{}: cannot read host config", origin));
    std::stringstream buffer;
    buffer << in.rdbuf();
    json::value root;
    // The error code's message ("syntax error"), not what(): that carries
    // Boost's own source location, which means nothing to the user.
    boost::system::error_code ec;
    root = json::parse(buffer.str(), ec);
    if (ec) throw UserError(fmt::format("{}: not valid JSON: {}", origin, ec.message()));
    if (!root.is_object()) throw UserError(fmt::format("{}: must be a JSON object", origin));
    // Two equal keys would leave one silently unused (a plugin's limits, a
    // column's mapping): refused, naming both lines.
    if (const auto repeats = duplicate_json_keys(buffer.str()); !repeats.empty())
        throw UserError(
            fmt::format("{}: {}: duplicate key (line {}, first at line {}): a JSON reader keeps only "
                        "one of them",
                        origin, repeats.front().path, repeats.front().line, repeats.front().first_line));
    const auto& o = root.get_object();
    for (const auto& member : o) {
        const auto key = member.key();
        if (key != "plugin_dirs" && key != "allow_lists" && key != "allow_untrusted" && key != "plugins" &&
            key != "columns" && key != "sandbox")
            throw UserError(fmt::format("{}: {}: unknown key", origin, std::string(key)));
    }
    HostConfig config;
    config.source = std::filesystem::absolute(file);
    const auto base = config.source.parent_path();
    config.plugin_dirs = path_list(o, "plugin_dirs", base, origin);
    config.allow_lists = path_list(o, "allow_lists", base, origin);
    if (const auto* v = o.if_contains("allow_untrusted")) {
        if (!v->is_bool()) throw UserError(fmt::format("{}: allow_untrusted: must be true or false", origin));
        config.allow_untrusted = v->get_bool();
    }
    if (const auto* v = o.if_contains("sandbox")) {
        if (!v->is_object()) throw UserError(fmt::format("{}: sandbox: must be an object", origin));
        for (const auto& option : v->get_object()) {
            if (option.key() != "missing_layer")
                throw UserError(
                    fmt::format("{}: sandbox.{}: unknown key", origin, std::string(option.key())));
            const auto& value = option.value();
            if (!value.is_string() || (value.get_string() != "refuse" && value.get_string() != "continue"))
                throw UserError(
                    fmt::format("{}: sandbox.missing_layer: must be \"refuse\" or \"continue\"", origin));
            config.sandbox_missing_layer = std::string(value.get_string());
        }
    }
    if (const auto* v = o.if_contains("columns")) {
        if (!v->is_object()) throw UserError(fmt::format("{}: columns: must be an object of tables", origin));
        config.columns = v->get_object();
    }
    if (const auto* v = o.if_contains("plugins")) {
        if (!v->is_object()) throw UserError(fmt::format("{}: plugins: must be an object", origin));
        for (const auto& member : v->get_object()) {
            const std::string id(member.key());
            const std::string path = "plugins." + id;
            if (!member.value().is_object())
                throw UserError(fmt::format("{}: {}: must be an object", origin, path));
            PluginOptions options;
            for (const auto& option : member.value().get_object()) {
                if (option.key() == "isolation") {
                    if (!option.value().is_string() || (option.value().get_string() != "in_process" &&
                                                        option.value().get_string() != "process"))
                        throw UserError(fmt::format("{}: {}.isolation: must be \"in_process\" or \"process\"",
                                                    origin, path));
                    options.isolation = std::string(option.value().get_string());
                } else if (option.key() == "time_limit_seconds") {
                    const double seconds =
                        option.value().is_number() ? option.value().to_number<double>() : -1;
                    if (!(seconds >= 0) || !std::isfinite(seconds))
                        throw UserError(
                            fmt::format("{}: {}.time_limit_seconds: must be a number of seconds, 0 or more",
                                        origin, path));
                    options.time_limit_seconds = seconds;
                } else if (auto* limit = limit_option(options, option.key())) {
                    // Whole numbers only, and small enough that a number of
                    // megabytes still fits an rlimit in bytes.
                    const auto& v = option.value();
                    const bool whole = (v.is_int64() && v.get_int64() >= 0) || v.is_uint64();
                    const uint64_t n = !whole         ? 0
                                       : v.is_int64() ? static_cast<uint64_t>(v.get_int64())
                                                      : v.get_uint64();
                    if (!whole || n > kMaxLimit)
                        throw UserError(fmt::format("{}: {}.{}: must be a whole number from 0 to {}", origin,
                                                    path, std::string(option.key()), kMaxLimit));
                    *limit = n;
                } else {
                    throw UserError(
                        fmt::format("{}: {}.{}: unknown key", origin, path, std::string(option.key())));
                }
            }
            config.plugins[id] = options;
        }
    }
    return config;
}

std::filesystem::path HostConfig::config_dir() {
    if (const char* env = std::getenv("MERIT_CONFIG"); env && *env)
        return std::filesystem::path(env).parent_path();
    return (boost::dll::program_location().parent_path() / ".." / MERIT_CONFIG_DIR_REL).lexically_normal();
}

HostConfig HostConfig::locate() {
    std::filesystem::path file;
    const char* env_config = std::getenv("MERIT_CONFIG");
    const bool from_env = env_config && *env_config;
    if (from_env)
        file = env_config;
    else
        file = config_dir() / "merit.json";
    HostConfig config;
    if (from_env || std::filesystem::exists(file)) {
        // A MERIT_CONFIG that names no file is an error (load says so), not
        // a silent fall-back to the defaults.
        config = load(file);
        config.chosen_by = from_env ? "MERIT_CONFIG" : "shipped";
    } else {
        // No config next to the executable: the default layout still applies.
        const auto prefix = boost::dll::program_location().parent_path() / "..";
        config.plugin_dirs.push_back((prefix / MERIT_PLUGIN_DIR_REL).lexically_normal());
        config.allow_lists.push_back(config_dir() / "trusted.d");
    }
    if (const char* env = std::getenv("MERIT_PLUGIN_PATH"); env && *env) {
        std::stringstream list(env);
        std::string dir;
        while (std::getline(list, dir, ':'))
            if (!dir.empty()) config.plugin_dirs.emplace_back(dir);
    }
    return config;
}

}  // namespace merit
