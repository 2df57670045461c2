// Sales commission = Σ over customer types of tonnes × the per-tonne rate of
// the completion band (seed 002 篇10 4.6.2). Figures worked by hand below.
#include "fuel/fuel_harness.hpp"

namespace fuel_test {
namespace {

// Bands: <80% | 80%-100% | 100%-120% | ≥120%; yuan per tonne per band.
const std::string kParams = R"({
  "completion": "task_completion",
  "bands": [{"label": "<80%", "min": 0}, {"label": "80%-100%", "min": 0.8},
            {"label": "100%-120%", "min": 1.0}, {"label": ">=120%", "min": 1.2}],
  "rates": {"加油站": [8, 10, 12, 14], "工矿企业": [5, 6, 7, 8], "*": [2, 2, 3, 3]}
})";

class Commission : public Fixture {
protected:
    void SetUp() override {
        Fixture::SetUp();
        manager("A", "初级", "2018-03-01");
        manager("B", "中级", "2016-05-01");
        manager("C", "见习", "2025-05-20");
        manager("D", "初级", "2019-01-01");
        customer("GS1", "加油站", "A");
        customer("GS2", "加油站", "A");
        customer("IN1", "工矿企业", "A");
        customer("GS3", "加油站", "B");
        customer("IN2", "工矿企业", "B");
        customer("AG1", "农业", "B");
        customer("GS4", "加油站", "C");
        customer("IN3", "工矿企业", "D");
        sale("GS1", "2025-06-30", 200.5);
        sale("GS2", "2025-06-30", 100);
        sale("IN1", "2025-06-30", 120.25);
        sale("GS1", "2025-05-31", 999);  // another month: never counted in June
        sale("GS3", "2025-06-30", 210);
        sale("IN2", "2025-06-30", 99.999);
        sale("AG1", "2025-06-30", 40);
        sale("GS4", "2025-06-30", 10);
        sale("IN3", "2025-06-30", 0.125);
        target("A", "2025-06", 450);  // 420.75 / 450 = 0.935
        target("B", "2025-06", 279.9992);
        target("D", "2025-06", 0.125);  // exactly 100%
    }
};

TEST_F(Commission, TwoCustomerTypesInTwoCompletionBands) {
    // A: 95% → band 80%-100%: 加油站 300.5 t × 10 = 3005.00; 工矿企业 120.25 t × 6 = 721.50
    //    total 3726.50 yuan = 372650 fen.
    // B: 125% → band ≥120%: 加油站 210 × 14 = 2940.00; 工矿企业 99.999 × 8 = 799.992;
    //    other types (农业) 40 × 3 = 120.00; total 3859.992 → 3859.99 yuan = 385999 fen.
    // C: no task → band 0 (<80%): 加油站 10 × 8 = 80.00 = 8000 fen.
    // D: exactly 100% → band 100%-120%: 工矿企业 0.125 × 7 = 0.875 → 0.88 (half away from zero) = 88 fen.
    run.columns["task_completion"] = {0.95, 1.25, std::nullopt, 1.0};
    reward("fuel.sales_commission", kParams, "2025-06");
    EXPECT_EQ(pay_fen("A", "commission"), 372650);
    EXPECT_EQ(pay_fen("B", "commission"), 385999);
    EXPECT_EQ(pay_fen("C", "commission"), 8000);
    EXPECT_EQ(pay_fen("D", "commission"), 88);
    EXPECT_EQ(basis("A", "commission"),
              "完成率 95.00% → 「80%-100%」档；加油站 300.500 吨 × 10.00 元/吨 = 3005.00；工矿企业 120.250 "
              "吨 × 6.00 "
              "元/吨 = 721.50；其他客户类型 0.000 吨 × 2.00 元/吨 = 0.00；合计 3726.50 元");
    EXPECT_NE(basis("C", "commission").find("无任务完成率 → 「<80%」档"), std::string::npos);
    ASSERT_TRUE(trace.columns.count("提成档(0起)"));
    EXPECT_EQ(trace.columns["提成档(0起)"][1], 3);
}

TEST_F(Commission, TaskCompletionIsTonnesOverTask) {
    // A: (200.5 + 100 + 120.25) / 450 = 420.75 / 450 = 0.935; C has no task → empty.
    const auto column = indicator("fuel.task_completion", "{}", "2025-06");
    ASSERT_TRUE(column[0].has_value());
    EXPECT_NEAR(*column[0], 0.935, 1e-12);
    EXPECT_NEAR(*column[1], 349.999 / 279.9992, 1e-12);
    EXPECT_FALSE(column[2].has_value());
    EXPECT_NEAR(*column[3], 1.0, 1e-12);
}

TEST_F(Commission, MonthlyVolumeByCustomerType) {
    // 加油站 only: A 300.5, B 210, C 10, D 0 (no station customers).
    const auto stations = indicator("fuel.monthly_volume", R"({"segments": ["加油站"]})", "2025-06");
    EXPECT_DOUBLE_EQ(*stations[0], 300.5);
    EXPECT_DOUBLE_EQ(*stations[1], 210);
    EXPECT_DOUBLE_EQ(*stations[2], 10);
    EXPECT_DOUBLE_EQ(*stations[3], 0);
    // All types for B: 210 + 99.999 + 40 = 349.999.
    const auto all = indicator("fuel.monthly_volume", "{}", "2025-06");
    EXPECT_DOUBLE_EQ(*all[1], 349.999);
}

TEST_F(Commission, SharedCustomerCountsByShare) {
    // GS5 is shared 60/40 between A and D: 50 t → A 30 t, D 20 t on top of their own.
    customer("GS5", "加油站", "A", 0.6);
    customer("GS5", "加油站", "D", 0.4);
    sale("GS5", "2025-06-15", 50);
    const auto all = indicator("fuel.monthly_volume", "{}", "2025-06");
    EXPECT_DOUBLE_EQ(*all[0], 420.75 + 30);
    EXPECT_DOUBLE_EQ(*all[3], 0.125 + 20);
}

TEST_F(Commission, BadTablesAreRejectedWithTheirPath) {
    auto create_error = [&](const std::string& params) -> std::string {
        try {
            reward("fuel.sales_commission", params, "2025-06");
        } catch (const std::exception& e) {
            return e.what();
        }
        return "";
    };
    EXPECT_NE(
        create_error(R"({"completion": "c", "bands": [{"label": "a", "min": 0}, {"label": "b", "min": 0}],
                              "rates": {"加油站": [1, 2]}})")
            .find("params.bands[1].min: bands must ascend by min"),
        std::string::npos);
    EXPECT_NE(
        create_error(R"({"completion": "c", "bands": [{"label": "a", "min": 0}, {"label": "b", "min": 1}],
                              "rates": {"加油站": [1]}})")
            .find("params.rates.加油站: must list 2 rates"),
        std::string::npos);
    EXPECT_NE(create_error(R"({"completion": "c", "bands": [{"label": "a", "min": 0}],
                              "rates": {"加油站": [-1]}})")
                  .find("params.rates.加油站[0]: must not be negative"),
              std::string::npos);
    EXPECT_NE(create_error(R"({"bands": [{"label": "a", "min": 0}], "rates": {"加油站": [1]}})")
                  .find("params.completion: required"),
              std::string::npos);
}

}  // namespace
}  // namespace fuel_test
