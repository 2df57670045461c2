// Which layers of the sandbox (sandbox_layers.hpp) the kernel grants on this
// machine, found once per process, before the first isolated plugin's
// process starts, by a child that tries every layer and nothing else.
#pragma once

#include "plugin/sandbox_layers.hpp"

namespace merit {

const SandboxLayers& sandbox_layers();

}  // namespace merit
