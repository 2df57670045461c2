// The workflow over loopback (issue 19): a run's pay through four eyes to
// the payroll file, a dispute of a released result, and a review's first
// steps, each with the role boundaries, If-Match and Idempotency-Key the
// command line's rules imply. The rules themselves are the library's
// (tests/pay, tests/workflow); these tests prove the API reaches them as the
// requesting user and answers with the right status.
#include <fmt/format.h>

#include <array>
#include <sstream>

#include "api_fixture.hpp"
#include "engine/run_lifecycle.hpp"
#include "engine/run_store.hpp"
#include "pay/pay_approval.hpp"
#include "store/actor.hpp"
#include "store/audit_log.hpp"

namespace merit_test {
namespace {

class ApiWorkflow : public ApiServer {
protected:
    // Run 1 (telecom 2026-Q1) final; pay needs one approval of hr, sup_east
    // or payroll. Set up as hr, as `merit --as hr finalize` and `merit --as hr
    // pay approvers` would.
    static void SetUpTestSuite() {
        ApiServer::SetUpTestSuite();
        merit::Workspace ws = merit::Workspace::open(dir_ / "telecom.merit");
        const merit::ActorScope acting({"hr", "hr_admin"});
        merit::finalize_run(ws.db(), 1, {.reason = "2026-Q1 考核定稿", .supersedes = std::nullopt});
        merit::set_pay_approval_rule(ws.db(), {1, {"hr", "sup_east", "payroll"}});
    }

