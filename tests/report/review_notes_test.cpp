// Issue 18 point 8: a manager's statement shows the review's comment and
// interview notes, the agreed plan and, for a calibrated run, each
// calibration line; every text escaped like the rest of the page.
#include <gtest/gtest.h>

#include "report/html_report.hpp"
#include "report/report_fixture.hpp"
#include "report/review_notes.hpp"
#include "store/sqlite.hpp"

namespace merit::report {
namespace {

// M01's 2026-Q1 review with its plan; a closed session whose calibrated run
// is the fixture's run 1 (its preliminary run too: the fixture has one run)
// moved M02's total from 80 to 82.5.
void add_review_and_calibration(sqlite3* db) {
    exec(db, R"sql(
INSERT INTO reviews (id, manager_id, period, state, opened_at, supervisor_comment, interview_notes)
VALUES (1, 'M01', '2026-Q1', 'closed', '2026-04-01T08:00:00Z', '业绩突出 <b>客户维护稳定</b>', '肯定成绩; 加强对公业务');
INSERT INTO review_plans (review_id, seq, kind, text, due) VALUES
  (1, 1, 'improvement', '客户回访时效提升到48小时内', '2026-06-30'),
  (1, 2, 'development', '参加理财规划师培训', '2026-12-31');
INSERT INTO calibration_sessions (id, name, run_id, scheme_name, period, org_units, state, opened_by, opened_at)
VALUES (1, '一季度校准', 1, 'fixture-scheme', '2026-Q1', '["BR01"]', 'open', 'hr', '2026-04-02T08:00:00Z');
INSERT INTO calibration_lines (session_id, seq, manager_id, kind, points, from_total, to_total, by_user, at, reason)
VALUES (1, 1, 'M02', 'total', 2.5, 80, 82.5, 'p1', '2026-04-02T09:00:00Z', '对公客户拓展突出');
UPDATE calibration_sessions SET state = 'closed', closed_by = 'p1', closed_at = '2026-04-03T08:00:00Z',
  result_run_id = 1 WHERE id = 1;
)sql");
}

TEST(ReviewNotes, AreLoadedPerManagerFromTheReviewAndTheSession) {
    test::FixtureWorkspace ws;
    add_review_and_calibration(ws.db());
    const auto notes = load_review_notes(ws.db(), 1, "2026-Q1");
    ASSERT_EQ(notes.size(), 2u);
    const ReviewNotes& m01 = notes.at("M01");
    EXPECT_EQ(m01.supervisor_comment, "业绩突出 <b>客户维护稳定</b>");
    ASSERT_EQ(m01.plans.size(), 2u);
    EXPECT_EQ(m01.plans[1].kind, "development");
    EXPECT_EQ(m01.plans[1].due, "2026-12-31");
    const ReviewNotes& m02 = notes.at("M02");
    ASSERT_EQ(m02.calibration.size(), 1u);
    EXPECT_EQ(m02.calibration[0].from, "80.00");
    EXPECT_EQ(m02.calibration[0].to, "82.50");
    EXPECT_EQ(m02.calibration[0].by, "p1");
    // Another period's run reads nothing of them.
    EXPECT_TRUE(load_review_notes(ws.db(), 2, "2026-Q2").empty());
}

TEST(ReviewNotes, TheStatementShowsThemEscaped) {
    test::FixtureWorkspace ws;
    add_review_and_calibration(ws.db());
    const std::string page = render_html(load_report(ws.db(), 1, Lang::zh));
    EXPECT_NE(page.find("<strong>上级评语</strong>: 业绩突出 &lt;b&gt;客户维护稳定&lt;/b&gt;"),
              std::string::npos);
    EXPECT_EQ(page.find("<b>客户维护稳定</b>"), std::string::npos);
    EXPECT_NE(page.find("参加理财规划师培训"), std::string::npos);
    EXPECT_NE(page.find("80.00 → 82.50"), std::string::npos);
    EXPECT_NE(page.find("对公客户拓展突出"), std::string::npos);
    // M01's notes are in M01's statement, before the next statement begins.
    const size_t m01 = page.find("id=\"manager-M01\""), comment = page.find("上级评语");
    const size_t next = page.find("<article", m01 + 1);
    EXPECT_LT(m01, comment);
    EXPECT_LT(comment, next);
    const std::string english = render_html(load_report(ws.db(), 1, Lang::en));
    EXPECT_NE(english.find("Improvement and development plan"), std::string::npos);
    EXPECT_NE(english.find("<td>development</td>"), std::string::npos);
}

}  // namespace
}  // namespace merit::report
