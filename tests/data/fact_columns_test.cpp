// The aggregations read each metric once as columns (fact_columns.hpp) and
// merge them with the assignments by customer id. These cases pin down the
// edges of that merge and of the date bounds cut out of each customer's
// facts: a balance the day before the period and on its first day, facts
// after the period, ids whose binary order differs from their numeric order,
// customers with facts but no manager, and one services object answering
// several periods and aggregations from the same columns.
#include <gtest/gtest.h>

#include "data/fact_columns.hpp"
#include "data/workspace_data_services.hpp"
#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

class FactColumnsEdges : public ::testing::Test {
protected:
    void SetUp() override {
        s.write("org_units.csv", "id,name\nB1,Branch\n");
        s.write("managers.csv", "id,name,org_unit_id\nM1,Wang,B1\nM2,Li,B1\n");
        // Binary order of the ids: C1 < C10 < C2 < C3 (C10 sorts between
        // C1 and C2). C3 has facts but no assignment.
        s.write("customers.csv", "id\nC1\nC10\nC2\nC3\n");
        s.write("assignments.csv",
                "customer_id,manager_id\n"
                "C1,M1\n"
                "C10,M2\n"
                "C2,M1\n");
        s.write("metrics.csv", "metric,kind\ndeposit,stock\nloans,flow\n");
        s.write("facts.csv",
                "entity,entity_id,metric,date,value\n"
                // C1: 30 June 100 (the day before July), 1 July 400 (the
                // period's first day replaces the carry-in at once), 1 August
                // 900 (after July: never part of July's figures).
                "customer,C1,deposit,2026-06-30,100\n"
                "customer,C1,deposit,2026-07-01,400\n"
                "customer,C1,deposit,2026-08-01,900\n"
                // C10: only 30 June 62: carried through all of July.
                "customer,C10,deposit,2026-06-30,62\n"
                // C2: first value on 31 July, the period's last day.
                "customer,C2,deposit,2026-07-31,31\n"
                // C3: no one holds it; its balance counts for no one.
                "customer,C3,deposit,2026-07-01,5000\n"
                // Flows on the period's first and last day count; the day
                // before and the day after do not.
                "customer,C1,loans,2026-06-30,1\n"
                "customer,C1,loans,2026-07-01,10\n"
                "customer,C1,loans,2026-07-31,100\n"
                "customer,C1,loans,2026-08-01,1000\n"
                "customer,C10,loans,2026-07-15,7\n");
        import_directory(s.ws(), s.dir(), {});
    }

    struct Column {
        std::vector<double> values;
        std::vector<unsigned char> valid;
    };

    Column facts(const char* metric, merit_aggregation aggregation, const char* period = nullptr) {
        merit_fact_query q{};
        q.struct_size = sizeof q;
        q.metric = metric;
        q.aggregation = aggregation;
        q.source = MERIT_SOURCE_CUSTOMERS;
        q.period = period;
        Column c{std::vector<double>(2, -1), std::vector<unsigned char>(2, 9)};
        services.fact_aggregate(scope, q, c.values.data(), c.valid.data());
        return c;
    }

    ScratchWorkspace s;
    const char* ids[2] = {"M1", "M2"};
    merit_scope scope{
        sizeof(merit_scope), 2,           ids, nullptr, nullptr, nullptr, nullptr, nullptr, "2026-07",
        "2026-07-01",        "2026-07-31"};
    WorkspaceDataServices services{s.ws()};
};

constexpr double kEps = 1e-9;

TEST_F(FactColumnsEdges, ColumnsHoldEveryFactInBinaryIdOrder) {
    const FactColumns columns = load_fact_columns(s.ws().db(), "customer", "deposit");
    EXPECT_EQ(columns.ids, (std::vector<std::string>{"C1", "C10", "C2", "C3"}));
    ASSERT_EQ(columns.of(0).size(), 3u);  // C1's three balances, oldest first
    EXPECT_EQ(columns.of(0)[0].value, 100);
    EXPECT_EQ(columns.of(0)[2].value, 900);
    EXPECT_EQ(columns.of(0)[1].day - columns.of(0)[0].day, 1);  // 30 June -> 1 July
    EXPECT_EQ(columns.of(3)[0].value, 5000);
}

TEST_F(FactColumnsEdges, DailyAverageAcrossThePeriodStart) {
    // M1 holds C1 and C2. C1: 400 from 1 July on (30 June's 100 is replaced
    // on the first day; 1 August's 900 is after July): 31*400/31 = 400.
    // C2: 0 on 1-30 July, 31 on the 31st: 31/31 = 1. M1 = 401.
    // M2 holds C10: 62 carried from 30 June through all 31 days = 62.
    // C3's 5000 reaches no one.
    const Column july = facts("deposit", MERIT_AGG_DAILY_AVG);
    EXPECT_NEAR(july.values[0], 401, kEps);
    EXPECT_NEAR(july.values[1], 62, kEps);
    EXPECT_EQ(july.valid, (std::vector<unsigned char>{1, 1}));
}

TEST_F(FactColumnsEdges, SameColumnsAnswerOtherPeriodsAndAggregations) {
    // June from the same services object (the columns are already read):
    // C1 holds 100 on 30 June only: 100/30; C2 has no value yet; C10's 62 on
    // 30 June: 62/30.
    const Column june = facts("deposit", MERIT_AGG_DAILY_AVG, "2026-06");
    EXPECT_NEAR(june.values[0], 100.0 / 30, kEps);
    EXPECT_NEAR(june.values[1], 62.0 / 30, kEps);
    // End of July: C1 400 + C2 31 = 431 for M1; C10 62 for M2.
    const Column end = facts("deposit", MERIT_AGG_END);
    EXPECT_EQ(end.values, (std::vector<double>{431, 62}));
    // End of August: C1's 900 + C2's 31 = 931.
    const Column august = facts("deposit", MERIT_AGG_END, "2026-08");
    EXPECT_EQ(august.values, (std::vector<double>{931, 62}));
    // Month-end high before August: the month ends of June and July.
    // M1: 30 June C1 100 (C2 has no value yet) = 100; 31 July 400 + 31 =
    // 431; high 431. M2: 62 at both = 62.
    const Column high = facts("deposit", MERIT_AGG_MAX_END, "2026-08");
    EXPECT_EQ(high.values, (std::vector<double>{431, 62}));
}

TEST_F(FactColumnsEdges, FlowsKeepBothEndsOfThePeriod) {
    // C1's July loans: 10 on the 1st + 100 on the 31st = 110 (1 on 30 June
    // and 1000 on 1 August are outside). C10: 7.
    const Column sum = facts("loans", MERIT_AGG_SUM);
    EXPECT_EQ(sum.values, (std::vector<double>{110, 7}));
    const Column count = facts("loans", MERIT_AGG_COUNT);
    EXPECT_EQ(count.values, (std::vector<double>{2, 1}));
}

TEST_F(FactColumnsEdges, AMetricWithoutFactsGivesNoValue) {
    const Column none = facts("fees", MERIT_AGG_SUM);
    EXPECT_EQ(none.valid, (std::vector<unsigned char>{0, 0}));
    EXPECT_EQ(none.values, (std::vector<double>{0, 0}));
}

}  // namespace
}  // namespace merit
