#include "api/login_limiter.hpp"

namespace merit::api {
namespace {

constexpr auto kWindow = std::chrono::minutes(15);
constexpr size_t kPerUser = 5;
constexpr size_t kPerAddress = 20;

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
    by_user_[user].push_back(now);
    by_address_[address].push_back(now);
}

void LoginLimiter::succeeded(const std::string& user) {
    std::lock_guard lock(mutex_);
    by_user_.erase(user);
}

}  // namespace merit::api
