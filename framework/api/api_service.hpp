// `merit serve`'s application: the /v1 API and the browser application's
// files over one workspace. It owns the routing, authentication, the error
// model, idempotency, security headers and the job queue; route handlers
// (routes_*.cpp) do the rest through the same library calls as the CLI.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "api/connection_pool.hpp"
#include "api/idempotency_cache.hpp"
#include "api/job_queue.hpp"
#include "api/login_limiter.hpp"
#include "api/router.hpp"
#include "api/session_store.hpp"
#include "http/http_message.hpp"
#include "plugin/registry.hpp"

namespace merit::api {

struct ServiceOptions {
    std::filesystem::path workspace;
    std::filesystem::path share_dir;   // <prefix>/share/merit: web/, api/openapi.json, config/
    std::filesystem::path scheme_dir;  // the schemes POST /v1/runs may name (by file name)
    bool tls = false;                  // cookies get Secure, responses HSTS
};

class ApiService {
public:
    ApiService(ServiceOptions options, std::shared_ptr<const PluginRegistry> plugins);

    // Never throws: every failure becomes an error response.
    http::Response handle(const http::Request& request);

    const ServiceOptions& options() const { return options_; }
    const Router& router() const { return router_; }
    const PluginRegistry& plugins() const { return *plugins_; }
    ConnectionPool& connections() { return connections_; }
    JobQueue& jobs() { return jobs_; }
    SessionStore& sessions() { return sessions_; }
    LoginLimiter& login_limiter() { return login_limiter_; }

    // Stops taking jobs and waits for the running one (SIGTERM).
    void shutdown() { jobs_.shutdown(); }

private:
    http::Response dispatch(const http::Request& request);
    http::Response run_route(const RouteMatch& match, const http::Request& request);

    ServiceOptions options_;
    std::shared_ptr<const PluginRegistry> plugins_;
    ConnectionPool connections_;
    Router router_;
    IdempotencyCache idempotency_;
    SessionStore sessions_;
    LoginLimiter login_limiter_;
    JobQueue jobs_;  // last: its worker stops first
};

}  // namespace merit::api
