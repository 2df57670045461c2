#include "common/progress.hpp"

#include <atomic>
#include <chrono>
#include <mutex>

namespace merit {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int64_t kRedrawNanoseconds = 100'000'000;  // ten times a second

struct Shared {
    std::mutex mutex;
    ProgressDisplay display;
    std::atomic<bool> on{false};
    std::atomic<int64_t> next_draw{0};  // steady clock nanoseconds
};

Shared& shared() {
    static Shared s;
    return s;
}

int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

// Applies `change` to the state (under the lock: tasks update from several
// threads) and shows the result; nullptr takes the line away.
void draw(const ProgressState* state, const std::function<void()>& change = nullptr) {
    Shared& s = shared();
    std::lock_guard lock(s.mutex);
    if (change) change();
    if (!s.display) return;
    s.display(state);
    s.next_draw = state ? now_ns() + kRedrawNanoseconds : 0;
}

}  // namespace

void set_progress_display(ProgressDisplay display) {
    Shared& s = shared();
    std::lock_guard lock(s.mutex);
    s.display = std::move(display);
    s.on = static_cast<bool>(s.display);
    s.next_draw = 0;
}

void clear_progress() {
    if (shared().on) draw(nullptr);
}

ProgressTask::ProgressTask(std::string title, std::string unit) {
    state_.title = std::move(title);
    state_.unit = std::move(unit);
    if (shared().on) draw(&state_);
}

ProgressTask::~ProgressTask() {
    clear_progress();
}

void ProgressTask::update(uint64_t count, uint64_t done, uint64_t total) {
    const Shared& s = shared();
    if (!s.on || now_ns() < s.next_draw) return;
    draw(&state_, [&] {
        state_.count = count;
        state_.done = done;
        state_.total = total;
    });
}

void ProgressTask::retitle(std::string title, uint64_t count) {
    draw(&state_, [&] {
        state_.title = std::move(title);
        state_.count = count;
        state_.done = state_.total = 0;
    });
}

}  // namespace merit
