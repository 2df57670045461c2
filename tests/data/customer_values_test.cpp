// The per-customer service of plugin API 1.1 (customer_values): each
// customer's latest fact of a metric on or before a day, in customer-id
// (byte) order, straight from the workspace, as the banking portfolio
// rules read their books.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "data/workspace_data_services.hpp"
#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;
using Values = std::vector<std::pair<std::string, double>>;

class CustomerValues : public ::testing::Test {
protected:
    void SetUp() override {
        s.write("org_units.csv", "id,name\nB1,Branch\n");
        s.write("managers.csv", "id,name,org_unit_id\nM1,Wang,B1\n");
        s.write("customers.csv", "id\nC1\nC10\nC2\nC3\n");
        s.write("metrics.csv", "metric,kind\ndeposit,stock\naum,stock\nfee,flow\n");
        s.write("facts.csv",
                "entity,entity_id,metric,date,value\n"
                "customer,C1,deposit,2026-06-30,100\n"
                "customer,C1,deposit,2026-07-01,400\n"
                "customer,C1,deposit,2026-08-01,900\n"
                "customer,C10,deposit,2026-06-30,62\n"
                "customer,C2,deposit,2026-07-31,31\n"
                "customer,C3,aum,2026-07-01,5\n"
                "customer,C2,fee,2026-07-01,100\n"
                "customer,C2,fee,2026-07-01,25\n"
                "customer,C2,fee,2026-07-03,8\n"
                "manager,M1,deposit,2026-07-01,7\n");
        import_directory(s.ws(), s.dir(), {});
    }
    Values values(const char* metric, const char* day, size_t stop_after = 0) {
        struct Collect {
            Values out;
            size_t stop_after;
            static int add(void* user, const char* id, double value) {
                auto& self = *static_cast<Collect*>(user);
                self.out.emplace_back(id, value);
                return self.stop_after && self.out.size() >= self.stop_after ? 1 : 0;
            }
        } collect{{}, stop_after};
        services.customer_values(metric, day, &Collect::add, &collect);
        return collect.out;
    }
    ScratchWorkspace s;
    WorkspaceDataServices services{s.ws()};
};

TEST_F(CustomerValues, TheLatestValueOnOrBeforeTheDayInByteOrder) {
    // 31 July: C1's 1 July 400 (not 1 August's 900), C10's 30 June 62, C2's
    // 31 July 31; C3 has no deposit, M1's fact is a manager's.
    EXPECT_EQ(values("deposit", "2026-07-31"), (Values{{"C1", 400}, {"C10", 62}, {"C2", 31}}));
    // 30 June: only what was booked by then.
    EXPECT_EQ(values("deposit", "2026-06-30"), (Values{{"C1", 100}, {"C10", 62}}));
    EXPECT_EQ(values("deposit", "2026-06-29"), Values{});
    EXPECT_EQ(values("aum", "2026-12-31"), (Values{{"C3", 5}}));
}

TEST_F(CustomerValues, AFlowsBookingsOfTheLatestDayAreTotalled) {
    // C2's two fee bookings of 1 July (100 + 25), as a balance aggregation
    // reads a flow; from 3 July on, that day's 8.
    EXPECT_EQ(values("fee", "2026-07-02"), (Values{{"C2", 125}}));
    EXPECT_EQ(values("fee", "2026-07-03"), (Values{{"C2", 8}}));
}

TEST_F(CustomerValues, OverAnyConnectionTheSameValues) {
    // What test fakes answer with (detail_services_over_db.hpp).
    Values out;
    auto add = [](void* user, const char* id, double value) {
        static_cast<Values*>(user)->emplace_back(id, value);
        return 0;
    };
    WorkspaceDataServices::customer_values_of(s.ws().db(), "deposit", "2026-07-31", add, &out);
    EXPECT_EQ(out, values("deposit", "2026-07-31"));
}

TEST_F(CustomerValues, TheCallbackStopsTheReading) {
    EXPECT_EQ(values("deposit", "2026-07-31", 1), (Values{{"C1", 400}}));
}

TEST_F(CustomerValues, ADayThatIsNoDateIsRefused) {
    try {
        values("deposit", "31/07/2026");
        FAIL() << "accepted";
    } catch (const std::exception& e) {
        EXPECT_STREQ(e.what(), "day '31/07/2026' is not a date (YYYY-MM-DD)");
    }
}

}  // namespace
}  // namespace merit
