#include "plugin/sandbox_probe.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>
#include <string>

#include "plugin/sandbox_namespaces.hpp"
#include "plugin/sandbox_seccomp.hpp"

namespace merit {
namespace {

constexpr int kProbeTimeoutMs = 10000;

void write_all(int fd, const std::string& text) {
    size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0 && errno != EINTR) return;
        if (n > 0) done += static_cast<size_t>(n);
    }
}

// The last two layers, in the process that would run a plugin.
[[noreturn]] void finish_probe(int out, SandboxLayers held) {
    if (held.pid && ::getpid() != 1) {
        held.pid = false;
        held.why += (held.why.empty() ? "" : "; ") + std::string("pid namespace: not process 1 in it");
    }
    if (const std::string why = drop_privileges(); !why.empty()) {
        held.why += (held.why.empty() ? "" : "; ") + ("privileges: " + why);
    } else if (const std::string filter = install_system_call_filter(); !filter.empty()) {
        held.why += (held.why.empty() ? "" : "; ") + ("seccomp: " + filter);
    } else {
        held.seccomp = true;
    }
    write_all(out, held.encode());
    ::_exit(0);
}

[[noreturn]] void probe_child(int out) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::close_range(3, static_cast<unsigned>(out) - 1, 0);
    ::close_range(static_cast<unsigned>(out) + 1, ~0U, 0);
    SandboxLayers want;
    want.user = want.mount = want.pid = want.network = true;
    SandboxLayers held;
    enter_namespaces(SandboxView{}, want, held);
    if (!held.user) {
        // Without a user namespace only root gets the others; that is worth
        // saying only when they are missing too.
        if (held.mount && held.pid && held.network) held.why.clear();
    }
    if (!held.pid) finish_probe(out, held);
    const pid_t first = ::fork();
    if (first == 0) finish_probe(out, held);
    if (first < 0) {
        held.pid = false;
        finish_probe(out, held);
    }
    int status = 0;
    while (::waitpid(first, &status, 0) < 0 && errno == EINTR) {
    }
    ::_exit(0);
}

SandboxLayers probe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return SandboxLayers::decode("");
    const pid_t pid = ::fork();
    if (pid == 0) probe_child(fds[1]);
    ::close(fds[1]);
    std::string text;
    if (pid > 0) {
        char buffer[1024];
        pollfd p{fds[0], POLLIN, 0};
        while (::poll(&p, 1, kProbeTimeoutMs) > 0) {
            const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            text.append(buffer, static_cast<size_t>(n));
        }
        ::kill(pid, SIGKILL);
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
    ::close(fds[0]);
    return SandboxLayers::decode(text);
}

}  // namespace

const SandboxLayers& sandbox_layers() {
    static std::once_flag once;
    static SandboxLayers layers;
    std::call_once(once, [] { layers = probe(); });
    return layers;
}

}  // namespace merit
