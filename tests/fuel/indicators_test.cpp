// Process and compliance indicators: previous-year volume, training points,
// daily-report compliance, audit findings. Figures worked by hand.
#include "fuel/fuel_harness.hpp"

namespace fuel_test {
namespace {

class Indicators : public Fixture {
protected:
    void SetUp() override {
        Fixture::SetUp();
        manager("A", "初级", "2018-03-01");
        manager("H", "见习", "2025-10-20", "probation");
    }
};

TEST_F(Indicators, PreviousYearVolumeReadsTheYearBefore) {
    customer("GS1", "加油站", "A");
    sale("GS1", "2024-01-31", 100);
    sale("GS1", "2024-12-31", 250.5);
    sale("GS1", "2025-01-31", 7777);  // the grading year itself: not counted
    sale("GS1", "2023-12-31", 8888);  // two years back: not counted
    // A grading run for 2025 reads 2024: 100 + 250.5 = 350.5.
    const auto column = indicator("fuel.previous_year_volume", "{}", "2025");
    EXPECT_DOUBLE_EQ(*column[0], 350.5);
    EXPECT_DOUBLE_EQ(*column[1], 0);
}

TEST_F(Indicators, TrainingPointsOverAWindow) {
    event("A", "training", "2025-03-10", 4, "法规");
    event("A", "training", "2025-04-02", 2, "营销");
    event("A", "training", "2025-06-30", 3, "安全");
    event("A", "training", "2024-12-01", 5, "计量");
    // The period (2025-06): 3.  Year to date (2025-01-01..2025-06-30): 4 + 2 + 3 = 9.
    // Last 3 months (2025-04-01..2025-06-30): 2 + 3 = 5.  Previous year of a 2025 run: 5.
    EXPECT_DOUBLE_EQ(*indicator("fuel.training_points", "{}", "2025-06")[0], 3);
    EXPECT_DOUBLE_EQ(*indicator("fuel.training_points", R"({"window": "year_to_date"})", "2025-06")[0], 9);
    EXPECT_DOUBLE_EQ(*indicator("fuel.training_points", R"({"window": "months", "months": 3})", "2025-06")[0],
                     5);
    EXPECT_DOUBLE_EQ(*indicator("fuel.training_points", R"({"window": "previous_year"})", "2025")[0], 5);
}

TEST_F(Indicators, DailyReportComplianceOverWorkingDays) {
    // October 2025: 23 weekdays (Wed 1st … Fri 31st); National Day holidays on weekdays
    // 1, 2, 3, 6, 7, 8 → 17; make-up workday Saturday the 11th → 18 working days.
    // A files on the 15 working days listed below (the 11th is the make-up Saturday), twice on
    // the 9th (counted once), on Sunday the 12th (a day off) and on the 1st (a holiday): 15 / 18.
    const std::vector<std::string> filed = {"2025-10-09", "2025-10-10", "2025-10-11", "2025-10-13",
                                            "2025-10-14", "2025-10-15", "2025-10-16", "2025-10-17",
                                            "2025-10-21", "2025-10-22", "2025-10-23", "2025-10-24",
                                            "2025-10-27", "2025-10-28", "2025-10-29"};
    for (const auto& day : filed) event("A", "daily_report", day);
    // The second filing of the 9th is a record of its own (source ref 2): an event's key is
    // manager, kind, date and ref, not its note.
    sql("INSERT INTO events(manager_id, kind, date, quantity, note, ref) VALUES "
        "('A', 'daily_report', '2025-10-09', 1, '补充', '2')");
    event("A", "daily_report", "2025-10-12");
    event("A", "daily_report", "2025-10-01");
    // H, hired Monday 2025-10-20: working days 20-24 and 27-31 = 10, all filed.
    for (const char* day : {"2025-10-20", "2025-10-21", "2025-10-22", "2025-10-23", "2025-10-24",
                            "2025-10-27", "2025-10-28", "2025-10-29", "2025-10-30", "2025-10-31"})
        event("H", "daily_report", day);
    const std::string params = R"({
      "holidays": ["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08"],
      "extra_workdays": ["2025-10-11"]})";
    const auto column = indicator("fuel.report_compliance", params, "2025-10");
    EXPECT_DOUBLE_EQ(*column[0], 15.0 / 18.0);
    EXPECT_DOUBLE_EQ(*column[1], 1.0);
    EXPECT_EQ(trace.columns["应报工作日"][0], 18);
    EXPECT_EQ(trace.columns["应报工作日"][1], 10);
    EXPECT_EQ(trace.columns["已报日报天数"][0], 15);

    // Without the holiday calendar October has 23 working days: 14 of A's days are weekdays
    // (the 11th is a Saturday) plus the 1st → 15 / 23.
    const auto plain = indicator("fuel.report_compliance", "{}", "2025-10");
    EXPECT_DOUBLE_EQ(*plain[0], 15.0 / 23.0);
}

TEST_F(Indicators, BadHolidayNamesItsPath) {
    try {
        indicator("fuel.report_compliance", R"({"holidays": ["2025-02-30"]})", "2025-10");
        FAIL() << "expected an error";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("params.holidays[0]: '2025-02-30' is not a date"),
                  std::string::npos)
            << e.what();
    }
}

TEST_F(Indicators, AuditFindingsWeightedByArea) {
    // Weights: sales documents 1, fund flows 3, customer stock 2.
    // A: 2 sales-document findings, 1 fund-flow finding, 1 客存 finding of quantity 2 → 2 + 3 + 4 = 9.
    event("A", "audit_sales_document", "2025-06-03", 1, "单据1");
    event("A", "audit_sales_document", "2025-06-17", 1, "单据2");
    event("A", "audit_fund_flow", "2025-06-20");
    event("A", "audit_customer_stock", "2025-06-25", 2);
    event("A", "audit_fund_flow", "2025-05-20");  // May: outside the period
    const auto column = indicator(
        "fuel.audit_findings",
        R"({"weights": {"audit_sales_document": 1, "audit_fund_flow": 3, "audit_customer_stock": 2}})",
        "2025-06");
    EXPECT_DOUBLE_EQ(*column[0], 9);
    EXPECT_DOUBLE_EQ(*column[1], 0);
    // Default weights (1 each): 2 + 1 + 2 = 5.
    EXPECT_DOUBLE_EQ(*indicator("fuel.audit_findings", "{}", "2025-06")[0], 5);
}

}  // namespace
}  // namespace fuel_test
