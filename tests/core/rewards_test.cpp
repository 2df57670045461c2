// The core reward calculators that need no carried state, each against pay
// computed by hand (in fen).
#include "core_fixture.hpp"

namespace merit::core_test {
namespace {

TEST_F(CorePlugin, BonusPoolIsPaidToTheFenByLargestRemainder) {
    // pool 1000.00 = 100000 fen, min 60; totals m1 90, m2 80, m3 70, m4 50 (below min, no share). Σ = 240.
    //   m1 100000 × 90/240 = 37500       -> 37500
    //   m2 100000 × 80/240 = 33333.333.. -> 33333
    //   m3 100000 × 70/240 = 29166.666.. -> 29166, +1 (largest remainder .667) = 29167
    //   37500 + 33333 + 29167 = 100000: the whole pool, to the fen.
    run_.columns["total"] = {{"m1", 90}, {"m2", 80}, {"m3", 70}, {"m4", 50}};
    Scope scope({"m1", "m2", "m3", "m4"});
    reward("core.bonus_pool", R"({"pool": 1000, "min": 60})", scope);
    ASSERT_EQ(run_.pay.size(), 3u);
    EXPECT_EQ(run_.total_fen(0), 37500);
    EXPECT_EQ(run_.total_fen(1), 33333);
    EXPECT_EQ(run_.total_fen(2), 29167);
    EXPECT_EQ(run_.total_fen(3), 0);
    EXPECT_EQ(run_.pay[2].basis,
              "pool 1000.00 × total 70 ÷ Σ 240 (3 sharing) = 291.666667 → 291.66 + 0.01 (largest remainder) "
              "= 291.67");
    EXPECT_TRUE(trace_.noted(3, "total 50 < min 60"));
}

TEST_F(CorePlugin, BonusPoolBreaksEqualRemaindersByManagerId) {
    // pool 0.10 = 10 fen over three equal totals: 3.333.. each, floors 9, 1 fen left over; equal remainders
    // -> the lowest manager id "a" (row 1) gets it: b 3, a 4, c 3.
    run_.columns["total"] = {{"b", 80}, {"a", 80}, {"c", 80}};
    Scope scope({"b", "a", "c"});
    reward("core.bonus_pool", R"({"pool": 0.10})", scope);
    EXPECT_EQ(run_.total_fen(0), 3);
    EXPECT_EQ(run_.total_fen(1), 4);
    EXPECT_EQ(run_.total_fen(2), 3);
}

TEST_F(CorePlugin, BonusPoolPerOrgUnit) {
    // U1 pool 100.00: m1 60, m2 40 -> 6000 and 4000 fen; U2 pool 50.00: m3 alone -> 5000;
    // U3 has no pool and there is no default pool -> m4 gets nothing (noted).
    run_.columns["total"] = {{"m1", 60}, {"m2", 40}, {"m3", 75}, {"m4", 99}};
    Scope scope({"m1", "m2", "m3", "m4"}, {"U1", "U1", "U2", "U3"});
    reward("core.bonus_pool", R"({"per": "org_unit", "pools": {"U1": 100, "U2": 50}})", scope);
    EXPECT_EQ(run_.total_fen(0), 6000);
    EXPECT_EQ(run_.total_fen(1), 4000);
    EXPECT_EQ(run_.total_fen(2), 5000);
    EXPECT_EQ(run_.total_fen(3), 0);
    EXPECT_TRUE(trace_.noted(3, "no pool for org unit U3"));
    EXPECT_EQ(create_error("core.bonus_pool", R"({"per": "all"})"),
              "core.bonus_pool: create: params.pool: required (or pools per org unit)");
}

TEST_F(CorePlugin, TieredCommissionMarginalAndWhole) {
    // tiers: up to 300000 at 1%, up to 600000 at 1.5%, above at 2%.
    //   marginal 450000: 300000 × 0.01 + 150000 × 0.015 = 3000 + 2250 = 5250.00
    //   marginal 700000: 3000 + 300000 × 0.015 + 100000 × 0.02 = 3000 + 4500 + 2000 = 9500.00
    //   marginal 123.456: 1.23456 -> 1.23
    //   0 and null: nothing
    const std::string tiers = R"("tiers": [{"up_to": 300000, "rate": 0.01}, {"up_to": 600000, "rate": 0.015},
                                           {"rate": 0.02}])";
    run_.columns["revenue"] = {{"m1", 450000}, {"m2", 700000}, {"m3", 123.456}, {"m4", 0}};
    Scope scope({"m1", "m2", "m3", "m4", "m5"});
    reward("core.tiered_commission", R"({"base": "revenue", )" + tiers + "}", scope);
    ASSERT_EQ(run_.pay.size(), 3u);
    EXPECT_EQ(run_.total_fen(0), 525000);
    EXPECT_EQ(run_.total_fen(1), 950000);
    EXPECT_EQ(run_.total_fen(2), 123);
    EXPECT_EQ(run_.pay[0].basis, "marginal on 450000: 300000 × 0.01 + 150000 × 0.015 = 5250.00");
    //   whole 450000: 450000 × 0.015 = 6750.00; whole 300000 (up_to inclusive): 300000 × 0.01 = 3000.00
    run_.pay.clear();
    run_.columns["revenue"] = {{"m1", 450000}, {"m2", 300000}};
    reward("core.tiered_commission", R"({"base": "revenue", "method": "whole", )" + tiers + "}", scope);
    EXPECT_EQ(run_.total_fen(0), 675000);
    EXPECT_EQ(run_.total_fen(1), 300000);
    EXPECT_EQ(run_.pay[0].basis, "whole amount 450000 × 0.015 (tier 2) = 6750.00");
}

