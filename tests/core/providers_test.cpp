// The core indicator providers: what they ask the host for and what they
// compute from it, with hand-set data.
#include "core_fixture.hpp"

namespace merit::core_test {
namespace {

using std::nullopt;

TEST_F(CorePlugin, FactAggregateSumsAMetricForTheRunPeriod) {
    // The host answers revenue sum (aggregation 0) for 2026-Q2: m1 1200, m2 no rows; divisor 100 -> 12,
    // and 0 for m2: a flow over no rows is 0 for a manager in scope (issue 22, rule 1).
    data_.facts["revenue|0|2026-Q2|"] = {{"m1", 1200}};
    Scope scope({"m1", "m2"});
    const auto v = provide("core.fact_aggregate", R"({"metric": "revenue", "divisor": 100})", scope);
    EXPECT_EQ(v[0], 12.0);
    EXPECT_EQ(v[1], 0.0);
    EXPECT_TRUE(trace_.noted(1, "nothing booked in the period: 0"));
}

TEST_F(CorePlugin, FlowWithNoRowsIsZeroStockStaysNullUnlessTheSchemeSaysOtherwise) {
    // Complaints (a flow): m1 has 2 in the quarter, m2 none -> 2 and 0, so a lower-is-better
    // scorer (best 0) gives m2 full marks instead of the 0 a null would get.
    data_.facts["complaints|0|2026-Q2|"] = {{"m1", 2}};
    // Loan balance at the end of June (a stock): m2 has no known balance -> stays null.
    data_.facts["loan_balance|1|2026-Q2|"] = {{"m1", 5000}};
    Scope scope({"m1", "m2"});
    auto flow = provide("core.fact_aggregate", R"({"metric": "complaints"})", scope);
    EXPECT_EQ(flow[0], 2.0);
    EXPECT_EQ(flow[1], 0.0);
    auto stock = provide("core.fact_aggregate", R"({"metric": "loan_balance", "aggregation": "end"})", scope);
    EXPECT_EQ(stock[0], 5000.0);
    EXPECT_EQ(stock[1], nullopt);
    // Per indicator the scheme overrides either way.
    flow = provide("core.fact_aggregate", R"({"metric": "complaints", "missing": "null"})", scope);
    EXPECT_EQ(flow[1], nullopt);
    stock = provide("core.fact_aggregate",
                    R"({"metric": "loan_balance", "aggregation": "end", "missing": "zero"})", scope);
    EXPECT_EQ(stock[1], 0.0);
    EXPECT_EQ(create_error("core.fact_aggregate", R"({"metric": "x", "missing": "none"})"),
              "core.fact_aggregate: create: params.missing: 'none' is not one of zero, null");
    // Target completion over a flow: no sales against a target of 500 is 0 / 500 = 0%, not null.
    data_.targets["complaints|2026-Q2"] = {{"m1", 4}, {"m2", 4}};
    const auto completion =
        provide("core.target_completion", R"({"metric": "complaints", "target": "complaints"})", scope);
    EXPECT_EQ(completion[0], 0.5);
    EXPECT_EQ(completion[1], 0.0);
}

TEST_F(CorePlugin, RankPercentileKeepsManagersWithNoBookings) {
    // ict revenue in one unit: m1 300, m2 100, m3 nothing booked. As 0, m3 stays in the group
    // (n = 3): m1 2 of 2 worse -> 100, m2 1 of 2 -> 50, m3 0 of 2 -> 0. Had m3 been null the
    // group would be n = 2 and m2 would drop to 0.
    data_.facts["ict|0|2026-Q2|"] = {{"m1", 300}, {"m2", 100}};
    Scope scope({"m1", "m2", "m3"});
    const auto v = provide("core.fact_aggregate", R"({"metric": "ict"})", scope);
    ASSERT_EQ(v[2], 0.0);
    EXPECT_EQ(score("core.rank_percentile", R"({"group": "all"})", v), (std::vector<double>{100, 50, 0}));
}

TEST_F(CorePlugin, FactAggregateGrowthAgainstThePreviousPeriod) {
    // Daily average (aggregation 2) of a segment, Q2 vs Q1 (the host's period arithmetic):
    //   m1 current 1100, base 1000 -> relative (1100−1000)/1000 = 0.1
    //   m2 current 900,  base 0    -> null (base 0), m3 current 500, no base -> null.
    data_.facts["balance|2|2026-Q2|vip"] = {{"m1", 1100}, {"m2", 900}, {"m3", 500}};
    data_.facts["balance|2|2026-Q1|vip"] = {{"m1", 1000}, {"m2", 0}};
    Scope scope({"m1", "m2", "m3"});
    const auto v = provide("core.fact_aggregate",
                           R"({"metric": "balance", "aggregation": "daily_avg", "segment": "vip",
                               "compare": "previous", "change": "relative"})",
                           scope);
    EXPECT_DOUBLE_EQ(*v[0], 0.1);
    EXPECT_EQ(v[1], nullopt);
    EXPECT_EQ(v[2], nullopt);
    // Both sides are traced for explain.
    EXPECT_EQ(trace_.columns.at("balance daily_avg segment vip 2026-Q1 (base)")[0], 1000.0);
    EXPECT_EQ(trace_.columns.at("balance daily_avg segment vip 2026-Q2 (current)")[0], 1100.0);
    EXPECT_TRUE(trace_.noted(1, "the base 2026-Q1 is 0"));
}

