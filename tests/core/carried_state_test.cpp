// Rewards that carry state across runs (grade streaks; deferred balances are
// deferred_test.cpp's):
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

}  // namespace
}  // namespace merit::core_test
