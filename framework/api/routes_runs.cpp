// Runs: GET /v1/runs, POST /v1/runs (a job), GET /v1/runs/{run} (ETag),
// POST /v1/runs/{run}/finalize (If-Match; {"reason", "supersedes"}), DELETE
// /v1/runs/{run} (a draft, If-Match), GET /v1/runs/{run}/results
// (cursor paged, filtered, only what the user may see), GET
// /v1/runs/{run}/summary (the dashboard's figures), GET
// /v1/runs/{run}/managers/{manager} (a statement with its explain trace),
// GET /v1/runs/{run}/managers/{manager}/explain and GET /v1/diff.
#include <fmt/format.h>

#include <charconv>
#include <regex>

#include "api/access.hpp"
#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/cursor.hpp"
#include "api/entity_tag.hpp"
#include "api/json_body.hpp"
#include "api/request_context.hpp"
#include "api/routes.hpp"
#include "engine/run_diff.hpp"
#include "engine/run_lifecycle.hpp"
#include "engine/run_render.hpp"
#include "engine/run_store.hpp"
#include "engine/run_workflow.hpp"
#include "import/builtin_roles.hpp"
#include "period/period.hpp"
#include "store/sqlite.hpp"

namespace merit::api {
namespace {

// The run's header, or 404 naming it.
RunInfo find_run(sqlite3* db, int64_t run_id) {
    for (RunInfo& info : list_runs(db))
        if (info.id == run_id) return info;
    throw not_found(fmt::format("run {}: no such run", run_id), "run");
}

std::string run_tag(const RunInfo& info) {
    return entity_tag("run", std::to_string(info.id), info.standing() + '\n' + info.results_digest);
}

boost::json::object run_json(const RunInfo& r) {
    return boost::json::object{
        {"id", r.id},
        {"scheme", r.scheme_id},
        {"title", r.scheme_title},
        {"period", r.period},
        {"first_day", r.first_day},
        {"last_day", r.last_day},
        {"status", r.standing()},
        {"managers", r.manager_count},
        {"created_at", r.created_at},
        {"finalized_at", r.finalized_at ? boost::json::value(*r.finalized_at) : nullptr},
        {"finalized_by", r.finalized_by ? boost::json::value(*r.finalized_by) : nullptr},
        {"finalize_reason", r.finalize_reason ? boost::json::value(*r.finalize_reason) : nullptr},
        {"supersedes", r.supersedes ? boost::json::value(*r.supersedes) : nullptr},
        {"superseded_by", r.superseded_by ? boost::json::value(*r.superseded_by) : nullptr},
        {"scheme_hash", r.scheme_hash},
        {"input_fingerprint", r.input_fingerprint},
        {"results_digest", r.results_digest},
        {"url", fmt::format("/v1/runs/{}", r.id)}};
}

http::Response list_all_runs(RequestContext& context) {
    require_action(context, "runs.list", workspace_object());
    boost::json::array items;
    for (const RunInfo& info : list_runs(context.db())) items.push_back(run_json(info));
    return json_response(boost::json::object{{"items", items}});
}

http::Response one_run(RequestContext& context) {
    require_action(context, "runs.list", workspace_object());
    const RunInfo info = find_run(context.db(), context.params.id("run"));
    const std::string tag = run_tag(info);
    if (context.request.header("If-None-Match") == tag) {
        http::Response unchanged;
        unchanged.status = 304;
        unchanged.set_header("ETag", tag);
        return unchanged;
    }
    http::Response response = json_response(run_json(info));
    response.set_header("ETag", tag);
    return response;
}

// {"reason": "...", "supersedes": 3}: reason required, supersedes a run id.
FinalizeRequest finalize_request(const http::Request& request) {
    const boost::json::object body = json_object_body(request);
    FinalizeRequest out{.reason = required_string(body, "reason"), .supersedes = std::nullopt};
    if (const auto* supersedes = body.if_contains("supersedes"); supersedes && !supersedes->is_null()) {
        if (!supersedes->is_int64() || supersedes->as_int64() < 1)
            throw invalid_field("must be a run id (a whole number from 1)", "supersedes");
        out.supersedes = supersedes->as_int64();
    }
    return out;
}

http::Response finalize(RequestContext& context) {
    const int64_t run_id = context.params.id("run");
    require_action(context, "finalize", run_object(run_id));
    require_if_match(context.request, run_tag(find_run(context.db(), run_id)));
    finalize_run(context.db(), run_id, finalize_request(context.request));
    const RunInfo info = find_run(context.db(), run_id);
    http::Response response = json_response(run_json(info));
    response.set_header("ETag", run_tag(info));
    return response;
}

http::Response delete_draft(RequestContext& context) {
    const int64_t run_id = context.params.id("run");
    require_action(context, "runs.delete", run_object(run_id));
    require_if_match(context.request, run_tag(find_run(context.db(), run_id)));
    const std::string reason =
        context.request.body.empty()
            ? ""
            : optional_string(json_object_body(context.request), "reason").value_or("");
    delete_run(context.db(), run_id, reason);
    http::Response response;
    response.status = 204;
    return response;
}

// Whose rows of a run the user may read: everyone's with results.read on
// the run, else those results.explain allows.
ScopeSql visible_rows(RequestContext& context, int64_t run_id, int first_param) {
    const ManagerScope scope = allows(context, "results.read", run_object(run_id))
                                   ? ManagerScope{ManagerScope::Kind::all, "", ""}
                                   : manager_scope(context, "results.explain");
    if (scope.kind == ManagerScope::Kind::none)
        throw forbidden(fmt::format("{} ({}) may not read the results of run {}", context.user().user_id,
                                    context.user().role, run_id));
    return scope_sql(scope, "rm.manager_id", "rm.org_unit_id", first_param);
}

ScopeSql unit_filter(const http::Request& request, int param) {
    const auto unit = request.query_value("org_unit");
    if (!unit) return {"1", ""};
    return scope_sql({ManagerScope::Kind::subtree, *unit, ""}, "rm.manager_id", "rm.org_unit_id", param);
}

void bind_scope(Statement& st, int param, const ScopeSql& scope) {
    if (!scope.value.empty()) st.bind(param, scope.value);
}

int64_t cursor_rank(const std::string& text) {
    int64_t rank = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), rank);
    if (ec != std::errc() || end != text.data() + text.size())
        throw invalid_field("is not a cursor this listing gave", "cursor");
    return rank;
}

