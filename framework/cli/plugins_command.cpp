// `merit plugins list` and `merit plugins inspect PATH`.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "common/sha256.hpp"
#include "plugin/allow_list.hpp"
#include "plugin/manifest.hpp"

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
            if (p.default_value) po["default"] = *p.default_value;
            if (!p.choices.empty()) {
                json::array choices;
                for (const auto& ch : p.choices) choices.emplace_back(ch);
                po["choices"] = choices;
            }
            params.push_back(po);
        }
        co["params"] = params;
        components.push_back(co);
    }
    o["components"] = components;
    return o;
}

json::object record_json(const PluginRecord& r) {
    json::object o = r.manifest ? manifest_json(*r.manifest) : json::object{};
    o["path"] = r.path.string();
    o["sha256"] = r.sha256;
    o["trust"] = r.trust == TrustState::trusted             ? "trusted"
                 : r.trust == TrustState::untrusted_allowed ? "untrusted_allowed"
                                                            : "untrusted";
    o["loaded"] = r.loaded;
    if (!r.error.empty()) o["error"] = r.error;
    return o;
}

void print_list(const PluginRegistry& registry) {
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
        if (!r->error.empty()) std::cout << "  reason: " << r->error << "\n";
        if (r->loaded && r->manifest)
            for (const auto& c : r->manifest->components)
                std::cout << fmt::format("  {:<9} {}.{}  {}\n", to_string(c.kind), r->manifest->id, c.id,
                                         c.description);
    }
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* plugins = app.add_subcommand("plugins", "List installed plugins or inspect a plugin file");
    plugins->require_subcommand(1);

    auto* list =
        plugins->add_subcommand("list", "Installed plugins: id, version, vendor, API, trust, components");
    static bool list_json = false;
    list->add_flag("--json", list_json, "Print JSON");
    list->callback([&global] {
        const PluginRegistry registry = global.load_plugins(false);
        if (list_json) {
            json::array out;
            for (const auto& r : registry.plugins()) out.push_back(record_json(*r));
            std::cout << json_line(out);
        } else {
            print_list(registry);
        }
    });

    auto* inspect =
        plugins->add_subcommand("inspect", "Show a plugin file's manifest and checksum without loading it");
    static std::string inspect_path;
    static bool inspect_json = false;
    inspect->add_option("PATH", inspect_path, "The plugin's .so file")->required();
    inspect->add_flag("--json", inspect_json, "Print JSON");
    inspect->callback([&global] {
        std::ifstream in(inspect_path, std::ios::binary);
        if (!in) throw UserError(fmt::format("{}: cannot read", inspect_path));
        std::stringstream buffer;
        buffer << in.rdbuf();
        const std::string bytes = buffer.str();
        PluginRecord r;
        r.path = inspect_path;
        r.sha256 = sha256_hex(bytes);
        auto section = read_manifest_section(bytes, inspect_path);
        if (!section)
            throw UserError(fmt::format("{}: not a Merit plugin: no manifest section {}", inspect_path,
                                        MERIT_MANIFEST_SECTION));
        r.manifest = parse_manifest(*section, inspect_path);
        const AllowList allow = AllowList::load(global.host_config().allow_lists);
        r.trust = allow.contains(r.sha256) ? TrustState::trusted : TrustState::untrusted_refused;
        if (inspect_json) {
            json::object o = record_json(r);
            o.erase("loaded");
            std::cout << json_line(o);
            return;
        }
        const auto& m = *r.manifest;
        std::cout << fmt::format("{} {}  vendor: {}  API {}.{}\n", m.id, m.version,
                                 m.vendor.empty() ? "-" : m.vendor, m.api_major, m.api_minor);
        if (!m.description.empty()) std::cout << "  " << m.description << "\n";
        std::cout << fmt::format("  file: {}\n  sha256: {}\n  trust: {}\n", r.path.string(), r.sha256,
                                 to_string(r.trust));
        if (r.trust != TrustState::trusted)
            std::cout << fmt::format(
                "  to trust it, add this line to an allow-list (e.g. trusted.d/vendors.sha256):\n"
                "    {}  {}\n",
                r.sha256, r.path.filename().string());
        for (const auto& c : m.components) {
            std::cout << fmt::format("  {:<9} {}.{}  {}\n", to_string(c.kind), m.id, c.id, c.description);
            for (const auto& p : c.params)
                std::cout << fmt::format("      {}{}: {}  {}\n", p.name, p.required ? "" : "?", p.type,
                                         p.description);
        }
    });
}

const CommandRegistrar registrar(90, &setup);

}  // namespace
}  // namespace merit
