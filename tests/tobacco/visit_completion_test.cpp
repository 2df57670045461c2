// Visit completion with mixed retailer classes and a mid-month reassignment,
// numbers worked by hand from the rule in plugins/tobacco/visit_completion.cpp.
#include "tobacco/tobacco_fixture.hpp"

namespace tobacco_test {
namespace {

class VisitCompletionTest : public TobaccoTest {
protected:
    void SetUp() override {
        TobaccoTest::SetUp();
        sql(R"(
INSERT INTO org_units(id, name, parent_id, kind) VALUES ('D1', '河东片区', NULL, 'district');
INSERT INTO managers(id, name, org_unit_id, grade) VALUES ('C1', 'one', 'D1', '二级'), ('C2', 'two', 'D1', '二级'),
  ('C3', 'three', 'D1', '三级');
INSERT INTO customers(id, segment, org_unit_id) VALUES ('R1', 'grocery', 'D1'), ('R2', 'convenience', 'D1'),
  ('R3', 'grocery', 'D1'), ('R4', 'supermarket', 'D1'), ('R5', 'grocery', 'D1');
INSERT INTO assignments(customer_id, manager_id, valid_from, valid_to) VALUES
  ('R1', 'C1', '2026-01-01', NULL), ('R2', 'C1', '2026-01-01', NULL), ('R3', 'C1', '2026-01-01', NULL),
  ('R4', 'C1', '2026-01-01', '2026-11-15'), ('R4', 'C2', '2026-11-16', NULL), ('R5', 'C2', '2026-01-01', NULL);
-- classes: R1 A, R2 B, R3 C, R4 A; R5 was A until November, C from 2026-11-01 (a stock: latest value counts)
INSERT INTO facts(entity, entity_id, metric, date, value) VALUES
  ('customer', 'R1', 'retailer_class', '2026-01-01', 1), ('customer', 'R2', 'retailer_class', '2026-01-01', 2),
  ('customer', 'R3', 'retailer_class', '2026-01-01', 3), ('customer', 'R4', 'retailer_class', '2026-01-01', 1),
  ('customer', 'R5', 'retailer_class', '2026-01-01', 1), ('customer', 'R5', 'retailer_class', '2026-11-01', 3);
-- visits: value = five-step steps completed
INSERT INTO facts(entity, entity_id, metric, date, value) VALUES
  ('customer', 'R1', 'visit_steps', '2026-10-30', 5),
  ('customer', 'R1', 'visit_steps', '2026-11-02', 5), ('customer', 'R1', 'visit_steps', '2026-11-09', 5),
  ('customer', 'R1', 'visit_steps', '2026-11-16', 4), ('customer', 'R1', 'visit_steps', '2026-11-23', 5),
  ('customer', 'R1', 'visit_steps', '2026-11-30', 5),
  ('customer', 'R2', 'visit_steps', '2026-11-05', 5), ('customer', 'R2', 'visit_steps', '2026-11-06', 5),
  ('customer', 'R2', 'visit_steps', '2026-11-20', 5),
  ('customer', 'R4', 'visit_steps', '2026-11-03', 5), ('customer', 'R4', 'visit_steps', '2026-11-17', 5),
  ('customer', 'R4', 'visit_steps', '2026-11-24', 5),
  ('customer', 'R5', 'visit_steps', '2026-11-10', 3);
)");
    }
    TestScope scope{{{"C1", "D1", "customer_manager", "二级"},
                     {"C2", "D1", "customer_manager", "二级"},
                     {"C3", "D1", "customer_manager", "三级"}},
                    "2026-11"};
};

// November has 30 days. Standard A 4, B 2, C 1 visits a month.
// C1: R1 (A) required 4; effective 11-02, 11-09, 11-23, 11-30 = 4 (11-16 had 4 steps,
//        10-30 is outside) -> counted 4
//     R2 (B) required 2; effective 3 -> counted min(3, 2) = 2
//     R3 (C) required 1; none -> 0
//     R4 (A) held 11-01..11-15: required 4 × 15/30 = 2; effective 11-03 only -> 1
//     completion = (4 + 2 + 0 + 1) ÷ (4 + 2 + 1 + 2) = 7/9 = 0.777778
// C2: R4 (A) held 11-16..11-30: required 2; effective 11-17, 11-24 -> 2
//     R5 (C since 11-01) required 1; its only visit had 3 steps -> 0
//     completion = 2 ÷ 3 = 0.666667
// C3 holds nothing: no value.
TEST_F(VisitCompletionTest, MixedClassesAndMidMonthReassignment) {
    RecordingTrace trace;
    const auto v = indicator("tobacco.visit_completion", "{}", scope, trace);
    ASSERT_TRUE(v[0] && v[1]);
    EXPECT_NEAR(*v[0], 7.0 / 9.0, 1e-12);
    EXPECT_NEAR(*v[1], 2.0 / 3.0, 1e-12);
    EXPECT_FALSE(v[2]);
    EXPECT_EQ(trace.columns["required visits"][0], 9.0);
    EXPECT_EQ(trace.columns["required visits"][1], 3.0);
    EXPECT_EQ(trace.columns["effective visits"][0], 8.0);  // 4 + 3 + 0 + 1
    EXPECT_EQ(trace.columns["visits failing the five-step check"][0], 1.0);
    EXPECT_EQ(trace.columns["visits failing the five-step check"][1], 1.0);
    EXPECT_EQ(trace.columns["counted visits"][0], 7.0);
    EXPECT_TRUE(trace.noted(
        0, "retailer R4 (class A) held 2026-11-01..2026-11-15: required 2.00, effective visits 1"));
    EXPECT_TRUE(trace.noted(
        1, "retailer R4 (class A) held 2026-11-16..2026-11-30: required 2.00, effective visits 2"));
    EXPECT_TRUE(
        trace.noted(0, "class A (4.00 visits/month): 2 retailers, required 6.00, effective 5, counted 5.00"));
    EXPECT_TRUE(trace.noted(0, "visit completion = 7.00 ÷ 9.00 = 0.7778"));
    EXPECT_TRUE(trace.noted(2, "no retailer with a visit standard"));
}

// Without the per-retailer cap R2's third visit counts: C1 = (4 + 3 + 0 + 1)/9 = 8/9.
// With min_steps 3, R1's 4-step visit (capped at 4 anyway) and R5's 3-step visit count:
// C1 stays 7/9, C2 = (2 + 1)/3 = 1.
TEST_F(VisitCompletionTest, CapAndFiveStepThresholdAreParameters) {
    RecordingTrace trace;
    auto v = indicator("tobacco.visit_completion", R"({"cap_per_retailer": false})", scope, trace);
    EXPECT_NEAR(*v[0], 8.0 / 9.0, 1e-12);
    EXPECT_NEAR(*v[1], 2.0 / 3.0, 1e-12);
    v = indicator("tobacco.visit_completion", R"({"min_steps": 3})", scope, trace);
    EXPECT_NEAR(*v[0], 7.0 / 9.0, 1e-12);
    EXPECT_NEAR(*v[1], 1.0, 1e-12);
}

// A weekly standard of 5 for A: C1 required 5 + 2 + 1 + 2.5 = 10.5; counted 4 + 2 + 0 + 1 = 7.
TEST_F(VisitCompletionTest, StandardIsAParameter) {
    RecordingTrace trace;
    const auto v = indicator("tobacco.visit_completion",
                             R"({"standard": [{"class": 1, "label": "A", "per_month": 5},
                                              {"class": 2, "label": "B", "per_month": 2},
                                              {"class": 3, "label": "C", "per_month": 1}]})",
                             scope, trace);
    EXPECT_NEAR(*v[0], 7.0 / 10.5, 1e-12);
}

