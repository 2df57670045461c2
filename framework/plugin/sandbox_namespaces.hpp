// The namespaces around an isolated plugin's process (sandbox_layers.hpp).
// Entered by the host's child while it is still single-threaded and before
// it forks the process that loads the plugin: a user namespace (mapping only
// Merit's own user), then a mount namespace whose root is an empty
// read-only tmpfs showing, read-only, the system libraries (/usr, /lib*,
// /etc/ld.so.cache), the plugin's folder, and at the plugin's own path the
// exact bytes the host checked (its sealed memory file); then network and
// pid namespaces. Sources are opened before anything is mounted, so a folder
// under /tmp is shown as it was checked.
#pragma once

#include <filesystem>
#include <string>

#include "plugin/sandbox_layers.hpp"

namespace merit {

struct SandboxView {
    std::filesystem::path plugin_path;  // the plugin file as the host found it
    int image_fd = -1;                  // the bytes it checked; -1: none (the probe)
};

// Tries each layer `want` asks for and records in `held` what held (a
// reason in held.why for what did not). Returns the path the plugin's image
// is loaded from inside the sandbox ("/proc/thread-self/fd/N" without a mount
// namespace). The pid namespace takes effect for the processes forked next.
std::string enter_namespaces(const SandboxView& view, const SandboxLayers& want, SandboxLayers& held);

// Gives up every capability (the namespaces' own included) and sets
// no_new_privs, so nothing the plugin does can gain privileges back. Empty
// when that held, else what the kernel refused.
std::string drop_privileges();

}  // namespace merit
