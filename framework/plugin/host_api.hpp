// The host-services table handed to every plugin's entry point.
#pragma once

#include <merit/plugin.h>

#include <string>

#include "plugin/services.hpp"

namespace merit {

// The one table of this host version; static, lives for the process.
const merit_host_api* host_api();

// Builds the message for a failed component call: the recorded error, or a
// clear stand-in when the plugin failed without one.
std::string call_error(const merit_context& ctx, const char* operation);

}  // namespace merit
