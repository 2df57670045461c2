// `Idempotency-Key` on POSTs: the first request with a key runs and its
// response is kept; a retry with the same key (same user, method, path and
// body) gets that response again instead of making a second object. The same
// key with another request is 422; a retry while the first is still running
// is 409. Keys are kept for 24 hours, at most 10,000 of them, in memory.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "http/http_message.hpp"

namespace merit::api {

class IdempotencyCache {
public:
    // Runs `handle` once per (user, key); `fingerprint` identifies the request.
    http::Response run(const std::string& user, const std::string& key, const std::string& fingerprint,
                       const std::function<http::Response()>& handle);

private:
    struct Entry {
        std::string fingerprint;
        std::optional<http::Response> response;  // empty while the first request runs
        std::chrono::steady_clock::time_point at;
    };
    void forget_old();

    std::mutex mutex_;
    std::map<std::string, Entry> entries_;
};

}  // namespace merit::api