TEST_F(CorePlugin, TieredCommissionRejectsBadTiers) {
    EXPECT_EQ(
        create_error("core.tiered_commission",
                     R"({"base": "x", "tiers": [{"up_to": 10, "rate": 0.1}, {"up_to": 5, "rate": 0.2}]})"),
        "core.tiered_commission: create: params.tiers[1].up_to: the last tier is open-ended: leave up_to "
        "out");
    EXPECT_EQ(create_error("core.tiered_commission",
                           R"({"base": "x", "tiers": [{"up_to": 10, "rate": 0.1}, {"up_to": 5, "rate": 0.2},
                                                      {"rate": 0.3}]})"),
              "core.tiered_commission: create: params.tiers[1].up_to: must be greater than the previous "
              "tier's up_to");
}

TEST_F(CorePlugin, FinesFromThePostalTable) {
    // meeting_late 20, log_missing 10, off_duty 50 (3 times -> removed_from_post), data_leak -> dismissal.
    //   m1: meeting_late quantity 3 -> 3 × 20 = −60.00; log_missing 1 -> −10.00
    //   m2: data_leak 1 -> decision dismissal; off_duty 3 -> 3 × 50 = −150.00 and removed_from_post
    data_.events["meeting_late|1"] = {{"m1", 3}};
    data_.events["log_missing|1"] = {{"m1", 1}};
    data_.events["data_leak|1"] = {{"m2", 1}};
    data_.events["off_duty|1"] = {{"m2", 3}};
    Scope scope({"m1", "m2", "m3"});
    reward("core.fines",
           R"({"table": {"meeting_late": 20, "log_missing": 10, "off_duty": 50, "data_leak": "dismissal"},
                             "labels": {"meeting_late": "晨会迟到"},
                             "escalations": [{"kind": "off_duty", "at_least": 3, "decision": "removed_from_post",
                                              "window": "period"}]})",
           scope);
    ASSERT_EQ(run_.pay.size(), 3u);
    EXPECT_EQ(run_.pay[0].row, 0u);
    EXPECT_EQ(run_.pay[0].code, "fine:meeting_late");
    EXPECT_EQ(run_.pay[0].label, "晨会迟到");
    EXPECT_EQ(run_.pay[0].fen, -6000);
    EXPECT_EQ(run_.pay[0].basis, "3 × 20.00 yuan (meeting_late) = -60.00");
    EXPECT_EQ(run_.total_fen(0), -7000);
    EXPECT_EQ(run_.total_fen(1), -15000);
    EXPECT_EQ(run_.total_fen(2), 0);
    ASSERT_EQ(run_.decisions.size(), 2u);
    EXPECT_EQ(run_.decisions[0].value, "dismissal");
    EXPECT_EQ(run_.decisions[0].row, 1u);
    EXPECT_EQ(run_.decisions[1].value, "removed_from_post");
    EXPECT_EQ(run_.decisions[1].reason, "off_duty (off_duty) × 3 reaches 3 in 2026-Q2");
    EXPECT_EQ(
        create_error("core.fines", R"({"table": {"late": -5}})"),
        "core.fines: create: params.table.late: must not be negative (fines are entered as positive yuan)");
}

TEST_F(CorePlugin, RatingCoefficientByGradeAndRating) {
    // base by grade 高级 6000, 中级 4500, else 3000; coefficients 优秀 1.3, 良好 1.1, 合格 1.0.
    //   m1 高级 优秀: 6000 × 1.3 = 7800.00; m2 初级 (not listed) 合格: 3000 × 1.0 = 3000.00;
    //   m3 中级 良好: 4500 × 1.1 = 4950.00.
    run_.texts["rating"] = {"优秀", "合格", "良好"};
    Scope scope({"m1", "m2", "m3"}, {}, {"高级", "初级", "中级"});
    const std::string params = R"({"base": 3000, "base_by_grade": {"高级": 6000, "中级": 4500},
                                   "coefficients": {"优秀": 1.3, "良好": 1.1, "合格": 1.0}})";
    reward("core.rating_coefficient", params, scope);
    EXPECT_EQ(run_.total_fen(0), 780000);
    EXPECT_EQ(run_.total_fen(1), 300000);
    EXPECT_EQ(run_.total_fen(2), 495000);
    EXPECT_EQ(run_.pay[2].basis, "base 4500.00 (grade 中级) × 1.1 (rating 良好) = 4950.00");
    // A rating the scheme does not map is an error naming the manager, not a silent 0.
    run_.texts["rating"] = {"优秀", "不合格", "良好"};
    try {
        reward("core.rating_coefficient", params, scope);
        FAIL() << "no error";
    } catch (const std::exception& e) {
        EXPECT_EQ(std::string(e.what()),
                  "core.rating_coefficient: compute: params.coefficients: no coefficient for rating '不合格' "
                  "(manager m2) and no params.default_coefficient");
    }
}

}  // namespace
}  // namespace merit::core_test
