// A market manager who misses one district inspection and two phone-check
// days in November 2026, worked by hand from the "1234" rule.
#include "tobacco/tobacco_fixture.hpp"

namespace tobacco_test {
namespace {

class Method1234Test : public TobaccoTest {
protected:
    void SetUp() override {
        TobaccoTest::SetUp();
        // M1 supervises market area MA with districts DA (CM C1) and DB (CM C2);
        // M2's area MB has no district and no CM.
        sql(R"(
INSERT INTO org_units(id, name, parent_id, kind) VALUES ('TC', 'county', NULL, 'branch'),
  ('MA', '河东市场部', 'TC', 'market'), ('MB', '河西市场部', 'TC', 'market'),
  ('DA', '河东片区', 'MA', 'district'), ('DB', '温塘片区', 'MA', 'district');
INSERT INTO managers(id, name, org_unit_id, role) VALUES ('M1', 'mm', 'MA', 'market_manager'),
  ('M2', 'mm2', 'MB', 'market_manager'), ('C1', 'c1', 'DA', 'customer_manager'),
  ('C2', 'c2', 'DB', 'customer_manager');
INSERT INTO managers(id, name, org_unit_id, role, status) VALUES ('C9', 'left', 'DA', 'customer_manager', 'left');
INSERT INTO events(manager_id, kind, date, note) VALUES
  ('M1', 'assessment_recognition', '2026-11-30', ''),
  ('M1', 'district_inspection', '2026-11-04', 'DA'), ('M1', 'district_inspection', '2026-11-18', 'DA'),
  ('M1', 'district_inspection', '2026-11-11', 'DB'),
  ('C1', 'trace_inspection', '2026-11-05', ''), ('C1', 'trace_inspection', '2026-11-19', ''),
  ('C2', 'trace_inspection', '2026-11-05', ''), ('C2', 'trace_inspection', '2026-11-12', ''),
  ('C2', 'trace_inspection', '2026-11-26', '');
)");
        // Phone checks: 3 households per CM every weekday of November, except C2 on
        // 11-12 (2 households) and 11-20 (none); a Saturday check does not count.
        std::string rows;
        for (int day = 1; day <= 30; ++day) {
            const std::string date = "2026-11-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
            for (const char* cm : {"C1", "C2"}) {
                int q = 3;
                if (std::string(cm) == "C2" && day == 12) q = 2;
                if (std::string(cm) == "C2" && day == 20) q = 0;
                if (q)
                    rows += std::string(rows.empty() ? "" : ",") + "('" + cm + "', 'phone_check', '" + date +
                            "', " + std::to_string(q) + ")";
            }
        }
        sql("INSERT INTO events(manager_id, kind, date, quantity) VALUES " + rows + ";");
    }
    TestScope scope{{{"M1", "MA", "market_manager", "市场经理"}, {"M2", "MB", "market_manager", "市场经理"}},
                    "2026-11"};
};

// November 2026 starts on a Sunday: working days 2–6, 9–13, 16–20, 23–27, 30 = 21.
//   part 1: 1 assessment of 1                                   = 1
//   part 2: DA 2 of 2 -> 1, DB 1 of 2 -> 0.5; mean              = 0.75
//   part 3: 2 CMs × 21 days = 42 CM-days, 2 short (C2 11-12, 11-20) = 40/42 = 0.952381
//   part 4: inspection days 11-05, 11-12, 11-19, 11-26 = 4 of 4 = 1
//   all   = (1 + 0.75 + 40/42 + 1) / 4                          = 0.925595
// (C9 has left and is not supervised.)
TEST_F(Method1234Test, EachPartAndItsShortfallsAreExplained) {
    RecordingTrace trace;
    const auto all = indicator("tobacco.method_1234", "{}", scope, trace);
    EXPECT_NEAR(*all[0], (1 + 0.75 + 40.0 / 42.0 + 1) / 4, 1e-12);
    EXPECT_EQ(trace.columns["working days"][0], 21.0);
    EXPECT_EQ(trace.columns["supervised CMs"][0], 2.0);
    EXPECT_EQ(trace.columns["part 1 assessment"][0], 1.0);
    EXPECT_EQ(trace.columns["part 2 district inspections"][0], 0.75);
    EXPECT_NEAR(*trace.columns["part 3 phone checks"][0], 40.0 / 42.0, 1e-12);
    EXPECT_EQ(trace.columns["CM-days short of phone checks"][0], 2.0);
    EXPECT_EQ(trace.columns["part 4 work-trace inspections"][0], 1.0);
    EXPECT_TRUE(trace.noted(0, "1234 part 2: district DB 温塘片区 inspected 1 of 2 times — short 1"));
    EXPECT_TRUE(trace.noted(0, "1234 part 2: district DA 河东片区 inspected 2 of 2 times"));
    EXPECT_TRUE(trace.noted(0, "1234 part 3: C2 on 2026-11-12 phone-checked 2 of 3 households"));
    EXPECT_TRUE(trace.noted(0, "1234 part 3: C2 on 2026-11-20 phone-checked 0 of 3 households"));
    EXPECT_TRUE(trace.noted(0, "1234 part 3 = 40 compliant CM-days ÷ (2 CMs × 21 working days) = 0.9524"));
    EXPECT_TRUE(trace.noted(0, "1234 part 4: work traces inspected on 4 of 4 required days"));
    // M2: no assessment (0), no district (no value), no CM (no value), no inspection (0): mean of 2 parts =
    // 0.
    EXPECT_EQ(*all[1], 0.0);
    EXPECT_TRUE(
        trace.noted(1, "1234 part 1: 0 assessment(s) with recognition of 1 required — short 1 → 0.0000"));
    EXPECT_TRUE(trace.noted(1, "1234 part 2: no unit of kind 'district' under MB: no value"));
}

TEST_F(Method1234Test, SinglePartsAreTheirOwnIndicators) {
    RecordingTrace trace;
    EXPECT_EQ(*indicator("tobacco.method_1234", R"({"part": "district_inspections"})", scope, trace)[0],
              0.75);
    EXPECT_FALSE(indicator("tobacco.method_1234", R"({"part": "district_inspections"})", scope, trace)[1]);
    EXPECT_NEAR(*indicator("tobacco.method_1234", R"({"part": "phone_checks"})", scope, trace)[0],
                40.0 / 42.0, 1e-12);
    // With five inspection days required, the four done give 4/5.
    EXPECT_EQ(*indicator("tobacco.method_1234",
                         R"({"part": "trace_inspections", "min_trace_inspections": 5})", scope, trace)[0],
              0.8);
}

// A holiday on 11-20 removes that day from every CM: 2 × 20 = 40 CM-days, 1 short -> 39/40.
TEST_F(Method1234Test, HolidaysAreNotWorkingDays) {
    RecordingTrace trace;
    const auto v = indicator("tobacco.method_1234", R"({"part": "phone_checks", "holidays": ["2026-11-20"]})",
                             scope, trace);
    EXPECT_NEAR(*v[0], 39.0 / 40.0, 1e-12);
}

// 002 篇6 "每天对客户经理电话抽查户数不少于3户" is owed for the days a CM works.
// C3 joins district DA on Monday 2026-11-16 and C4 on 2026-12-01:
//   C3 owes 16–20, 23–27, 30 November = 11 working days; checked 3 households on
//   each of them except 11-25 (1) -> 10 compliant; a check on 11-13, before
//   the hire, is owed nothing and credits nothing.
//   C4 is hired after November: not supervised in it at all.
//   part 3 = (21 + 19 + 10) ÷ (21 + 21 + 11) = 50/53 = 0.943396…
//   (counting every CM over every working day would give (21 + 19 + 11) ÷ (4 × 21) = 51/84)
//   all = (1 + 0.75 + 50/53 + 1) / 4
TEST_F(Method1234Test, PhoneChecksAreOwedFromTheHireDateOnly) {
    sql("INSERT INTO managers(id, name, org_unit_id, role, hired_on) VALUES "
        "('C3', 'c3', 'DA', 'customer_manager', '2026-11-16'), "
        "('C4', 'c4', 'DB', 'customer_manager', '2026-12-01');");
    std::string rows = "('C3', 'phone_check', '2026-11-13', 3)";
    for (const int day : {16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30})
        rows +=
            ", ('C3', 'phone_check', '2026-11-" + std::to_string(day) + "', " + (day == 25 ? "1" : "3") + ")";
    sql("INSERT INTO events(manager_id, kind, date, quantity) VALUES " + rows + ";");

    RecordingTrace trace;
    const auto all = indicator("tobacco.method_1234", "{}", scope, trace);
    EXPECT_NEAR(*trace.columns["part 3 phone checks"][0], 50.0 / 53.0, 1e-12);
    EXPECT_NEAR(*all[0], (1 + 0.75 + 50.0 / 53.0 + 1) / 4, 1e-12);
    EXPECT_EQ(trace.columns["supervised CMs"][0], 3.0);
    EXPECT_EQ(trace.columns["CM-days short of phone checks"][0], 3.0);
    EXPECT_TRUE(trace.noted(0, "1234 part 3: C3 on 2026-11-25 phone-checked 1 of 3 households"));
    EXPECT_FALSE(trace.noted(0, "C3 on 2026-11-02"));
    EXPECT_TRUE(trace.noted(0, "1234: C4 hired 2026-12-01, after the period: not supervised yet"));
    EXPECT_FALSE(trace.noted(0, "C4 on"));
    EXPECT_TRUE(trace.noted(0,
                            "1234 part 3 = 50 compliant CM-days ÷ 53 CM working days (C1 21, C2 21, C3 11 "
                            "from hire 2026-11-16) = 0.9434"));

    // A CM hired on the month's last working day owes that one day: C5 on 2026-11-30, not checked ->
    // (50 + 0) ÷ (53 + 1) = 50/54.
    sql("INSERT INTO managers(id, name, org_unit_id, role, hired_on) VALUES "
        "('C5', 'c5', 'DB', 'customer_manager', '2026-11-30');");
    EXPECT_NEAR(*indicator("tobacco.method_1234", R"({"part": "phone_checks"})", scope, trace)[0],
                50.0 / 54.0, 1e-12);
}

TEST_F(Method1234Test, BadParametersAreRejected) {
    EXPECT_NE(create_error("tobacco.method_1234", R"({"part": "five"})").find("params.part"),
              std::string::npos);
    EXPECT_NE(create_error("tobacco.method_1234", R"({"workdays": [0]})").find("params.workdays[0]"),
              std::string::npos);
    EXPECT_NE(create_error("tobacco.method_1234", R"({"holidays": ["2026-13-01"]})").find("params.holidays"),
              std::string::npos);
    EXPECT_NE(create_error("tobacco.method_1234", R"({"min_phone_checks_per_day": 0})")
                  .find("params.min_phone_checks_per_day: must be positive"),
              std::string::npos);
}

}  // namespace
}  // namespace tobacco_test