TEST_F(CorePlugin, FactAggregateAbsoluteGrowthAgainstTheSamePeriodLastYear) {
    // end balance (aggregation 1), 2026-Q2 vs 2025-Q2: 5000 − 3500 = 1500.
    data_.facts["balance|1|2026-Q2|"] = {{"m1", 5000}};
    data_.facts["balance|1|2025-Q2|"] = {{"m1", 3500}};
    Scope scope({"m1"});
    const auto v = provide("core.fact_aggregate",
                           R"({"metric": "balance", "aggregation": "end", "compare": "year_ago"})", scope);
    EXPECT_EQ(v[0], 1500.0);
}

TEST_F(CorePlugin, FactAggregateRejectsAnUnknownAggregation) {
    EXPECT_EQ(create_error("core.fact_aggregate", R"({"metric": "x", "aggregation": "median"})"),
              "core.fact_aggregate: create: params.aggregation: 'median' is not one of sum, end, daily_avg, "
              "xun_avg, "
              "max_end, count");
}

TEST_F(CorePlugin, EventCountAddsSeveralKinds) {
    // quantity (measure 1) of visit + call: m1 3 + 2 = 5, m2 0 + 4 = 4.
    data_.events["visit|1"] = {{"m1", 3}};
    data_.events["call|1"] = {{"m1", 2}, {"m2", 4}};
    Scope scope({"m1", "m2"});
    const auto v =
        provide("core.event_count", R"({"kind": ["visit", "call"], "measure": "quantity"})", scope);
    EXPECT_EQ(v[0], 5.0);
    EXPECT_EQ(v[1], 4.0);
    EXPECT_EQ(trace_.columns.at("events call")[1], 4.0);
}

TEST_F(CorePlugin, TargetCompletionFromAMetric) {
    // revenue 450 / target 500 = 0.9; m2 has no target -> null; m3 target 0 -> null.
    data_.facts["revenue|0|2026-Q2|"] = {{"m1", 450}, {"m2", 300}, {"m3", 10}};
    data_.targets["revenue|2026-Q2"] = {{"m1", 500}, {"m3", 0}};
    Scope scope({"m1", "m2", "m3"});
    const auto v = provide("core.target_completion", R"({"metric": "revenue", "target": "revenue"})", scope);
    EXPECT_DOUBLE_EQ(*v[0], 0.9);
    EXPECT_EQ(v[1], nullopt);
    EXPECT_EQ(v[2], nullopt);
    EXPECT_EQ(trace_.columns.at("target (revenue)")[0], 500.0);
    EXPECT_TRUE(trace_.noted(1, "no target 'revenue'"));
}

