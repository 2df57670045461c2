// GET /v1/openapi.json (the API's description, installed beside the
// browser application) and GET /v1/health.
#include <fstream>
#include <sstream>

#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/json_body.hpp"
#include "api/request_context.hpp"
#include "api/routes.hpp"

namespace merit::api {
namespace {

http::Response openapi(RequestContext& context) {
    const auto file = context.service.options().share_dir / "api" / "openapi.json";
    std::ifstream in(file, std::ios::binary);
    if (!in) throw not_found("openapi.json is not installed");
    std::ostringstream text;
    text << in.rdbuf();
    http::Response response;
    response.body = text.str();
    return response;
}

http::Response health(RequestContext&) {
    return json_response(boost::json::object{{"status", "ok"}});
}

}  // namespace

void add_meta_routes(Router& router) {
    router.add({"GET", "/v1/openapi.json", RouteAccess::Public, openapi});
    router.add({"GET", "/v1/health", RouteAccess::Public, health});
}

}  // namespace merit::api
