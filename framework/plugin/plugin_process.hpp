// A child process forked from the host for one isolated plugin component,
// connected to the host by a socket. The child inherits the plugin already
// loaded and checked (the verified memfd bytes are mapped), holds no other
// descriptor (not the workspace, not other children's sockets), dies with
// the host, and leaves through _exit so none of the host's destructors or
// atexit handlers run in it.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>

#include "plugin/plugin_channel.hpp"

namespace merit {

class PluginProcess {
public:
    // Forks; the child runs `body` with its end of the socket, then exits.
    explicit PluginProcess(const std::function<void(PluginChannel&)>& body);
    ~PluginProcess();
    PluginProcess(const PluginProcess&) = delete;
    PluginProcess& operator=(const PluginProcess&) = delete;

    PluginChannel& channel() { return channel_; }
    bool running() const { return pid_ > 0; }

    // Stops the child (SIGKILL) and reaps it.
    void kill();
    // Reaps a child whose socket closed, killing it if it lingers, and says
    // how it ended: "crashed (signal 11, SIGSEGV)", "exited with status 3".
    std::string end();

private:
    std::string reap(bool force);
    pid_t pid_ = -1;
    PluginChannel channel_;
};

}  // namespace merit