http::Response results(RequestContext& context) {
    const int64_t run_id = context.params.id("run");
    const RunInfo info = find_run(context.db(), run_id);
    const ScopeSql scope = visible_rows(context, run_id, 2);
    const ScopeSql unit = unit_filter(context.request, 3);
    const size_t limit = page_limit(context.request, 100, 1000);
    const auto after = request_cursor(context.request, 2);
    const auto search = context.request.query_value("q");
    Statement st(
        context.db(),
        fmt::format("SELECT rm.manager_id, rm.name, rm.org_unit_id, coalesce(u.name, rm.org_unit_id), "
                    "coalesce(rm.grade, ''), rm.base_total, rm.total, rm.rating, rm.band_index, rm.rank, "
                    "rm.rank_in_unit, rm.vetoed, rm.pay_fen FROM run_managers rm "
                    "LEFT JOIN org_units u ON u.id = rm.org_unit_id WHERE rm.run_id = ?1 AND ({}) AND ({}) "
                    "AND (?4 IS NULL OR rm.rating = ?4) "
                    "AND (?5 IS NULL OR instr(rm.manager_id, ?5) > 0 OR instr(rm.name, ?5) > 0) "
                    "AND (rm.rank, rm.manager_id) > (?6, ?7) ORDER BY rm.rank, rm.manager_id LIMIT ?8",
                    scope.condition, unit.condition));
    st.bind(1, run_id);
    bind_scope(st, 2, scope);
    bind_scope(st, 3, unit);
    st.bind(4, context.request.query_value("rating"));
    st.bind(5, search);
    st.bind(6, after ? cursor_rank((*after)[0]) : int64_t{0});
    st.bind(7, after ? (*after)[1] : std::string());
    st.bind(8, static_cast<int64_t>(limit + 1));
    boost::json::array items;
    std::vector<std::string> last;
    const bool more = read_page(st, limit, [&] {
        items.push_back(boost::json::object{{"manager_id", st.text(0)},
                                            {"name", st.text(1)},
                                            {"org_unit_id", st.text(2)},
                                            {"org_unit", st.text(3)},
                                            {"grade", st.text(4)},
                                            {"base_total", st.real(5)},
                                            {"total", st.real(6)},
                                            {"rating", st.text(7)},
                                            {"band_index", st.integer(8)},
                                            {"rank", st.integer(9)},
                                            {"rank_in_unit", st.integer(10)},
                                            {"vetoed", st.integer(11) != 0},
                                            {"pay_fen", st.integer(12)}});
        last = {std::to_string(st.integer(9)), st.text(0)};
    });
    return json_response(boost::json::object{
        {"run", run_json(info)},
        {"items", items},
        {"next_cursor", more ? boost::json::value(encode_cursor(last)) : boost::json::value()}});
}

