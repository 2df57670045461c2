// GET /v1/audit?since=N&limit=M: audit entries after sequence number N,
// oldest first, for integrations that follow the log.
#include "api/access.hpp"
#include "api/api_error.hpp"
#include "api/cursor.hpp"
#include "api/json_body.hpp"
#include "api/request_context.hpp"
#include "api/routes.hpp"
#include "store/audit_log.hpp"

namespace merit::api {
namespace {

http::Response audit(RequestContext& context) {
    require_action(context, "audit.read", workspace_object());
    const int64_t since = query_integer(context.request, "since", 0, INT64_MAX).value_or(0);
    const size_t limit = page_limit(context.request, 500, 5000);
    boost::json::array items;
    int64_t last = since;
    for (const AuditEntry& e : read_audit_after(context.db(), since, limit)) {
        boost::system::error_code ec;
        boost::json::value detail = boost::json::parse(e.detail, ec);
        items.push_back(boost::json::object{{"id", e.id},
                                            {"at", e.at},
                                            {"actor", e.actor},
                                            {"role", e.role},
                                            {"action", e.action},
                                            {"object", e.object},
                                            {"detail", ec ? boost::json::value(e.detail) : detail},
                                            {"reason", e.reason},
                                            {"hash", e.hash}});
        last = e.id;
    }
    return json_response(boost::json::object{{"items", items}, {"last", last}});
}

}  // namespace

void add_audit_routes(Router& router) {
    router.add({"GET", "/v1/audit", RouteAccess::Authenticated, audit});
}

}  // namespace merit::api
