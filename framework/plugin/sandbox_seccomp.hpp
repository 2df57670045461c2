// The seccomp allow-list of an isolated plugin's process, installed before
// the plugin is loaded (its static constructors run inside dlopen), so
// every instruction of the plugin runs under it. Allowed: what computing
// code, glibc and libstdc++ need (memory, threads, futexes, clocks, signals
// to itself, reading and writing descriptors it already holds, and opening
// files read-only, which the dynamic loader needs for the libraries).
// Everything else fails with EPERM, so a plugin sees an ordinary error
// (EPERM rather than a kill: the call fails, the plugin reports it, the run
// fails naming the plugin): opening a file for writing or creating one,
// sockets, fork, execve, ptrace, signals to any other process, mount,
// namespaces, setsid and the rest. clone3 fails with ENOSYS, so glibc falls
// back to clone, which is allowed for threads only.
#pragma once

#include <string>

namespace merit {

// Empty when the filter is installed, else what refused it.
std::string install_system_call_filter();

}  // namespace merit
