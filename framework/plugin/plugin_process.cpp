#include "plugin/plugin_process.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "common/errors.hpp"
#include "plugin/child_limits.hpp"
#include "plugin/plugin_code.hpp"
#include "plugin/sandbox_probe.hpp"
#include "plugin/sandbox_seccomp.hpp"

namespace merit {
namespace {

// The child's descriptors: stdin (/dev/null), stdout and stderr (the
// output pipe), and its end of the socket. Nothing else survives.
constexpr int kChildFd = 3;
// Where descriptors are parked while the child rearranges 0..3.
constexpr int kParkedFds = 100;

// How long a child whose socket closed may take to finish exiting.
constexpr auto kExitGrace = std::chrono::seconds(2);
// A plugin that prints more than this is cut off in the log.
constexpr size_t kMaxLoggedOutput = 64 * 1024;

// The host is not dumpable while any isolated child lives (see the header).
std::mutex dumpable_mutex;
int live_children = 0;
int dumpable_before = 1;

void child_started() {
    const std::lock_guard lock(dumpable_mutex);
    if (live_children++ == 0) {
        dumpable_before = ::prctl(PR_GET_DUMPABLE);
        ::prctl(PR_SET_DUMPABLE, 0);
    }
}

void child_ended() {
    const std::lock_guard lock(dumpable_mutex);
    if (--live_children == 0 && dumpable_before > 0) ::prctl(PR_SET_DUMPABLE, dumpable_before);
}

// Exit statuses of a child that could not set itself up; see describe().
constexpr int kSetupFailed = 124;

// A plugin calling exit() ends only its own process: the exit handlers and
// static destructors registered before the fork belong to the host's state
// (a sanitizer's leak check among them, which would scan a heap the child
// never owned). Handlers run last-registered first, so this one runs before
// every handler the host registered.
void end_without_host_handlers(int status, void*) {
    std::fflush(nullptr);
    ::_exit(status);
}

// A line the child writes to its output before it exits kSetupFailed; the
// host puts it into the error instead of the log.
constexpr std::string_view kSetupMarker = "merit-sandbox-setup: ";

[[noreturn]] void setup_failed(const std::string& why) {
    const std::string line = std::string(kSetupMarker) + why + "\n";
    [[maybe_unused]] const ssize_t n = ::write(2, line.data(), line.size());
    ::_exit(kSetupFailed);
}

// Ends this process the way `status` says another one ended.
[[noreturn]] void end_like(int status) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        ::signal(sig, SIG_DFL);
        sigset_t all;
        sigfillset(&all);
        ::sigprocmask(SIG_UNBLOCK, &all, nullptr);
        ::raise(sig);
        ::_exit(128 + sig);
    }
    ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : kSetupFailed);
}

// After unshare(CLONE_NEWPID): returns in the plugin's process, the child of
// process 1 of the new namespace. The caller (outside the namespace) and
// process 1 hold no descriptor but a pipe; they wait, and end as the
// plugin's process ended (process 1 cannot end by a signal it sends itself,
// so it passes the plugin's status up the pipe).
void enter_pid_namespace() {
    int status_pipe[2];
    if (::pipe2(status_pipe, O_CLOEXEC) != 0) setup_failed("pid namespace: pipe failed");
    const pid_t first = ::fork();
    if (first < 0) setup_failed("pid namespace: fork failed");
    if (first > 0) {
        ::close_range(0, kChildImageFd, 0);
        ::close(status_pipe[1]);
        int status = 0;
        ssize_t got = 0;
        while ((got = ::read(status_pipe[0], &status, sizeof status)) < 0 && errno == EINTR) {
        }
        int own = 0;
        while (::waitpid(first, &own, 0) < 0 && errno == EINTR) {
        }
        end_like(got == static_cast<ssize_t>(sizeof status) ? status : own);
    }
    // Process 1: dies with the stand-in, and the namespace with it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    const pid_t plugin = ::fork();
    if (plugin < 0) setup_failed("pid namespace: fork failed");
    if (plugin > 0) {
        ::close_range(0, kChildImageFd, 0);
        ::close(status_pipe[0]);
        for (;;) {
            int status = 0;
            const pid_t done = ::wait(&status);
            if (done == plugin) {
                [[maybe_unused]] const ssize_t n = ::write(status_pipe[1], &status, sizeof status);
                ::_exit(0);
            }
            if (done < 0 && errno != EINTR) ::_exit(kSetupFailed);
        }
    }
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::close(status_pipe[0]);
    ::close(status_pipe[1]);
}

