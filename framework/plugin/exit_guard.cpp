#include "plugin/exit_guard.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <vector>

namespace merit {
namespace {

// Active calls, by slot (several run at once on the evaluator's threads).
// Read by the exit hook, which may run on any thread: under the same mutex.
std::mutex active_mutex;
std::vector<std::string> active;  // "" = free slot
// The process that installed the hooks: a forked child (an isolated plugin)
// inherits them, but its exit is the parent's to report.
pid_t host_pid = 0;

void on_exit_during_call() {
    if (::getpid() != host_pid) return;
    std::string line;
    {
        std::unique_lock lock(active_mutex, std::try_to_lock);
        if (!lock.owns_lock()) {
            line = "merit: error: a plugin ended the process during a component call; nothing was stored\n";
        } else {
            for (const auto& call : active)
                if (!call.empty()) {
                    line = "merit: error: " + call +
                           ": the plugin called exit() inside the host process; nothing was stored\n";
                    break;
                }
        }
    }
    if (line.empty()) return;  // an ordinary exit: no component was running
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
    _exit(1);
}

void install_hooks() {
    static std::once_flag once;
    std::call_once(once, [] {
        host_pid = ::getpid();
        std::atexit(on_exit_during_call);
        std::at_quick_exit(on_exit_during_call);
    });
}

}  // namespace

ExitGuard::ExitGuard(const std::string& component, const char* operation) {
    install_hooks();
    std::lock_guard lock(active_mutex);
    std::string call = component + ": " + operation;
    for (slot_ = 0; slot_ < active.size(); ++slot_)
        if (active[slot_].empty()) {
            active[slot_] = std::move(call);
            return;
        }
    active.push_back(std::move(call));
}

ExitGuard::~ExitGuard() {
    std::lock_guard lock(active_mutex);
    active[slot_].clear();
}

}  // namespace merit