// A class without a standard is named and skipped, not guessed.
TEST_F(VisitCompletionTest, RetailerOfAClassWithoutStandardIsNotedAndSkipped) {
    RecordingTrace trace;
    const auto v = indicator("tobacco.visit_completion",
                             R"({"standard": [{"class": 1, "label": "A", "per_month": 4}]})", scope, trace);
    // C1: R1 4/4 and R4 1/2 -> 5/6; R2 and R3 skipped.
    EXPECT_NEAR(*v[0], 5.0 / 6.0, 1e-12);
    EXPECT_TRUE(
        trace.noted(0, "retailer R2 has no class with a visit standard (retailer_class = 2): not counted"));
    EXPECT_EQ(trace.columns["retailers without a class"][0], 2.0);
}

TEST_F(VisitCompletionTest, BadStandardIsRejectedWithItsPath) {
    EXPECT_NE(create_error("tobacco.visit_completion", R"({"standard": [{"class": 1, "per_month": -1}]})")
                  .find("params.standard[0].per_month: must be positive"),
              std::string::npos);
    EXPECT_NE(create_error("tobacco.visit_completion",
                           R"({"standard": [{"class": 1, "per_month": 4}, {"class": 1, "per_month": 2}]})")
                  .find("params.standard[1].class: class 1 appears twice"),
              std::string::npos);
    EXPECT_NE(create_error("tobacco.visit_completion", R"({"standard": [{"class": 1.5, "per_month": 4}]})")
                  .find("params.standard[0].class"),
              std::string::npos);
}

}  // namespace
}  // namespace tobacco_test
