// Yearly grading (seed 002 篇10 4.5): 见习 first 3 months, then 初级 on
// passing; 初级/中级/高级 by the previous year's volume; below the 初级
// standard still 初级; two consecutive gradings below it → transfer.
#include "fuel/fuel_harness.hpp"

namespace fuel_test {
namespace {

// 高级 ≥ 12000 t, 中级 ≥ 8000 t, 初级 ≥ 5000 t.
const std::string kParams = R"({
  "volume": "prev_year_volume",
  "standards": [{"grade": "高级", "min_tonnes": 12000}, {"grade": "中级", "min_tonnes": 8000},
                {"grade": "初级", "min_tonnes": 5000}]
})";

class GradingTest : public Fixture {
protected:
    void SetUp() override {
        Fixture::SetUp();
        manager("P", "初级", "2015-03-01");               // promoted
        manager("D", "高级", "2012-04-01");               // demoted
        manager("W", "初级", "2014-05-01");               // weak: below 初级 twice → transfer
        manager("E", "高级", "2011-06-01");               // exactly on the 高级 standard
        manager("N", "见习", "2025-07-15", "probation");  // hired mid-2025, passed in October
        manager("R", "见习", "2025-11-10", "probation");  // still in probation on 2026-01-01
        event("N", "probation_pass", "2025-10-20");
    }
    // Starts the next yearly run, carrying what this one wrote as state.
    void next_year() {
        auto carried = run.state;
        run = FakeRun{};
        run.prior_state = std::move(carried);
    }
};

TEST_F(GradingTest, PromotionDemotionAndTwoYearTransferFlag) {
    // Grading for 2025 (2024 volumes).
    // P 9000 ≥ 8000 → 中级, was 初级: promotion.  D 10000 → 中级, was 高级: demotion.
    // W 4000 < 5000 → 初级, first time below (streak 1, no flag).  E 12000 ≥ 12000 → 高级 kept.
    // N and R were not hired by 2025-01-01 → 见习.
    run.columns["prev_year_volume"] = {9000, 10000, 4000, 12000, 0, 0};
    reward("fuel.grading", kParams, "2025");
    EXPECT_EQ(run.decision(row("P"), "grade")->value, "中级");
    EXPECT_EQ(run.decision(row("P"), "grade_change")->value, "promotion");
    EXPECT_EQ(run.decision(row("D"), "grade")->value, "中级");
    EXPECT_EQ(run.decision(row("D"), "grade_change")->value, "demotion");
    EXPECT_EQ(run.decision(row("W"), "grade")->value, "初级");
    EXPECT_EQ(run.decision(row("W"), "grade")->reason,
              "2024 年销量 4000.000 吨 < 初级标准 5000.000 吨 → 按初级定级（连续第 1 "
              "次未达初级标准）（人员档案 初级，维持）");
    EXPECT_EQ(run.decision(row("W"), "flag"), nullptr);
    EXPECT_EQ(run.decision(row("E"), "grade")->value, "高级");
    EXPECT_EQ(run.decision(row("E"), "grade_change"), nullptr);
    EXPECT_EQ(run.decision(row("N"), "grade")->value, "见习");
    EXPECT_EQ(run.state["below_standard_streak"][row("W")], 1);
    EXPECT_EQ(run.state["grade_rank"][row("P")], 2);  // 见习 0, 初级 1, 中级 2, 高级 3

    // Grading for 2026 (2025 volumes), carrying the 2025 run's state.
    // P 13000 → 高级, was 中级 (state): promotion.  D 7000 → 初级, was 中级: demotion.
    // W 4500 < 5000 again → streak 2 → flag transfer.  E 11999.999 → 中级: demotion.
    // N: confirmed 2025-10-20: 2000 t < 5000 → 初级, and the seed counts it like any grading
    //    (streak 1); was 见习: confirmation.  R: probation 2025-11-10 … 2026-02-09 → still 见习.
    next_year();
    run.columns["prev_year_volume"] = {13000, 7000, 4500, 11999.999, 2000, 300};
    reward("fuel.grading", kParams, "2026");
    EXPECT_EQ(run.decision(row("P"), "grade")->value, "高级");
    EXPECT_EQ(run.decision(row("P"), "grade_change")->value, "promotion");
    EXPECT_EQ(run.decision(row("D"), "grade")->value, "初级");
    EXPECT_EQ(run.decision(row("D"), "grade_change")->value, "demotion");
    ASSERT_NE(run.decision(row("W"), "flag"), nullptr);
    EXPECT_EQ(run.decision(row("W"), "flag")->value, "transfer");
    EXPECT_EQ(run.decision(row("W"), "flag")->reason,
              "连续 2 次评级上年度销量未达初级标准 5000.000 吨 → 转岗");
    EXPECT_EQ(run.decision(row("E"), "grade")->value, "中级");
    EXPECT_EQ(run.decision(row("N"), "grade")->value, "初级");
    EXPECT_EQ(run.decision(row("N"), "grade_change")->value, "confirmation");
    EXPECT_EQ(
        run.decision(row("N"), "grade")->reason,
        "2025 年销量 2000.000 吨 < 初级标准 5000.000 吨 → 按初级定级（连续第 1 次未达初级标准）（上次定级 "
        "见习 → 初级，转正）");
    EXPECT_EQ(run.state["below_standard_streak"][row("N")], 1);
    EXPECT_EQ(run.decision(row("R"), "grade")->value, "见习");
    EXPECT_EQ(run.decision(row("R"), "grade")->reason,
              "见习：入职 2025-11-10，见习期 3 个月至 2026-02-09（上次定级 见习，维持）");
    EXPECT_EQ(run.decision(row("R"), "flag"), nullptr);
}

