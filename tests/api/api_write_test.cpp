// Changes over loopback: jobs (202 + /v1/jobs/{id}), Idempotency-Key,
// ETag/If-Match, the error model for bad input, the body size limit, and
// the password login with its cookie, CSRF check and rate limit.
#include "api_fixture.hpp"

namespace merit_test {
namespace {

class ApiWrite : public ApiServer {
protected:
    static int64_t run_count() {
        return static_cast<int64_t>(get("/v1/runs", "hr").body.at("items").as_array().size());
    }
};

TEST_F(ApiWrite, ARunIsAJobAndAnIdempotentRetryMakesOneRun) {
    const int64_t before = run_count();
    const std::string body = R"({"scheme": "telecom", "period": "2026-Q2"})";
    const auto headers = with(as("hr"), "Idempotency-Key", "q2-run-1");
    const Answer first = call("POST", "/v1/runs", headers, body);
    ASSERT_EQ(first.status, 202) << first.raw.body;
    const std::string url(first.body.at("url").as_string());
    EXPECT_EQ(first.raw.header("Location"), url);
    const Answer retry = call("POST", "/v1/runs", headers, body);
    EXPECT_EQ(retry.status, 202);
    EXPECT_EQ(retry.body.at("id"), first.body.at("id"));  // the same job, not a second one
    EXPECT_EQ(retry.raw.header("Idempotent-Replayed"), "true");
    const Answer other = call("POST", "/v1/runs", headers, R"({"scheme": "telecom", "period": "2026-Q3"})");
    EXPECT_EQ(other.status, 422);
    EXPECT_EQ(error_code(other), "idempotency_mismatch");

    const json::object job = finished_job(url, "hr");
    ASSERT_EQ(job.at("status").as_string(), "succeeded") << json::serialize(job);
    const int64_t run = job.at("result").at("run").as_int64();
    EXPECT_EQ(run_count(), before + 1);
    EXPECT_EQ(get("/v1/runs/" + std::to_string(run), "hr").body.at("period").as_string(), "2026-Q2");
    EXPECT_EQ(get(url, "sup_east").status, 404);  // another user's job
    // The run's audit entry names the user whose request made it.
    const Answer log = get("/v1/audit", "audit");
    EXPECT_EQ(log.body.at("items").as_array().back().at("actor").as_string(), "hr");
}

TEST_F(ApiWrite, FinalizeNeedsTheCurrentETag) {
    const std::string body = R"({"scheme": "telecom", "period": "2026-Q1"})";
    const json::object job =
        finished_job(std::string(call("POST", "/v1/runs", as("hr"), body).body.at("url").as_string()), "hr");
    ASSERT_EQ(job.at("status").as_string(), "succeeded");
    const std::string path = "/v1/runs/" + std::to_string(job.at("result").at("run").as_int64());
    const std::string tag = *get(path, "hr").raw.header("ETag");
    EXPECT_EQ(call("GET", path, with(as("hr"), "If-None-Match", tag)).status, 304);
    const std::string reason = R"({"reason": "一季度考核定稿"})";
    EXPECT_EQ(call("POST", path + "/finalize", as("hr"), reason).status, 428);
    EXPECT_EQ(call("POST", path + "/finalize", with(as("sup_east"), "If-Match", tag), reason).status, 403);
    const Answer no_reason = call("POST", path + "/finalize", with(as("hr"), "If-Match", tag), "{}");
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_EQ(error_path(no_reason), "reason");
    const Answer done = call("POST", path + "/finalize", with(as("hr"), "If-Match", tag), reason);
    ASSERT_EQ(done.status, 200) << done.raw.body;
    EXPECT_EQ(done.body.at("status").as_string(), "final");
    EXPECT_EQ(done.body.at("finalized_by").as_string(), "hr");
    EXPECT_EQ(done.body.at("finalize_reason").as_string(), "一季度考核定稿");
    EXPECT_NE(done.raw.header("ETag"), tag);
    const Answer stale = call("POST", path + "/finalize", with(as("hr"), "If-Match", tag), reason);
    EXPECT_EQ(stale.status, 409);
    EXPECT_EQ(error_code(stale), "stale");
    EXPECT_EQ(error_path(stale), "If-Match");
}

// A second final run of the period names the one it supersedes; a draft is
// deleted, a final run never.
TEST_F(ApiWrite, ASecondFinalRunSupersedesTheFirstAndADraftIsDeleted) {
    const std::string body = R"({"scheme": "telecom", "period": "2026-Q2"})";
    auto run_path = [&] {
        const json::object job = finished_job(
            std::string(call("POST", "/v1/runs", as("hr"), body).body.at("url").as_string()), "hr");
        return "/v1/runs/" + std::to_string(job.at("result").at("run").as_int64());
    };
    auto finalize = [&](const std::string& path, const std::string& request) {
        const std::string tag = *get(path, "hr").raw.header("ETag");
        return call("POST", path + "/finalize", with(as("hr"), "If-Match", tag), request);
    };
    const std::string first = run_path(), second = run_path(), draft = run_path();
    ASSERT_EQ(finalize(first, R"({"reason": "二季度定稿"})").status, 200);
    const Answer refused = finalize(second, R"({"reason": "更正存款数据"})");
    EXPECT_EQ(refused.status, 422);
    EXPECT_NE(refused.raw.body.find("--supersedes"), std::string::npos) << refused.raw.body;
    const std::string first_id = first.substr(first.rfind('/') + 1);
    const Answer bad = finalize(second, R"({"reason": "更正", "supersedes": "one"})");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(error_path(bad), "supersedes");
    const Answer done = finalize(second, R"({"reason": "更正存款数据", "supersedes": )" + first_id + "}");
    ASSERT_EQ(done.status, 200) << done.raw.body;
    EXPECT_EQ(done.body.at("supersedes").as_int64(), std::stoll(first_id));
    EXPECT_EQ(get(first, "hr").body.at("status").as_string(), "superseded");
    EXPECT_EQ(get(first, "hr").body.at("superseded_by").as_int64(), done.body.at("id").as_int64());

    const std::string final_tag = *get(second, "hr").raw.header("ETag");
    EXPECT_EQ(call("DELETE", second, with(as("hr"), "If-Match", final_tag)).status, 422);
    const std::string draft_tag = *get(draft, "hr").raw.header("ETag");
    EXPECT_EQ(call("DELETE", draft, with(as("sup_east"), "If-Match", draft_tag)).status, 403);
    EXPECT_EQ(call("DELETE", draft, with(as("hr"), "If-Match", draft_tag)).status, 204);
    EXPECT_EQ(get(draft, "hr").status, 404);
}

TEST_F(ApiWrite, BadInputIsA4xxNamingTheField) {
    const Answer not_json = call("POST", "/v1/runs", as("hr"), "{scheme:");
    EXPECT_EQ(not_json.status, 400);
    EXPECT_EQ(error_code(not_json), "bad_request");
    EXPECT_EQ(call("POST", "/v1/runs", as("hr"), "[1]").status, 400);
    EXPECT_EQ(error_path(call("POST", "/v1/runs", as("hr"), R"({"scheme": "telecom"})")), "period");
    EXPECT_EQ(error_path(call("POST", "/v1/runs", as("hr"), R"({"scheme": "telecom", "period": 7})")),
              "period");
    EXPECT_EQ(error_path(call("POST", "/v1/runs", as("hr"), R"({"scheme": "telecom", "period": "2026-Q5"})")),
              "period");
    EXPECT_EQ(
        error_path(call("POST", "/v1/runs", as("hr"), R"({"scheme": "../etc/passwd", "period": "2026"})")),
        "scheme");
    EXPECT_EQ(call("POST", "/v1/runs", as("tl01"), R"({"scheme": "telecom", "period": "2026"})").status, 403);
    EXPECT_EQ(call("GET", "/v1/nothing", as("hr")).status, 404);
    EXPECT_EQ(call("DELETE", "/v1/runs", as("hr")).status, 405);
    EXPECT_EQ(error_path(call("POST", "/v1/imports", as("hr"), R"({"files": {"x.txt": ""}})")),
              "files.x.txt");
    // Over the size limit: refused before it is read, and the service goes on.
    const Answer big = call("POST", "/v1/imports", as("hr"), std::string(max_body_ + 1, 'x'));
    EXPECT_EQ(big.status, 413);
    EXPECT_EQ(error_code(big), "too_large");
    EXPECT_EQ(call("GET", "/v1/health").status, 200);
}

TEST_F(ApiWrite, AnImportIsAJobAndABadFileChangesNothing) {
    const std::string bad = R"({"files": {"org_units.csv": "id,name,parent_id,kind\nTL-N,,TL,district\n"}})";
    const Answer queued = call("POST", "/v1/imports", as("hr"), bad);
    ASSERT_EQ(queued.status, 202) << queued.raw.body;
    const json::object failed = finished_job(std::string(queued.body.at("url").as_string()), "hr");
    EXPECT_EQ(failed.at("status").as_string(), "failed");
    EXPECT_NE(std::string(failed.at("error").at("message").as_string()).find("org_units.csv:2"),
              std::string::npos)
        << json::serialize(failed);
    EXPECT_EQ(get("/v1/org-units", "hr").body.at("items").as_array().size(), 4u);
    const std::string good =
        R"({"files": {"org_units.csv": "id,name,parent_id,kind\nTL-N,城北片区,TL,district\n"}})";
    const json::object done = finished_job(
        std::string(call("POST", "/v1/imports", as("hr"), good).body.at("url").as_string()), "hr");
    ASSERT_EQ(done.at("status").as_string(), "succeeded") << json::serialize(done);
    EXPECT_EQ(get("/v1/org-units", "hr").body.at("items").as_array().size(), 5u);
    EXPECT_EQ(call("POST", "/v1/imports", as("sup_east"), good).status, 403);
}

TEST_F(ApiWrite, PasswordLoginSetsAStrictCookieAndNeedsCsrf) {
    const Answer wrong = call("POST", "/v1/session", {}, R"({"user": "hr", "password": "wrong password"})");
    EXPECT_EQ(wrong.status, 401);
    const Answer ok =
        call("POST", "/v1/session", {}, R"({"user": "hr", "password": "correct horse battery"})");
    ASSERT_EQ(ok.status, 200) << ok.raw.body;
    const std::string cookie = *ok.raw.header("Set-Cookie");
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // no TLS here
    const merit::http::Headers session{{"Cookie", cookie.substr(0, cookie.find(';'))}};
    EXPECT_EQ(call("GET", "/v1/runs", session).status, 200);
    const std::string body = R"({"scheme": "telecom", "period": "2026-Q2"})";
    const Answer no_csrf = call("POST", "/v1/runs", session, body);
    EXPECT_EQ(no_csrf.status, 403);
    EXPECT_EQ(error_code(no_csrf), "csrf");
    const std::string csrf(ok.body.at("csrf_token").as_string());
    EXPECT_EQ(call("POST", "/v1/runs", with(session, "X-CSRF-Token", csrf), body).status, 202);
    EXPECT_EQ(call("DELETE", "/v1/session", with(session, "X-CSRF-Token", csrf)).status, 204);
    EXPECT_EQ(call("GET", "/v1/runs", session).status, 401);  // logged out
}

TEST_F(ApiWrite, RepeatedFailedLoginsAreRateLimited) {
    const std::string wrong = R"({"user": "audit", "password": "not the password"})";
    for (int i = 0; i < 5; ++i) EXPECT_EQ(call("POST", "/v1/session", {}, wrong).status, 401);
    const Answer limited = call("POST", "/v1/session", {}, wrong);
    EXPECT_EQ(limited.status, 429);
    EXPECT_TRUE(limited.raw.header("Retry-After").has_value());
}

}  // namespace
}  // namespace merit_test
