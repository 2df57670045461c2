// Performance pay from the coefficient table, discipline deductions and
// quarterly recognition, with the money worked out by hand.
#include "tobacco/tobacco_fixture.hpp"

namespace tobacco_test {
namespace {

const char* kPayParams = R"({"bases": {"一级": 3200, "二级": 2800, "三级": 2400},
  "table": [{"min": 95, "coefficient": 1.3}, {"min": 90, "coefficient": 1.2}, {"min": 85, "coefficient": 1.1},
            {"min": 80, "coefficient": 1.0}, {"min": 70, "coefficient": 0.9}, {"min": 60, "coefficient": 0.8},
            {"min": 0, "coefficient": 0.6}]})";

class RewardsTest : public TobaccoTest {
protected:
    TestScope scope{{{"A", "D1", "customer_manager", "一级"},
                     {"B", "D1", "customer_manager", "二级"},
                     {"C", "D1", "customer_manager", "三级"},
                     {"D", "D2", "customer_manager", "三级"},
                     {"E", "D2", "customer_manager", "二级"}},
                    "2026-11"};
};

// A 一级 92.50 ≥ 90 -> 3200 × 1.2 = 3840.00
// B 二级 84.99 ≥ 80 -> 2800 × 1.0 = 2800.00
// C 三级 85.00 ≥ 85 -> 2400 × 1.1 = 2640.00
// D 三级 59.99 ≥ 0  -> 2400 × 0.6 = 1440.00
// E no total        -> 0
TEST_F(RewardsTest, PerformancePayFromTheCoefficientTable) {
    RecordingRun run;
    RecordingTrace trace;
    run.columns["total"] = {92.5, 84.99, 85.0, 59.99, std::nullopt};
    reward("tobacco.performance_pay", kPayParams, scope, run, trace);
    ASSERT_EQ(run.pay.size(), 5u);
    EXPECT_EQ(run.pay[0].fen, 384000);
    EXPECT_EQ(run.pay[1].fen, 280000);
    EXPECT_EQ(run.pay[2].fen, 264000);
    EXPECT_EQ(run.pay[3].fen, 144000);
    EXPECT_EQ(run.pay[4].fen, 0);
    EXPECT_EQ(run.pay[0].code, "performance_pay");
    EXPECT_EQ(run.pay[0].basis,
              "base 3200.00 (grade 一级) × coefficient 1.20 (total 92.50 ≥ 90.00) = 3840.00");
    EXPECT_EQ(run.pay[4].basis, "no total: no performance pay");
}

// Rounding happens once: base 2345.67 × 1.15 = 2697.5205 -> 269752 fen.
TEST_F(RewardsTest, PerformancePayRoundsOnceToFen) {
    RecordingRun run;
    RecordingTrace trace;
    run.columns["total"] = {90.0, 90.0, 90.0, 90.0, 90.0};
    reward("tobacco.performance_pay",
           R"({"bases": {"一级": 2345.67, "二级": 2345.67, "三级": 2345.67},
               "table": [{"min": 90, "coefficient": 1.15}]})",
           scope, run, trace);
    EXPECT_EQ(run.pay[0].fen, 269752);
}

TEST_F(RewardsTest, PerformancePayRejectsBadTablesAndUnknownGrades) {
    EXPECT_NE(
        create_error(
            "tobacco.performance_pay",
            R"({"bases": {"一级": 1}, "table": [{"min": 60, "coefficient": 1}, {"min": 80, "coefficient": 1.2}]})")
            .find("params.table[1].min: rows must be ordered by min, highest first"),
        std::string::npos);
    EXPECT_NE(
        create_error("tobacco.performance_pay", R"({"bases": {"一级": 1}})").find("params.table: required"),
        std::string::npos);
    RecordingRun run;
    RecordingTrace trace;
    run.columns["total"] = {90.0, 90.0, 90.0, 90.0, 90.0};
    try {
        reward("tobacco.performance_pay",
               R"({"bases": {"一级": 3200}, "table": [{"min": 0, "coefficient": 1}]})", scope, run, trace);
        FAIL() << "expected an error";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("manager B: grade '二级' has no base amount in params.bases"),
                  std::string::npos);
    }
}