TEST_F(GradingTest, MeetingTheStandardAgainResetsTheStreak) {
    run.columns["prev_year_volume"] = {9000, 10000, 4000, 12000, 0, 0};
    reward("fuel.grading", kParams, "2025");
    next_year();
    // W 5000 = the 初级 standard: met, streak back to 0, no flag.
    run.columns["prev_year_volume"] = {9000, 10000, 5000, 12000, 0, 0};
    reward("fuel.grading", kParams, "2026");
    EXPECT_EQ(run.decision(row("W"), "flag"), nullptr);
    EXPECT_EQ(run.state["below_standard_streak"][row("W")], 0);
}

TEST_F(GradingTest, PromotionNeedsTrainingPoints) {
    // P reaches 中级 by volume but has 30 < 40 points: keeps 初级. D (demotion) is not gated.
    std::string params = kParams;
    params.insert(params.rfind('}'), R"(, "training": "training_points", "min_training_points": 40)");
    run.columns["prev_year_volume"] = {9000, 10000, 4000, 12000, 0, 0};
    run.columns["training_points"] = {30, 0, 50, 50, 0, 0};
    reward("fuel.grading", params, "2025");
    EXPECT_EQ(run.decision(row("P"), "grade")->value, "初级");
    EXPECT_EQ(run.decision(row("P"), "grade_change"), nullptr);
    EXPECT_NE(run.decision(row("P"), "grade")->reason.find("培训积分 30.0 < 晋级所需 40.0，维持初级"),
              std::string::npos);
    EXPECT_EQ(run.decision(row("D"), "grade")->value, "中级");
}

