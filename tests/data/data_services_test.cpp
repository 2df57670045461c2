// The host's data services against figures computed by hand from the rules
// (fact_aggregation.hpp): carry-forward, daily and 旬 averages over July 2026
// with gaps and a mid-month reassignment, shares over several managers,
// segment and role filters, month-end highs, events, targets and ratings.
#include <gtest/gtest.h>

#include "data/july_data.hpp"
#include "data/workspace_data_services.hpp"
#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

// Scope: M1..M4 (M4 is a risk manager), period July 2026 (31 days); the
// data is in july_data.hpp.
class DataServices : public ::testing::Test {
protected:
    void SetUp() override { write_july_data(s); }

    struct Column {
        std::vector<double> values;
        std::vector<unsigned char> valid;
    };

    Column facts(const char* metric, merit_aggregation aggregation,
                 merit_fact_source source = MERIT_SOURCE_CUSTOMERS, const char* segment = nullptr,
                 const char* role = nullptr, bool shares = false, const char* period = nullptr) {
        merit_fact_query q{};
        q.struct_size = sizeof q;
        q.metric = metric;
        q.aggregation = aggregation;
        q.source = source;
        q.segment = segment;
        q.assignment_role = role;
        q.use_shares = shares ? 1 : 0;
        q.period = period;
        Column c{std::vector<double>(4, -1), std::vector<unsigned char>(4, 9)};
        services.fact_aggregate(scope, q, c.values.data(), c.valid.data());
        return c;
    }

    ScratchWorkspace s;
    const char* ids[4] = {"M1", "M2", "M3", "M4"};
    merit_scope scope{
        sizeof(merit_scope), 4,           ids, nullptr, nullptr, nullptr, nullptr, nullptr, "2026-07",
        "2026-07-01",        "2026-07-31"};
    WorkspaceDataServices services{s.ws()};
};

constexpr double kEps = 1e-9;

TEST_F(DataServices, DailyAverageSplitsAtTheReassignment) {
    // C1's July balances: 1-4 July carry June's 100, 5-19 hold 200, 20-31
    // hold 50: 4*100 + 15*200 + 12*50 = 4000.
    // M1 holds C1 on 1-15 July: 4*100 + 11*200 = 2600 -> 2600/31.
    // M2 holds it on 16-31 July: 4*200 + 12*50 = 1400 -> 1400/31.
    auto vip = facts("deposit", MERIT_AGG_DAILY_AVG, MERIT_SOURCE_CUSTOMERS, "vip");
    EXPECT_NEAR(vip.values[0], 2600.0 / 31, kEps);
    EXPECT_NEAR(vip.values[1], 1400.0 / 31, kEps);
    EXPECT_NEAR(vip.values[0] + vip.values[1], 4000.0 / 31, kEps);
    EXPECT_EQ(vip.valid, (std::vector<unsigned char>{1, 1, 0, 0}));
    EXPECT_EQ(vip.values[2], 0);

    // C2 has no value before 11 July: 0 on 1-10 July, 310 on 11-31 (21 days)
    // -> 21*310/31 = 210 per full holder; with shares 0.6*210 = 126 and
    // 0.4*210 = 84 (M3 is a co-owner, counted by default).
    auto retail = facts("deposit", MERIT_AGG_DAILY_AVG, MERIT_SOURCE_CUSTOMERS, "retail", nullptr, true);
    EXPECT_NEAR(retail.values[0], 126, kEps);
    EXPECT_NEAR(retail.values[2], 84, kEps);
    EXPECT_EQ(retail.valid, (std::vector<unsigned char>{1, 0, 1, 0}));

    // All segments, no shares: M1 = 2600/31 + 210; M2 = 1400/31; M3 = 210.
    auto all = facts("deposit", MERIT_AGG_DAILY_AVG);
    EXPECT_NEAR(all.values[0], 2600.0 / 31 + 210, kEps);
    EXPECT_NEAR(all.values[1], 1400.0 / 31, kEps);
    EXPECT_NEAR(all.values[2], 210, kEps);
    // M4 co-signs C1 only as "risk": not an owner, so nothing by default...
    EXPECT_EQ(all.valid[3], 0);
    // ...but the whole of C1 when asking for the risk role: 4000/31.
    auto risk = facts("deposit", MERIT_AGG_DAILY_AVG, MERIT_SOURCE_CUSTOMERS, nullptr, "risk");
    EXPECT_NEAR(risk.values[3], 4000.0 / 31, kEps);
    EXPECT_EQ(risk.valid, (std::vector<unsigned char>{0, 0, 0, 1}));
}