// A: work_book_late 1 (waived: coaching), sign_in_early 2 -> −50 × 2 = −100.00
// B: work_book_late 3 -> first waived, −30 × 2 = −60.00; visit_record_false 1 -> −200.00;
//    deductions 260.00 exceed B's performance pay 150.00 -> 110.00 given back.
TEST_F(RewardsTest, DisciplineDeductionsWaiveTheFirstMistakeAndStopAtPay) {
    sql(R"(
INSERT INTO org_units(id, name) VALUES ('D1', 'd');
INSERT INTO managers(id, name, org_unit_id) VALUES ('A', 'a', 'D1'), ('B', 'b', 'D1');
INSERT INTO events(manager_id, kind, date, note) VALUES
  ('A', 'work_book_late', '2026-11-03', ''), ('A', 'sign_in_early', '2026-11-04', ''),
  ('A', 'sign_in_early', '2026-11-05', ''), ('B', 'visit_record_false', '2026-11-06', ''),
  ('B', 'work_book_late', '2026-11-02', '1'), ('B', 'work_book_late', '2026-11-09', '2'),
  ('B', 'work_book_late', '2026-11-16', '3'), ('B', 'sign_in_early', '2026-10-30', 'October');
)");
    RecordingRun run;
    RecordingTrace trace;
    run.pay.push_back({0, "performance_pay", "绩效工资", 384000, ""});
    run.pay.push_back({1, "performance_pay", "绩效工资", 15000, ""});
    reward("tobacco.discipline_deductions",
           R"({"items": [{"kind": "sign_in_early", "label": "电话签到过早", "yuan": 50},
                         {"kind": "work_book_late", "label": "工作本未按时填写", "yuan": 30, "waive_first": true},
                         {"kind": "visit_record_false", "label": "虚假拜访记录", "yuan": 200}],
               "limit_to_pay": "performance_pay"})",
           scope, run, trace);
    std::vector<PayLine> lines(run.pay.begin() + 2, run.pay.end());
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0].row, 0u);
    EXPECT_EQ(lines[0].fen, -10000);
    EXPECT_EQ(lines[0].basis, "−50.00 × 2 (2 occurrences) = -100.00");
    EXPECT_EQ(lines[1].row, 1u);
    EXPECT_EQ(lines[1].fen, -6000);
    EXPECT_EQ(lines[1].basis, "−30.00 × 2 (3 occurrences, first waived for coaching) = -60.00");
    EXPECT_EQ(lines[2].fen, -20000);
    EXPECT_EQ(lines[3].code, "deduction_cap");
    EXPECT_EQ(lines[3].fen, 11000);
    EXPECT_TRUE(trace.noted(0, "工作本未按时填写: 1 occurrence, first waived for coaching: no deduction"));
}

// Units D1 {A, B, C} and D2 {D, E}, top 1 per unit with an average of at least 85:
//   November (not a quarter end): state only.
//   December: A (90 + 88)/2 = 89, B (85 + 95)/2 = 90, C (70 + 99)/2 = 84.5 -> B first in D1;
//             D (80 + 82)/2 = 81, E (84 + null)/1 = 84 -> nobody in D2 reaches 85.
TEST_F(RewardsTest, QuarterlyRecognitionCarriesTheQuarterAcrossMonths) {
    const char* params =
        R"({"top_per_unit": 1, "min_average": 85, "award_yuan": 500, "title": "季度优秀客户经理"})";
    RecordingRun november;
    RecordingTrace trace;
    november.columns["total"] = {90.0, 85.0, 70.0, 80.0, 84.0};
    reward("tobacco.quarterly_recognition", params, scope, november, trace);
    EXPECT_TRUE(november.decisions.empty());
    EXPECT_EQ(november.state_out["sum:2026-Q4"][1], 85.0);
    EXPECT_EQ(november.state_out["months:2026-Q4"][1], 1.0);

    TestScope december_scope{{{"A", "D1", "customer_manager", "一级"},
                              {"B", "D1", "customer_manager", "二级"},
                              {"C", "D1", "customer_manager", "三级"},
                              {"D", "D2", "customer_manager", "三级"},
                              {"E", "D2", "customer_manager", "二级"}},
                             "2026-12"};
    RecordingRun december;
    RecordingTrace trace2;
    december.state_in = november.state_out;
    december.columns["total"] = {88.0, 95.0, 99.0, 82.0, std::nullopt};
    reward("tobacco.quarterly_recognition", params, december_scope, december, trace2);
    ASSERT_EQ(december.decisions.size(), 1u);
    EXPECT_EQ(december.decisions[0].row, 1u);
    EXPECT_EQ(december.decisions[0].kind, "recognition");
    EXPECT_EQ(december.decisions[0].value, "季度优秀客户经理 2026-Q4");
    EXPECT_EQ(december.decisions[0].reason, "2026-Q4 average 180.00 ÷ 2 months = 90.00, place 1 of 3 in D1");
    ASSERT_EQ(december.pay.size(), 1u);
    EXPECT_EQ(december.pay[0].fen, 50000);
    EXPECT_TRUE(
        trace2.noted(0, "2026-Q4 average 178.00 ÷ 2 months = 89.00, place 2 of 3 in D1: not recognised"));
    EXPECT_TRUE(
        trace2.noted(4, "2026-Q4 average 84.00 ÷ 1 months = 84.00, place 1 of 2 in D2: not recognised"));
    EXPECT_EQ(december.state_out["months:2026-Q4"][4], 1.0);
}

TEST_F(RewardsTest, QuarterlyRecognitionNeedsMonthlyPeriods) {
    TestScope quarter{{{"A", "D1", "customer_manager", "一级"}}, "2026-Q4"};
    RecordingRun run;
    RecordingTrace trace;
    run.columns["total"] = {90.0};
    EXPECT_THROW(reward("tobacco.quarterly_recognition", "{}", quarter, run, trace), std::exception);
}

}  // namespace
}  // namespace tobacco_test
