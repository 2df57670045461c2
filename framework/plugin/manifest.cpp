#include "plugin/manifest.hpp"

#include <elf.h>
#include <fmt/format.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <cstring>
#include <regex>
#include <set>

#include <merit/plugin.h>

#include "common/errors.hpp"
#include "common/json_kind.hpp"

namespace merit {
namespace {

namespace json = boost::json;

class ManifestReader {
public:
    explicit ManifestReader(std::string origin) : origin_(std::move(origin)) {}

    [[noreturn]] void fail(const std::string& path, const std::string& reason) const {
        throw UserError(fmt::format("{}: manifest: {}: {}", origin_, path, reason));
    }

    const json::object& object(const json::value& v, const std::string& path) const {
        if (!v.is_object()) fail(path, "must be an object");
        return v.get_object();
    }

    std::string string(const json::object& o, std::string_view key, const std::string& path,
                       bool required) const {
        const auto* v = o.if_contains(key);
        if (!v) {
            if (required) fail(path + "." + std::string(key), "required");
            return {};
        }
        if (!v->is_string()) fail(path + "." + std::string(key), "must be a string");
        return std::string(v->get_string());
    }

    void only_keys(const json::object& o, std::initializer_list<std::string_view> keys,
                   const std::string& path) const {
        for (const auto& member : o) {
            bool known = false;
            for (auto k : keys) known = known || member.key() == k;
            if (!known) fail(path + "." + std::string(member.key()), "unknown key");
        }
    }

