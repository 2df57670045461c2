// The host-services table handed to every plugin's entry point.
#pragma once

#include <merit/plugin.h>

#include <string>

#include "plugin/services.hpp"

namespace merit {

// The one table of this host version; static, lives for the process.
const merit_host_api* host_api();

// Where plugin log lines go instead of the host's log: an isolated plugin
// process forwards them to the host. nullptr restores the host's log.
using LogForwarder = void (*)(merit_context* ctx, merit_log_level level, const char* message);
void set_log_forwarder(LogForwarder forwarder);

// Builds the message for a failed component call: the recorded error, or a
// clear stand-in when the plugin failed without one.
std::string call_error(const merit_context& ctx, const char* operation);

}  // namespace merit