TEST_F(CorePlugin, TargetCompletionFromAnotherIndicator) {
    // actual = the run's "new_lines" column: 18 / target 24 = 0.75.
    run_.columns["new_lines"] = {{"m1", 18}};
    data_.targets["new_lines|2026-Q2"] = {{"m1", 24}};
    Scope scope({"m1"});
    const auto v =
        provide("core.target_completion", R"({"actual": "new_lines", "target": "new_lines"})", scope);
    EXPECT_DOUBLE_EQ(*v[0], 0.75);
    EXPECT_EQ(create_error("core.target_completion", R"({"target": "x"})"),
              "core.target_completion: create: params.metric: required (or give actual: an indicator id)");
}

TEST_F(CorePlugin, RatingAverageRenormalisesOverTheRolesPresent) {
    // supervisor 50, peer 30, customer 20.
    //   m1: 90, 80, 70 -> (50×90 + 30×80 + 20×70) / 100 = (4500 + 2400 + 1400) / 100 = 83
    //   m2: 90, —, 60  -> (50×90 + 20×60) / 70 = 5700 / 70 = 81.428571...
    //   m3: none       -> null
    data_.ratings["supervisor|*"] = {{"m1", 90}, {"m2", 90}};
    data_.ratings["peer|*"] = {{"m1", 80}};
    data_.ratings["customer|*"] = {{"m1", 70}, {"m2", 60}};
    Scope scope({"m1", "m2", "m3"});
    const auto v =
        provide("core.rating_average", R"({"roles": {"supervisor": 50, "peer": 30, "customer": 20}})", scope);
    EXPECT_DOUBLE_EQ(*v[0], 83);
    EXPECT_DOUBLE_EQ(*v[1], 5700.0 / 70);
    EXPECT_EQ(v[2], nullopt);
    EXPECT_TRUE(trace_.noted(1, "no ratings from peer"));
}

TEST_F(CorePlugin, SqlIndicatorBindsThePeriodAndMapsRows) {
    // Rows: m2 7, m9 (not in scope) 1, m1 null; m3 no row -> missing 0.
    data_.rows = {{"m2", 7.0}, {"m9", 1.0}, {"m1", std::nullopt}};
    Scope scope({"m1", "m2", "m3"});
    const auto v =
        provide("core.sql", R"({"query": "SELECT manager_id, n FROM t WHERE d BETWEEN ?1 AND ?2 AND p = ?3",
                                          "missing": 0})",
                scope);
    EXPECT_EQ(v[0], nullopt);
    EXPECT_EQ(v[1], 7.0);
    EXPECT_EQ(v[2], 0.0);
    EXPECT_EQ(data_.last_params, (std::vector<std::string>{"2026-04-01", "2026-06-30", "2026-Q2"}));
}

TEST_F(CorePlugin, SqlIndicatorBindsOnlyTheParametersItUses) {
    // The host refuses a bound parameter the SQL does not use: ?2 only -> ?1 and ?2 bound; '?9' in quotes is
    // text.
    data_.rows = {{"m1", 1.0}};
    Scope scope({"m1"});
    provide("core.sql", R"({"query": "SELECT manager_id, 1 FROM t WHERE d <= ?2 AND note <> '?9'"})", scope);
    EXPECT_EQ(data_.last_params, (std::vector<std::string>{"2026-04-01", "2026-06-30"}));
    EXPECT_EQ(
        create_error("core.sql", R"({"query": "SELECT manager_id, 1 FROM t WHERE d = ?4"})"),
        "core.sql: create: params.query: at position 39: ?4 does not exist (?1 first day, ?2 last day, ?3 "
        "period)");
}

TEST_F(CorePlugin, SqlIndicatorRefusesTwoRowsForOneManager) {
    data_.rows = {{"m1", 1.0}, {"m1", 2.0}};
    Scope scope({"m1"});
    try {
        provide("core.sql", R"({"query": "SELECT 1"})", scope);
        FAIL() << "no error";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("params.query: returned two rows for manager m1"),
                  std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace merit::core_test
