// The body of an isolated plugin process, inside its sandbox: loads the
// plugin from its image (its static constructors and entry point run here,
// never in the host), then either describes it to the host or creates one
// component and answers the host's requests one at a time, forwarding the
// component's service calls and log lines, until `destroy` or until the
// host is gone.
#pragma once

#include <string>

#include "plugin/manifest.hpp"
#include "plugin/plugin_channel.hpp"

namespace merit {

// Sends the plugin's description (plugin_code.hpp), or why it cannot load.
void describe_isolated_plugin(const std::string& library, PluginChannel& channel);

// Serves component `local_id` of the plugin at `library`. When it cannot be
// loaded, the first request is answered with the reason.
void serve_isolated_plugin(const std::string& plugin_id, ComponentKind kind, const std::string& local_id,
                           const std::string& library, PluginChannel& channel);

}  // namespace merit