[[noreturn]] void run_child(int channel_fd, int output_fd, pid_t host, const PluginOptions& options,
                            const SandboxView* sandbox, const SandboxLayers& layers,
                            const std::function<void(PluginChannel&, const std::string&)>& body) {
    // Die with the host, even when stuck in an endless loop.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != host) ::_exit(127);
    // Its own process group: the host kills the group, grandchildren included.
    ::setpgid(0, 0);
    ::on_exit(end_without_host_handlers, nullptr);
    // Faults end the process with their signal even where the host installed
    // handlers (sanitizers do), so the host can name the signal.
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGINT, SIGTERM, SIGXCPU, SIGXFSZ, SIGPIPE})
        ::signal(sig, SIG_DFL);
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    const int channel = ::fcntl(channel_fd, F_DUPFD, kParkedFds);
    const int output = ::fcntl(output_fd, F_DUPFD, kParkedFds);
    const int image = sandbox ? ::fcntl(sandbox->image_fd, F_DUPFD, kParkedFds) : -1;
    const int null = ::open("/dev/null", O_RDONLY);
    if (channel < 0 || output < 0 || null < 0 || (sandbox && image < 0)) ::_exit(kSetupFailed);
    if (::dup2(null, 0) < 0 || ::dup2(output, 1) < 0 || ::dup2(output, 2) < 0 ||
        ::dup2(channel, kChildFd) < 0 || (sandbox && ::dup2(image, kChildImageFd) < 0))
        ::_exit(kSetupFailed);
    ::close_range(sandbox ? kChildImageFd + 1 : kChildFd + 1, ~0U, 0);
    // Before the sandbox: its root has no /proc to read this from.
    const uint64_t address_space = current_address_space();
    std::string library;
    if (sandbox) {
        SandboxLayers held;
        library = enter_namespaces(SandboxView{sandbox->plugin_path, kChildImageFd}, layers, held);
        // The namespaces the probe found (seccomp comes later).
        if (held.encode().substr(0, 4) != layers.encode().substr(0, 4)) setup_failed(held.why);
        // Kept across a new user namespace, but not worth relying on.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (held.pid) enter_pid_namespace();
        if (const std::string why = drop_privileges(); !why.empty()) setup_failed(why);
    }
    if (const std::string why = apply_child_limits(options, address_space); !why.empty())
        setup_failed("limit " + why);
    if (sandbox && layers.seccomp) {
        if (const std::string why = install_system_call_filter(); !why.empty()) setup_failed(why);
    }
    try {
        PluginChannel socket(kChildFd);
        body(socket, library);
    } catch (...) {
        ::_exit(125);
    }
    ::_exit(0);
}

std::string describe(int status) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char* abbrev = ::sigabbrev_np(sig);
        std::string text = fmt::format("crashed (signal {}, SIG{})", sig, abbrev ? abbrev : "?");
        if (sig == SIGXCPU) text += " at its CPU time limit";
        if (sig == SIGXFSZ) text += " at its file size limit";
        return text;
    }
    if (WIFEXITED(status)) {
        if (WEXITSTATUS(status) == kSetupFailed)
            return "could not set up its process (descriptors, limits or sandbox)";
        return fmt::format("exited with status {}", WEXITSTATUS(status));
    }
    return "ended";
}

}  // namespace

