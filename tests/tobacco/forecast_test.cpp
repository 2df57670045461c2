// Demand-forecast accuracy and sample coverage of a small sample, by hand.
#include "tobacco/tobacco_fixture.hpp"

namespace tobacco_test {
namespace {

class ForecastTest : public TobaccoTest {
protected:
    void SetUp() override {
        TobaccoTest::SetUp();
        sql(R"(
INSERT INTO org_units(id, name, kind) VALUES ('D1', '河东片区', 'district');
INSERT INTO managers(id, name, org_unit_id) VALUES ('F1', 'one', 'D1'), ('F2', 'two', 'D1'), ('F3', 'three', 'D1');
INSERT INTO customers(id, segment, org_unit_id) VALUES ('S1', 'grocery', 'D1'), ('S2', 'convenience', 'D1'),
  ('S3', 'grocery', 'D1'), ('S4', 'supermarket', 'D1');
INSERT INTO assignments(customer_id, manager_id, valid_from) VALUES
  ('S1', 'F1', '2026-01-01'), ('S2', 'F1', '2026-01-01'), ('S3', 'F2', '2026-01-01'), ('S4', 'F1', '2026-01-01');
INSERT INTO facts(entity, entity_id, metric, date, value) VALUES
  ('customer', 'S1', 'retailer_class', '2026-01-01', 3), ('customer', 'S2', 'retailer_class', '2026-01-01', 1),
  ('customer', 'S3', 'retailer_class', '2026-01-01', 3), ('customer', 'S4', 'retailer_class', '2026-01-01', 2),
  ('customer', 'S1', 'forecast_high', '2026-11-01', 10), ('customer', 'S1', 'order_high', '2026-11-30', 8),
  ('customer', 'S1', 'forecast_low', '2026-11-01', 20),  ('customer', 'S1', 'order_low', '2026-11-30', 25),
  ('customer', 'S2', 'forecast_high', '2026-11-01', 5),  ('customer', 'S2', 'order_high', '2026-11-30', 6),
  ('customer', 'S2', 'forecast_low', '2026-11-01', 30),  ('customer', 'S2', 'order_low', '2026-11-30', 30),
  ('customer', 'S3', 'forecast_high', '2026-11-01', 30), ('customer', 'S3', 'order_high', '2026-11-30', 10),
  ('customer', 'S4', 'order_high', '2026-11-30', 50),    ('customer', 'S4', 'order_low', '2026-11-30', 90),
  ('customer', 'S1', 'forecast_high', '2026-10-01', 99), ('customer', 'S1', 'order_high', '2026-10-31', 1);
)");
    }
    TestScope scope{{{"F1", "D1", "customer_manager", ""},
                     {"F2", "D1", "customer_manager", ""},
                     {"F3", "D1", "customer_manager", ""}},
                    "2026-11"};
};

// F1's sample stores are S1 and S2 (S4 has orders but no forecast; October is outside):
//   high: Σ|f − a| = |10 − 8| + |5 − 6| = 3,  Σa = 14 -> 1 − 3/14  = 11/14 = 0.785714
//   low:  Σ|f − a| = |20 − 25| + |30 − 30| = 5, Σa = 55 -> 1 − 5/55 = 50/55 = 0.909091
//   mean = (11/14 + 50/55) / 2 = 0.847403
// F2: S3 high |30 − 10| = 20 > Σa 10 -> 1 − 2 = −1, floored at 0.
// F3 has no sample store: no value.
TEST_F(ForecastTest, AccuracyPerBrandGroupFlooredAtZero) {
    RecordingTrace trace;
    const auto v = indicator("tobacco.forecast_accuracy", R"({"groups": ["high", "low"], "combine": "mean"})",
                             scope, trace);
    EXPECT_NEAR(*v[0], (11.0 / 14.0 + 50.0 / 55.0) / 2.0, 1e-12);
    EXPECT_EQ(*v[1], 0.0);
    EXPECT_FALSE(v[2]);
    EXPECT_EQ(trace.columns["sample stores"][0], 2.0);
    EXPECT_NEAR(*trace.columns["accuracy high"][0], 11.0 / 14.0, 1e-12);
    EXPECT_NEAR(*trace.columns["accuracy low"][0], 50.0 / 55.0, 1e-12);
    EXPECT_FALSE(trace.columns["accuracy low"][1]);  // F2 forecast no low-grade brand
    EXPECT_TRUE(
        trace.noted(0, "brand group high: 2 sample stores, Σ|forecast − actual| = 3.00, Σ actual = 14.00"));
    EXPECT_TRUE(trace.noted(1, "accuracy 0.0000"));
    EXPECT_TRUE(trace.noted(2, "no sample-store forecast"));
}

// Weighted by volume: (14 × 11/14 + 55 × 50/55) ÷ 69 = (11 + 50) ÷ 69 = 61/69.
TEST_F(ForecastTest, VolumeWeightedCombination) {
    RecordingTrace trace;
    const auto v = indicator("tobacco.forecast_accuracy",
                             R"({"groups": ["high", "low"], "combine": "volume_weighted"})", scope, trace);
    EXPECT_NEAR(*v[0], 61.0 / 69.0, 1e-12);
}

// The default, pooled over the whole sample: every carton weighs the same.
// F1: Σ|f − a| = 3 (high) + 5 (low) = 8, Σa = 14 + 55 = 69 -> 1 − 8/69 = 61/69 = 0.884058
//   (equal to volume_weighted here: no group is floored and every group was ordered).
// F2: 1 − 20/10 < 0 -> 0. F3: no value.
TEST_F(ForecastTest, PooledAccuracyIsTheDefault) {
    RecordingTrace trace;
    const auto v = indicator("tobacco.forecast_accuracy", R"({"groups": ["high", "low"]})", scope, trace);
    EXPECT_NEAR(*v[0], 61.0 / 69.0, 1e-12);
    EXPECT_EQ(*v[1], 0.0);
    EXPECT_FALSE(v[2]);
    EXPECT_TRUE(trace.noted(
        0, "pooled accuracy over the sample: 1 − Σ|forecast − actual| 8.00 ÷ Σ actual 69.00 = 0.8841"));
}

// A small group no longer swings the score. F1 also forecast 4 cartons of
// mid-grade brands at S1, which ordered none (order_mid 0):
//   mid: Σ|f − a| = 4, Σa = 0 -> accuracy 0 (something forecast, nothing ordered)
//   mean over 3 groups = (11/14 + 50/55 + 0) / 3 = 0.564935: 4 cartons cost a third of the score
//   volume_weighted = (14 × 11/14 + 55 × 50/55 + 0 × 0) / 69 = 61/69: the 4 cartons vanish
//   pooled = 1 − (3 + 5 + 4) / (14 + 55 + 0) = 1 − 12/69 = 57/69 = 0.826087: they count as 4 cartons
TEST_F(ForecastTest, PooledCountsEveryCartonOnce) {
    sql(R"(INSERT INTO facts(entity, entity_id, metric, date, value) VALUES
  ('customer', 'S1', 'forecast_mid', '2026-11-01', 4), ('customer', 'S1', 'order_mid', '2026-11-30', 0);)");
    const std::string groups = R"("groups": ["high", "mid", "low"])";
    RecordingTrace trace;
    const auto pooled = indicator("tobacco.forecast_accuracy", "{" + groups + "}", scope, trace);
    const auto mean =
        indicator("tobacco.forecast_accuracy", "{" + groups + R"(, "combine": "mean"})", scope, trace);
    const auto weighted = indicator("tobacco.forecast_accuracy",
                                    "{" + groups + R"(, "combine": "volume_weighted"})", scope, trace);
    EXPECT_NEAR(*pooled[0], 57.0 / 69.0, 1e-12);
    EXPECT_NEAR(*mean[0], (11.0 / 14.0 + 50.0 / 55.0 + 0.0) / 3.0, 1e-12);
    EXPECT_NEAR(*weighted[0], 61.0 / 69.0, 1e-12);
}

// Coverage with required types grocery, convenience, supermarket and classes 1, 2, 3:
// F1's samples S1 (grocery, C) and S2 (convenience, A) -> types 2 + classes 2 of 6 = 0.666667;
// F2's sample S3 (grocery, C) -> 1 + 1 of 6; F3 no sample -> 0.
TEST_F(ForecastTest, SampleCoverageAcrossTypesAndSizes) {
    RecordingTrace trace;
    const auto v =
        indicator("tobacco.sample_coverage",
                  R"({"groups": ["high", "low"], "required_types": ["grocery", "convenience", "supermarket"],
                                 "required_classes": [1, 2, 3]})",
                  scope, trace);
    EXPECT_NEAR(*v[0], 4.0 / 6.0, 1e-12);
    EXPECT_NEAR(*v[1], 2.0 / 6.0, 1e-12);
    EXPECT_EQ(*v[2], 0.0);
    EXPECT_TRUE(trace.noted(0,
                            "2 sample stores cover 4 of 6 required types/classes = 0.6667; missing: type "
                            "supermarket, class 2"));
    EXPECT_TRUE(trace.noted(2, "no sample-store forecast in the period: coverage 0"));
}

TEST_F(ForecastTest, BadParametersAreRejected) {
    EXPECT_NE(create_error("tobacco.forecast_accuracy", R"({"combine": "median"})").find("params.combine"),
              std::string::npos);
    EXPECT_NE(create_error("tobacco.forecast_accuracy", R"({"groups": []})").find("params.groups"),
              std::string::npos);
    EXPECT_NE(create_error("tobacco.sample_coverage", R"({})").find("required_types or required_classes"),
              std::string::npos);
}

}  // namespace
}  // namespace tobacco_test
