#include "api/session_store.hpp"

#include "api/token_store.hpp"
#include "common/sha256.hpp"

namespace merit::api {
namespace {

constexpr auto kMaxAge = std::chrono::hours(8);
constexpr auto kMaxIdle = std::chrono::minutes(30);

bool expired(const Session& s, std::chrono::steady_clock::time_point now) {
    return now - s.started > kMaxAge || now - s.last_used > kMaxIdle;
}

}  // namespace

std::string SessionStore::open(const std::string& user_id) {
    const std::string id = random_secret(32);
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    for (auto it = sessions_.begin(); it != sessions_.end();)
        it = expired(it->second, now) ? sessions_.erase(it) : std::next(it);
    sessions_[sha256_hex(id)] = Session{user_id, random_secret(32), now, now};
    return id;
}

std::optional<Session> SessionStore::find(const std::string& id) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    const auto it = sessions_.find(sha256_hex(id));
    if (it == sessions_.end()) return std::nullopt;
    if (expired(it->second, now)) {
        sessions_.erase(it);
        return std::nullopt;
    }
    it->second.last_used = now;
    return it->second;
}

void SessionStore::close(const std::string& id) {
    std::lock_guard lock(mutex_);
    sessions_.erase(sha256_hex(id));
}

}  // namespace merit::api
