// Reading a stored run back (fixture_run.sql holds the hand computation).
#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "report/report_fixture.hpp"
#include "report/report_model.hpp"

namespace merit::report {
namespace {

TEST(RunData, ReadsManagersInRankOrderWithTheirLines) {
    test::FixtureWorkspace ws;
    const RunData data = load_run(ws.db(), 1);
    EXPECT_EQ(data.run.scheme_id, "fixture-scheme");
    EXPECT_EQ(data.run.scheme_title, "测试考核方案");
    EXPECT_EQ(data.run.period, "2026-Q1");
    ASSERT_EQ(data.managers.size(), 3u);
    EXPECT_EQ(data.managers[0].manager_id, "M01");
    EXPECT_EQ(data.managers[1].manager_id, "M02");
    EXPECT_EQ(data.managers[2].manager_id, "M03");

    const auto& m1 = data.managers[0];
    EXPECT_EQ(m1.org_unit_name, "城东支行");  // joined from org_units
    EXPECT_DOUBLE_EQ(m1.total, 92.0);
    EXPECT_EQ(m1.pay_fen, 623456);
    // inputs first (seq 0, 1), then the indicators in the scheme's order
    ASSERT_EQ(m1.indicators.size(), 5u);
    EXPECT_EQ(m1.indicators[0].kind, "input");
    EXPECT_EQ(m1.indicators[2].indicator, "deposit");
    // weights are the percent the table stores (60 and 50); reports print fractions
    EXPECT_DOUBLE_EQ(m1.indicators[2].dimension_weight, 60);
    EXPECT_DOUBLE_EQ(m1.indicators[2].weight, 50);
    EXPECT_DOUBLE_EQ(weight_fraction(m1.indicators[2].weight), 0.5);
    EXPECT_DOUBLE_EQ(*completion_of(m1.indicators[2]), 1.2);  // 120 / 100
    EXPECT_DOUBLE_EQ(*completion_of(m1.indicators[3]), 0.8);  // 80 / 100
    EXPECT_FALSE(completion_of(m1.indicators[4]));            // satisfaction has no target
    ASSERT_EQ(m1.dimensions.size(), 2u);
    EXPECT_EQ(m1.dimensions[0].dimension, "results");
    EXPECT_DOUBLE_EQ(m1.dimensions[1].weight, 40);
    EXPECT_EQ(m1.pay_for("commission", "commission"), 123456);
    EXPECT_EQ(m1.trace.size(), 3u);

    const auto& m3 = data.managers[2];
    EXPECT_TRUE(m3.vetoed);
    EXPECT_FALSE(m3.indicators[3].value);           // loans: no value
    EXPECT_FALSE(completion_of(m3.indicators[3]));  // so no completion either
    ASSERT_EQ(m3.decisions.size(), 1u);
    EXPECT_EQ(m3.decisions[0].value, "见习 (不变)");
}

TEST(RunData, PayColumnsFollowTheRewardsOrder) {
    test::FixtureWorkspace ws;
    const RunData data = load_run(ws.db(), 1);
    const auto columns = data.pay_columns();
    ASSERT_EQ(columns.size(), 2u);
    EXPECT_EQ(columns[0].reward, "bonus");
    EXPECT_EQ(columns[1].reward, "commission");
    const auto units = data.org_units();
    ASSERT_EQ(units.size(), 2u);
    EXPECT_EQ(units[0].second, "城东支行");
    EXPECT_EQ(units[1].second, "城西支行");
}

TEST(RunData, UnknownRunIsAnErrorNamingIt) {
    test::FixtureWorkspace ws;
    try {
        load_run(ws.db(), 99);
        FAIL() << "expected an error";
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()), "run 99: no such run in this workspace");
    }
}

TEST(ReportModel, LabelsAreChineseByDefaultAndEnglishOnRequest) {
    test::FixtureWorkspace ws;
    const Report zh = load_report(ws.db(), 1, Lang::zh);
    const Report en = load_report(ws.db(), 1, Lang::en);
    const auto& deposit = zh.data.managers[0].indicators[2];
    EXPECT_EQ(zh.indicator_label(deposit), "存款日均增量");
    EXPECT_EQ(en.indicator_label(deposit), "Deposit");
    EXPECT_EQ(zh.dimension_label("service"), "服务");
    EXPECT_EQ(en.dimension_label("service"), "Service");
    EXPECT_EQ(zh.adjustment_label(zh.data.managers[1].adjustments[0]), "有效投诉扣分");
    EXPECT_EQ(en.adjustment_label(en.data.managers[1].adjustments[0]), "Complaint deduction");
    EXPECT_EQ(zh.text().total, "总分");
    EXPECT_EQ(en.text().total, "Total");
    EXPECT_EQ(zh.title(), "测试考核方案 · 2026-Q1 · #1");
    EXPECT_EQ(zh.dimension_ids, (std::vector<std::string>{"results", "service"}));
}

}  // namespace
}  // namespace merit::report
