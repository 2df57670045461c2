// GET /v1/workspace (what the workspace holds), /v1/managers (cursor
// paged, only the managers the user may see), /v1/managers/{manager},
// /v1/org-units.
#include <fmt/format.h>

#include "api/access.hpp"
#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/cursor.hpp"
#include "api/json_body.hpp"
#include "api/request_context.hpp"
#include "api/routes.hpp"
#include "store/sqlite.hpp"

namespace merit::api {
namespace {

int64_t count_rows(sqlite3* db, const char* table) {
    Statement st(db, fmt::format("SELECT count(*) FROM {}", table));
    st.step();
    return st.integer(0);
}

http::Response workspace_summary(RequestContext& context) {
    require_action(context, "runs.list", workspace_object());
    boost::json::object counts;
    for (const char* table : {"org_units", "managers", "customers", "assignments", "facts", "events",
                              "targets", "ratings", "runs"})
        counts[table] = count_rows(context.db(), table);
    Statement latest(context.db(), "SELECT max(id) FROM runs");
    latest.step();
    return json_response(boost::json::object{
        {"workspace", context.service.options().workspace.filename().string()},
        {"schema_version", context.connection.workspace().schema_version()},
        {"counts", counts},
        {"latest_run", latest.is_null(0) ? boost::json::value() : boost::json::value(latest.integer(0))}});
}

boost::json::object manager_json(const Statement& st) {
    return boost::json::object{{"id", st.text(0)},       {"name", st.text(1)}, {"org_unit_id", st.text(2)},
                               {"org_unit", st.text(3)}, {"role", st.text(4)}, {"grade", st.text(5)},
                               {"status", st.text(6)}};
}

constexpr const char* kManagerSelect =
    "SELECT m.id, m.name, m.org_unit_id, coalesce(u.name, m.org_unit_id), m.role, coalesce(m.grade, ''), "
    "m.status FROM managers m LEFT JOIN org_units u ON u.id = m.org_unit_id ";

http::Response list_managers(RequestContext& context) {
    const ScopeSql scope = scope_sql(manager_scope(context, "results.explain"), "m.id", "m.org_unit_id", 1);
    const size_t limit = page_limit(context.request, 100, 1000);
    const auto after = request_cursor(context.request, 1);
    Statement st(context.db(),
                 fmt::format("{} WHERE ({}) AND m.id > ?2 AND (?3 IS NULL OR m.org_unit_id = ?3) "
                             "ORDER BY m.id LIMIT ?4",
                             kManagerSelect, scope.condition));
    if (!scope.value.empty()) st.bind(1, scope.value);
    st.bind(2, after ? (*after)[0] : std::string());
    st.bind(3, context.request.query_value("org_unit"));
    st.bind(4, static_cast<int64_t>(limit + 1));
    boost::json::array items;
    std::string last;
    const bool more = read_page(st, limit, [&] {
        items.push_back(manager_json(st));
        last = st.text(0);
    });
    return json_response(boost::json::object{
        {"items", items},
        {"next_cursor", more ? boost::json::value(encode_cursor({last})) : boost::json::value()}});
}

http::Response one_manager(RequestContext& context) {
    const std::string& id = context.params.text("manager");
    Statement st(context.db(), fmt::format("{} WHERE m.id = ?1", kManagerSelect));
    st.bind(1, id);
    if (!st.step()) throw not_found(fmt::format("manager {}: no such manager", id), "manager");
    require_action(context, "results.explain", manager_object(context.db(), id));
    return json_response(manager_json(st));
}

http::Response org_units(RequestContext& context) {
    require_action(context, "runs.list", workspace_object());
    Statement st(
        context.db(),
        "SELECT u.id, u.name, u.parent_id, coalesce(u.kind, ''), "
        "(SELECT count(*) FROM managers m WHERE m.org_unit_id = u.id) FROM org_units u ORDER BY u.id");
    boost::json::array items;
    while (st.step())
        items.push_back(boost::json::object{
            {"id", st.text(0)},
            {"name", st.text(1)},
            {"parent_id", st.is_null(2) ? boost::json::value() : boost::json::value(st.text(2))},
            {"kind", st.text(3)},
            {"managers", st.integer(4)}});
    return json_response(boost::json::object{{"items", items}});
}

}  // namespace

void add_workspace_routes(Router& router) {
    router.add({"GET", "/v1/workspace", RouteAccess::Authenticated, workspace_summary});
    router.add({"GET", "/v1/managers", RouteAccess::Authenticated, list_managers});
    router.add({"GET", "/v1/managers/{manager}", RouteAccess::Authenticated, one_manager});
    router.add({"GET", "/v1/org-units", RouteAccess::Authenticated, org_units});
}

}  // namespace merit::api