TEST_F(DataServices, EndBalanceUsesTheAssignmentOfTheLastDay) {
    // 31 July: C1 holds 50 (since the 20th) and belongs to M2; C2 holds 310,
    // split 0.6 / 0.4 with shares. M1 no longer holds C1.
    auto end = facts("deposit", MERIT_AGG_END, MERIT_SOURCE_CUSTOMERS, nullptr, nullptr, true);
    EXPECT_NEAR(end.values[0], 0.6 * 310, kEps);
    EXPECT_NEAR(end.values[1], 50, kEps);
    EXPECT_NEAR(end.values[2], 0.4 * 310, kEps);
    EXPECT_EQ(end.valid, (std::vector<unsigned char>{1, 1, 1, 0}));
    // End of June (period given explicitly): C1 = 100 (20 June), M1's alone.
    auto june = facts("deposit", MERIT_AGG_END, MERIT_SOURCE_CUSTOMERS, "vip", nullptr, false, "2026-06");
    EXPECT_NEAR(june.values[0], 100, kEps);
    EXPECT_EQ(june.valid, (std::vector<unsigned char>{1, 0, 0, 0}));
}

TEST_F(DataServices, XunAverageIsTheMeanOfTheThreeXun) {
    // C1 in July: 旬1 (1-10): 4*100 + 6*200 = 1600 -> 160;
    // 旬2 (11-20): 9*200 + 50 = 1850 -> 185; 旬3 (21-31, 11 days): 50.
    // Mean (160 + 185 + 50) / 3 = 131.67. Split by holder:
    // M1 (1-15): 1600/10/3 + 5*200/10/3 = 53.33 + 33.33 = 86.67 (= 260/3);
    // M2 (16-31): (4*200 + 50)/10/3 + 550/11/3 = 28.33 + 16.67 = 45.
    auto xun = facts("deposit", MERIT_AGG_XUN_AVG, MERIT_SOURCE_CUSTOMERS, "vip");
    EXPECT_NEAR(xun.values[0], 260.0 / 3, kEps);
    EXPECT_NEAR(xun.values[1], 45, kEps);
    EXPECT_NEAR(xun.values[0] + xun.values[1], 395.0 / 3, kEps);
}

TEST_F(DataServices, MonthEndHighBeforeThePeriod) {
    // C1's month ends before July: April 80, May 300, June 100 -> high 300,
    // all while M1 held it. M2 only holds it from 16 July: no month end.
    auto high = facts("deposit", MERIT_AGG_MAX_END, MERIT_SOURCE_CUSTOMERS, "vip");
    EXPECT_NEAR(high.values[0], 300, kEps);
    EXPECT_EQ(high.valid, (std::vector<unsigned char>{1, 0, 0, 0}));
}

TEST_F(DataServices, FlowsCountInsideTheirAssignmentWindow) {
    // Loans in July: C1 1000 on the 10th (M1's), 500 on the 16th (M2's);
    // C2 100 on the 31st (M1 0.6, M3 0.4); C3 1000 on the 2nd (M1 0.5,
    // M2 0.3, M3 0.2). 999 on 30 June is outside the period.
    auto sum = facts("loans", MERIT_AGG_SUM);
    EXPECT_NEAR(sum.values[0], 1000 + 100 + 1000, kEps);
    EXPECT_NEAR(sum.values[1], 500 + 1000, kEps);
    EXPECT_NEAR(sum.values[2], 100 + 1000, kEps);
    EXPECT_EQ(sum.valid, (std::vector<unsigned char>{1, 1, 1, 0}));
    auto shared = facts("loans", MERIT_AGG_SUM, MERIT_SOURCE_CUSTOMERS, nullptr, nullptr, true);
    EXPECT_NEAR(shared.values[0], 1000 + 60 + 500, kEps);
    EXPECT_NEAR(shared.values[1], 500 + 300, kEps);
    EXPECT_NEAR(shared.values[2], 40 + 200, kEps);
    // Shares of each customer add up to the customer's total: 1000 + 500 +
    // 100 + 1000 = 2600.
    EXPECT_NEAR(shared.values[0] + shared.values[1] + shared.values[2], 2600, kEps);
    // Only co-owned business: C2's 100 for M3, C3's 1000 for M2 and M3.
    auto co = facts("loans", MERIT_AGG_SUM, MERIT_SOURCE_CUSTOMERS, nullptr, "co_owner");
    EXPECT_EQ(co.valid, (std::vector<unsigned char>{0, 1, 1, 0}));
    EXPECT_NEAR(co.values[1], 1000, kEps);
    EXPECT_NEAR(co.values[2], 1100, kEps);
    // COUNT: rows, never null: M1 3, M2 2, M3 2, M4 0.
    auto count = facts("loans", MERIT_AGG_COUNT);
    EXPECT_EQ(count.values, (std::vector<double>{3, 2, 2, 0}));
    EXPECT_EQ(count.valid, (std::vector<unsigned char>{1, 1, 1, 1}));
}

