// A child process forked from the host for one isolated plugin component,
// connected to the host by a socket. Before `body` runs, the child leads its
// own process group, dies with the host, has stdin on /dev/null and
// stdout/stderr on a pipe the host copies into its log (never into Merit's
// own output), holds no other descriptor (not the workspace, not other
// children's sockets), and runs under the rlimits of its PluginOptions. It
// leaves through _exit so none of the host's destructors or atexit handlers
// run in it. Ending the child kills its whole process group, so nothing it
// started outlives the call. While any child runs the host is not dumpable:
// a child running as the same user cannot read the host's /proc entries
// (its descriptors, its memory) nor attach to it with ptrace.
//
// With a SandboxView (every isolated plugin) the child also enters the
// sandbox's namespaces (sandbox_namespaces.hpp), as far as the probe found
// the kernel grants them (sandbox_probe.hpp): with a pid namespace the
// host's child stays outside as a stand-in that ends the way the plugin's
// process ends, its child is process 1 of the namespace (it only waits), and
// the plugin runs in process 1's child, so that the kernel kills whatever
// the plugin starts when it ends. Then every capability is dropped, the
// rlimits are applied and the seccomp filter installed (sandbox_seccomp.hpp),
// all before `body` loads the plugin from the image at its descriptor 4.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>

#include "plugin/host_config.hpp"
#include "plugin/plugin_channel.hpp"
#include "plugin/sandbox_namespaces.hpp"

namespace merit {

// The plugin's image in the child (closed by the child once it is loaded).
constexpr int kChildImageFd = 4;

class PluginProcess {
public:
    // Forks; the child runs `body` with its end of the socket and the path
    // to load the plugin from, then exits. `plugin_id` names the plugin in
    // the log lines of its output. `sandbox`: the plugin and its image (the
    // child gets a copy of the descriptor), or null for no sandbox.
    PluginProcess(const std::string& plugin_id, const PluginOptions& options, const SandboxView* sandbox,
                  const std::function<void(PluginChannel&, const std::string&)>& body);
    ~PluginProcess();
    PluginProcess(const PluginProcess&) = delete;
    PluginProcess& operator=(const PluginProcess&) = delete;

    PluginChannel& channel() { return channel_; }
    bool running() const { return pid_ > 0; }

    // Stops the child and everything it started (SIGKILL) and reaps it.
    void kill();
    // Reaps a child whose socket closed, killing it if it lingers, and says
    // how it ended: "crashed (signal 11, SIGSEGV)", "exited with status 3".
    std::string end();

private:
    std::string reap(bool force);
    // Copies the child's output into the log, a line at a time, up to a cap.
    void log_output(std::string_view bytes);
    void flush_output();
    pid_t pid_ = -1;
    int output_fd_ = -1;  // the read end of the child's stdout/stderr pipe
    std::string plugin_id_;
    std::string pending_;      // output after the last newline
    std::string setup_error_;  // why the child could not set up its sandbox
    size_t logged_ = 0;        // bytes of output logged so far
    PluginChannel channel_;
};

}  // namespace merit
