#include "api/idempotency_cache.hpp"

#include "api/api_error.hpp"

namespace merit::api {
namespace {

constexpr auto kKeepFor = std::chrono::hours(24);
constexpr size_t kMaxEntries = 10000;

}  // namespace

void IdempotencyCache::forget_old() {
    const auto now = std::chrono::steady_clock::now();
    for (auto it = entries_.begin(); it != entries_.end();)
        it = (it->second.response && now - it->second.at > kKeepFor) ? entries_.erase(it) : std::next(it);
    while (entries_.size() >= kMaxEntries) {
        auto oldest = entries_.begin();
        for (auto it = entries_.begin(); it != entries_.end(); ++it)
            if (it->second.response && it->second.at < oldest->second.at) oldest = it;
        entries_.erase(oldest);
    }
}

http::Response IdempotencyCache::run(const std::string& user, const std::string& key,
                                     const std::string& fingerprint,
                                     const std::function<http::Response()>& handle) {
    if (key.empty() || key.size() > 200)
        throw invalid_field("must be 1 to 200 characters", "Idempotency-Key");
    const std::string slot = user + '\n' + key;
    {
        std::lock_guard lock(mutex_);
        const auto it = entries_.find(slot);
        if (it != entries_.end()) {
            if (it->second.fingerprint != fingerprint)
                throw ApiError(422, "idempotency_mismatch",
                               "this Idempotency-Key was used for a different request", "Idempotency-Key");
            if (!it->second.response)
                throw conflict("a request with this Idempotency-Key is still being processed",
                               "Idempotency-Key");
            http::Response replay = *it->second.response;
            replay.set_header("Idempotent-Replayed", "true");
            return replay;
        }
        forget_old();
        entries_[slot] = Entry{fingerprint, std::nullopt, std::chrono::steady_clock::now()};
    }
    http::Response response;
    try {
        response = handle();
    } catch (...) {
        // A request that failed made nothing: the key may be used again.
        std::lock_guard lock(mutex_);
        entries_.erase(slot);
        throw;
    }
    std::lock_guard lock(mutex_);
    if (response.status >= 500) {
        entries_.erase(slot);
    } else {
        Entry& entry = entries_[slot];
        entry.response = response;
        entry.at = std::chrono::steady_clock::now();
    }
    return response;
}

}  // namespace merit::api