TEST_F(DataServices, ManagerFactsAndBoth) {
    // M1's own fees: 3 + 4 = 7; C2's fee 10 reaches M1 and M3 (no shares).
    auto own = facts("fee", MERIT_AGG_SUM, MERIT_SOURCE_MANAGER);
    EXPECT_EQ(own.values, (std::vector<double>{7, 0, 0, 0}));
    EXPECT_EQ(own.valid, (std::vector<unsigned char>{1, 0, 0, 0}));
    auto both = facts("fee", MERIT_AGG_SUM, MERIT_SOURCE_BOTH);
    EXPECT_EQ(both.values, (std::vector<double>{17, 0, 10, 0}));
    EXPECT_EQ(both.valid, (std::vector<unsigned char>{1, 0, 1, 0}));
}

TEST_F(DataServices, Events) {
    auto events = [&](const char* kind, merit_event_measure measure) {
        merit_event_query q{sizeof(merit_event_query), kind, measure, nullptr};
        std::vector<double> out(4, -1);
        services.event_aggregate(scope, q, out.data());
        return out;
    };
    // M1's July visits: 2 records, quantity 1 (default) + 3 = 4. M2's visit
    // is in August.
    EXPECT_EQ(events("visit", MERIT_EVENT_COUNT), (std::vector<double>{2, 0, 0, 0}));
    EXPECT_EQ(events("visit", MERIT_EVENT_QUANTITY), (std::vector<double>{4, 0, 0, 0}));
    EXPECT_EQ(events(nullptr, MERIT_EVENT_COUNT), (std::vector<double>{3, 0, 0, 0}));
    EXPECT_EQ(events(nullptr, MERIT_EVENT_AMOUNT), (std::vector<double>{50.5, 0, 0, 0}));
}

TEST_F(DataServices, TargetsAndRatings) {
    std::vector<double> out(4, -1);
    std::vector<unsigned char> valid(4, 9);
    services.target_values(scope, "deposit_avg", "2026-Q3", out.data(), valid.data());
    EXPECT_EQ(out, (std::vector<double>{500, 0, 0, 0}));
    EXPECT_EQ(valid, (std::vector<unsigned char>{1, 0, 0, 0}));
    services.target_values(scope, "deposit_avg", nullptr, out.data(), valid.data());  // the run's: 2026-07
    EXPECT_EQ(out, (std::vector<double>{0, 90, 0, 0}));
    EXPECT_EQ(valid, (std::vector<unsigned char>{0, 1, 0, 0}));

    // All of M1's July ratings: (95 + 90 + 70 + 60) / 4 = 78.75; peers on
    // attitude (90 + 70) / 2 = 80; the supervisor 95.
    services.rating_average(scope, nullptr, nullptr, nullptr, out.data(), valid.data());
    EXPECT_EQ(out[0], 78.75);
    EXPECT_EQ(valid, (std::vector<unsigned char>{1, 0, 0, 0}));
    services.rating_average(scope, "peer", "attitude", nullptr, out.data(), valid.data());
    EXPECT_EQ(out[0], 80);
    services.rating_average(scope, "supervisor", nullptr, nullptr, out.data(), valid.data());
    EXPECT_EQ(out[0], 95);
    services.rating_average(scope, nullptr, "skill", "2026-06", out.data(), valid.data());
    EXPECT_EQ(valid[0], 0);
}

TEST_F(DataServices, BadQueriesAreClearErrors) {
    merit_fact_query q{};
    q.struct_size = sizeof q;
    q.metric = "deposit";
    q.aggregation = MERIT_AGG_SUM;
    q.period = "2026-13";
    std::vector<double> out(4);
    std::vector<unsigned char> valid(4);
    EXPECT_THROW(services.fact_aggregate(scope, q, out.data(), valid.data()), UserError);
    q.period = nullptr;
    q.segment = " , ";
    EXPECT_THROW(services.fact_aggregate(scope, q, out.data(), valid.data()), UserError);
}

}  // namespace
}  // namespace merit
