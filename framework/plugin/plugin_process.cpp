#include "plugin/plugin_process.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>

#include "common/errors.hpp"

namespace merit {
namespace {

// The child's end of the socket, after every other descriptor is closed.
constexpr int kChildFd = 3;

// How long a child whose socket closed may take to finish exiting.
constexpr auto kExitGrace = std::chrono::seconds(2);

[[noreturn]] void run_child(int fd, pid_t host, const std::function<void(PluginChannel&)>& body) {
    // Die with the host, even when stuck in an endless loop.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != host) ::_exit(127);
    // Faults end the process with their signal even where the host installed
    // handlers (sanitizers do), so the host can name the signal.
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGINT, SIGTERM}) ::signal(sig, SIG_DFL);
    if (fd != kChildFd) {
        if (::dup2(fd, kChildFd) < 0) ::_exit(126);
    }
    ::close_range(kChildFd + 1, ~0U, 0);
    try {
        PluginChannel channel(kChildFd);
        body(channel);
    } catch (...) {
        ::_exit(125);
    }
    ::_exit(0);
}

std::string describe(int status) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char* abbrev = ::sigabbrev_np(sig);
        return fmt::format("crashed (signal {}, SIG{})", sig, abbrev ? abbrev : "?");
    }
    if (WIFEXITED(status)) return fmt::format("exited with status {}", WEXITSTATUS(status));
    return "ended";
}

}  // namespace

PluginProcess::PluginProcess(const std::function<void(PluginChannel&)>& body) {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        throw UserError(fmt::format("cannot create a socket for an isolated plugin: {}", ::strerror(errno)));
    const pid_t host = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        throw UserError(fmt::format("cannot start a process for an isolated plugin: {}", ::strerror(errno)));
    }
    if (pid_ == 0) run_child(fds[1], host, body);
    ::close(fds[1]);
    channel_ = PluginChannel(fds[0]);
}

PluginProcess::~PluginProcess() {
    kill();
}

void PluginProcess::kill() {
    if (pid_ > 0) reap(true);
}

std::string PluginProcess::end() {
    return reap(false);
}

std::string PluginProcess::reap(bool force) {
    channel_.close();
    if (pid_ <= 0) return "ended";
    int status = 0;
    pid_t done = 0;
    if (!force) {
        const auto until = std::chrono::steady_clock::now() + kExitGrace;
        while ((done = ::waitpid(pid_, &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (done == 0) {
        ::kill(pid_, SIGKILL);
        while ((done = ::waitpid(pid_, &status, 0)) < 0 && errno == EINTR) {
        }
    }
    pid_ = -1;
    return done > 0 ? describe(status) : "ended";
}

}  // namespace merit
