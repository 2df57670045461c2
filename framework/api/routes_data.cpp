// The workspace's data versions (store/data_versions.hpp), for whoever reads
// the audit log: GET /v1/data-versions (every import and every entry of
// review data, oldest first: who, when, which files, counts per table) and
// GET /v1/data-versions/{version}. The row-by-row changes, which carry the
// input values themselves, stay with `merit data show` on the workspace.
#include <fmt/format.h>

#include "access/authorize.hpp"
#include "api/access.hpp"
#include "api/api_error.hpp"
#include "api/json_body.hpp"
#include "api/request_context.hpp"
#include "api/routes.hpp"
#include "store/data_versions.hpp"

namespace merit::api {
namespace {

http::Response versions(RequestContext& context) {
    require_action(context, "audit.read", workspace_object());
    boost::json::array items;
    for (const DataVersion& v : read_data_versions(context.db())) items.push_back(data_version_json(v));
    return json_response(
        boost::json::object{{"items", items}, {"latest", latest_data_version(context.db())}});
}

http::Response version(RequestContext& context) {
    require_action(context, "audit.read", workspace_object());
    const int64_t seq = context.params.id("version");
    const auto v = read_data_version(context.db(), seq);
    if (!v) throw not_found(fmt::format("data version {}: no such version", seq), "version");
    return json_response(data_version_json(*v));
}

}  // namespace

void add_data_routes(Router& router) {
    router.add({"GET", "/v1/data-versions", RouteAccess::Authenticated, versions});
    router.add({"GET", "/v1/data-versions/{version}", RouteAccess::Authenticated, version});
}

}  // namespace merit::api
