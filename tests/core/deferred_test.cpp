// core.deferred, the one deferred-payment component (seed 000's 奖金延后支付
// in the banking scheme, a generic deferral elsewhere): a bonus deferred over
// three later runs, with one clawback when loans turn bad.
#include "core_fixture.hpp"

namespace merit::core_test {
namespace {

constexpr const char* kParams =
    R"({"reward": "vp_bonus", "share": 0.3, "periods": 3, "clawback": "npl_formed_ratio",
        "clawback_rate": 0.01, "clawback_reason": "loans turned non-performing"})";

class DeferredBonus : public CorePlugin {
protected:
    void run(const std::string& period, double bonus_fen, double npl_ratio) {
        Scope scope({"M1"}, {}, {}, period);
        run_.columns["pay:vp_bonus"] = {{"M1", bonus_fen}};
        run_.columns["npl_formed_ratio"] = {{"M1", npl_ratio}};
        reward("core.deferred", kParams, scope);
    }
    double due(int k) { return run_.state_out.at("deferred.due_in_" + std::to_string(k)).at("M1"); }
};

TEST_F(DeferredBonus, PaidOverThreeLaterRunsWithOneClawback) {
    // Run 1 (2026-Q1): bonus 10,000.00 yuan; 30% = 3,000.00 held back (−300,000 fen),
    //   due 1,000.00 in each of the next three runs.
    run("2026-Q1", 1'000'000, 0);
    EXPECT_EQ(run_.fen(0, "deferred_hold"), -300'000);
    EXPECT_FALSE(run_.fen(0, "deferred_release").has_value());  // nothing was deferred before
    EXPECT_EQ(due(1), 100'000);
    EXPECT_EQ(due(2), 100'000);
    EXPECT_EQ(due(3), 100'000);
    EXPECT_EQ(run_.state_out.at("deferred.balance").at("M1"), 300'000);

    // Run 2 (2026-Q2): no new bonus; the first instalment 1,000.00 is paid.
    run_.next_run();
    run("2026-Q2", 0, 0);
    EXPECT_EQ(run_.fen(0, "deferred_release"), 100'000);
    EXPECT_FALSE(run_.fen(0, "deferred_hold").has_value());
    EXPECT_EQ(due(1), 100'000);
    EXPECT_EQ(due(2), 100'000);
    EXPECT_EQ(due(3), 0);

    // Run 3 (2026-Q3): 25% of the loans handled turned bad → 25 × 0.01 = 25% of the
    //   outstanding 2,000.00 is forfeited: 250.00 from each instalment (500.00 in all);
    //   750.00 is paid now and 750.00 stays due next run.
    run_.next_run();
    run("2026-Q3", 0, 25);
    EXPECT_EQ(run_.fen(0, "deferred_release"), 75'000);
    ASSERT_EQ(run_.decisions.size(), 1u);
    EXPECT_EQ(run_.decisions[0].kind, "clawback");
    EXPECT_EQ(run_.decisions[0].value, "500.00");
    EXPECT_EQ(due(1), 75'000);
    EXPECT_EQ(due(2), 0);
    EXPECT_EQ(trace_.at("clawback forfeited", 0), 500.0);

    // Run 4 (2026-Q4): the last 750.00. Paid in all: 1,000 + 750 + 750 = 2,500 = 3,000 − 500 forfeited.
    run_.next_run();
    run("2026-Q4", 0, 0);
    EXPECT_EQ(run_.fen(0, "deferred_release"), 75'000);
    EXPECT_EQ(run_.state_out.at("deferred.balance").at("M1"), 0);
}

TEST_F(DeferredBonus, UnevenFenGoToTheFirstInstalmentAndNewDeferralsStack) {
    // 30% of 3,333.37 yuan = 1,000.011 → 1,000.01 yuan = 100,001 fen; 100,001 / 3 = 33,333 r 2:
    // due 33,335 / 33,333 / 33,333.
    run("2026-Q1", 333'337, 0);
    EXPECT_EQ(run_.fen(0, "deferred_hold"), -100'001);
    EXPECT_EQ(due(1), 33'335);
    EXPECT_EQ(due(2), 33'333);
    EXPECT_EQ(due(3), 33'333);
    // Next run also earns 1,000.00 → 300.00 held = 10,000 fen each:
    // pays 33,335; due 33,333 + 10,000, 33,333 + 10,000, 0 + 10,000.
    run_.next_run();
    run("2026-Q2", 100'000, 0);
    EXPECT_EQ(run_.fen(0, "deferred_release"), 33'335);
    EXPECT_EQ(run_.fen(0, "deferred_hold"), -30'000);
    EXPECT_EQ(due(1), 43'333);
    EXPECT_EQ(due(2), 43'333);
    EXPECT_EQ(due(3), 10'000);
}

TEST_F(DeferredBonus, ClawbackNeverExceedsTheBalance) {
    // A 250% ratio × 0.01 = 2.5 is clamped to 100%: everything outstanding is forfeited.
    run("2026-Q1", 1'000'000, 0);
    run_.next_run();
    run("2026-Q2", 0, 250);
    EXPECT_EQ(run_.fen(0, "deferred_release"), 0);
    EXPECT_EQ(run_.decisions.at(0).value, "3000.00");
    EXPECT_EQ(run_.state_out.at("deferred.balance").at("M1"), 0);
}

TEST_F(DeferredBonus, TheClawbackDecisionSaysWhyAndTheLinesCarryTheLabel) {
    // 10,000.00 held 3,000.00 in Q1; in Q2 a ratio of 10 × 0.01 = 10% forfeits 100.00 of each
    // 1,000.00 instalment: 300.00 in all; 900.00 paid now.
    run("2026-Q1", 1'000'000, 0);
    ASSERT_EQ(run_.pay.size(), 1u);
    EXPECT_EQ(run_.pay[0].label, "递延奖金扣留");
    EXPECT_EQ(run_.pay[0].basis, "30% of vp_bonus 10000.00 = 3000.00 held back, paid over the next 3 runs");
    run_.next_run();
    run("2026-Q2", 0, 10);
    ASSERT_EQ(run_.decisions.size(), 1u);
    EXPECT_EQ(run_.decisions[0].reason,
              "loans turned non-performing: npl_formed_ratio 10 × 0.01 = 10% of the deferred balance 3000.00 "
              "forfeited");
    ASSERT_EQ(run_.pay.size(), 1u);
    EXPECT_EQ(run_.pay[0].label, "递延奖金发放");
    EXPECT_EQ(run_.pay[0].basis,
              "instalment due 1000.00 of deferred balance 3000.00 after clawback of 10% (300.00 forfeited): "
              "paid 900.00");
}

TEST_F(DeferredBonus, TwoPeriodsWithoutAClawbackColumn) {
    // share 30% over 2 runs, no clawback: 3,333.33 → 999.999 → 1,000.00 held, 500.00 + 500.00;
    // 10.03 → 3.009 → 3.01 held, 151 + 150 fen (the odd fen goes to the first instalment).
    run_.columns["pay:bonus"] = {{"m1", 333'333}, {"m2", 1'003}};
    Scope scope({"m1", "m2"});
    reward("core.deferred", R"({"reward": "bonus", "share": 0.3, "periods": 2})", scope);
    EXPECT_EQ(run_.total_fen(0), -100'000);
    EXPECT_EQ(run_.total_fen(1), -301);
    const Cells due_1 = {{"m1", 50'000}, {"m2", 151}};
    const Cells due_2 = {{"m1", 50'000}, {"m2", 150}};
    EXPECT_EQ(run_.state_out["deferred.due_in_1"], due_1);
    EXPECT_EQ(run_.state_out["deferred.due_in_2"], due_2);
    // The next run pays the first instalments and moves the second one up.
    run_.next_run();
    run_.columns["pay:bonus"] = {};
    reward("core.deferred", R"({"reward": "bonus", "share": 0.3, "periods": 2})", scope);
    EXPECT_EQ(run_.total_fen(0), 50'000);
    EXPECT_EQ(run_.total_fen(1), 151);
    EXPECT_EQ(run_.state_out["deferred.due_in_1"], due_2);
    EXPECT_EQ(run_.state_out["deferred.balance"].at("m1"), 50'000);
}

TEST_F(DeferredBonus, BadParameters) {
    EXPECT_EQ(create_error("core.deferred", "{}"), "core.deferred: create: params.reward: required");
    EXPECT_EQ(create_error("core.deferred", R"({"reward": "bonus", "share": 1.5})"),
              "core.deferred: create: params.share: must lie between 0 and 1 (found 1.5)");
    EXPECT_EQ(create_error("core.deferred", R"({"reward": "bonus", "periods": 2.5})"),
              "core.deferred: create: params.periods: must be a whole number");
    EXPECT_EQ(create_error("core.deferred", R"({"reward": "bonus", "periods": 41})"),
              "core.deferred: create: params.periods: must lie between 1 and 40 (found 41)");
}

}  // namespace
}  // namespace merit::core_test
