// The read endpoints over loopback, and what each role may and may not read
// (issue 19: a manager's token reads only that manager's statement, a
// supervisor's only the subtree).
#include <set>

#include "api_fixture.hpp"
#include "engine/run_store.hpp"

namespace merit_test {
namespace {

class ApiRead : public ApiServer {};

TEST_F(ApiRead, NoCredentialsIs401AndPublicRoutesAnswer) {
    const Answer runs = call("GET", "/v1/runs");
    EXPECT_EQ(runs.status, 401);
    EXPECT_EQ(error_code(runs), "unauthorized");
    EXPECT_EQ(call("GET", "/v1/health").status, 200);
    EXPECT_EQ(call("GET", "/v1/openapi.json").body.at("openapi").as_string(), "3.0.3");
    const Answer bad = call("GET", "/v1/runs", {{"Authorization", "Bearer mrt_not-a-real-token"}});
    EXPECT_EQ(bad.status, 401);
    const Answer basic = call("GET", "/v1/runs", {{"Authorization", "Basic aHI6eA=="}});
    EXPECT_EQ(basic.status, 401);
}

TEST_F(ApiRead, OpenApiDocumentsEveryRouteAndNothingElse) {
    const Answer openapi = call("GET", "/v1/openapi.json");
    const json::object& paths = openapi.body.at("paths").as_object();
    std::set<std::string> documented, served;
    for (const auto& [path, methods] : paths)
        for (const auto& [method, op] : methods.as_object()) {
            std::string upper(method);
            for (char& c : upper) c = static_cast<char>(std::toupper(c));
            documented.insert(upper + " " + std::string(path));
        }
    for (const auto& route : service_->router().routes()) served.insert(route.method + " " + route.pattern);
    EXPECT_EQ(documented, served);
}

TEST_F(ApiRead, WorkspaceSummaryCountsTheSample) {
    const Answer a = get("/v1/workspace", "hr");
    ASSERT_EQ(a.status, 200) << a.raw.body;
    EXPECT_EQ(a.body.at("counts").at("managers").as_int64(), 18);  // managers.csv: TL01-TL15, TLS1-TLS3
    EXPECT_EQ(a.body.at("counts").at("org_units").as_int64(), 4);
    EXPECT_EQ(a.body.at("latest_run").as_int64(), 1);
    EXPECT_EQ(get("/v1/org-units", "tl01").body.at("items").as_array().size(), 4u);
}

TEST_F(ApiRead, ResultsPageWithCursorsThroughTheWholeRanking) {
    merit::Workspace ws = merit::Workspace::open(dir_ / "telecom.merit");
    const merit::RunResult run = merit::load_run(ws.db(), 1);
    std::vector<std::string> paged;
    std::string next = "/v1/runs/1/results?limit=4";
    int pages = 0;
    while (!next.empty()) {
        const Answer a = get(next, "hr");
        ASSERT_EQ(a.status, 200) << a.raw.body;
        for (const auto& m : a.body.at("items").as_array())
            paged.emplace_back(m.at("manager_id").as_string());
        ++pages;
        const auto& cursor = a.body.at("next_cursor");
        next = cursor.is_null() ? "" : "/v1/runs/1/results?limit=4&cursor=" + std::string(cursor.as_string());
    }
    std::vector<std::string> expected;
    for (const auto& m : run.managers) expected.push_back(m.manager_id);
    EXPECT_EQ(paged, expected);  // rank order, each manager once
    EXPECT_EQ(pages, static_cast<int>((expected.size() + 3) / 4));
    EXPECT_EQ(get("/v1/runs/1/results?cursor=%21%21", "hr").status, 422);
    EXPECT_EQ(error_path(get("/v1/runs/1/results?limit=0", "hr")), "limit");
}

TEST_F(ApiRead, ResultsFilterByUnitRatingAndText) {
    const Answer west = get("/v1/runs/1/results?org_unit=TL-W", "hr");
    ASSERT_EQ(west.status, 200);
    // The run scores the 15 customer managers (not the market managers TLS1-TLS3).
    EXPECT_EQ(west.body.at("items").as_array().size(), 5u);  // TL06-TL10
    for (const auto& m : west.body.at("items").as_array()) EXPECT_EQ(m.at("org_unit_id").as_string(), "TL-W");
    const std::string rating(
        get("/v1/runs/1/results?limit=1", "hr").body.at("items").at(0).at("rating").as_string());
    const Answer rated = get("/v1/runs/1/results?rating=" + rating, "hr");
    EXPECT_FALSE(rated.body.at("items").as_array().empty());
    for (const auto& m : rated.body.at("items").as_array()) EXPECT_EQ(m.at("rating").as_string(), rating);
    const Answer one = get("/v1/runs/1/results?q=TL13", "hr");
    ASSERT_EQ(one.body.at("items").as_array().size(), 1u);
    EXPECT_EQ(one.body.at("items").at(0).at("name").as_string(), "朱慧敏");
}

TEST_F(ApiRead, AManagerReadsOnlyTheirOwnStatement) {
    const Answer own = get("/v1/runs/1/managers/TL01", "tl01");
    ASSERT_EQ(own.status, 200) << own.raw.body;
    EXPECT_EQ(own.body.at("manager_id").as_string(), "TL01");
    EXPECT_FALSE(own.body.at("indicators").as_array().empty());
    EXPECT_FALSE(own.body.at("trace").as_array().empty());
    const Answer other = get("/v1/runs/1/managers/TL02", "tl01");
    EXPECT_EQ(other.status, 403);
    EXPECT_EQ(error_code(other), "forbidden");
    EXPECT_EQ(get("/v1/runs/1/managers/TL02/explain", "tl01").status, 403);
    EXPECT_EQ(get("/v1/runs/1/managers/TL01/explain", "tl01").status, 200);
    // The ranking shows a manager their own line only.
    const Answer ranking = get("/v1/runs/1/results", "tl01");
    ASSERT_EQ(ranking.status, 200);
    ASSERT_EQ(ranking.body.at("items").as_array().size(), 1u);
    EXPECT_EQ(ranking.body.at("items").at(0).at("manager_id").as_string(), "TL01");
    EXPECT_EQ(get("/v1/runs/1/report?format=csv", "tl01").status, 403);
    EXPECT_EQ(get("/v1/diff?from=1&to=1", "tl01").status, 403);
    EXPECT_EQ(get("/v1/audit", "tl01").status, 403);
    EXPECT_EQ(get("/v1/managers/TL02", "tl01").status, 403);
}

TEST_F(ApiRead, ASupervisorReadsOnlyTheirSubtree) {
    const Answer ranking = get("/v1/runs/1/results", "sup_east");
    ASSERT_EQ(ranking.status, 200);
    EXPECT_EQ(ranking.body.at("items").as_array().size(), 5u);  // TL01-TL05 sit in TL-E
    for (const auto& m : ranking.body.at("items").as_array())
        EXPECT_EQ(m.at("org_unit_id").as_string(), "TL-E");
    EXPECT_EQ(get("/v1/runs/1/managers/TL03", "sup_east").status, 200);
    EXPECT_EQ(get("/v1/runs/1/managers/TL06", "sup_east").status, 403);
    EXPECT_EQ(get("/v1/runs/1/summary", "sup_east").body.at("managers").as_int64(), 5);
    // The directory has the market manager TLS1 of TL-E too.
    EXPECT_EQ(get("/v1/managers", "sup_east").body.at("items").as_array().size(), 6u);
}

TEST_F(ApiRead, StatementMatchesTheStoredRun) {
    merit::Workspace ws = merit::Workspace::open(dir_ / "telecom.merit");
    const merit::RunResult run = merit::load_run(ws.db(), 1, std::string("TL06"));
    const Answer a = get("/v1/runs/1/managers/TL06", "hr");
    ASSERT_EQ(a.status, 200);
    EXPECT_DOUBLE_EQ(a.body.at("total").to_number<double>(), run.managers.front().total);
    EXPECT_EQ(a.body.at("pay_fen").as_int64(), run.managers.front().pay_fen);
    EXPECT_EQ(a.body.at("pay").as_array().size(), run.pay.size());
    EXPECT_EQ(a.body.at("trace").as_array().size(), run.trace.size());
    EXPECT_EQ(get("/v1/runs/1/managers/NOPE", "hr").status, 404);
    EXPECT_EQ(get("/v1/runs/99/managers/TL06", "hr").status, 404);
    EXPECT_EQ(error_path(get("/v1/runs/x1/results", "hr")), "run");
}

TEST_F(ApiRead, SummaryCountsEveryManagerOnce) {
    const Answer a = get("/v1/runs/1/summary", "hr");
    ASSERT_EQ(a.status, 200);
    int64_t binned = 0, rated = 0;
    for (const auto& b : a.body.at("distribution").as_array()) binned += b.at("managers").as_int64();
    for (const auto& r : a.body.at("ratings").as_array()) rated += r.at("managers").as_int64();
    EXPECT_EQ(binned, 15);  // the 15 customer managers of the run
    EXPECT_EQ(rated, 15);
    EXPECT_EQ(a.body.at("managers").as_int64(), 15);
}

TEST_F(ApiRead, ReportsDownloadInEachFormat) {
    const Answer xlsx = get("/v1/runs/1/report?format=xlsx&lang=en", "hr");
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.raw.body.substr(0, 2), "PK");  // a ZIP container
    EXPECT_NE(xlsx.raw.header("Content-Disposition")->find("merit-run-1.xlsx"), std::string::npos);
    const Answer csv = get("/v1/runs/1/report?format=csv", "audit");
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.raw.body.rfind("run_id,scheme,period,status,manager_id", 0), 0u);
    EXPECT_NE(get("/v1/runs/1/report?format=html", "hr").raw.body.find("<html"), std::string::npos);
    EXPECT_EQ(error_path(get("/v1/runs/1/report?format=pdf", "hr")), "format");
    EXPECT_EQ(error_path(get("/v1/runs/1/report?format=csv&lang=fr", "hr")), "lang");
}