boost::json::array summary_rows(Statement& st, const std::function<boost::json::object()>& row) {
    boost::json::array out;
    while (st.step()) out.push_back(row());
    return out;
}

http::Response summary(RequestContext& context) {
    const int64_t run_id = context.params.id("run");
    const RunInfo info = find_run(context.db(), run_id);
    const ScopeSql scope = visible_rows(context, run_id, 2);
    const std::string from = fmt::format(
        " FROM run_managers rm LEFT JOIN org_units u ON u.id = rm.org_unit_id WHERE rm.run_id = ?1 AND ({}) ",
        scope.condition);
    auto query = [&](const std::string& select, const std::string& rest) {
        Statement st(context.db(), select + from + rest);
        st.bind(1, run_id);
        bind_scope(st, 2, scope);
        return st;
    };
    // Totals in 10-point bins, 0-10 ... 90-100 (a total of 100 or more in the last).
    Statement bins = query("SELECT min(9, max(0, CAST(rm.total / 10 AS INTEGER))) AS bin, count(*)",
                           "GROUP BY bin ORDER BY bin");
    boost::json::array distribution;
    for (int b = 0; b < 10; ++b)
        distribution.push_back(boost::json::object{{"from", b * 10}, {"to", b * 10 + 10}, {"managers", 0}});
    while (bins.step())
        distribution[static_cast<size_t>(bins.integer(0))].as_object()["managers"] = bins.integer(1);
    Statement ratings = query("SELECT rm.band_index, rm.rating, count(*)",
                              "GROUP BY rm.band_index, rm.rating "
                              "ORDER BY rm.band_index");
    Statement units = query(
        "SELECT rm.org_unit_id, coalesce(u.name, rm.org_unit_id), rm.band_index, rm.rating, "
        "count(*), avg(rm.total)",
        "GROUP BY rm.org_unit_id, rm.band_index ORDER BY rm.org_unit_id, rm.band_index");
    Statement totals = query("SELECT count(*), coalesce(avg(rm.total), 0), coalesce(sum(rm.pay_fen), 0)", "");
    totals.step();
    return json_response(boost::json::object{
        {"run", run_json(info)},
        {"managers", totals.integer(0)},
        {"average_total", totals.real(1)},
        {"pay_total_fen", totals.integer(2)},
        {"distribution", distribution},
        {"ratings", summary_rows(ratings,
                                 [&] {
                                     return boost::json::object{{"band_index", ratings.integer(0)},
                                                                {"rating", ratings.text(1)},
                                                                {"managers", ratings.integer(2)}};
                                 })},
        {"units", summary_rows(units, [&] {
             return boost::json::object{{"org_unit_id", units.text(0)},   {"org_unit", units.text(1)},
                                        {"band_index", units.integer(2)}, {"rating", units.text(3)},
                                        {"managers", units.integer(4)},   {"average_total", units.real(5)}};
         })}});
}

// One manager's rows of a run, after checking the user may read them.
RunResult manager_rows(RequestContext& context) {
    const int64_t run_id = context.params.id("run");
    const std::string& manager = context.params.text("manager");
    find_run(context.db(), run_id);
    require_action(context, "results.explain", manager_object(context.db(), manager));
    RunResult run = load_run(context.db(), run_id, manager);
    if (!run.find_manager(manager))
        throw not_found(fmt::format("run {}: manager {} is not in this run", run_id, manager), "manager");
    return run;
}

boost::json::value number_or_null(const std::optional<double>& x) {
    return x ? boost::json::value(*x) : boost::json::value();
}

http::Response statement(RequestContext& context) {
    const RunResult run = manager_rows(context);
    const ManagerResult& m = run.managers.front();
    boost::json::object out = manager_json(run, m);
    boost::json::array dimensions, trace;
    for (const DimensionResult& d : run.dimensions)
        dimensions.push_back(boost::json::object{{"id", d.dimension},
                                                 {"name", d.name},
                                                 {"score", d.score},
                                                 {"weight", d.weight},
                                                 {"contribution", d.contribution}});
    for (const TraceLine& t : run.trace)
        trace.push_back(
            boost::json::object{{"step", t.step},
                                {"component", t.component},
                                {"name", t.name},
                                {"value", number_or_null(t.value)},
                                {"text", t.text ? boost::json::value(*t.text) : boost::json::value()}});
    // Names of the indicators, for people (manager_json() gives their ids).
    boost::json::array& indicators = out["indicators"].as_array();
    for (size_t i = 0; i < indicators.size() && i < run.indicators.size(); ++i)
        indicators[i].as_object()["name"] = run.indicators[i].name;
    out["dimensions"] = std::move(dimensions);
    out["trace"] = std::move(trace);
    out["run"] = run_json(run.info);
    return json_response(out);
}

