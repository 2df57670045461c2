// Who sent a request: a bearer token (integrations) or a session cookie (the
// browser application, after a password login). The user and their role
// come from the workspace's users (access/users.hpp) at every request, so a
// deactivated user's token and sessions stop working at once.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>

#include "api/principal.hpp"
#include "api/session_store.hpp"
#include "http/http_message.hpp"

namespace merit::api {

inline constexpr const char* kSessionCookie = "merit_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

// nullopt when the request carries no credentials (or a session cookie that
// has ended); ApiError 401 for a bearer token that is unknown, expired or
// revoked, or whose user is inactive.
std::optional<Principal> authenticate(sqlite3* db, SessionStore& sessions, const http::Request& request);

// Unsafe requests (anything but GET, HEAD, OPTIONS) made with a session
// cookie must echo the session's CSRF token; ApiError 403 otherwise. Bearer
// tokens are not sent by browsers on their own, so they need none.
void check_csrf(const Principal& principal, const http::Request& request);

// The Set-Cookie value for a new session, and the one that ends it.
std::string session_cookie(const std::string& session_id, bool tls);
std::string expired_session_cookie(bool tls);

}  // namespace merit::api
