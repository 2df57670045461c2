// `merit plugins list|inspect|trust|untrust`: what is installed, what one
// file is, and the allow-lists that decide what loads.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "common/sha256.hpp"
#include "plugin/allow_list.hpp"
#include "plugin/allow_list_edit.hpp"
#include "plugin/manifest.hpp"
#include "plugin/plugin_files.hpp"
#include "plugin/sandbox_probe.hpp"

namespace merit {
namespace {

namespace json = boost::json;

json::object manifest_json(const PluginManifest& m) {
    json::object o;
    o["id"] = m.id;
    o["version"] = m.version;
    o["vendor"] = m.vendor;
    o["description"] = m.description;
    o["api"] = fmt::format("{}.{}", m.api_major, m.api_minor);
    json::array components;
    for (const auto& c : m.components) {
        json::object co;
        co["kind"] = std::string(to_string(c.kind));
        co["id"] = m.id + "." + c.id;
        co["description"] = c.description;
        json::array params;
        for (const auto& p : c.params) {
            json::object po;
            po["name"] = p.name;
            po["type"] = p.type;
            po["required"] = p.required;
            po["description"] = p.description;
            // Every parameter has the same keys: no default is null, no choices [].
            po["default"] = p.default_value ? *p.default_value : json::value(nullptr);
            json::array choices;
            for (const auto& ch : p.choices) choices.emplace_back(ch);
            po["choices"] = choices;
            params.push_back(po);
        }
        co["params"] = params;
        components.push_back(co);
    }
    o["components"] = components;
    return o;
}

// Where the configuration came from: its file ("" for built-in defaults) and
// what chose it, so a MERIT_CONFIG in the environment is never a surprise.
std::string config_text(const HostConfig& config) {
    return config.source.empty() ? config.chosen_by
                                 : fmt::format("{} (from {})", config.source.string(), config.chosen_by);
}

json::object record_json(const PluginRecord& r, const HostConfig& config) {
    // A file without a readable manifest still has every key (one shape).
    json::object o = manifest_json(r.manifest ? *r.manifest : PluginManifest{});
    o["path"] = r.path.string();
    o["sha256"] = r.sha256;
    o["trust"] = r.trust == TrustState::trusted             ? "trusted"
                 : r.trust == TrustState::untrusted_allowed ? "untrusted_allowed"
                                                            : "untrusted";
    o["trusted_by"] = r.trusted_by;
    o["loaded"] = r.loaded;
    o["error"] = r.error;
    o["config"] = config.source.string();
    o["config_from"] = config.chosen_by;
    // Where its code runs, and for an isolated plugin which layers of the
    // sandbox the kernel grants here (null in process).
    o["isolation"] = r.options.isolation;
    if (r.options.isolation == "process")
        o["sandbox"] = sandbox_layers().to_json();
    else
        o["sandbox"] = nullptr;
    return o;
}

void print_list(const PluginRegistry& registry, const HostConfig& config) {
    std::cout << "configuration: " << config_text(config) << "\n";
    if (registry.plugins().empty()) {
        std::cout << "no plugins found\n";
        return;
    }
    for (const auto& r : registry.plugins()) {
        if (r->manifest) {
            const auto& m = *r->manifest;
            std::cout << fmt::format("{} {}  vendor: {}  API {}.{}  {}  {}\n", m.id, m.version,
                                     m.vendor.empty() ? "-" : m.vendor, m.api_major, m.api_minor,
                                     to_string(r->trust), r->loaded ? "loaded" : "NOT LOADED");
        } else {
            std::cout << fmt::format("{}  NOT LOADED\n", r->path.filename().string());
        }
        std::cout << fmt::format("  file: {}\n  sha256: {}\n", r->path.string(), r->sha256);
        if (!r->trusted_by.empty()) std::cout << "  trusted by: " << r->trusted_by << "\n";
        if (r->options.isolation == "process") {
            const SandboxLayers& layers = sandbox_layers();
            std::cout << fmt::format("  isolation: process, sandbox: {}{}\n", layers.held_text(),
                                     layers.missing().empty()
                                         ? ""
                                         : fmt::format("; MISSING: {} (sandbox.missing_layer: {})",
                                                       layers.missing_text(), config.sandbox_missing_layer));
        }
        if (!r->error.empty()) std::cout << "  reason: " << r->error << "\n";
        if (r->loaded && r->manifest)
            for (const auto& c : r->manifest->components)
                std::cout << fmt::format("  {:<9} {}.{}  {}\n", to_string(c.kind), r->manifest->id, c.id,
                                         c.description);
    }
}

void print_inspected(const PluginRecord& r) {
    const auto& m = *r.manifest;
    std::cout << fmt::format("{} {}  vendor: {}  API {}.{}\n", m.id, m.version,
                             m.vendor.empty() ? "-" : m.vendor, m.api_major, m.api_minor);
    if (!m.description.empty()) std::cout << "  " << m.description << "\n";
    std::cout << fmt::format("  file: {}\n  sha256: {}\n  trust: {}{}\n", r.path.string(), r.sha256,
                             to_string(r.trust), r.trusted_by.empty() ? "" : " by " + r.trusted_by);
    if (r.trust != TrustState::trusted)
        std::cout << fmt::format(
            "  to trust it: merit plugins trust {}\n"
            "  or add this line to an allow-list (e.g. trusted.d/vendors.sha256):\n    {}  {}\n",
            r.path.string(), r.sha256, r.path.filename().string());
    for (const auto& c : m.components) {
        std::cout << fmt::format("  {:<9} {}.{}  {}\n", to_string(c.kind), m.id, c.id, c.description);
        for (const auto& p : c.params)
            std::cout << fmt::format("      {}{}: {}  {}\n", p.name, p.required ? "" : "?", p.type,
                                     p.description);
    }
}

// A plugin file others may change is no file to trust: its checksum would
// vouch for whatever they write next.
void refuse_writable_by_others(const std::filesystem::path& file) {
    std::error_code ec;
    const auto perms = std::filesystem::status(file, ec).permissions();
    using std::filesystem::perms;
    if ((perms & (perms::group_write | perms::others_write)) != perms::none)
        throw UserError(fmt::format("{}: writable by others (mode {:o}); not trusted: chmod go-w it first",
                                    file.string(), static_cast<unsigned>(perms) & 0777));
}

void setup_trust(CLI::App* plugins, GlobalOptions& global) {
    auto* trust = plugins->add_subcommand(
        "trust", "Check a plugin file and add its checksum to an allow-list, so it loads");
    static std::string file, allow_list;
    static bool as_json = false;
    trust->add_option("FILE", file, "The plugin's .so file")->required();
    trust->add_option(
        "--allow-list", allow_list,
        "The allow-list file to write (default: the config's first, local.sha256 in a directory)");
    trust->add_flag("--json", as_json, "Print JSON");
    trust->callback([&global] {
        const HostConfig config = global.host_config();
        const PluginRecord r = inspect_plugin_file(file, config);
        refuse_writable_by_others(file);
        const std::filesystem::path list =
            allow_list.empty() ? default_allow_list_file(config) : std::filesystem::path(allow_list);
        const bool added = r.trust != TrustState::trusted;
        if (added) add_allow_list_line(list, r.sha256, r.path.filename().string());
        if (as_json) {
            std::cout << json_line(json::object{{"plugin", r.manifest->id},
                                                {"version", r.manifest->version},
                                                {"file", r.path.string()},
                                                {"sha256", r.sha256},
                                                {"allow_list", added ? list.string() : ""},
                                                {"added", added}});
            return;
        }
        print_inspected(r);
        people() << (added ? fmt::format("trusted: {} {} added to {}\n", r.manifest->id, r.sha256,
                                         list.string())
                           : fmt::format("{} is already trusted; nothing written\n", r.path.string()));
    });
}

void setup_untrust(CLI::App* plugins, GlobalOptions& global) {
    auto* untrust = plugins->add_subcommand(
        "untrust", "Remove the checksums of a plugin's files from every allow-list, so it no longer loads");
    static std::string id;
    static bool as_json = false;
    untrust->add_option("ID", id, "The plugin id")->required();
    untrust->add_flag("--json", as_json, "Print JSON");
    untrust->callback([&global] {
        const HostConfig config = global.host_config();
        std::set<std::string> hashes;
        for (const auto& f : plugin_files(config)) {
            try {
                const PluginRecord r = inspect_plugin_file(f, config);
                if (r.manifest->id == id) hashes.insert(r.sha256);
            } catch (const UserError&) {
                // not a plugin file: it claims no id
            }
        }
        json::array removed;
        for (const auto& list : allow_list_files(config.allow_lists))
            if (const int n = remove_allow_list_lines(list, hashes))
                removed.push_back(json::object{{"allow_list", list.string()}, {"lines", n}});
        if (removed.empty())
            throw UserError(fmt::format("{}: not trusted by any allow-list of {} (no line to remove)", id,
                                        config.source.empty() ? "the host config" : config.source.string()));
        if (as_json) {
            std::cout << json_line(json::object{{"plugin", id}, {"removed", removed}});
            return;
        }
        for (const auto& r : removed)
            people() << fmt::format("untrusted: {}: {} line(s) removed from {}\n", id,
                                    r.at("lines").as_int64(), r.at("allow_list").as_string().c_str());
    });
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* plugins = app.add_subcommand("plugins", "List installed plugins or inspect a plugin file");
    plugins->require_subcommand(1);

    auto* list =
        plugins->add_subcommand("list", "Installed plugins: id, version, vendor, API, trust, components");
    static bool list_json = false;
    list->add_flag("--json", list_json, "Print JSON");
    list->callback([&global] {
        const HostConfig config = global.host_config();
        const PluginRegistry registry = PluginRegistry::discover(config);
        if (list_json) {
            json::array out;
            for (const auto& r : registry.plugins()) out.push_back(record_json(*r, config));
            std::cout << json_line(out);
        } else {
            print_list(registry, config);
        }
    });

    auto* inspect = plugins->add_subcommand(
        "inspect", "Show a plugin's manifest and checksum (by id or file) without loading it");
    static std::string inspect_what;
    static bool inspect_json = false;
    inspect
        ->add_option("ID|FILE", inspect_what, "A plugin id (found in the plugin directories) or a .so file")
        ->required();
    inspect->add_flag("--json", inspect_json, "Print JSON");
    inspect->callback([&global] {
        const HostConfig config = global.host_config();
        const PluginRecord r = inspect_plugin(inspect_what, config);
        if (inspect_json)
            std::cout << json_line(record_json(r, config));
        else
            print_inspected(r);
    });

    setup_trust(plugins, global);
    setup_untrust(plugins, global);
}

const CommandRegistrar registrar(90, &setup);

}  // namespace
}  // namespace merit
