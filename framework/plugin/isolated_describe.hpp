// What an isolated plugin's code offers, learnt without running any of it
// in the host: a sandboxed child (plugin_process.hpp) loads the checked
// image, calls the entry point and sends the description back; the host
// reads it as hostile input (plugin_code.hpp) and then matches it against
// the manifest like the tables of an in-process plugin.
#pragma once

#include "plugin/plugin_code.hpp"
#include "plugin/registry.hpp"

namespace merit {

// Throws UserError with the reason alone (the caller names the plugin):
// what the plugin's loading said, how its process ended, or what was wrong
// with its description.
PluginCode describe_isolated(const PluginRecord& record);

}  // namespace merit
