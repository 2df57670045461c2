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
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>

#include "plugin/host_config.hpp"
#include "plugin/plugin_channel.hpp"

namespace merit {

class PluginProcess {
public:
    // Forks; the child runs `body` with its end of the socket, then exits.
    // `plugin_id` names the plugin in the log lines of its output.
    PluginProcess(const std::string& plugin_id, const PluginOptions& options,
                  const std::function<void(PluginChannel&)>& body);
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
    std::string pending_;  // output after the last newline
    size_t logged_ = 0;    // bytes of output logged so far
    PluginChannel channel_;
};

}  // namespace merit
