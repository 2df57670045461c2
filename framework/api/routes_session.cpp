// POST /v1/session (password login), GET /v1/session (who am I, and the
// CSRF token), DELETE /v1/session (log out).
#include <fmt/format.h>

#include "access/users.hpp"
#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/authentication.hpp"
#include "api/json_body.hpp"
#include "api/passwords.hpp"
#include "api/request_context.hpp"
#include "api/routes.hpp"

namespace merit::api {
namespace {

boost::json::object principal_json(sqlite3* db, const Principal& principal, const std::string& csrf) {
    const auto user = find_user(db, principal.user_id);
    return boost::json::object{{"user", principal.user_id},
                               {"name", user ? user->name : ""},
                               {"role", principal.role},
                               {"manager_id", user ? user->manager_id : ""},
                               {"org_unit_id", user ? user->org_unit_id : ""},
                               {"via", principal.via},
                               {"csrf_token", csrf}};
}

http::Response login(RequestContext& context) {
    const boost::json::object body = json_object_body(context.request);
    const std::string user_id = required_string(body, "user");
    const std::string password = required_string(body, "password");
    if (user_id.size() > 64 || password.size() > 1024) throw invalid_field("too long", "user");
    LoginLimiter& limiter = context.service.login_limiter();
    if (const int64_t wait = limiter.retry_after(user_id, context.request.remote_addr); wait > 0) {
        http::Response refused = error_response(
            429, "too_many_attempts", fmt::format("too many failed logins; try again in {} s", wait));
        refused.set_header("Retry-After", std::to_string(wait));
        return refused;
    }
    const auto user = find_user(context.db(), user_id);
    if (!check_password(context.db(), user_id, password) || !user || !user->active) {
        limiter.failed(user_id, context.request.remote_addr);
        throw unauthorized("wrong user or password");
    }
    limiter.succeeded(user_id);
    const std::string session_id = context.service.sessions().open(user_id);
    const auto session = context.service.sessions().find(session_id);
    const Principal principal{user->id, user->role, "session", session_id, session->csrf_token};
    http::Response response = json_response(principal_json(context.db(), principal, session->csrf_token));
    response.set_header("Set-Cookie", session_cookie(session_id, context.service.options().tls));
    return response;
}

http::Response whoami(RequestContext& context) {
    return json_response(principal_json(context.db(), context.user(), context.user().csrf_token));
}

http::Response logout(RequestContext& context) {
    if (!context.user().session_id.empty()) context.service.sessions().close(context.user().session_id);
    http::Response response;
    response.status = 204;
    response.set_header("Set-Cookie", expired_session_cookie(context.service.options().tls));
    return response;
}

}  // namespace

void add_session_routes(Router& router) {
    router.add({"POST", "/v1/session", RouteAccess::Public, login});
    router.add({"GET", "/v1/session", RouteAccess::Authenticated, whoami});
    router.add({"DELETE", "/v1/session", RouteAccess::Authenticated, logout});
}

}  // namespace merit::api
