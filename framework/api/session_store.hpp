// Browser sessions after a password login: a random id in an HttpOnly,
// SameSite=Strict cookie (Secure under TLS), and a CSRF token the page
// reads from the login answer and sends back in X-CSRF-Token on every
// unsafe request. Sessions live in memory, so restarting the service logs
// everyone out; they end after 8 hours, or 30 minutes unused.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace merit::api {

struct Session {
    std::string user_id;
    std::string csrf_token;
    std::chrono::steady_clock::time_point started, last_used;
};

class SessionStore {
public:
    // Returns the new session's id.
    std::string open(const std::string& user_id);
    // The live session with this id (renewing its idle time), if any.
    std::optional<Session> find(const std::string& id);
    void close(const std::string& id);

private:
    std::mutex mutex_;
    std::map<std::string, Session> sessions_;  // by SHA-256 of the id
};

}  // namespace merit::api
