#include "api/api_service.hpp"

#include <spdlog/spdlog.h>

#include "access/authorize.hpp"
#include "api/access.hpp"
#include "api/api_error.hpp"
#include "api/authentication.hpp"
#include "api/request_context.hpp"
#include "api/routes.hpp"
#include "api/security_headers.hpp"
#include "api/static_files.hpp"
#include "common/errors.hpp"
#include "common/sha256.hpp"

namespace merit::api {
namespace {

bool is_api_path(const std::string& path) {
    return path == "/v1" || path.rfind("/v1/", 0) == 0;
}

// Refusals are logged (never the credentials), so an operator sees probing.
void log_refusal(const http::Request& request, const http::Response& response,
                 const std::optional<Principal>& principal) {
    if (response.status != 401 && response.status != 403 && response.status != 429) return;
    spdlog::warn("refused {} {} {} from {} as {}", response.status, request.method, request.path,
                 request.remote_addr, principal ? principal->user_id : "(nobody)");
}

}  // namespace

ApiService::ApiService(ServiceOptions options, std::shared_ptr<const PluginRegistry> plugins)
    : options_(std::move(options)), plugins_(std::move(plugins)), connections_(options_.workspace) {
    add_meta_routes(router_);
    add_session_routes(router_);
    add_workspace_routes(router_);
    add_run_routes(router_);
    add_report_routes(router_);
    add_job_routes(router_);
    add_audit_routes(router_);
    add_review_routes(router_);
    add_pay_routes(router_);
    add_dispute_routes(router_);
    add_feedback_routes(router_);
    add_calibration_routes(router_);
    add_data_routes(router_);
}

http::Response ApiService::handle(const http::Request& request) {
    const bool api = is_api_path(request.path);
    http::Response response;
    try {
        response = api ? dispatch(request) : serve_static(options_.share_dir / "web", request);
    } catch (const ApiError& e) {
        response = error_response(e);
    } catch (const std::exception& e) {
        spdlog::error("{} {}: {}", request.method, request.path, e.what());
        response = error_for_status(500);
    }
    add_security_headers(response, api, options_.tls);
    return response;
}

http::Response ApiService::dispatch(const http::Request& request) {
    const RouteMatch match = router_.match(request.method, request.path);
    return run_route(match, request);
}

http::Response ApiService::run_route(const RouteMatch& match, const http::Request& request) {
    ConnectionPool::Lease connection = connections_.borrow();
    RequestContext context{request, match.params, *this, std::nullopt, connection};
    http::Response response;
    try {
        context.principal = authenticate(connection.db(), sessions_, request);
        if (match.route->access == RouteAccess::Authenticated && !context.principal) throw unauthorized();
        if (context.principal) check_csrf(*context.principal, request);
        // What the handler changes is audited under the request's user.
        std::optional<ActorScope> acting;
        if (context.principal) acting.emplace(actor_of(*context.principal));
        const auto key = request.header("Idempotency-Key");
        if (key && request.method == "POST" && context.principal) {
            const std::string fingerprint =
                sha256_hex(request.method + ' ' + request.path + '\n' + request.body);
            response = idempotency_.run(context.principal->user_id, *key, fingerprint,
                                        [&] { return match.route->handler(context); });
        } else {
            response = match.route->handler(context);
        }
    } catch (const ApiError& e) {
        response = error_response(e);
    } catch (const Forbidden& e) {
        response = error_response(403, "forbidden", e.what());
    } catch (const UserError& e) {
        // A rule of the library said no (a stale state, a bad value): the
        // message is the library's own one line.
        response = error_response(422, "rejected", e.what());
    }
    log_refusal(request, response, context.principal);
    return response;
}

}  // namespace merit::api
