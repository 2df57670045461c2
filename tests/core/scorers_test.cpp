// Each core scorer against scores computed by hand from its documented rule.
#include "core_fixture.hpp"

namespace merit::core_test {
namespace {

using std::nullopt;

TEST_F(CorePlugin, LinearScoresCompletionWithFloorFullAndCap) {
    // floor 0.6, full 1.0, cap 1.2; score = 100 × min(c, 1.2) ÷ 1.0, 0 below 0.6:
    //   0.59 -> 0; 0.6 -> 60; 0.85 -> 85; 1.0 -> 100; 1.5 -> min(1.5, 1.2) = 1.2 -> 120; null -> 0.
    const auto s = score("core.linear", R"({"floor": 0.6, "full": 1.0, "cap": 1.2})",
                         {0.59, 0.6, 0.85, 1.0, 1.5, nullopt});
    EXPECT_DOUBLE_EQ(s[0], 0);
    EXPECT_DOUBLE_EQ(s[1], 60);
    EXPECT_DOUBLE_EQ(s[2], 85);
    EXPECT_DOUBLE_EQ(s[3], 100);
    EXPECT_DOUBLE_EQ(s[4], 120);
    EXPECT_DOUBLE_EQ(s[5], 0);
    EXPECT_TRUE(trace_.noted(0, "below the floor"));
}

TEST_F(CorePlugin, LinearDividesByTheTargetWhenTheIndicatorHasOne) {
    // value 90 / target 120 = 0.75 -> 75; 150 / 100 = 1.5, no cap given so cap = full = 1 -> 100;
    // target missing -> 0; target 0 -> 0 (no positive target).
    const auto s =
        score("core.linear", R"({"floor": 0.5})", {90.0, 150.0, 80.0, 80.0}, {120.0, 100.0, nullopt, 0.0});
    EXPECT_DOUBLE_EQ(s[0], 75);
    EXPECT_DOUBLE_EQ(s[1], 100);
    EXPECT_DOUBLE_EQ(s[2], 0);
    EXPECT_DOUBLE_EQ(s[3], 0);
    EXPECT_TRUE(trace_.noted(2, "no positive target"));
}

TEST_F(CorePlugin, LinearWithAFullPointOtherThanOne) {
    // A satisfaction value on 0–100: floor 60, full 100 -> 85 scores 100 × 85 ÷ 100 = 85; 55 -> 0.
    const auto s = score("core.linear", R"({"floor": 60, "full": 100})", {85.0, 55.0});
    EXPECT_DOUBLE_EQ(s[0], 85);
    EXPECT_DOUBLE_EQ(s[1], 0);
}

TEST_F(CorePlugin, LinearRejectsACapBelowFull) {
    EXPECT_EQ(create_error("core.linear", R"({"full": 1.0, "cap": 0.9})"),
              "core.linear: create: params.cap: must not be below full (1)");
    EXPECT_EQ(create_error("core.linear", R"({"floor": 1.5, "full": 1.0})"),
              "core.linear: create: params.floor: must lie between 0 and full (1)");
}

TEST_F(CorePlugin, ThresholdBandsStepsAtMinTargetStretch) {
    // min 0 -> 60, target 0.05 -> 100, stretch 0.15 -> 120 (default when stretch is given), below -> 0:
    //   -0.01 -> 0; 0 -> 60; 0.049 -> 60; 0.05 -> 100; 0.2 -> 120.
    const auto s = score("core.threshold_bands", R"({"min": 0, "target": 0.05, "stretch": 0.15})",
                         {-0.01, 0.0, 0.049, 0.05, 0.2});
    EXPECT_DOUBLE_EQ(s[0], 0);
    EXPECT_DOUBLE_EQ(s[1], 60);
    EXPECT_DOUBLE_EQ(s[2], 60);
    EXPECT_DOUBLE_EQ(s[3], 100);
    EXPECT_DOUBLE_EQ(s[4], 120);
}

TEST_F(CorePlugin, ThresholdBandsInterpolates) {
    // min 60 -> 60, target 80 -> 100, stretch 100 -> 110, interpolated:
    //   70 -> 60 + 40 × (70−60)/(80−60) = 80; 90 -> 100 + 10 × (90−80)/(100−80) = 105; 120 -> 110; 59 -> 0.
    const auto s =
        score("core.threshold_bands",
              R"({"min": 60, "target": 80, "stretch": 100, "stretch_score": 110, "interpolate": true})",
              {70.0, 90.0, 120.0, 59.0});
    EXPECT_DOUBLE_EQ(s[0], 80);
    EXPECT_DOUBLE_EQ(s[1], 105);
    EXPECT_DOUBLE_EQ(s[2], 110);
    EXPECT_DOUBLE_EQ(s[3], 0);
}

TEST_F(CorePlugin, ThresholdBandsOnCompletion) {
    // basis completion: 45 / 50 = 0.9 >= min 0.8 -> 60; 55 / 50 = 1.1 >= target 1 -> 100.
    const auto s = score("core.threshold_bands", R"({"min": 0.8, "target": 1, "basis": "completion"})",
                         {45.0, 55.0}, {50.0, 50.0});
    EXPECT_DOUBLE_EQ(s[0], 60);
    EXPECT_DOUBLE_EQ(s[1], 100);
    EXPECT_EQ(create_error("core.threshold_bands", R"({"min": 2, "target": 1})"),
              "core.threshold_bands: create: params.target: must not be below min (2)");
}

TEST_F(CorePlugin, LowerIsBetterIsLinearBetweenBestAndWorst) {
    // best 0, worst 4: 0 -> 100; 1 -> 100 × (4−1)/4 = 75; 3 -> 25; 4 -> 0; 9 -> 0; null -> 0.
    const auto s =
        score("core.lower_is_better", R"({"best": 0, "worst": 4})", {0.0, 1.0, 3.0, 4.0, 9.0, nullopt});
    EXPECT_DOUBLE_EQ(s[0], 100);
    EXPECT_DOUBLE_EQ(s[1], 75);
    EXPECT_DOUBLE_EQ(s[2], 25);
    EXPECT_DOUBLE_EQ(s[3], 0);
    EXPECT_DOUBLE_EQ(s[4], 0);
    EXPECT_DOUBLE_EQ(s[5], 0);
    EXPECT_EQ(create_error("core.lower_is_better", R"({"best": 5, "worst": 5})"),
              "core.lower_is_better: create: params.worst: must be greater than best (5)");
}

TEST_F(CorePlugin, RankPercentileWithinOrgUnitsAndTies) {
    // Unit A: 10, 20, 20, 40 (n = 4, n−1 = 3): 10 has 0 worse -> 0; 20 and 20 have 1 worse -> 33.33 each
    // (ties share); 40 has 3 worse -> 100. Unit B: 5 alone -> 100. A null in A scores 0 and is not counted.
    const auto s = score("core.rank_percentile", R"({"group": "org_unit"})",
                         {10.0, 20.0, 20.0, 40.0, 5.0, nullopt}, {}, {"A", "A", "A", "A", "B", "A"});
    EXPECT_DOUBLE_EQ(s[0], 0);
    EXPECT_DOUBLE_EQ(s[1], 100.0 / 3);
    EXPECT_DOUBLE_EQ(s[2], 100.0 / 3);
    EXPECT_DOUBLE_EQ(s[3], 100);
    EXPECT_DOUBLE_EQ(s[4], 100);
    EXPECT_DOUBLE_EQ(s[5], 0);
}

TEST_F(CorePlugin, RankPercentileOverallLowerIsBetter) {
    // Overall, lower better: 3, 1, 2 -> 1 is best (2 worse -> 100), 2 -> 50, 3 -> 0; groups are ignored.
    const auto s = score("core.rank_percentile", R"({"group": "all", "higher_is_better": false})",
                         {3.0, 1.0, 2.0}, {}, {"A", "B", "C"});
    EXPECT_DOUBLE_EQ(s[0], 0);
    EXPECT_DOUBLE_EQ(s[1], 100);
    EXPECT_DOUBLE_EQ(s[2], 50);
}

TEST_F(CorePlugin, PassFail) {
    // >= 0.95: 0.95 pass 100, 0.9 fail 0, null fail; with pass_score 80 / fail_score 20 and op "<" 3: 2
    // -> 80.
    const auto s = score("core.pass_fail", R"({"threshold": 0.95})", {0.95, 0.9, nullopt});
    EXPECT_DOUBLE_EQ(s[0], 100);
    EXPECT_DOUBLE_EQ(s[1], 0);
    EXPECT_DOUBLE_EQ(s[2], 0);
    const auto t = score("core.pass_fail",
                         R"({"threshold": 3, "op": "<", "pass_score": 80, "fail_score": 20})", {2.0, 3.0});
    EXPECT_DOUBLE_EQ(t[0], 80);
    EXPECT_DOUBLE_EQ(t[1], 20);
}

}  // namespace
}  // namespace merit::core_test
