// The rlimits of an isolated plugin process, from its PluginOptions: memory
// (address space beyond what the child starts with), CPU time, processes it
// may start, size of files it may write; no core dumps (they would hold the
// host's memory). Applied in the child before any plugin code runs.
#pragma once

#include <string>

#include "plugin/host_config.hpp"

namespace merit {

// Empty when every limit holds, else which one the kernel refused.
std::string apply_child_limits(const PluginOptions& options);

}  // namespace merit
