// Rewards that carry state across runs (grade streaks, deferred balances):
// the "earlier run" is the state the fake hands in, the next run's input is
// what the component writes.
#include "core_fixture.hpp"

namespace merit::core_test {
namespace {

const char* kGradeRules = R"({"column": "total", "rules": [
    {"name": "promote_mid", "grades": ["初级"], "op": ">=", "value": 85, "periods": 2, "to": "中级"},
    {"name": "demote_mid", "grades": ["中级"], "op": "<", "value": 60, "periods": 2, "to": "初级"},
    {"name": "transfer", "grades": "初级", "op": "<", "value": 60, "periods": 2, "decision": "flag",
     "to": "transfer"}]})";

TEST_F(CorePlugin, GradeRulesNeedConsecutivePeriods) {
    // m1 初级 total 88, streak before 1 -> 2 >= 2: promoted to 中级, streak restarts at 0.
    // m2 初级 total 88, no streak -> 1: nothing yet.
    // m3 中级 total 50, demote streak 1 -> 2: demoted to 初级.
    // m4 初级 total 55, transfer streak 1 -> 2: flag transfer.
    // m5 初级 total null: every streak 0.
    run_.columns["total"] = {{"m1", 88}, {"m2", 88}, {"m3", 50}, {"m4", 55}};
    run_.state_in["streak:promote_mid"] = {{"m1", 1}};
    run_.state_in["streak:demote_mid"] = {{"m3", 1}};
    run_.state_in["streak:transfer"] = {{"m4", 1}, {"m5", 1}};
    Scope scope({"m1", "m2", "m3", "m4", "m5"}, {}, {"初级", "初级", "中级", "初级", "初级"});
    reward("core.grade_rules", kGradeRules, scope);
    ASSERT_EQ(run_.decisions.size(), 3u);
    EXPECT_EQ(run_.decisions[0].row, 0u);
    EXPECT_EQ(run_.decisions[0].kind, "grade");
    EXPECT_EQ(run_.decisions[0].value, "中级");
    EXPECT_EQ(run_.decisions[0].reason,
              "rule promote_mid: total 88 >= 85 for 2 consecutive period(s) (needs 2), grade 初级");
    EXPECT_EQ(run_.decisions[1].row, 2u);
    EXPECT_EQ(run_.decisions[1].value, "初级");
    EXPECT_EQ(run_.decisions[2].row, 3u);
    EXPECT_EQ(run_.decisions[2].kind, "flag");
    EXPECT_EQ(run_.decisions[2].value, "transfer");
    const Cells promote = {{"m1", 0}, {"m2", 1}, {"m3", 0}, {"m4", 0}, {"m5", 0}};
    EXPECT_EQ(run_.state_out["streak:promote_mid"], promote);
    const Cells transfer = {{"m1", 0}, {"m2", 0}, {"m3", 0}, {"m4", 0}, {"m5", 0}};
    EXPECT_EQ(run_.state_out["streak:transfer"], transfer);
}

TEST_F(CorePlugin, GradeRulesRejectAnUnknownRuleKey) {
    EXPECT_EQ(
        create_error("core.grade_rules",
                     R"({"column": "total", "rules": [{"name": "a", "value": 1, "to": "x", "period": 2}]})"),
        "core.grade_rules: create: params.rules[0].period: unknown key (known: name, grades, op, value, "
        "periods, decision, to)");
}

TEST_F(CorePlugin, DeferredHoldsPaysInstalmentsAndForfeits) {
    // share 30% over 2 periods, clawback "bad" at 0.5 per unit.
    // m1: bonus 10000.00, nothing held before: hold 10000.00 × 30% = 3000.00 (−300000 fen), due 1500.00 +
    // 1500.00. m2: bonus 3333.33, held before due_1 1000.00, due_2 500.00, bad 1 -> 1 × 0.5 = 50% forfeited:
    //     due_1 1000.00 − 500.00 = 500.00 paid now; due_2 500.00 − 250.00 = 250.00 stays (lost 750.00);
    //     hold 3333.33 × 30% = 999.999 -> 1000.00, due 500.00 + 500.00;
    //     next due_1 = 250.00 + 500.00 = 750.00, due_2 = 500.00, balance 1250.00;
    //     lines: forfeit 0, instalment +500.00, hold −1000.00 -> net −500.00.
    // m3: bonus 10.03 × 30% = 3.009 -> 3.01 (301 fen) split 151 + 150 (the first instalment takes the odd
    // fen).
    run_.columns["pay:bonus"] = {{"m1", 1000000}, {"m2", 333333}, {"m3", 1003}};
    run_.columns["bad"] = {{"m2", 1}};
    run_.state_in["due_1"] = {{"m2", 100000}};
    run_.state_in["due_2"] = {{"m2", 50000}};
    Scope scope({"m1", "m2", "m3"});
    reward("core.deferred", R"({"reward": "bonus", "share": 0.3, "periods": 2, "clawback": "bad",
                                "clawback_rate": 0.5})",
           scope);
    EXPECT_EQ(run_.total_fen(0), -300000);
    EXPECT_EQ(run_.total_fen(1), -50000);
    EXPECT_EQ(run_.total_fen(2), -301);
    const Cells due_1 = {{"m1", 150000}, {"m2", 75000}, {"m3", 151}};
    const Cells due_2 = {{"m1", 150000}, {"m2", 50000}, {"m3", 150}};
    const Cells balance = {{"m1", 300000}, {"m2", 125000}, {"m3", 301}};
    EXPECT_EQ(run_.state_out["due_1"], due_1);
    EXPECT_EQ(run_.state_out["due_2"], due_2);
    EXPECT_EQ(run_.state_out["balance"], balance);
    std::vector<std::string> m2_lines;
    for (const auto& line : run_.pay)
        if (line.row == 1) m2_lines.push_back(line.code + " " + std::to_string(line.fen) + ": " + line.basis);
    ASSERT_EQ(m2_lines.size(), 3u);
    EXPECT_EQ(
        m2_lines[0],
        "deferred_forfeit 0: clawback bad 1 × rate 0.5 = 50% of the held balance 1500.00 forfeited: 750.00 "
        "(never paid; balance now 750.00)");
    EXPECT_EQ(m2_lines[1],
              "deferred_instalment 50000: instalment of earlier deferrals due this period = 500.00");
    EXPECT_EQ(m2_lines[2],
              "deferred_hold -100000: bonus 3333.33 × 30% deferred = -1000.00; due in the next 2 period(s): "
              "500.00, "
              "500.00");
}

TEST_F(CorePlugin, DeferredPaysOutTheRestInLaterRunsWithoutNewPay) {
    // The run after m1's first deferral: no new bonus, due_1 1500.00 paid, due_2 1500.00 moves to due_1.
    run_.columns["pay:bonus"] = {};
    run_.state_in["due_1"] = {{"m1", 150000}};
    run_.state_in["due_2"] = {{"m1", 150000}};
    Scope scope({"m1"});
    reward("core.deferred", R"({"reward": "bonus", "share": 0.3, "periods": 2})", scope);
    EXPECT_EQ(run_.total_fen(0), 150000);
    EXPECT_EQ(run_.state_out["due_1"].at("m1"), 150000);
    EXPECT_EQ(run_.state_out["due_2"].at("m1"), 0);
    EXPECT_EQ(create_error("core.deferred", R"({"reward": "bonus", "share": 1.5})"),
              "core.deferred: create: params.share: must lie between 0 and 1 (found 1.5)");
}

}  // namespace
}  // namespace merit::core_test