    std::optional<double> number(const json::object& o, std::string_view key, const std::string& path) const {
        const auto* v = o.if_contains(key);
        if (!v) return std::nullopt;
        if (!v->is_number()) fail(path + "." + std::string(key), "must be a number");
        return v->to_number<double>();
    }

private:
    std::string origin_;
};

const std::set<std::string, std::less<>> kReferenceKinds = {
    "metric", "metric_prefix", "event_kind", "target_indicator", "rating_item", "rater_role", "manager_role"};

// "refers_to" and "refers_in" of a parameter: a known kind, and a place
// that fits the parameter's type.
void read_reference(const ManifestReader& r, const json::object& po, const std::string& ppath, ParamSpec& p) {
    p.refers_to = r.string(po, "refers_to", ppath, false);
    p.refers_in = r.string(po, "refers_in", ppath, false);
    if (p.refers_to.empty()) {
        if (!p.refers_in.empty()) r.fail(ppath + ".refers_in", "needs refers_to");
        return;
    }
    if (!kReferenceKinds.count(p.refers_to))
        r.fail(ppath + ".refers_to",
               "must be metric, metric_prefix, event_kind, target_indicator, rating_item, rater_role or "
               "manager_role, "
               "not '" +
                   p.refers_to + "'");
    const bool in_object = p.refers_in == "keys" || p.refers_in == "values";
    const bool in_elements = p.refers_in.size() > 1 && p.refers_in[0] == '.';
    if (!p.refers_in.empty() && !in_object && !in_elements)
        r.fail(ppath + ".refers_in", "must be \"keys\", \"values\" or \".FIELD\", not '" + p.refers_in + "'");
    const bool fits = in_object     ? p.type == "object" || p.type == "any"
                      : in_elements ? p.type == "array" || p.type == "any"
                                    : p.type == "string" || p.type == "array" || p.type == "any";
    if (!fits) r.fail(ppath + ".refers_in", "does not fit a parameter of type " + p.type);
}

const std::set<std::string, std::less<>> kParamTypes = {"string", "number", "integer", "boolean",
                                                        "array",  "object", "any"};

}  // namespace

std::string_view to_string(ComponentKind kind) {
    switch (kind) {
        case ComponentKind::indicator:
            return "indicator";
        case ComponentKind::scorer:
            return "scorer";
        case ComponentKind::reward:
            return "reward";
    }
    return "?";
}

const ComponentManifest* PluginManifest::find(ComponentKind kind, std::string_view local_id) const {
    for (const auto& c : components)
        if (c.kind == kind && c.id == local_id) return &c;
    return nullptr;
}

PluginManifest parse_manifest(std::string_view text, const std::string& origin) {
    ManifestReader r(origin);
    json::value root;
    // The error code's message ("syntax error"), not what(): that carries
    // Boost's own source location, which means nothing to the user.
    boost::system::error_code ec;
    root = json::parse(text, ec);
    if (ec) throw UserError(fmt::format("{}: manifest is not valid JSON: {}", origin, ec.message()));
    const auto& o = r.object(root, "$");
    r.only_keys(o, {"id", "version", "vendor", "description", "api", "components"}, "$");
    PluginManifest m;
    m.json = std::string(text);
    m.id = r.string(o, "id", "$", true);
    static const std::regex id_pattern("[a-z][a-z0-9_]*");
    if (!std::regex_match(m.id, id_pattern)) r.fail("$.id", "must match [a-z][a-z0-9_]*");
    m.version = r.string(o, "version", "$", true);
    m.vendor = r.string(o, "vendor", "$", false);
    m.description = r.string(o, "description", "$", false);
    const std::string api = r.string(o, "api", "$", true);
    // Exactly two small decimal numbers: "1.0" but not "1", "1.0.3", "1.x" or "99999999999.0".
    static const std::regex api_pattern("([0-9]{1,4})\\.([0-9]{1,4})");
    std::smatch api_parts;
    if (!std::regex_match(api, api_parts, api_pattern))
        r.fail("$.api", "must be \"MAJOR.MINOR\" (the plugin API it was built for), not \"" + api + "\"");
    m.api_major = std::stoi(api_parts[1].str());
    m.api_minor = std::stoi(api_parts[2].str());
    const auto* components = o.if_contains("components");
    if (!components || !components->is_array()) r.fail("$.components", "must be an array");
    std::set<std::pair<int, std::string>> seen;
    for (size_t i = 0; i < components->get_array().size(); ++i) {
        const std::string path = fmt::format("$.components[{}]", i);
        const auto& co = r.object(components->get_array()[i], path);
        r.only_keys(co, {"kind", "id", "description", "params", "completion_target"}, path);
        ComponentManifest c;
        const std::string kind = r.string(co, "kind", path, true);
        if (kind == "indicator")
            c.kind = ComponentKind::indicator;
        else if (kind == "scorer")
            c.kind = ComponentKind::scorer;
        else if (kind == "reward")
            c.kind = ComponentKind::reward;
        else
            r.fail(path + ".kind", "must be indicator, scorer or reward, not '" + kind + "'");
        c.id = r.string(co, "id", path, true);
        if (!std::regex_match(c.id, id_pattern)) r.fail(path + ".id", "must match [a-z][a-z0-9_]*");
        if (!seen.insert({static_cast<int>(c.kind), c.id}).second)
            r.fail(path + ".id", "duplicate component '" + c.id + "'");
        c.description = r.string(co, "description", path, false);
        if (const auto* params = co.if_contains("params")) {
            if (!params->is_array()) r.fail(path + ".params", "must be an array");
            std::set<std::string> names;
            for (size_t j = 0; j < params->get_array().size(); ++j) {
                const std::string ppath = fmt::format("{}.params[{}]", path, j);
                const auto& po = r.object(params->get_array()[j], ppath);
                r.only_keys(po,
                            {"name", "type", "description", "required", "default", "choices", "minimum",
                             "maximum", "format", "refers_to", "refers_in"},
                            ppath);
                ParamSpec p;
                p.name = r.string(po, "name", ppath, true);
                if (!names.insert(p.name).second)
                    r.fail(ppath + ".name", "duplicate parameter '" + p.name + "'");
                p.type = r.string(po, "type", ppath, true);
                if (!kParamTypes.count(p.type)) r.fail(ppath + ".type", "unknown type '" + p.type + "'");
                p.description = r.string(po, "description", ppath, false);
                if (const auto* req = po.if_contains("required")) {
                    if (!req->is_bool()) r.fail(ppath + ".required", "must be true or false");
                    p.required = req->get_bool();
                }
                if (const auto* def = po.if_contains("default")) p.default_value = *def;
                if (const auto* choices = po.if_contains("choices")) {
                    if (!choices->is_array()) r.fail(ppath + ".choices", "must be an array of strings");
                    for (const auto& choice : choices->get_array()) {
                        if (!choice.is_string()) r.fail(ppath + ".choices", "must be an array of strings");
                        p.choices.emplace_back(choice.get_string());
                    }
                }
                p.minimum = r.number(po, "minimum", ppath);
                p.maximum = r.number(po, "maximum", ppath);
                p.format = r.string(po, "format", ppath, false);
                if (!p.format.empty() && p.format != "column" && p.format != "sql")
                    r.fail(ppath + ".format", "must be \"column\" or \"sql\", not '" + p.format + "'");
                if (!p.format.empty() && p.type != "string")
                    r.fail(ppath + ".format", "only a string parameter can have a format");
                read_reference(r, po, ppath, p);
                c.params.push_back(std::move(p));
            }
        }
        // Indicator only: the value is a completion ratio against the
        // targets.csv indicator named by this string parameter; the engine
        // reads it from the manifest text (engine/completion_targets.cpp).
        const std::string completion_target = r.string(co, "completion_target", path, false);
        if (!completion_target.empty()) {
            if (c.kind != ComponentKind::indicator)
                r.fail(path + ".completion_target", "only an indicator's value can be a completion");
            const auto named = std::find_if(c.params.begin(), c.params.end(),
                                            [&](const ParamSpec& p) { return p.name == completion_target; });
            if (named == c.params.end() || named->type != "string")
                r.fail(path + ".completion_target",
                       "must name a string parameter of the component, not '" + completion_target + "'");
        }
        m.components.push_back(std::move(c));
    }
    return m;
}

std::optional<std::string> read_manifest_section(std::string_view elf, const std::string& origin) {
    auto bad = [&](const char* why) -> UserError {
        return UserError(fmt::format("{}: not a loadable plugin: {}", origin, why));
    };
    if (elf.size() < sizeof(Elf64_Ehdr)) throw bad("file too short to be an ELF shared object");
    Elf64_Ehdr header;
    std::memcpy(&header, elf.data(), sizeof header);
    if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0) throw bad("not an ELF file");
    if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB)
        throw bad("not a 64-bit little-endian ELF file");
    if (header.e_type != ET_DYN) throw bad("not a shared object");
    if (header.e_shentsize != sizeof(Elf64_Shdr) || header.e_shnum == 0) throw bad("no section headers");
    const uint64_t table_end = header.e_shoff + uint64_t(header.e_shnum) * sizeof(Elf64_Shdr);
    if (header.e_shoff > elf.size() || table_end > elf.size())
        throw bad("truncated (section headers missing)");
    auto section = [&](size_t index) {
        Elf64_Shdr s;
        std::memcpy(&s, elf.data() + header.e_shoff + index * sizeof(Elf64_Shdr), sizeof s);
        return s;
    };
    if (header.e_shstrndx >= header.e_shnum) throw bad("corrupt section name table");
    const Elf64_Shdr names = section(header.e_shstrndx);
    if (names.sh_offset > elf.size() || names.sh_size > elf.size() - names.sh_offset)
        throw bad("truncated (section names missing)");
    const std::string_view name_table = elf.substr(names.sh_offset, names.sh_size);
    for (size_t i = 0; i < header.e_shnum; ++i) {
        const Elf64_Shdr s = section(i);
        if (s.sh_name >= name_table.size()) continue;
        const std::string_view name =
            name_table.substr(s.sh_name, name_table.find('\0', s.sh_name) - s.sh_name);
        if (name != MERIT_MANIFEST_SECTION) continue;
        if (s.sh_type == SHT_NOBITS || s.sh_offset > elf.size() || s.sh_size > elf.size() - s.sh_offset)
            throw bad("truncated (manifest section lies outside the file)");
        std::string_view bytes = elf.substr(s.sh_offset, s.sh_size);
        return std::string(bytes.substr(0, bytes.find('\0')));
    }
    return std::nullopt;
}