// Seed 002 篇10: "连续两年定级低于初级标准的转岗" — no exception for a first
// year begun in probation. T is hired 2024-11-04: 见习 for 3 months, to
// 2025-02-03; the business department confirms the pass on 2025-02-05, so T
// was not a confirmed manager on 1 January 2025.
class ProbationAcrossNewYear : public Fixture {
protected:
    void SetUp() override {
        Fixture::SetUp();
        manager("T", "见习", "2024-11-04");
        event("T", "probation_pass", "2025-02-05");
    }
    // Gradings for 2025 (2024 volume 300 t), 2026 (2025: 4200 t), 2027 (2026: 4600 t), each
    // carrying the previous one's state; keeps each year's grade reason and streak.
    void three_gradings(const std::string& params) {
        for (const auto& [year, tonnes] :
             {std::pair{"2025", 300.0}, std::pair{"2026", 4200.0}, std::pair{"2027", 4600.0}}) {
            auto carried = run.state;
            run = FakeRun{};
            run.prior_state = std::move(carried);
            run.columns["prev_year_volume"] = {tonnes};
            reward("fuel.grading", params, year);
            reasons.push_back(run.decision(0, "grade")->reason);
            streaks.push_back(run.state["below_standard_streak"][0].value_or(-1));
        }
    }
    std::vector<std::string> reasons;
    std::vector<double> streaks;
};

TEST_F(ProbationAcrossNewYear, TwoGradingsBelowTheJuniorStandardTransferEvenAfterAProbationAcross1January) {
    // 2025: on 2025-01-01 T is in probation → 见习, nothing counted.
    // 2026: 4200 < 5000 → 初级 (转正), first grading below the standard: streak 1.
    // 2027: 4600 < 5000 → streak 2 = transfer_after → flag transfer.
    three_gradings(kParams);
    EXPECT_EQ(streaks, (std::vector<double>{0, 1, 2}));
    EXPECT_EQ(reasons[0], "见习：入职 2024-11-04，见习期 3 个月至 2025-02-03（人员档案 见习，维持）");
    EXPECT_EQ(
        reasons[1],
        "2025 年销量 4200.000 吨 < 初级标准 5000.000 吨 → 按初级定级（连续第 1 次未达初级标准）（上次定级 "
        "见习 → 初级，转正）");
    EXPECT_EQ(run.decision(0, "grade")->value, "初级");
    ASSERT_NE(run.decision(0, "flag"), nullptr);
    EXPECT_EQ(run.decision(0, "flag")->value, "transfer");
    EXPECT_EQ(run.decision(0, "flag")->reason, "连续 2 次评级上年度销量未达初级标准 5000.000 吨 → 转岗");
}

TEST_F(ProbationAcrossNewYear, TheExemptionForAPartialYearIsAnOptIn) {
    // exempt_partial_year: 2026's grading (2025 volume; confirmed 2025-02-05 > 2025-01-01) is not
    // counted: streak 0; 2027's is the first: streak 1 < 2 → no flag.
    std::string params = kParams;
    params.insert(params.rfind('}'), R"(, "exempt_partial_year": true)");
    three_gradings(params);
    EXPECT_EQ(streaks, (std::vector<double>{0, 0, 1}));
    EXPECT_EQ(reasons[1],
              "2025 年销量 4200.000 吨 < 初级标准 5000.000 吨 → 按初级定级（2025-02-05 转正，上年度未满一年，"
              "不计入连续未达标次数）（上次定级 见习 → 初级，转正）");
    EXPECT_EQ(run.decision(0, "flag"), nullptr);
    // Not a boolean: refused with its path.
    params = kParams;
    params.insert(params.rfind('}'), R"(, "exempt_partial_year": "yes")");
    try {
        reward("fuel.grading", params, "2026");
        FAIL() << "expected an error";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("exempt_partial_year"), std::string::npos) << e.what();
    }
}

TEST_F(GradingTest, StandardsMustDescend) {
    try {
        reward("fuel.grading",
               R"({"volume": "v", "standards": [{"grade": "中级", "min_tonnes": 5000},
                                                {"grade": "初级", "min_tonnes": 8000}]})",
               "2025");
        FAIL() << "expected an error";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("params.standards[1].min_tonnes: standards must descend"),
                  std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace fuel_test
