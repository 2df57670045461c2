// Phone spot-checks, work traces, complaints per 100 retailers, order
// structure and the supervised-CM average, each by hand.
#include "tobacco/tobacco_fixture.hpp"

namespace tobacco_test {
namespace {

class IndicatorsTest : public TobaccoTest {
protected:
    void SetUp() override {
        TobaccoTest::SetUp();
        sql(R"(
INSERT INTO org_units(id, name, parent_id, kind) VALUES ('MA', 'area', NULL, 'market'), ('D1', 'd1', 'MA', 'district'),
  ('D2', 'd2', 'MA', 'district');
INSERT INTO managers(id, name, org_unit_id, role) VALUES ('M1', 'mm', 'MA', 'market_manager'),
  ('C1', 'c1', 'D1', 'customer_manager'), ('C2', 'c2', 'D2', 'customer_manager'),
  ('C3', 'c3', 'D2', 'customer_manager');
INSERT INTO customers(id, segment, org_unit_id) VALUES ('R1', 'grocery', 'D1'), ('R2', 'grocery', 'D1'),
  ('R3', 'grocery', 'D1'), ('R4', 'grocery', 'D1');
INSERT INTO assignments(customer_id, manager_id, valid_from, valid_to) VALUES
  ('R1', 'C1', '2026-01-01', NULL), ('R2', 'C1', '2026-01-01', NULL), ('R3', 'C1', '2026-01-01', NULL),
  ('R4', 'C1', '2026-01-01', '2026-11-15'), ('R4', 'C2', '2026-11-16', NULL);
INSERT INTO events(manager_id, kind, date, quantity, amount, note) VALUES
  ('C1', 'phone_check', '2026-11-02', 3, NULL, ''), ('C1', 'phone_check', '2026-11-03', 3, NULL, ''),
  ('C1', 'phone_check', '2026-11-04', 4, NULL, ''), ('C1', 'phone_check_fail', '2026-11-04', 1, NULL, ''),
  ('C1', 'trace_inspection', '2026-11-05', 1, 90, ''), ('C1', 'trace_inspection', '2026-11-19', 1, 75.5, ''),
  ('C2', 'trace_inspection', '2026-10-19', 1, 60, '');
INSERT INTO facts(entity, entity_id, metric, date, value) VALUES
  ('customer', 'R1', 'complaint', '2026-11-10', 1), ('customer', 'R4', 'complaint', '2026-11-20', 1),
  ('customer', 'R2', 'enquiry', '2026-11-11', 2), ('customer', 'R4', 'enquiry', '2026-10-20', 1),
  ('customer', 'R1', 'order_high', '2026-11-30', 10), ('customer', 'R1', 'order_mid', '2026-11-30', 20),
  ('customer', 'R1', 'order_low', '2026-11-30', 10), ('customer', 'R1', 'order_amount', '2026-11-30', 9000),
  ('customer', 'R1', 'order_high', '2026-10-31', 5), ('customer', 'R1', 'order_mid', '2026-10-31', 25),
  ('customer', 'R1', 'order_low', '2026-10-31', 10), ('customer', 'R1', 'order_amount', '2026-10-31', 8000),
  ('customer', 'R4', 'order_low', '2026-11-30', 30), ('customer', 'R4', 'order_amount', '2026-11-30', 3000);
)");
    }
    TestScope scope{{{"C1", "D1", "customer_manager", ""},
                     {"C2", "D2", "customer_manager", ""},
                     {"C3", "D2", "customer_manager", ""}},
                    "2026-11"};
};

// C1: 3 + 3 + 4 = 10 households checked, 1 failed -> 1 − 1/10 = 0.9; C2 none -> no value.
TEST_F(IndicatorsTest, PhoneCheckPassRate) {
    RecordingTrace trace;
    const auto v = indicator("tobacco.phone_check_pass_rate", "{}", scope, trace);
    EXPECT_NEAR(*v[0], 0.9, 1e-12);
    EXPECT_FALSE(v[1]);
    EXPECT_TRUE(trace.noted(0, "phone spot-checks: 1 − 1 failed ÷ 10 checked = 0.9000"));
}

// C1: (90 + 75.5) / 2 = 82.75; C2's inspection was in October -> no value.
TEST_F(IndicatorsTest, WorkTraceScore) {
    RecordingTrace trace;
    const auto v = indicator("tobacco.work_trace_score", "{}", scope, trace);
    EXPECT_NEAR(*v[0], 82.75, 1e-12);
    EXPECT_FALSE(v[1]);
}

// C1 held R1, R2, R3 all month and R4 for 15 of 30 days: 3.5 retailers on average;
// contacts R1 complaint 1 + R2 enquiries 2 = 3 (R4's complaint of 11-20 is C2's) -> 3/3.5 × 100 = 85.714286
// C2 held R4 for 15 days: 0.5 retailers; 1 complaint -> 200; C3 holds nothing -> no value.
TEST_F(IndicatorsTest, ComplaintsAndEnquiriesPerHundredRetailers) {
    RecordingTrace trace;
    const auto v = indicator("tobacco.contacts_per_hundred", "{}", scope, trace);
    EXPECT_NEAR(*v[0], 3.0 / 3.5 * 100.0, 1e-9);
    EXPECT_NEAR(*v[1], 200.0, 1e-9);
    EXPECT_FALSE(v[2]);
    EXPECT_EQ(trace.columns["complaint"][0], 1.0);
    EXPECT_EQ(trace.columns["enquiry"][0], 2.0);
    EXPECT_NEAR(*trace.columns["average retailers held"][0], 3.5, 1e-12);
}

// November C1: high 10 of 40 cartons = 0.25; value 9000 ÷ 40 = 225 yuan/carton.
// October C1: high 5 of 40 = 0.125; value 8000 ÷ 40 = 200.
// Growth: share (0.25 − 0.125)/0.125 = 1; value per carton (225 − 200)/200 = 0.125.
// C2: R4's November orders are dated 11-30, while C2 held it: 0 of 30 high; no October -> no growth.
TEST_F(IndicatorsTest, OrderStructureAndItsGrowth) {
    RecordingTrace trace;
    auto v = indicator("tobacco.order_structure", "{}", scope, trace);
    EXPECT_NEAR(*v[0], 0.25, 1e-12);
    EXPECT_EQ(*v[1], 0.0);
    EXPECT_FALSE(v[2]);
    v = indicator("tobacco.order_structure", R"({"measure": "value_per_carton"})", scope, trace);
    EXPECT_NEAR(*v[0], 225.0, 1e-12);
    EXPECT_NEAR(*v[1], 100.0, 1e-12);
    RecordingTrace growth_trace;
    v = indicator("tobacco.order_structure", R"({"measure": "value_per_carton", "compare": "previous"})",
                  scope, growth_trace);
    EXPECT_NEAR(*v[0], 0.125, 1e-12);
    EXPECT_FALSE(v[1]);
    EXPECT_TRUE(
        growth_trace.noted(0,
                           "2026-10: 8000.00 yuan ÷ 40 cartons = 200.00 yuan/carton; growth = (225.0000 − "
                           "200.0000) ÷ 200.0000 = 0.1250"));
    EXPECT_TRUE(growth_trace.noted(1, "no orders in 2026-10 to compare with"));
    v = indicator("tobacco.order_structure", R"({"compare": "previous"})", scope, trace);
    EXPECT_NEAR(*v[0], 1.0, 1e-12);
    EXPECT_NE(create_error("tobacco.order_structure", R"({"high_groups": ["premium"]})")
                  .find("params.high_groups: 'premium' is not one of groups"),
              std::string::npos);
}

// M1 supervises C1 (D1), C2 and C3 (D2). With no final run of 'tobacco' for 2026-11 the run
// read is the newest draft, run 2 (run 1 is older; run 3 is another period): C1 80, C2 90, C3
// not in the run -> (80 + 90)/2 = 85. Once run 1 is final it is the run that counts:
// (10 + 10)/2 = 10. The host records which run was read.
TEST_F(IndicatorsTest, SupervisedAverageReadsTheLatestCustomerManagerRun) {
    TestScope mm{{{"M1", "MA", "market_manager", "市场经理"}}, "2026-11"};
    RecordingTrace trace;
    try {
        indicator("tobacco.supervised_average", R"({"scheme": "tobacco"})", mm, trace);
        FAIL() << "expected an error without a CM run";
    } catch (const std::exception& e) {
        EXPECT_NE(
            std::string(e.what()).find(
                "run_column: no run of scheme 'tobacco' for 2026-11: run that scheme for the period first"),
            std::string::npos);
    }
    sql(R"(
INSERT INTO runs(id, scheme_name, scheme_hash, scheme_json, period, first_day, last_day, created_at,
                 input_fingerprint, plugins_json, timings_json, manager_count) VALUES
  (1, 'tobacco', 'h', '{}', '2026-11', '2026-11-01', '2026-11-30', 't', 'f', '[]', '{}', 3),
  (2, 'tobacco', 'h', '{}', '2026-11', '2026-11-01', '2026-11-30', 't', 'f', '[]', '{}', 3),
  (3, 'tobacco', 'h', '{}', '2026-12', '2026-12-01', '2026-12-31', 't', 'f', '[]', '{}', 3);
INSERT INTO run_managers(run_id, manager_id, name, org_unit_id, role, status, base_total, total, rating,
                         band_index, band_reason, rank, rank_in_unit) VALUES
  (1, 'C1', 'c1', 'D1', 'customer_manager', 'active', 10, 10, 'x', 0, '', 1, 1),
  (1, 'C2', 'c2', 'D2', 'customer_manager', 'active', 10, 10, 'x', 0, '', 1, 1),
  (2, 'C1', 'c1', 'D1', 'customer_manager', 'active', 80, 80, 'x', 0, '', 2, 1),
  (2, 'C2', 'c2', 'D2', 'customer_manager', 'active', 90, 90, 'x', 0, '', 1, 1),
  (3, 'C1', 'c1', 'D1', 'customer_manager', 'active', 50, 50, 'x', 0, '', 1, 1);
)");
    const auto v = indicator("tobacco.supervised_average", R"({"scheme": "tobacco"})", mm, trace);
    EXPECT_NEAR(*v[0], 85.0, 1e-12);
    EXPECT_TRUE(
        trace.noted(0, "'tobacco' 2026-11: mean of 2 CM totals (C1 80.00, C2 90.00) = 170.00 ÷ 2 = 85.0000"));
    EXPECT_TRUE(trace.noted(0, "read run 2 (tobacco 2026-11, draft): total of 3 managers"));

    sql("UPDATE runs SET status = 'final' WHERE id = 1");
    RecordingTrace after;
    const auto counted = indicator("tobacco.supervised_average", R"({"scheme": "tobacco"})", mm, after);
    EXPECT_NEAR(*counted[0], 10.0, 1e-12);
    EXPECT_TRUE(after.noted(0, "read run 1 (tobacco 2026-11, final): total of 3 managers"));
}

}  // namespace
}  // namespace tobacco_test