json::value with_defaults(const ComponentManifest& component, const json::value& params) {
    if (!params.is_null() && !params.is_object()) return params;  // validate_params refuses it
    json::object out = params.is_object() ? params.get_object() : json::object{};
    for (const auto& spec : component.params) {
        if (!spec.default_value) continue;
        const auto* v = out.if_contains(spec.name);
        if (!v || v->is_null()) out[spec.name] = *spec.default_value;
    }
    return out;
}

std::vector<std::string> validate_params(const ComponentManifest& component, const json::value& params,
                                         const std::string& path) {
    std::vector<std::string> problems;
    if (params.is_null()) {
        for (const auto& spec : component.params)
            if (spec.required && !spec.default_value)
                problems.push_back(fmt::format("{}.{}: required by {}", path, spec.name, component.id));
        return problems;
    }
    if (!params.is_object()) {
        problems.push_back(fmt::format("{}: must be an object", path));
        return problems;
    }
    const auto& o = params.get_object();
    for (const auto& member : o) {
        bool known = false;
        for (const auto& spec : component.params) known = known || spec.name == member.key();
        if (!known) {
            std::string names;
            for (const auto& spec : component.params) names += (names.empty() ? "" : ", ") + spec.name;
            problems.push_back(fmt::format("{}.{}: unknown parameter of {} (known: {})", path,
                                           std::string(member.key()), component.id,
                                           names.empty() ? "none" : names));
        }
    }
    for (const auto& spec : component.params) {
        const std::string ppath = path + "." + spec.name;
        const auto* v = o.if_contains(spec.name);
        if (!v || v->is_null()) {
            if (spec.required && !spec.default_value)
                problems.push_back(fmt::format("{}: required by {}", ppath, component.id));
            continue;
        }
        bool ok = true;
        if (spec.type == "string")
            ok = v->is_string();
        else if (spec.type == "number")
            ok = v->is_number();
        else if (spec.type == "integer")
            ok = v->is_int64() || v->is_uint64() ||
                 (v->is_double() && std::floor(v->get_double()) == v->get_double());
        else if (spec.type == "boolean")
            ok = v->is_bool();
        else if (spec.type == "array")
            ok = v->is_array();
        else if (spec.type == "object")
            ok = v->is_object();
        if (!ok) {
            problems.push_back(fmt::format("{}: must be {} (found {})", ppath,
                                           spec.type == "integer" ? "an integer" : "a " + spec.type,
                                           json_kind_name(*v)));
            continue;
        }
        if (!spec.choices.empty() && v->is_string()) {
            bool allowed = false;
            for (const auto& choice : spec.choices) allowed = allowed || v->get_string() == choice;
            if (!allowed) {
                std::string list;
                for (const auto& choice : spec.choices) list += (list.empty() ? "" : ", ") + choice;
                problems.push_back(
                    fmt::format("{}: '{}' is not one of {}", ppath, std::string(v->get_string()), list));
            }
        }
        if (v->is_number()) {
            const double x = v->to_number<double>();
            if (spec.minimum && x < *spec.minimum)
                problems.push_back(fmt::format("{}: {} is below the minimum {}", ppath, x, *spec.minimum));
            if (spec.maximum && x > *spec.maximum)
                problems.push_back(fmt::format("{}: {} is above the maximum {}", ppath, x, *spec.maximum));
        }
    }
    return problems;
}

}  // namespace merit