    static size_t audit_count(const std::string& action) {
        merit::Workspace ws = merit::Workspace::open(dir_ / "telecom.merit");
        size_t n = 0;
        for (const auto& e : merit::read_audit_after(ws.db(), 0, 100000)) n += e.action == action ? 1 : 0;
        return n;
    }
};

TEST_F(ApiWorkflow, PayGoesThroughFourEyesToThePayrollFile) {
    EXPECT_EQ(get("/v1/runs/1/pay", "tl01").status, 403);  // a manager does not see pay approval
    const Answer calculated = get("/v1/runs/1/pay", "hr");
    ASSERT_EQ(calculated.status, 200) << calculated.raw.body;
    EXPECT_EQ(calculated.body.at("state").as_string(), "calculated");

    // Submitting needs the pay's ETag; a retry with the same key submits once.
    EXPECT_EQ(call("POST", "/v1/runs/1/pay/submit", as("hr"), "{}").status, 428);
    const auto submit_headers =
        with(with(as("hr"), "If-Match", tag_of(calculated)), "Idempotency-Key", "pay-1");
    const Answer submitted =
        call("POST", "/v1/runs/1/pay/submit", submit_headers, R"({"reason": "Q1 绩效工资"})");
    ASSERT_EQ(submitted.status, 200) << submitted.raw.body;
    EXPECT_EQ(submitted.body.at("state").as_string(), "submitted");
    const Answer retry =
        call("POST", "/v1/runs/1/pay/submit", submit_headers, R"({"reason": "Q1 绩效工资"})");
    EXPECT_EQ(retry.status, 200);
    EXPECT_EQ(retry.raw.header("Idempotent-Replayed"), "true");
    EXPECT_EQ(audit_count("pay.submit"), 1u);

    // Four eyes: the submitter may not approve, though an approver; a stale tag is a conflict.
    const Answer own = post("/v1/runs/1/pay/approve", "hr", tag_of(submitted));
    EXPECT_EQ(own.status, 403);
    EXPECT_NE(own.body.at("error").at("message").as_string().find("four eyes"), std::string::npos);
    EXPECT_EQ(post("/v1/runs/1/pay/approve", "payroll", tag_of(calculated)).status, 409);
    const Answer approved =
        post("/v1/runs/1/pay/approve", "payroll", tag_of(submitted), R"({"reason": "核对无误"})");
    ASSERT_EQ(approved.status, 200) << approved.raw.body;
    EXPECT_EQ(approved.body.at("state").as_string(), "approved");  // 1 of 1

    // No payroll file before release; then payroll alone exports it.
    const Answer early = get("/v1/runs/1/payroll", "payroll");
    EXPECT_EQ(early.status, 422);
    EXPECT_NE(early.body.at("error").at("message").as_string().find("approved"), std::string::npos);
    EXPECT_EQ(post("/v1/runs/1/pay/release", "payroll", tag_of(approved)).status, 403);  // only hr_admin
    const Answer released = post("/v1/runs/1/pay/release", "hr", tag_of(approved));
    ASSERT_EQ(released.status, 200) << released.raw.body;
    EXPECT_EQ(released.body.at("state").as_string(), "released");

    EXPECT_EQ(get("/v1/runs/1/payroll", "tl01").status, 403);
    const Answer bad_format = get("/v1/runs/1/payroll?format=xml", "payroll");
    EXPECT_EQ(bad_format.status, 422);
    EXPECT_EQ(error_path(bad_format), "format");
    const Answer file = get("/v1/runs/1/payroll?format=csv", "payroll");
    ASSERT_EQ(file.status, 200) << file.raw.body;
    EXPECT_EQ(file.raw.content_type.rfind("text/csv", 0), 0u);
    EXPECT_EQ(file.raw.body.rfind("manager_id,name,", 0), 0u);
    // One row per manager of the run; the total column sums to the run's pay, to the fen.
    merit::Workspace ws = merit::Workspace::open(dir_ / "telecom.merit");
    const merit::RunResult run = merit::load_run(ws.db(), 1);
    int64_t run_total = 0;
    for (const auto& m : run.managers) run_total += m.pay_fen;
    std::vector<std::string> lines;
    std::istringstream in(file.raw.body);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    ASSERT_EQ(lines.size(), run.managers.size() + 1);
    int64_t file_total = 0;
    for (size_t i = 1; i < lines.size(); ++i)
        file_total += std::stoll(lines[i].substr(lines[i].rfind(',') + 1));
    EXPECT_EQ(file_total, run_total);
    EXPECT_EQ(audit_count("pay.export"), 1u);
}

TEST_F(ApiWorkflow, ADisputeOfAReleasedResultMovesThroughItsFlow) {
    // Pay of run 1 is released by the test above when the suite runs in order;
    // make sure of it here too, so this test stands alone.
    if (get("/v1/runs/1/pay", "hr").body.at("state").as_string() != "released") {
        const Answer s = post("/v1/runs/1/pay/submit", "hr", tag_of(get("/v1/runs/1/pay", "hr")));
        const Answer a = post("/v1/runs/1/pay/approve", "payroll", tag_of(s));
        ASSERT_EQ(post("/v1/runs/1/pay/release", "hr", tag_of(a)).status, 200);
    }
    const std::string body =
        R"({"run": 1, "manager": "TL01", "line": "total", "reason": "客户维护得分漏算"})";
    EXPECT_EQ(call("POST", "/v1/disputes", as("tl06"), body).status, 403);  // not tl06's result
    const Answer missing = call("POST", "/v1/disputes", as("tl01"), R"({"run": 1, "manager": "TL01"})");
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(error_path(missing), "line");
    const Answer opened = call("POST", "/v1/disputes", with(as("tl01"), "Idempotency-Key", "d-1"), body);
    ASSERT_EQ(opened.status, 201) << opened.raw.body;
    EXPECT_EQ(opened.body.at("state").as_string(), "open");
    const std::string url = opened.raw.header("Location").value_or("");
    ASSERT_FALSE(url.empty());

    EXPECT_EQ(get(url, "tl06").status, 403);
    EXPECT_TRUE(get("/v1/disputes", "tl06").body.at("items").as_array().empty());
    EXPECT_EQ(get("/v1/disputes", "sup_east").body.at("items").as_array().size(), 1u);

    const Answer asked = post(url + "/request_info", "sup_east", tag_of(opened), R"({"text": "哪位客户?"})");
    ASSERT_EQ(asked.status, 200) << asked.raw.body;
    EXPECT_EQ(asked.body.at("state").as_string(), "info_requested");
    EXPECT_EQ(post(url + "/reply", "tl01", tag_of(opened), R"({"text": "C0107"})").status, 409);  // stale
    const Answer replied = post(url + "/reply", "tl01", tag_of(asked), R"({"text": "C0107"})");
    ASSERT_EQ(replied.status, 200) << replied.raw.body;
    const Answer reviewing = post(url + "/review", "sup_east", tag_of(replied));
    ASSERT_EQ(reviewing.status, 200) << reviewing.raw.body;
    EXPECT_EQ(reviewing.body.at("state").as_string(), "under_review");
    EXPECT_EQ(post(url + "/reject", "sup_east", tag_of(reviewing), R"({"text": "x"})").status, 403);
    const Answer rejected = post(url + "/reject", "hr", tag_of(reviewing), R"({"text": "得分已按规则计入"})");
    ASSERT_EQ(rejected.status, 200) << rejected.raw.body;
    EXPECT_EQ(rejected.body.at("state").as_string(), "rejected");
    // The manager sees the outcome and its reason.
    const Answer seen = get(url, "tl01");
    ASSERT_EQ(seen.status, 200);
    EXPECT_EQ(seen.body.at("state").as_string(), "rejected");
    EXPECT_NE(seen.raw.body.find("得分已按规则计入"), std::string::npos);
}

TEST_F(ApiWorkflow, AReviewIsOpenedAndItsGoalsAgreedAsEachRoleMay) {
    const std::string body = R"({"manager": "TL01", "period": "2026-Q2"})";
    EXPECT_EQ(call("POST", "/v1/reviews", as("tl01"), body).status, 403);  // a manager does not open reviews
    const Answer opened = call("POST", "/v1/reviews", as("sup_east"), body);
    ASSERT_EQ(opened.status, 201) << opened.raw.body;
    EXPECT_EQ(opened.body.at("state").as_string(), "goals_draft");
    const std::string url = "/v1/reviews/TL01/2026-Q2";
    EXPECT_EQ(opened.raw.header("Location"), url);
    EXPECT_EQ(call("POST", "/v1/reviews", as("sup_east"), body).status, 422);  // it exists

    EXPECT_EQ(get(url, "tl06").status, 403);
    EXPECT_EQ(get(url, "tl01").status, 200);
    EXPECT_EQ(get("/v1/reviews/TL01/2026-Q9", "sup_east").status, 404);

    const Answer goal =
        post(url + "/goals", "sup_east", tag_of(opened),
             R"({"text": "新增有效客户 12 户", "target_key": "new_customers", "target": 12})");
    ASSERT_EQ(goal.status, 200) << goal.raw.body;
    ASSERT_EQ(goal.body.at("goals").as_array().size(), 1u);
    const Answer bad_goal =
        post(url + "/goals", "sup_east", tag_of(goal), R"({"text": "x", "target": "many"})");
    EXPECT_EQ(bad_goal.status, 422);
    EXPECT_EQ(error_path(bad_goal), "target");
    // A second goal, taken back; a plan item belongs to a later step of the flow.
    const Answer second = post(url + "/goals", "sup_east", tag_of(goal), R"({"text": "临时目标"})");
    ASSERT_EQ(second.body.at("goals").as_array().size(), 2u) << second.raw.body;
    const int64_t seq = second.body.at("goals").at(1).at("seq").as_int64();
    const Answer removed = call("DELETE", fmt::format("{}/goals/{}", url, seq),
                                with(as("sup_east"), "If-Match", tag_of(second)));
    ASSERT_EQ(removed.status, 200) << removed.raw.body;
    EXPECT_EQ(removed.body.at("goals").as_array().size(), 1u);
    EXPECT_EQ(
        post(url + "/plans", "sup_east", tag_of(removed), R"({"kind": "improvement", "text": "x"})").status,
        422);
    EXPECT_EQ(call("DELETE", url + "/plans/1", with(as("sup_east"), "If-Match", tag_of(removed))).status,
              422);

    EXPECT_EQ(post(url + "/actions/propose_goals", "tl01", tag_of(removed)).status,
              403);  // the supervisor's step
    const Answer proposed = post(url + "/actions/propose_goals", "sup_east", tag_of(removed));
    ASSERT_EQ(proposed.status, 200) << proposed.raw.body;
    EXPECT_EQ(proposed.body.at("state").as_string(), "goals_proposed");
    const Answer agreed = post(url + "/actions/agree_goals", "tl01", tag_of(proposed));
    ASSERT_EQ(agreed.status, 200) << agreed.raw.body;
    EXPECT_EQ(agreed.body.at("state").as_string(), "goals_agreed");

    const Answer bad_rating = post(url + "/actions/submit_self", "tl01", tag_of(agreed),
                                   R"({"text": "完成目标", "ratings": [{"item": "service"}]})");
    EXPECT_EQ(bad_rating.status, 422);
    EXPECT_EQ(error_path(bad_rating), "ratings[0].score");
    const Answer self =
        post(url + "/actions/submit_self", "tl01", tag_of(agreed), R"({"text": "完成目标 12 户"})");
    ASSERT_EQ(self.status, 200) << self.raw.body;
    EXPECT_EQ(self.body.at("state").as_string(), "self_assessed");
    // The list shows it to the supervisor, not to another manager.
    EXPECT_EQ(get("/v1/reviews?period=2026-Q2", "sup_east").body.at("items").as_array().size(), 1u);
    EXPECT_TRUE(get("/v1/reviews", "tl06").body.at("items").as_array().empty());
}

TEST_F(ApiWorkflow, ThreeSixtyFeedbackIsAnsweredAnonymouslyAndShownPerRole) {
    // TL01's 2026-Q3 review up to the supervisor's scores, then a 360° request to three peers.
    const std::string url = "/v1/reviews/TL01/2026-Q3";
    Answer r = call("POST", "/v1/reviews", as("sup_east"), R"({"manager": "TL01", "period": "2026-Q3"})");
    ASSERT_EQ(r.status, 201) << r.raw.body;
    for (const auto& [path, user, body] : std::vector<std::array<std::string, 3>>{
             {"/goals", "sup_east", R"({"text": "客户满意度 90 分"})"},
             {"/actions/propose_goals", "sup_east", ""},
             {"/actions/agree_goals", "tl01", ""},
             {"/actions/submit_self", "tl01", R"({"text": "满意度 91 分"})"},
             {"/actions/submit_scores", "sup_east",
              R"({"text": "服务扎实", "ratings": [{"item": "service", "score": 85}]})"}}) {
        r = post(url + path, user, tag_of(r), body);
        ASSERT_EQ(r.status, 200) << path << ": " << r.raw.body;
    }
    ASSERT_EQ(r.body.at("state").as_string(), "supervisor_scored") << r.raw.body;
    r = post(url + "/actions/request_feedback", "sup_east", tag_of(r),
             R"({"raters": ["tl06=peer", "payroll=peer", "audit=peer"], "items": ["teamwork", "service"]})");
    ASSERT_EQ(r.status, 200) << r.raw.body;
    EXPECT_EQ(r.body.at("state").as_string(), "feedback_requested");

    const Answer inbox = get("/v1/feedback/inbox", "tl06");
    ASSERT_EQ(inbox.status, 200) << inbox.raw.body;
    ASSERT_EQ(inbox.body.at("items").as_array().size(), 1u);
    const int64_t request = inbox.body.at("items").at(0).at("request").as_int64();
    const std::string answers = fmt::format("/v1/feedback/{}/answers", request);
    const std::string results = fmt::format("/v1/feedback/{}/results", request);

    const Answer bad =
        call("POST", answers, as("tl06"), R"({"scores": {"teamwork": "good", "service": 70}})");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(error_path(bad), "scores.teamwork");
    EXPECT_EQ(call("POST", answers, as("tl01"), R"({"scores": {"teamwork": 99, "service": 99}})").status,
              403);  // not invited: the manager does not rate themself
    // teamwork 80, 90, 70 -> 80; service 70, 80, 90 -> 80.
    for (const auto& [user, answer] : std::vector<std::pair<std::string, std::string>>{
             {"tl06", R"({"scores": {"teamwork": 80, "service": 70}})"},
             {"payroll", R"({"scores": {"teamwork": 90, "service": 80}})"},
             {"audit", R"({"scores": {"teamwork": 70, "service": 90}, "comment": "乐于分享"})"}}) {
        const Answer a = call("POST", answers, as(user), answer);
        ASSERT_EQ(a.status, 201) << user << ": " << a.raw.body;
    }
    EXPECT_EQ(call("POST", answers, as("tl06"), R"({"scores": {"teamwork": 10, "service": 10}})").status,
              403);  // once
    EXPECT_TRUE(get("/v1/feedback/inbox", "tl06").body.at("items").as_array().empty());
    // Nothing is shown while the request is open.
    EXPECT_FALSE(get(results, "tl01").body.at("roles").at(0).at("shown").as_bool());

    r = get(url, "sup_east");
    r = post(url + "/actions/close_feedback", "sup_east", tag_of(r));
    ASSERT_EQ(r.status, 200) << r.raw.body;
    const Answer shown = get(results, "tl01");
    ASSERT_EQ(shown.status, 200) << shown.raw.body;
    const auto& peer = shown.body.at("roles").at(0).as_object();
    EXPECT_EQ(peer.at("role").as_string(), "peer");
    EXPECT_EQ(peer.at("answers").as_int64(), 3);
    ASSERT_TRUE(peer.at("shown").as_bool());
    for (const auto& item : peer.at("average").as_array())
        EXPECT_DOUBLE_EQ(item.at("score").to_number<double>(), 80.0) << item.at("item").as_string();
    // Anonymous: no rater's id is in what the manager reads.
    for (const char* rater : {"tl06", "payroll", "audit"})
        EXPECT_EQ(shown.raw.body.find(rater), std::string::npos) << rater;
    EXPECT_EQ(get(results, "tl06").status, 403);  // a peer does not read TL01's results
}

TEST_F(ApiWorkflow, DataVersionsAreListedForThoseWhoReadTheAuditLog) {
    const Answer all = get("/v1/data-versions", "audit");
    ASSERT_EQ(all.status, 200) << all.raw.body;
    const auto& items = all.body.at("items").as_array();
    ASSERT_FALSE(items.empty());
    EXPECT_EQ(items.at(0).at("action").as_string(), "import");  // the sample, version 1
    EXPECT_EQ(all.body.at("latest").as_int64(), items.back().at("seq").as_int64());
    EXPECT_EQ(get("/v1/data-versions/1", "hr").body.at("seq").as_int64(), 1);
    EXPECT_EQ(get("/v1/data-versions/999", "hr").status, 404);
    EXPECT_EQ(get("/v1/data-versions", "tl01").status, 403);
}

// A calibration session on a workspace of its own: its close evaluates the
// scheme again and refuses inputs changed since the preliminary run.
class ApiCalibration : public ApiServer {
protected:
    static void SetUpTestSuite() {
        ApiServer::SetUpTestSuite();
        merit::Workspace ws = merit::Workspace::open(dir_ / "telecom.merit");
        add_user(ws.db(), "com1", "committee", "", "");
    }
};

TEST_F(ApiCalibration, AMemberAdjustsATotalAndClosingMakesTheCalibratedRun) {
    const std::string body =
        R"({"run": 1, "name": "2026-Q1 城东校准会", "org_units": ["TL-E"], "members": ["com1"]})";
    EXPECT_EQ(call("POST", "/v1/calibrations", as("sup_east"), body).status, 403);  // hr_admin opens
    const Answer missing =
        call("POST", "/v1/calibrations", as("hr"), R"({"run": 1, "name": "x", "org_units": "TL-E"})");
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(error_path(missing), "org_units");
    const Answer opened = call("POST", "/v1/calibrations", as("hr"), body);
    ASSERT_EQ(opened.status, 201) << opened.raw.body;
    const std::string url = opened.raw.header("Location").value_or("");
    ASSERT_FALSE(url.empty());

    EXPECT_EQ(get(url, "tl01").status, 403);
    EXPECT_EQ(get("/v1/calibrations", "com1").body.at("items").as_array().size(), 1u);
    const std::string adjust = R"({"manager": "TL01", "points": 2.5, "reason": "客户维护突出"})";
    EXPECT_EQ(post(url + "/adjustments", "sup_east", tag_of(opened), adjust).status, 403);  // not a member
    const Answer adjusted = post(url + "/adjustments", "com1", tag_of(opened), adjust);
    ASSERT_EQ(adjusted.status, 200) << adjusted.raw.body;
    EXPECT_EQ(adjusted.body.at("lines").as_array().size(), 1u);
    EXPECT_EQ(post(url + "/adjustments", "com1", tag_of(opened), adjust).status, 409);  // stale
    const Answer no_points =
        post(url + "/adjustments", "com1", tag_of(adjusted), R"({"manager": "TL01", "reason": "x"})");
    EXPECT_EQ(no_points.status, 422);
    EXPECT_EQ(error_path(no_points), "points");
    const Answer bad_band = post(url + "/ratings", "com1", tag_of(adjusted),
                                 R"({"manager": "TL02", "rating": "卓越", "reason": "x"})");
    EXPECT_EQ(bad_band.status, 422);  // not a band of the scheme
    const Answer rated = post(url + "/ratings", "com1", tag_of(adjusted),
                              R"({"manager": "TL02", "rating": "良好", "reason": "复核后调整"})");
    ASSERT_EQ(rated.status, 200) << rated.raw.body;
    EXPECT_EQ(rated.body.at("lines").as_array().size(), 2u);

    const Answer closing = post(url + "/close", "com1", tag_of(rated), R"({"reason": "校准完成"})");
    ASSERT_EQ(closing.status, 202) << closing.raw.body;
    const json::object job = finished_job(closing.raw.header("Location").value_or(""), "com1");
    ASSERT_EQ(job.at("status").as_string(), "succeeded") << json::serialize(job);
    const int64_t calibrated = job.at("result").at("run").as_int64();
    // TL01's calibrated total is the preliminary one plus 2.5 points.
    merit::Workspace ws = merit::Workspace::open(dir_ / "telecom.merit");
    const merit::RunResult before = merit::load_run(ws.db(), 1, std::string("TL01"));
    const merit::RunResult after = merit::load_run(ws.db(), calibrated, std::string("TL01"));
    ASSERT_EQ(after.managers.size(), 1u);
    EXPECT_NEAR(after.managers[0].total, before.managers[0].total + 2.5, 1e-9);
    EXPECT_EQ(merit::load_run(ws.db(), calibrated, std::string("TL02")).managers.at(0).rating, "良好");
    EXPECT_EQ(post(url + "/close", "com1", tag_of(get(url, "com1"))).status, 409);  // closed already
}

}  // namespace
}  // namespace merit_test
