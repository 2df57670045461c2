// The body of an isolated plugin process: creates the component, answers the
// host's requests one at a time, forwards the component's service calls and
// log lines to the host, and ends after `destroy` or when the host is gone.
#pragma once

#include "plugin/plugin_channel.hpp"
#include "plugin/registry.hpp"

namespace merit {

void serve_isolated_component(const Component& component, PluginChannel& channel);

}  // namespace merit
