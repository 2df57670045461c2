// Corrections as HR makes them (issue 15 point 2): --replace-period P makes
// a file the whole truth for its table inside P, --replace for a whole
// undated table; what the file lacks is retracted, kept in history.
#include <gtest/gtest.h>

#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "store/data_versions.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

class Corrections : public ::testing::Test {
protected:
    void SetUp() override {
        import_files(s.ws(),
                     {s.write("org_units.csv", "id,name\nB1,Branch\n"),
                      s.write("managers.csv", "id,name,org_unit_id\nM1,Wang,B1\nM2,Li,B1\n"),
                      s.write("events.csv",
                              "manager_id,kind,date,note\n"
                              "M1,visit,2026-03-30,q1\n"         // Q1: outside the correction
                              "M1,violation,2026-05-18,wrong\n"  // Q2: the one HR withdraws
                              "M1,visit,2026-05-20,q2\n")},
                     {});
    }
    std::vector<TableSummary> import(const std::string& name, const std::string& text,
                                     ImportOptions options) {
        return import_files(s.ws(), {s.write("fix" + std::to_string(++n) + "/" + name, text)}, options);
    }
    static ImportOptions period(const std::string& p) {
        ImportOptions o;
        o.replace_period = p;
        return o;
    }
    static ImportOptions whole() {
        ImportOptions o;
        o.replace = true;
        return o;
    }
    ScratchWorkspace s;
    int n = 0;
};

TEST_F(Corrections, ReplacePeriodRetractsThePeriodsRowsTheFileLacksAndKeepsThemInHistory) {
    // Q2's events are now the visit only (quantity changed 1 -> 2), plus a
    // new Q3 visit outside the period, which is simply upserted.
    const auto summary = import("events.csv",
                                "manager_id,kind,date,quantity,note\nM1,visit,2026-05-20,2,q2\n"
                                "M1,visit,2026-07-01,1,q3\n",
                                period("2026-Q2"));
    ASSERT_EQ(summary.size(), 1u);
    // Inserted 1 (Q3 visit), updated 1 (Q2 visit), retracted 1 (violation); the Q1 visit untouched.
    EXPECT_EQ(summary[0].inserted, 1u);
    EXPECT_EQ(summary[0].updated, 1u);
    EXPECT_EQ(summary[0].retracted, 1u);
    EXPECT_EQ(summary[0].unchanged, 0u);
    EXPECT_EQ(s.dump("SELECT kind, date, quantity FROM events ORDER BY date"),
              "visit|2026-03-30|1.0\nvisit|2026-05-20|2.0\nvisit|2026-07-01|1.0\n");
    EXPECT_EQ(
        s.dump("SELECT kind, note, valid_from_version, valid_to_version FROM events_history ORDER BY kind"),
        "violation|wrong|1|2\nvisit|q2|1|2\n");
    const auto changes = data_version_changes(s.ws().db(), 2);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].retracted, 1u);
    const auto versions = read_data_versions(s.ws().db());
    EXPECT_EQ(versions[1].tables[0].retracted, 1u);
}

TEST_F(Corrections, TargetsAndRatingsAreCoveredWhenTheirPeriodLiesInside) {
    import("targets.csv",
           "manager_id,indicator,period,value\nM1,sales,2026-Q2,10\nM1,sales,2026-05,3\n"
           "M1,sales,2026,40\nM2,sales,2026-Q2,12\n",
           {});
    // 2026-Q2 covers the Q2 and May targets, not the year's: M2's Q2 target
    // (absent) and M1's May target (absent) are retracted.
    const auto summary =
        import("targets.csv", "manager_id,indicator,period,value\nM1,sales,2026-Q2,11\n", period("2026-Q2"));
    EXPECT_EQ(summary[0].updated, 1u);
    EXPECT_EQ(summary[0].retracted, 2u);
    EXPECT_EQ(s.dump("SELECT manager_id, period, value FROM targets ORDER BY period"),
              "M1|2026|40.0\nM1|2026-Q2|11.0\n");
}

TEST_F(Corrections, ReplaceMakesTheFileTheWholeUndatedTable) {
    import("metrics.csv", "metric,kind\ndeposit,stock\nfees,flow\n", {});
    const auto summary = import("metrics.csv", "metric,kind\ndeposit,stock\n", whole());
    EXPECT_EQ(summary[0].retracted, 1u);
    EXPECT_EQ(summary[0].unchanged, 1u);
    EXPECT_EQ(s.dump("SELECT metric FROM metrics"), "deposit\n");
    EXPECT_EQ(s.dump("SELECT metric FROM metrics_history"), "fees\n");
}

TEST_F(Corrections, RetractingAManagerThatRowsStillNameIsRefusedAndChangesNothing) {
    const std::string before = s.dump("SELECT * FROM managers ORDER BY id");
    try {
        import("managers.csv", "id,name,org_unit_id\nM2,Li,B1\n", whole());
        FAIL() << "M1 was retracted while its events remain";
    } catch (const ImportError& e) {
        EXPECT_EQ(std::string(e.what()),
                  "events.manager_id still names managers that this import retracts ('M1'): keep them in the "
                  "file, or retract those events rows in the same import");
    }
    EXPECT_EQ(s.dump("SELECT * FROM managers ORDER BY id"), before);
    EXPECT_EQ(latest_data_version(s.ws().db()), 1);
}

TEST_F(Corrections, EachOptionOnlyForTheTablesItFits) {
    const auto managers = s.write("m/managers.csv", "id,name,org_unit_id\nM1,Wang,B1\nM2,Li,B1\n");
    try {
        import_files(s.ws(), {managers}, period("2026-Q2"));
        FAIL();
    } catch (const ImportError& e) {
        EXPECT_EQ(std::string(e.what()), managers.string() +
                                             ": --replace-period: managers rows have no date or period (use "
                                             "--replace to make the file the whole table)");
    }
    const auto events = s.write("e/events.csv", "manager_id,kind,date\nM1,visit,2026-05-20\n");
    try {
        import_files(s.ws(), {events}, whole());
        FAIL();
    } catch (const ImportError& e) {
        EXPECT_EQ(
            std::string(e.what()),
            events.string() +
                ": --replace: events rows are dated (use --replace-period P to replace a period's rows)");
    }
    try {
        import_files(s.ws(), {events}, period("2026-Q5"));
        FAIL();
    } catch (const ImportError& e) {
        EXPECT_NE(std::string(e.what()).find("--replace-period: "), std::string::npos) << e.what();
    }
    EXPECT_EQ(latest_data_version(s.ws().db()), 1);
}

}  // namespace
}  // namespace merit