TEST_F(ApiRead, DiffAndAuditForTheRolesThatMay) {
    const Answer diff = get("/v1/diff?from=1&to=1", "audit");
    ASSERT_EQ(diff.status, 200) << diff.raw.body;
    EXPECT_TRUE(diff.body.at("text").is_string());
    EXPECT_EQ(error_path(get("/v1/diff?from=1", "hr")), "to");
    const Answer all = get("/v1/audit", "audit");
    ASSERT_EQ(all.status, 200);
    const auto& items = all.body.at("items").as_array();
    ASSERT_GE(items.size(), 3u);
    const int64_t second = items.at(1).at("id").as_int64();
    const Answer since = get("/v1/audit?since=" + std::to_string(second), "audit");
    EXPECT_EQ(since.body.at("items").as_array().size(), items.size() - 2);
    EXPECT_EQ(get("/v1/runs/1/managers/TL01", "payroll").status, 403);
}

TEST_F(ApiRead, SecurityHeadersOnEveryAnswer) {
    for (const std::string path : {"/", "/v1/health", "/v1/runs", "/nope.js"}) {
        const Answer a = call("GET", path);
        const std::string csp = a.raw.header("Content-Security-Policy").value_or("");
        EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << path;
        EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
        EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
        EXPECT_EQ(a.raw.header("X-Content-Type-Options"), "nosniff") << path;
    }
    EXPECT_EQ(call("GET", "/v1/runs").raw.header("Cache-Control"), "no-store");
    const Answer page = call("GET", "/");
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.raw.body.find("app.js"), std::string::npos);
    EXPECT_EQ(call("GET", "/../CMakeCache.txt").status, 404);
    EXPECT_EQ(call("GET", "/.hidden").status, 404);
}

}  // namespace
}  // namespace merit_test
