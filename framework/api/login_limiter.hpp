// Repeated failed logins are slowed down: after 5 failures for one user
// name, or 20 from one address, within 15 minutes, further attempts are
// refused with 429 until the window has passed, whatever the password. A
// success clears the user's count.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace merit::api {

class LoginLimiter {
public:
    // Seconds until `user` from `address` may try again; 0: now.
    int64_t retry_after(const std::string& user, const std::string& address);
    void failed(const std::string& user, const std::string& address);
    void succeeded(const std::string& user);

private:
    using Clock = std::chrono::steady_clock;
    int64_t wait_for(std::deque<Clock::time_point>& failures, size_t limit, Clock::time_point now);
    std::mutex mutex_;
    std::map<std::string, std::deque<Clock::time_point>> by_user_, by_address_;
};

}  // namespace merit::api
