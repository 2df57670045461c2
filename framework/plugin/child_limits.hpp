// The rlimits of an isolated plugin process, from its PluginOptions: memory
// (address space beyond what the child starts with), CPU time, processes it
// may start, size of files it may write; no core dumps (they would hold the
// host's memory). Applied in the child before any plugin code runs.
#pragma once

#include <cstdint>
#include <string>

#include "plugin/host_config.hpp"

namespace merit {

// The process's address space now, in bytes (/proc/self/statm; 0 when
// unreadable). Read by the child before it enters its sandbox, whose root
// has no /proc: the memory limit is this plus memory_limit_mb, since a fork
// of a big host starts with the host's mappings (ASan's shadow among them).
uint64_t current_address_space();

// Empty when every limit holds, else which one the kernel refused.
// `address_space_at_start`: current_address_space() before the sandbox.
std::string apply_child_limits(const PluginOptions& options, uint64_t address_space_at_start);

}  // namespace merit
