#include "api/login_limiter.hpp"

namespace merit::api {
namespace {

constexpr auto kWindow = std::chrono::minutes(15);
constexpr size_t kPerUser = 5;
constexpr size_t kPerAddress = 20;

// Names and addresses whose failures have all aged out are dropped once the
// maps grow, so guessing many user names cannot grow memory without bound.
void forget_stale(std::map<std::string, std::deque<std::chrono::steady_clock::time_point>>& failures,
                  std::chrono::steady_clock::time_point now) {
    if (failures.size() < 10000) return;
    for (auto it = failures.begin(); it != failures.end();)
        it = (it->second.empty() || now - it->second.back() > kWindow) ? failures.erase(it) : std::next(it);
}

}  // namespace

int64_t LoginLimiter::wait_for(std::deque<Clock::time_point>& failures, size_t limit, Clock::time_point now) {
    while (!failures.empty() && now - failures.front() > kWindow) failures.pop_front();
    if (failures.size() < limit) return 0;
    const auto free_at = failures[failures.size() - limit] + kWindow;
    return std::chrono::ceil<std::chrono::seconds>(free_at - now).count();
}

int64_t LoginLimiter::retry_after(const std::string& user, const std::string& address) {
    const auto now = Clock::now();
    std::lock_guard lock(mutex_);
    return std::max(wait_for(by_user_[user], kPerUser, now),
                    wait_for(by_address_[address], kPerAddress, now));
}

void LoginLimiter::failed(const std::string& user, const std::string& address) {
    const auto now = Clock::now();
    std::lock_guard lock(mutex_);
    forget_stale(by_user_, now);
    forget_stale(by_address_, now);
    by_user_[user].push_back(now);
    by_address_[address].push_back(now);
}

void LoginLimiter::succeeded(const std::string& user) {
    std::lock_guard lock(mutex_);
    by_user_.erase(user);
}

}  // namespace merit::api
