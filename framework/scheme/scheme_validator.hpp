// Semantic checks of a parsed scheme: ids, weights, bands, operators,
// dependencies, and — against the loaded plugins — components, their kinds
// and their parameters. Each problem is "JSON path: reason".
#pragma once

#include <string>
#include <vector>

#include "plugin/registry.hpp"
#include "scheme/scheme.hpp"

namespace merit {

// Checks that need no plugins.
std::vector<std::string> check_scheme_rules(const Scheme& scheme);

// Checks against the registry: plugins loaded, components known and of the
// right kind, parameters accepted by the manifest and by the component's own
// `create`.
std::vector<std::string> check_scheme_components(const Scheme& scheme, const PluginRegistry& registry);

// Parse problems + rules + components: everything `merit validate` reports.
std::vector<std::string> validate_scheme_file(const std::string& file, const PluginRegistry& registry,
                                              Scheme* parsed = nullptr);

// Throws UserError with the first problem (and how many more) when any.
void require_valid(const std::vector<std::string>& problems, const std::string& origin);

}  // namespace merit