PluginProcess::PluginProcess(const std::string& plugin_id, const PluginOptions& options,
                             const SandboxView* sandbox,
                             const std::function<void(PluginChannel&, const std::string&)>& body)
    : plugin_id_(plugin_id) {
    // Found before the fork, once: the child applies what the kernel grants.
    const SandboxLayers layers = sandbox ? sandbox_layers() : SandboxLayers{};
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        throw UserError(fmt::format("cannot create a socket for an isolated plugin: {}", ::strerror(errno)));
    int output[2];
    if (::pipe2(output, O_CLOEXEC) != 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        throw UserError(fmt::format("cannot create a pipe for an isolated plugin: {}", ::strerror(errno)));
    }
    const pid_t host = ::getpid();
    child_started();
    pid_ = ::fork();
    if (pid_ < 0) {
        const int error = errno;
        for (int fd : {fds[0], fds[1], output[0], output[1]}) ::close(fd);
        child_ended();
        throw UserError(fmt::format("cannot start a process for an isolated plugin: {}", ::strerror(error)));
    }
    if (pid_ == 0) run_child(fds[1], output[1], host, options, sandbox, layers, body);
    // Also from this side, so a kill right after fork finds the group.
    ::setpgid(pid_, pid_);
    ::close(fds[1]);
    ::close(output[1]);
    output_fd_ = output[0];
    ::fcntl(output_fd_, F_SETFL, O_NONBLOCK);
    channel_ = PluginChannel(fds[0]);
    channel_.watch_output(output_fd_, [this](std::string_view bytes) { log_output(bytes); });
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

void PluginProcess::log_output(std::string_view bytes) {
    if (logged_ >= kMaxLoggedOutput) return;
    pending_.append(bytes.substr(0, kMaxLoggedOutput - logged_));
    logged_ += bytes.size();
    size_t start = 0;
    for (size_t newline; (newline = pending_.find('\n', start)) != std::string::npos; start = newline + 1) {
        const std::string_view line = std::string_view(pending_).substr(start, newline - start);
        if (line.substr(0, kSetupMarker.size()) == kSetupMarker)
            setup_error_ = one_line(std::string(line.substr(kSetupMarker.size())));
        else
            spdlog::warn("plugin '{}' printed: {}", plugin_id_, line);
    }
    pending_.erase(0, start);
    if (logged_ >= kMaxLoggedOutput) {
        flush_output();
        spdlog::warn("plugin '{}' printed more than {} bytes; the rest is not logged", plugin_id_,
                     kMaxLoggedOutput);
    }
}

void PluginProcess::flush_output() {
    if (!pending_.empty()) spdlog::warn("plugin '{}' printed: {}", plugin_id_, pending_);
    pending_.clear();
}

std::string PluginProcess::reap(bool force) {
    channel_.close();
    if (pid_ <= 0) return "ended";
    int status = 0;
    bool exited = false;
    if (!force) {
        // Waits without reaping: the group id stays the child's until the
        // group is killed below, so a reused pid can never be hit.
        const auto until = std::chrono::steady_clock::now() + kExitGrace;
        for (;;) {
            siginfo_t info{};
            if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
                info.si_pid == pid_) {
                exited = true;
                break;
            }
            if (std::chrono::steady_clock::now() >= until) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    // Whatever the child started dies with it.
    ::killpg(pid_, SIGKILL);
    if (!exited) ::kill(pid_, SIGKILL);
    pid_t done = 0;
    while ((done = ::waitpid(pid_, &status, 0)) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    child_ended();
    // Output written before the end is still in the pipe.
    channel_.watch_output(output_fd_, [this](std::string_view bytes) { log_output(bytes); });
    channel_.drain_output();
    flush_output();
    ::close(output_fd_);
    output_fd_ = -1;
    if (done > 0 && WIFEXITED(status) && WEXITSTATUS(status) == kSetupFailed && !setup_error_.empty())
        return "could not set up its sandbox (" + setup_error_ + ")";
    return done > 0 ? describe(status) : "ended";
}

}  // namespace merit