http::Response explain(RequestContext& context) {
    const RunResult run = manager_rows(context);
    const std::string& manager = context.params.text("manager");
    const std::string role_name = manager_role_name(context.db(), run.find_manager(manager)->role, false);
    return json_response(boost::json::object{
        {"run", run.info.id}, {"manager_id", manager}, {"text", explain_manager(run, manager, role_name)}});
}

int64_t required_run_query(const http::Request& request, const std::string& name) {
    const auto id = query_integer(request, name, 1, INT64_MAX);
    if (!id) throw invalid_field("is required (a run id)", name);
    return *id;
}

http::Response diff(RequestContext& context) {
    const int64_t from = required_run_query(context.request, "from");
    const int64_t to = required_run_query(context.request, "to");
    for (const int64_t id : {from, to}) {
        find_run(context.db(), id);
        require_action(context, "results.read", run_object(id));
    }
    return json_response(
        boost::json::object{{"from", from},
                            {"to", to},
                            {"text", diff_runs(load_run(context.db(), from), load_run(context.db(), to))}});
}

std::filesystem::path scheme_file(const ApiService& service, const std::string& scheme) {
    static const std::regex kSchemeName("[a-z0-9][a-z0-9_-]{0,63}");
    const auto file = service.options().scheme_dir / (scheme + ".scheme.json");
    if (!std::regex_match(scheme, kSchemeName) || !std::filesystem::is_regular_file(file))
        throw invalid_field(fmt::format("no scheme '{}' in {} (give the file name without .scheme.json)",
                                        scheme, service.options().scheme_dir.string()),
                            "scheme");
    return file;
}

http::Response start_run(RequestContext& context) {
    require_action(context, "run", workspace_object());
    const boost::json::object body = json_object_body(context.request);
    const auto file = scheme_file(context.service, required_string(body, "scheme"));
    const std::string period_text = required_string(body, "period");
    try {
        Period::parse(period_text);
    } catch (const UserError& e) {
        throw invalid_field(e.what(), "period");
    }
    ApiService& service = context.service;
    const Actor actor = actor_of(context.user());
    const int64_t job =
        service.jobs().submit("run", actor.id, [&service, actor, file, period_text](auto set_step) {
            set_step("evaluating " + file.filename().string() + " for " + period_text);
            ConnectionPool::Lease lease = service.connections().borrow();
            const ActorScope acting(actor);
            const RunResult run = run_scheme(lease.workspace(), service.plugins(), file, period_text);
            return boost::json::value(boost::json::object{{"run", run.info.id},
                                                          {"managers", run.info.manager_count},
                                                          {"url", fmt::format("/v1/runs/{}", run.info.id)}});
        });
    http::Response response = json_response(job_json(*service.jobs().find(job)), 202);
    response.set_header("Location", fmt::format("/v1/jobs/{}", job));
    return response;
}

}  // namespace

void add_run_routes(Router& router) {
    router.add({"GET", "/v1/runs", RouteAccess::Authenticated, list_all_runs});
    router.add({"POST", "/v1/runs", RouteAccess::Authenticated, start_run});
    router.add({"GET", "/v1/runs/{run}", RouteAccess::Authenticated, one_run});
    router.add({"POST", "/v1/runs/{run}/finalize", RouteAccess::Authenticated, finalize});
    router.add({"DELETE", "/v1/runs/{run}", RouteAccess::Authenticated, delete_draft});
    router.add({"GET", "/v1/runs/{run}/results", RouteAccess::Authenticated, results});
    router.add({"GET", "/v1/runs/{run}/summary", RouteAccess::Authenticated, summary});
    router.add({"GET", "/v1/runs/{run}/managers/{manager}", RouteAccess::Authenticated, statement});
    router.add({"GET", "/v1/runs/{run}/managers/{manager}/explain", RouteAccess::Authenticated, explain});
    router.add({"GET", "/v1/diff", RouteAccess::Authenticated, diff});
}

}  // namespace merit::api
