// Targets of the columns whose value is itself a completion ratio (the
// provider's manifest names the parameter holding the targets.csv indicator
// in `completion_target`), so a run records target and completion with the
// value instead of leaving them blank.
#pragma once

#include <merit/plugin.h>

#include <map>
#include <string>
#include <vector>

#include "engine/run_services.hpp"
#include "plugin/registry.hpp"
#include "plugin/services.hpp"
#include "scheme/completion_target.hpp"
#include "scheme/scheme.hpp"

namespace merit {

// Column id -> target per manager row, for every completion-valued column
// that has no scheme-level `target` (that one is read for the scorer).
std::map<std::string, NumericColumn> read_completion_targets(const std::vector<const ColumnSpec*>& columns,
                                                             const PluginRegistry& registry,
                                                             DataServices& data, const merit_scope& scope);

}  // namespace merit
