// A run's lifecycle (issue 15 point 5): a draft is deleted or made final;
// finalising needs a reason and records the actor; a second final run of a
// scheme and period must name the run it supersedes, which then says so
// everywhere it is shown, reports included; a final run is never deleted.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <set>
#include <sstream>

#include "common/errors.hpp"
#include "engine/run_lifecycle.hpp"
#include "engine/run_render.hpp"
#include "engine/run_store.hpp"
#include "engine/run_workflow.hpp"
#include "engine/workspace_verify.hpp"
#include "engine_test_support.hpp"
#include "report/html_report.hpp"
#include "report/long_format.hpp"
#include "report/report_model.hpp"
#include "store/actor.hpp"
#include "store/audit_log.hpp"
#include "support/merit_cli.hpp"

namespace merit {
namespace {

using namespace merit::testing;

class RunLifecycle : public ReferenceSchemeTest {
protected:
    void SetUp() override {
        ReferenceSchemeTest::SetUp();
        for (int i = 0; i < 3; ++i) run_scheme(*ws, registry, scheme, "2026-Q1");  // runs 1, 2, 3
    }
    std::string error_of(const std::function<void()>& f) {
        try {
            f();
        } catch (const UserError& e) {
            return e.what();
        }
        return "no error";
    }
    RunInfo info(int64_t id) { return load_run_info(ws->db(), id); }
    AuditEntry last_entry() { return read_audit(ws->db(), 1).back(); }
    std::string report_html(int64_t id, report::Lang lang) {
        return report::render_html(report::load_report(ws->db(), id, lang));
    }
};

TEST_F(RunLifecycle, FinalisingNeedsAReasonAndRecordsWhoAndWhy) {
    EXPECT_EQ(error_of([&] { finalize_run(ws->db(), 1, {.reason = ""}); }),
              "run 1: --reason: must not be empty");
    EXPECT_EQ(error_of([&] { finalize_run(ws->db(), 1, {.reason = " \n "}); }),
              "run 1: --reason: must not be empty");
    EXPECT_EQ(info(1).status, "complete");
    finalize_run(ws->db(), 1, {.reason = "一季度考核定稿"});
    const std::string actor = current_actor().id;
    const RunInfo run = info(1);
    EXPECT_EQ(run.standing(), "final");
    EXPECT_EQ(run.finalized_by, actor);
    EXPECT_EQ(run.finalize_reason, "一季度考核定稿");
    EXPECT_FALSE(run.supersedes);
    const AuditEntry entry = last_entry();
    EXPECT_EQ(entry.action, "finalize");
    EXPECT_EQ(entry.actor, actor);
    EXPECT_EQ(entry.reason, "一季度考核定稿");
    const auto detail = boost::json::parse(entry.detail).as_object();
    EXPECT_EQ(detail.at("finalized_by").as_string(), actor);
    EXPECT_FALSE(detail.contains("supersedes"));
}

TEST_F(RunLifecycle, ASecondFinalRunMustNameTheRunItSupersedes) {
    finalize_run(ws->db(), 1, {.reason = "一季度考核定稿"});
    EXPECT_EQ(error_of([&] { finalize_run(ws->db(), 2, {.reason = "更正"}); }),
              "run 2: run 1 is already final for scheme engine-test 2026-Q1; make this one final with "
              "--supersedes 1 and a --reason saying why it replaces it");
    EXPECT_EQ(info(2).standing(), "draft");
    finalize_run(ws->db(), 2, {.reason = "更正 M3 违规记录", .supersedes = 1});
    EXPECT_EQ(info(1).standing(), "superseded");
    EXPECT_EQ(info(1).superseded_by, 2);
    EXPECT_EQ(info(2).standing(), "final");
    EXPECT_EQ(info(2).supersedes, 1);
    EXPECT_EQ(counting_run(ws->db(), "engine-test", "2026-Q1"), 2);
    // The superseded run is the same record it was: its digests still verify.
    EXPECT_TRUE(check_runs_in_log(ws->db()).problems.empty());
    // A third final run supersedes the one that counts now, not the old one.
    EXPECT_EQ(error_of([&] { finalize_run(ws->db(), 3, {.reason = "再更正", .supersedes = 1}); }),
              "run 3: --supersedes 1: that run is already superseded by run 2");
    finalize_run(ws->db(), 3, {.reason = "再更正", .supersedes = 2});
    EXPECT_EQ(counting_run(ws->db(), "engine-test", "2026-Q1"), 3);
    EXPECT_EQ(info(2).standing(), "superseded");
}

TEST_F(RunLifecycle, OnlyTheFinalRunOfTheSameSchemeAndPeriodIsSuperseded) {
    EXPECT_EQ(error_of([&] { finalize_run(ws->db(), 2, {.reason = "x", .supersedes = 1}); }),
              "run 2: --supersedes 1: that run is a draft; only a final run is superseded (a draft may be "
              "deleted: merit runs delete)");
    EXPECT_EQ(error_of([&] { finalize_run(ws->db(), 2, {.reason = "x", .supersedes = 2}); }),
              "run 2: --supersedes 2: a run cannot supersede itself");
    EXPECT_EQ(error_of([&] { finalize_run(ws->db(), 2, {.reason = "x", .supersedes = 99}); }),
              "run 99: no such run in this workspace");
    const int64_t q2 = run_scheme(*ws, registry, scheme, "2026-Q2").info.id;
    finalize_run(ws->db(), q2, {.reason = "二季度考核定稿"});  // another period: no supersedes needed
    EXPECT_EQ(
        error_of([&] { finalize_run(ws->db(), 1, {.reason = "x", .supersedes = q2}); }),
        "run 1: --supersedes 4: that run is of scheme engine-test 2026-Q2, this one of scheme engine-test "
        "2026-Q1");
    EXPECT_EQ(info(1).standing(), "draft");
}

TEST_F(RunLifecycle, ADraftIsDeletedWithEveryRowAndAFinalRunNever) {
    ASSERT_GT(count_rows(ws->db(), "run_managers WHERE run_id = 2"), 0);
    const std::string digest = info(2).record_digest;
    delete_run(ws->db(), 2, "试算");
    EXPECT_EQ(count_rows(ws->db(), "runs WHERE id = 2"), 0);
    for (const char* table : {"run_managers", "run_indicators", "run_dimensions", "run_adjustments",
                              "run_pay", "run_decisions", "run_trace", "run_state"})
        EXPECT_EQ(count_rows(ws->db(), std::string(table) + " WHERE run_id = 2"), 0) << table;
    const AuditEntry entry = last_entry();
    EXPECT_EQ(entry.action, "runs.delete");
    EXPECT_EQ(entry.object, "run:2");
    EXPECT_EQ(entry.reason, "试算");
    EXPECT_EQ(boost::json::parse(entry.detail).at("record_digest").as_string(), digest);
    // The log still accounts for every run: a deleted draft is not "missing".
    EXPECT_TRUE(check_runs_in_log(ws->db()).problems.empty());
    EXPECT_EQ(error_of([&] { delete_run(ws->db(), 2, ""); }), "run 2: no such run in this workspace");

    finalize_run(ws->db(), 1, {.reason = "一季度考核定稿"});
    EXPECT_EQ(error_of([&] { delete_run(ws->db(), 1, ""); }),
              "run 1: final; a final run is never deleted (a later run may supersede it: merit finalize "
              "--supersedes 1)");
    EXPECT_EQ(count_rows(ws->db(), "runs WHERE id = 1"), 1);
}

TEST_F(RunLifecycle, ADraftSomethingRefersToIsKept) {
    exec(ws->db(),
         "INSERT INTO reviews (manager_id, period, state, opened_at, run_id) VALUES "
         "('M1', '2026-Q1', 'calibrated', 'now', 3)");
    EXPECT_EQ(error_of([&] { delete_run(ws->db(), 3, ""); }),
              "run 3: review M1/2026-Q1 refers to it; a draft in use is kept");
    EXPECT_EQ(count_rows(ws->db(), "run_managers WHERE run_id = 3"),
              count_rows(ws->db(), "run_managers WHERE run_id = 1"));
}

TEST_F(RunLifecycle, AChangedReasonOrSuccessorIsFoundAgainstTheFinalizeEntry) {
    finalize_run(ws->db(), 1, {.reason = "一季度考核定稿"});
    finalize_run(ws->db(), 2, {.reason = "更正", .supersedes = 1});
    exec(ws->db(), "DROP TRIGGER runs_final_update");
    exec(ws->db(), "UPDATE runs SET finalize_reason = '原因已改', supersedes = NULL WHERE id = 2");
    std::set<std::string> found;
    for (const auto& p : check_runs_in_log(ws->db()).problems) found.insert(p.code + " " + p.path);
    EXPECT_EQ(found, (std::set<std::string>{"log_mismatch runs.finalize_reason (run 2)",
                                            "log_mismatch runs.supersedes (run 2)"}));
}

TEST_F(RunLifecycle, ListingsAndResultsSayWhichRunCounts) {
    finalize_run(ws->db(), 1, {.reason = "一季度考核定稿"});
    finalize_run(ws->db(), 2, {.reason = "更正", .supersedes = 1});
    const std::string table = runs_table(list_runs(ws->db()));
    EXPECT_NE(table.find("superseded by 2"), std::string::npos) << table;
    EXPECT_NE(table.find("final, supersedes 1"), std::string::npos) << table;
    EXPECT_NE(table.find("draft"), std::string::npos) << table;
    const auto listed = boost::json::parse(runs_json(list_runs(ws->db()))).as_array();
    EXPECT_EQ(listed[0].at("status").as_string(), "superseded");
    EXPECT_EQ(listed[0].at("superseded_by").as_int64(), 2);
    EXPECT_EQ(listed[1].at("supersedes").as_int64(), 1);
    EXPECT_EQ(listed[1].at("finalize_reason").as_string(), "更正");
    EXPECT_EQ(listed[2].at("status").as_string(), "draft");
    EXPECT_EQ(standing_note(info(1)), "run 1 is superseded by run 2: run 2 is the run that counts\n");
    EXPECT_EQ(boost::json::parse(results_json(load_run(ws->db(), 3))).at("status").as_string(), "draft");
}

TEST_F(RunLifecycle, EveryReportShowsTheStandingInItsLanguage) {
    finalize_run(ws->db(), 1, {.reason = "一季度考核定稿"});
    finalize_run(ws->db(), 2, {.reason = "更正 M3 违规记录", .supersedes = 1});
    const std::string draft_zh = report_html(3, report::Lang::zh);
    EXPECT_NE(
        draft_zh.find("<p class=\"standing standing-draft\" id=\"standing\" role=\"status\"><strong>草稿"
                      "</strong>"),
        std::string::npos);
    EXPECT_NE(report_html(3, report::Lang::en).find("<strong>DRAFT</strong>"), std::string::npos);
    const std::string old_zh = report_html(1, report::Lang::zh);
    EXPECT_NE(old_zh.find("<strong>已被取代</strong> 以运行 2 为准"), std::string::npos);
    const std::string final_en = report_html(2, report::Lang::en);
    EXPECT_NE(final_en.find("<strong>FINAL</strong>"), std::string::npos);
    EXPECT_NE(final_en.find("Supersedes run: 1"), std::string::npos);
    EXPECT_NE(final_en.find("更正 M3 违规记录"), std::string::npos);
    // The banner comes before everything but the page's title.
    EXPECT_LT(final_en.find("id=\"standing\""), final_en.find("<nav>"));

    std::ostringstream csv;
    report::write_csv(report::load_report(ws->db(), 1, report::Lang::en), csv);
    const std::string text = csv.str();
    EXPECT_EQ(text.substr(0, text.find('\n')).rfind("run_id,scheme,period,status,manager_id", 0), 0u);
    EXPECT_NE(text.find("\n1,engine-test,2026-Q1,superseded,"), std::string::npos);
    std::ostringstream json_text;
    report::write_json(report::load_report(ws->db(), 1, report::Lang::en), json_text);
    const auto json = boost::json::parse(json_text.str()).as_object();
    EXPECT_EQ(json.at("run").at("status").as_string(), "superseded");
    EXPECT_EQ(json.at("run").at("superseded_by").as_int64(), 2);
}

// The command line, as an operator uses it.
TEST_F(RunLifecycle, TheCommandLineFinalisesSupersedesAndDeletes) {
    const std::string path = (dir / "ws.merit").string();
    ws.reset();
    const auto no_reason = merit_test::run_merit("finalize " + path + " --run 1");
    EXPECT_EQ(no_reason.status, 2) << no_reason.text;
    EXPECT_NE(no_reason.text.find("--reason is required"), std::string::npos) << no_reason.text;
    const auto first = merit_test::run_merit("finalize " + path + " --run 1 --reason 一季度考核定稿");
    EXPECT_EQ(first.status, 0) << first.text;
    EXPECT_EQ(first.text, "run 1 is final (read-only)\n");
    const auto refused = merit_test::run_merit("finalize " + path + " --run 2 --reason 更正");
    EXPECT_EQ(refused.status, 1);
    EXPECT_EQ(
        refused.text,
        "merit: error: run 2: run 1 is already final for scheme engine-test 2026-Q1; make this one final "
        "with --supersedes 1 and a --reason saying why it replaces it\n");
    const auto second =
        merit_test::run_merit("finalize " + path + " --run 2 --supersedes 1 --reason 更正 --json");
    EXPECT_EQ(second.status, 0) << second.text;
    EXPECT_EQ(second.text, "{\"run\":2,\"status\":\"final\",\"supersedes\":1}\n");
    const auto deleted = merit_test::run_merit("runs delete " + path + " --run 3 --reason 试算");
    EXPECT_EQ(deleted.status, 0) << deleted.text;
    EXPECT_EQ(deleted.text, "run 3 deleted (a draft; the audit log keeps its digests)\n");
    const auto kept = merit_test::run_merit("runs delete " + path + " --run 2");
    EXPECT_EQ(kept.status, 1);
    EXPECT_EQ(kept.text.rfind("merit: error: run 2: final; a final run is never deleted", 0), 0u)
        << kept.text;
    const auto listed = merit_test::run_merit("runs " + path);
    EXPECT_EQ(listed.status, 0) << listed.text;
    EXPECT_NE(listed.text.find("superseded by 2"), std::string::npos) << listed.text;
    EXPECT_EQ(listed.text.find(" 3 "), std::string::npos) << listed.text;
    EXPECT_EQ(merit_test::run_merit("runs list " + path).text, listed.text);
    const auto verified = merit_test::run_merit("verify " + path + " --all");
    EXPECT_EQ(verified.status, 0) << verified.text;
    ws = std::make_unique<Workspace>(Workspace::open(dir / "ws.merit"));
}

}  // namespace
}  // namespace merit
