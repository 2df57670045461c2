// Which sample set a scheme belongs to, and which periods the demo runs.
#include <gtest/gtest.h>

#include <fstream>

#include "report/demo_plan.hpp"
#include "report/report_fixture.hpp"
#include "store/sqlite.hpp"

namespace merit::report {
namespace {

namespace fs = std::filesystem;

TEST(DemoPlan, SchemesFindTheirSampleSetByNamePrefix) {
    const std::vector<std::string> sets = {"banking", "fuel", "tobacco", "tobacco-retail"};
    EXPECT_EQ(sample_set_for("banking", sets), "banking");
    EXPECT_EQ(sample_set_for("fuel-grading", sets), "fuel");
    EXPECT_EQ(sample_set_for("tobacco_market", sets), "tobacco");
    // the longest matching name wins
    EXPECT_EQ(sample_set_for("tobacco-retail-q", sets), "tobacco-retail");
    // a prefix must end at '-' or '_': "fuelwise" is not "fuel"
    EXPECT_EQ(sample_set_for("fuelwise", sets), "");
    EXPECT_EQ(sample_set_for("telecom", sets), "");
}

TEST(DemoPlan, MissingPartnersAreSkippedWithANote) {
    test::FixtureWorkspace ws;  // only for its temporary directory
    const fs::path config = ws.dir() / "config";
    fs::create_directories(config / "samples" / "alpha");
    fs::create_directories(config / "samples" / "lonely");
    std::ofstream(config / "alpha.scheme.json")
        << R"({"scheme":"alpha","title":"甲","period_type":"quarter"})";
    std::ofstream(config / "alpha-extra.scheme.json") << R"({"scheme":"alpha-x","period_type":"year"})";
    std::ofstream(config / "orphan.scheme.json") << R"({"scheme":"orphan","period_type":"month"})";
    const DemoPlan plan = plan_demo(config);
    ASSERT_EQ(plan.sets.size(), 1u);
    EXPECT_EQ(plan.sets[0].name, "alpha");
    ASSERT_EQ(plan.sets[0].schemes.size(), 2u);
    EXPECT_EQ(plan.sets[0].schemes[0].id, "alpha-x");  // alpha-extra.scheme.json sorts first
    EXPECT_EQ(plan.sets[0].schemes[0].period_type, "year");
    EXPECT_EQ(plan.sets[0].schemes[1].title, "甲");
    ASSERT_EQ(plan.notes.size(), 2u);
    EXPECT_NE(plan.notes[0].find("skipped scheme orphan.scheme.json"), std::string::npos);
    EXPECT_NE(plan.notes[1].find("skipped sample set lonely"), std::string::npos);
}

TEST(DemoPlan, PeriodsComeFromTargetsElseFromTheDatesOfTheData) {
    test::FixtureWorkspace ws;
    exec(ws.db(),
         "INSERT INTO managers (id, name, org_unit_id) VALUES ('M01', '张三', 'BR01');"
         "INSERT INTO events (manager_id, kind, date) VALUES ('M01', 'visit', '2025-11-20'), "
         "('M01', 'visit', '2026-05-02');");
    // no targets: the periods that hold an event (the quiet months between are not run)
    EXPECT_EQ(demo_periods(ws.db(), "month", 4), (std::vector<std::string>{"2025-11", "2026-05"}));
    EXPECT_EQ(demo_periods(ws.db(), "quarter", 4), (std::vector<std::string>{"2025-Q4", "2026-Q2"}));
    EXPECT_EQ(demo_periods(ws.db(), "year", 4), (std::vector<std::string>{"2025", "2026"}));
    // targets of the scheme's type win over the data's dates; other types are ignored
    exec(
        ws.db(),
        "INSERT INTO targets (manager_id, indicator, period, value) VALUES ('M01', 'deposit', '2026-Q2', 1), "
        "('M01', 'deposit', '2026-Q1', 1), ('M01', 'deposit', '2026-03', 1);");
    EXPECT_EQ(demo_periods(ws.db(), "quarter", 4), (std::vector<std::string>{"2026-Q1", "2026-Q2"}));
    EXPECT_EQ(demo_periods(ws.db(), "month", 4), (std::vector<std::string>{"2026-03"}));
}

TEST(DemoPlan, WithoutEventsTheDatedFactsMarkThePeriods) {
    test::FixtureWorkspace ws;
    exec(ws.db(),
         "INSERT INTO facts (entity, metric, entity_id, date, value) VALUES ('customer', 'orders', 'C1', "
         "'2026-01-01', 1), ('customer', 'orders', 'C1', '2026-11-03', 1), ('customer', 'orders', 'C1', "
         "'2026-12-09', 2), ('customer', 'orders', 'C2', '2026-12-10', 2);");
    // 2026-01, 2026-11 and 2026-12 hold facts; with at most 2 the latest two are kept, oldest first
    EXPECT_EQ(demo_periods(ws.db(), "month", 2), (std::vector<std::string>{"2026-11", "2026-12"}));
    EXPECT_EQ(demo_periods(ws.db(), "month", 4), (std::vector<std::string>{"2026-01", "2026-11", "2026-12"}));
}

TEST(DemoPlan, NoDataGivesNoPeriods) {
    test::FixtureWorkspace ws;
    EXPECT_TRUE(demo_periods(ws.db(), "month", 4).empty());
}

}  // namespace
}  // namespace merit::report
