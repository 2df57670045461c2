// The layers of the sandbox around an isolated plugin's process, and which
// of them the kernel grants here. The four that enforce something are the
// mount namespace (a read-only root holding only the system libraries and
// the plugin's folder: no workspace, nothing writable), the pid namespace
// (no other process in sight, everything the plugin starts dies with it),
// the network namespace (no interface but a loopback that is down) and the
// seccomp allow-list of system calls. The user namespace is how an
// unprivileged Merit gets the three namespaces; as root they need none.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

namespace merit {

struct SandboxLayers {
    bool user = false;
    bool mount = false;
    bool pid = false;
    bool network = false;
    bool seccomp = false;
    // Why a layer is missing, one clause per layer ("pid namespace: unshare:
    // Operation not permitted"); empty when all hold.
    std::string why;

    // The enforcing layers not held ("mount namespace", "seccomp", ...).
    std::vector<std::string> missing() const;
    // "mount, pid and network namespaces (in a user namespace) and seccomp".
    std::string held_text() const;
    // One line for warnings and refusals: what is missing and why.
    std::string missing_text() const;

    // A compact form for the pipe from the probe ("11111" then `why`).
    std::string encode() const;
    static SandboxLayers decode(const std::string& text);
    // {"user": true, "mount": true, "pid": true, "network": true,
    // "seccomp": true, "missing": [], "why": ""}: for listings and runs.
    boost::json::object to_json() const;
};

}  // namespace merit
