// Base pay = post wage by grade + seniority allowance per full year of
// service + subsidy by grade (seed 002 篇10 4.6.1). Figures worked by hand.
#include "fuel/fuel_harness.hpp"

namespace fuel_test {
namespace {

// Post wage / subsidy per month by grade; 50 yuan a month per full year.
const std::string kParams = R"({
  "post_wage": {"见习": 2800, "初级": 3500, "中级": 4200, "高级": 5000},
  "subsidy": {"见习": 300, "初级": 500, "中级": 600, "高级": 800},
  "seniority_per_year": 50,
  "grading_scheme": "fuel-grading"
})";

class BasePayTest : public Fixture {};

TEST_F(BasePayTest, PostWagePlusSeniorityPlusSubsidy) {
    manager("S", "中级", "2016-09-10");
    manager("T", "高级", "2015-06-01");
    manager("U", "初级", "2015-06-02");
    reward("fuel.base_pay", kParams, "2025-06");
    // S: full years 2016-09-10 → 2025-06-01 = 8 (the 9th anniversary is 2025-09-10):
    //    4200 + 8 × 50 + 600 = 5200.00 = 520000 fen.
    EXPECT_EQ(pay_fen("S", "base_pay"), 520000);
    // T: the 10th anniversary falls on the month's first day: 10 years:
    //    5000 + 10 × 50 + 800 = 6300.00.
    EXPECT_EQ(pay_fen("T", "base_pay"), 630000);
    // U: one day short of 10 years on 2025-06-01: 9 years: 3500 + 450 + 500 = 4450.00.
    EXPECT_EQ(pay_fen("U", "base_pay"), 445000);
    EXPECT_EQ(basis("S", "base_pay"),
              "2025-06 中级（人员档案岗级）：岗位工资 4200.00 + 企龄津贴 8 年 × 50.00 + 补助 600.00 = "
              "5200.00；合计 "
              "5200.00 元");
}

TEST_F(BasePayTest, SeniorityCap) {
    manager("T", "高级", "2005-01-01");
    // 20 full years, capped at 15: 5000 + 15 × 50 + 800 = 6550.00.
    std::string params = kParams;
    params.insert(params.rfind('}'), R"(, "seniority_max_years": 15)");
    reward("fuel.base_pay", params, "2025-06");
    EXPECT_EQ(pay_fen("T", "base_pay"), 655000);
}

TEST_F(BasePayTest, GradeFromTheLatestYearlyGradingInForce) {
    manager("S", "中级", "2016-09-10");
    // Two gradings of 2025: run 2 (final) said 初级, run 3 (newer, not final) said 高级: the final one wins.
    // A grading of 2026 is not yet in force in June 2025.
    sql("INSERT INTO runs(id, scheme_name, scheme_hash, scheme_json, period, first_day, last_day, status, "
        "created_at, input_fingerprint, plugins_json, timings_json, manager_count) VALUES "
        "(2, 'fuel-grading', 'h', '{}', '2025', '2025-01-01', '2025-12-31', 'complete', 'now', 'f', '[]', "
        "'{}', "
        "1),"
        "(3, 'fuel-grading', 'h', '{}', '2025', '2025-01-01', '2025-12-31', 'complete', 'now', 'f', '[]', "
        "'{}', 1),"
        "(4, 'fuel-grading', 'h', '{}', '2026', '2026-01-01', '2026-12-31', 'complete', 'now', 'f', '[]', "
        "'{}', 1)");
    sql("INSERT INTO run_decisions(run_id, manager_id, seq, reward, calculator, kind, value, reason) VALUES "
        "(2, 'S', 0, 'grading', 'fuel.grading', 'grade', '初级', 'r'),"
        "(3, 'S', 0, 'grading', 'fuel.grading', 'grade', '高级', 'r'),"
        "(4, 'S', 0, 'grading', 'fuel.grading', 'grade', '中级', 'r')");
    sql("UPDATE runs SET status = 'final' WHERE id = 2");
    reward("fuel.base_pay", kParams, "2025-06");
    // 初级: 3500 + 8 × 50 + 500 = 4400.00.
    EXPECT_EQ(pay_fen("S", "base_pay"), 440000);
    EXPECT_NE(basis("S", "base_pay").find("初级（2025 年度定级）"), std::string::npos);
}

TEST_F(BasePayTest, TraineeHiredMidYear) {
    manager("N", "见习", "2025-07-15", "probation");
    manager("Q", "见习", "2025-07-15", "probation");  // same hire day, pass never confirmed
    event("N", "probation_pass", "2025-10-20");

    // July: hired on the 15th: 17 of 31 days as 见习: (2800 + 0 + 300) × 17/31 = 52700/31 = 1700.00.
    reward("fuel.base_pay", kParams, "2025-07");
    EXPECT_EQ(pay_fen("N", "base_pay"), 170000);
    EXPECT_EQ(basis("N", "base_pay"),
              "2025-07 见习（入职 2025-07-15，见习期 3 个月至 2025-10-14）：岗位工资 2800.00 + 企龄津贴 0 年 "
              "× 50.00 + "
              "补助 300.00 = 3100.00 × 17/31 天 = 1700.00；合计 1700.00 元");

    // The third quarter: 1700.00 + 3100.00 (Aug) + 3100.00 (Sep) = 7900.00.
    run = FakeRun{};
    reward("fuel.base_pay", kParams, "2025-Q3");
    EXPECT_EQ(pay_fen("N", "base_pay"), 790000);

    // October: on 10-01 still inside probation (ends 10-14): 见习 3100.00.
    run = FakeRun{};
    reward("fuel.base_pay", kParams, "2025-10");
    EXPECT_EQ(pay_fen("N", "base_pay"), 310000);

    // November: probation over and the pass confirmed on 10-20: 初级 3500 + 0 + 500 = 4000.00.
    // Q's pass was never confirmed: still 见习 3100.00.
    run = FakeRun{};
    reward("fuel.base_pay", kParams, "2025-11");
    EXPECT_EQ(pay_fen("N", "base_pay"), 400000);
    EXPECT_EQ(pay_fen("Q", "base_pay"), 310000);
    EXPECT_NE(basis("Q", "base_pay").find("未认定合格"), std::string::npos);

    // June: not yet hired, no pay line at all.
    run = FakeRun{};
    reward("fuel.base_pay", kParams, "2025-06");
    EXPECT_TRUE(run.pay[row("N")].empty());
}

TEST_F(BasePayTest, UnknownGradeNamesTheManager) {
    manager("X", "特级", "2010-01-01");
    try {
        reward("fuel.base_pay", kParams, "2025-06");
        FAIL() << "expected an error";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("manager X: grade '特级' (人员档案岗级) has no post wage"),
                  std::string::npos)
            << e.what();
    }
}

TEST_F(BasePayTest, WageTableMustCoverTraineeAndPassedGrades) {
    try {
        reward("fuel.base_pay", R"({"post_wage": {"初级": 3500}})", "2025-06");
        FAIL() << "expected an error";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("params.post_wage: has no wage for grade '见习'"),
                  std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace fuel_test
