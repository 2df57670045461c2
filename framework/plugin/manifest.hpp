// A plugin's manifest: what it is and what it offers, read from the ELF
// section ".merit_manifest" without running any plugin code.
#pragma once

#include <boost/json/value.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace merit {

enum class ComponentKind { indicator, scorer, reward };

std::string_view to_string(ComponentKind kind);

// How a component describes one parameter; the host validates scheme
// parameters against it before calling `create`.
struct ParamSpec {
    std::string name;
    std::string type;  // string, number, integer, boolean, array, object, any
    std::string description;
    bool required = false;
    std::optional<boost::json::value> default_value;
    std::vector<std::string> choices;  // allowed strings, when non-empty
    std::optional<double> minimum;
    std::optional<double> maximum;
    // What a string names, so the host can check it before a run:
    // "column": a result column of the run (an input or indicator an
    // indicator lists in depends_on; for a reward also total, score:<id> ...);
    // "sql": a read-only SQL statement, prepared against the workspace schema.
    std::string format;
    // What data the value names, so `merit validate --workspace` and `merit
    // run` can warn about a name the workspace has never seen (issue 21
    // point 5): "metric", "metric_prefix" (the start of metric names),
    // "event_kind", "target_indicator", "rating_item", "rater_role" (ratings)
    // or "manager_role" (managers.role).
    std::string refers_to;
    // Where in the value the names are: "" (a string, or each string of an
    // array), "keys" (an object's keys), "values" (an object's string
    // values) or ".FIELD" (that string field of each object of an array).
    std::string refers_in;
};

struct ComponentManifest {
    ComponentKind kind = ComponentKind::indicator;
    std::string id;  // local id
    std::string description;
    std::vector<ParamSpec> params;
};

struct PluginManifest {
    std::string id;
    std::string version;
    std::string vendor;
    std::string description;
    int api_major = 0;
    int api_minor = 0;
    std::vector<ComponentManifest> components;
    std::string json;  // the manifest text as embedded

    const ComponentManifest* find(ComponentKind kind, std::string_view local_id) const;
};

// Parses manifest JSON; errors name `origin` and the JSON path.
PluginManifest parse_manifest(std::string_view json, const std::string& origin);

// The raw bytes of the ".merit_manifest" section of an ELF shared object in
// memory; nullopt when the section is absent. Throws UserError naming
// `origin` when the bytes are not a well-formed ELF64 file.
std::optional<std::string> read_manifest_section(std::string_view elf_bytes, const std::string& origin);

// `params` (an object, or null for none) with every absent or null parameter
// that has a manifest default set to it: the host hands a component this,
// so the manifest's defaults are the only ones and a component's code never
// repeats them.
boost::json::value with_defaults(const ComponentManifest& component, const boost::json::value& params);

// Problems with scheme parameters for a component, each "path: reason".
std::vector<std::string> validate_params(const ComponentManifest& component, const boost::json::value& params,
                                         const std::string& path);

}  // namespace merit
