// Which targets.csv indicator a completion-valued indicator is measured
// against, read from its plugin's manifest (`completion_target`): the
// validator refuses a second target on such a column and the engine records
// target and completion beside the value.
#pragma once

#include <string>

#include "plugin/registry.hpp"
#include "scheme/scheme.hpp"

namespace merit {

// The targets.csv indicator a completion-valued column is measured against:
// its params' string, else the manifest's default; "" when the provider's
// value is not a completion.
std::string completion_target_name(const Component& provider, const ComponentRef& ref);

}  // namespace merit
