#include "api/authentication.hpp"

#include <sodium.h>

#include "access/users.hpp"
#include "api/api_error.hpp"
#include "api/token_store.hpp"

namespace merit::api {
namespace {

std::optional<std::string> cookie_value(const http::Request& request, const std::string& name) {
    const auto header = request.header("Cookie");
    if (!header) return std::nullopt;
    std::string_view rest = *header;
    while (!rest.empty()) {
        const size_t end = rest.find(';');
        std::string_view pair = rest.substr(0, end);
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
            return std::string(pair.substr(name.size() + 1));
    }
    return std::nullopt;
}

// The user behind a credential, when it still may act.
std::optional<User> active_user(sqlite3* db, const std::string& user_id) {
    auto user = find_user(db, user_id);
    if (!user || !user->active) return std::nullopt;
    return user;
}

bool is_safe_method(const std::string& method) {
    return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

std::string cookie_attributes(bool tls) {
    return std::string("; Path=/; HttpOnly; SameSite=Strict") + (tls ? "; Secure" : "");
}

}  // namespace

std::optional<Principal> authenticate(sqlite3* db, SessionStore& sessions, const http::Request& request) {
    if (const auto authorization = request.header("Authorization")) {
        constexpr std::string_view kBearer = "Bearer ";
        if (authorization->compare(0, kBearer.size(), kBearer) != 0)
            throw unauthorized("Authorization: only Bearer tokens are accepted");
        const auto user_id = token_user(db, authorization->substr(kBearer.size()));
        const auto user = user_id ? active_user(db, *user_id) : std::nullopt;
        if (!user) throw unauthorized("the token is unknown, expired or revoked, or its user is inactive");
        return Principal{user->id, user->role, "token", "", ""};
    }
    const auto session_id = cookie_value(request, kSessionCookie);
    if (!session_id) return std::nullopt;
    const auto session = sessions.find(*session_id);
    if (!session) return std::nullopt;
    const auto user = active_user(db, session->user_id);
    if (!user) {
        sessions.close(*session_id);
        return std::nullopt;
    }
    return Principal{user->id, user->role, "session", *session_id, session->csrf_token};
}

void check_csrf(const Principal& principal, const http::Request& request) {
    if (principal.via != "session" || is_safe_method(request.method)) return;
    const auto sent = request.header(kCsrfHeader);
    if (!sent || sent->size() != principal.csrf_token.size() ||
        sodium_memcmp(sent->data(), principal.csrf_token.data(), sent->size()) != 0)
        throw ApiError(403, "csrf", "missing or wrong CSRF token", kCsrfHeader);
}

std::string session_cookie(const std::string& session_id, bool tls) {
    return std::string(kSessionCookie) + "=" + session_id + cookie_attributes(tls);
}

std::string expired_session_cookie(bool tls) {
    return std::string(kSessionCookie) + "=" + cookie_attributes(tls) + "; Max-Age=0";
}

}  // namespace merit::api
