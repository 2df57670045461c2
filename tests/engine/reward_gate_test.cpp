// Reward gates (config/SCHEMES.md "Reward gates"): a veto changes the
// evaluation; whether a vetoed manager is paid is each reward's gate. The
// reference workspace and scheme (whole_run_test.cpp) give, by hand:
//   M1 total 96 优秀; M2 88.5 良好; M3 0 不合格, vetoed by 合规一票否决 (total 0);
//   M4 93.2 良好 (moved down by the distribution limit); M5 95.6 良好, vetoed by
//   警告封顶 (rating capped).
// The gate scheme adds a revenue input and replaces the rewards with
// core.tiered_commission, core.bonus_pool and core.grade_rules (the staged
// core plugin) and enginetest.accumulate.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>

#include "engine/run_result.hpp"
#include "engine/run_store.hpp"
#include "engine/run_workflow.hpp"
#include "engine_test_support.hpp"
#include "scheme/scheme_validator.hpp"

namespace merit {
namespace {

using namespace merit::testing;
namespace json = boost::json;

// The enginetest plugin and the staged core plugin.
PluginRegistry gate_registry() {
    HostConfig config;
    config.plugin_dirs = {std::filesystem::path(MERIT_TEST_PLUGIN_DIR) / "engine",
                          std::filesystem::path(MERIT_STAGE_DIR) / "lib/merit/plugins"};
    config.allow_untrusted = true;
    return PluginRegistry::discover(config);
}

json::object reward(const char* id, const char* calculator, const char* params, const char* gate) {
    json::object r{{"id", id}, {"calculator", calculator}, {"params", json::parse(params)}};
    if (gate) r["gate"] = json::parse(gate);
    return r;
}

// Revenue: M1 450000, M2 700000, M3 450000, M4 100000, M5 300000.
json::value gate_scheme(const char* commission_gate, const char* points_gate) {
    json::value s = reference_json();
    auto& o = s.as_object();
    o["plugins"] = json::array{"enginetest", "core"};
    o["inputs"].as_array().push_back(json::parse(R"({"id": "revenue", "provider": "enginetest.fixed",
        "params": {"values": {"M1": 450000, "M2": 700000, "M3": 450000, "M4": 100000, "M5": 300000}}})"));
    json::array rewards;
    rewards.push_back(reward("commission", "core.tiered_commission", R"({"base": "revenue",
        "tiers": [{"up_to": 300000, "rate": 0.01}, {"up_to": 600000, "rate": 0.015}, {"rate": 0.02}]})",
                             commission_gate));
    rewards.push_back(reward("pool", "core.bonus_pool", R"({"pool": 1000})",
                             R"({"vetoed": "excluded", "min_band": "良好"})"));
    rewards.push_back(reward("veto_review", "core.grade_rules", R"({"column": "vetoed", "rules": [
        {"name": "veto_review", "op": ">=", "value": 1, "periods": 1, "decision": "flag", "to": "review"}]})",
                             nullptr));
    rewards.push_back(reward("points", "enginetest.accumulate", "{}", points_gate));
    o["rewards"] = std::move(rewards);
    return s;
}

int64_t pay_of(const RunResult& r, const std::string& manager, const std::string& reward_id) {
    int64_t sum = 0;
    for (const auto& p : r.pay)
        if (p.manager_id == manager && p.reward == reward_id) sum += p.amount_fen;
    return sum;
}

const DecisionLine* decision(const RunResult& r, const std::string& manager, const std::string& reward_id,
                             const std::string& kind) {
    for (const auto& d : r.decisions)
        if (d.manager_id == manager && d.reward == reward_id && d.kind == kind) return &d;
    return nullptr;
}

// The carried "points" of a manager; -1 when the run stored none.
double state_of(const RunResult& r, const std::string& manager) {
    for (const auto& s : r.state)
        if (s.manager_id == manager && s.reward == "points" && s.key == "points") return s.value;
    return -1;
}

class RewardGate : public EngineWorkspaceTest {
protected:
    RunResult run(const json::value& scheme, const std::string& period) {
        const auto file = write_scheme(dir, "gate-" + period + ".json", scheme);
        return load_run(ws->db(), run_scheme(*ws, gates, file, period).info.id);
    }
    PluginRegistry gates = gate_registry();
};

TEST_F(RewardGate, AVetoedManagerGetsNoCommissionWhenTheGateExcludesThem) {
    const RunResult r = run(gate_scheme(R"({"vetoed": "excluded"})", R"({"vetoed": "paid"})"), "2026-Q1");
    // Marginal tiers 1% to 300000, 1.5% to 600000, 2% above:
    //   M1 450000: 300000 x 0.01 + 150000 x 0.015 = 3000 + 2250 = 5250.00 yuan = 525000 fen
    //   M2 700000: 3000 + 300000 x 0.015 + 100000 x 0.02 = 3000 + 4500 + 2000 = 9500.00 = 950000 fen
    //   M4 100000: 100000 x 0.01 = 1000.00 = 100000 fen
    //   M3 (total 0 by the veto) and M5 (rating capped by a veto): excluded, nothing.
    EXPECT_EQ(pay_of(r, "M1", "commission"), 525000);
    EXPECT_EQ(pay_of(r, "M2", "commission"), 950000);
    EXPECT_EQ(pay_of(r, "M3", "commission"), 0);
    EXPECT_EQ(pay_of(r, "M4", "commission"), 100000);
    EXPECT_EQ(pay_of(r, "M5", "commission"), 0);
    const auto* m3 = decision(r, "M3", "commission", "gate");
    ASSERT_NE(m3, nullptr);
    EXPECT_EQ(m3->value, "excluded");
    EXPECT_EQ(m3->reason, "vetoed by 合规一票否决: rewards[0].gate.vetoed is excluded");
    EXPECT_EQ(decision(r, "M5", "commission", "gate")->reason,
              "vetoed by 警告封顶: rewards[0].gate.vetoed is excluded");
    EXPECT_EQ(decision(r, "M1", "commission", "gate"), nullptr);
}

TEST_F(RewardGate, APoolIsSharedAmongTheAdmittedManagersOnly) {
    const RunResult r = run(gate_scheme(R"({"vetoed": "excluded"})", R"({"vetoed": "paid"})"), "2026-Q1");
    // Gate: not vetoed and 良好 or better -> M1 (96), M2 (88.5), M4 (93.2); M3 and M5 are vetoed.
    // Pool 1000.00 = 100000 fen, Σ totals 96 + 88.5 + 93.2 = 277.7:
    //   M1 100000 x 96 / 277.7   = 34569.68 -> 34569
    //   M2 100000 x 88.5 / 277.7 = 31868.92 -> 31868
    //   M4 100000 x 93.2 / 277.7 = 33561.40 -> 33561; floors 99998, 2 fen left by largest remainder:
    //   M2 (.92) and M1 (.68) get one each: 34570 + 31869 + 33561 = 100000, the whole pool.
    EXPECT_EQ(pay_of(r, "M1", "pool"), 34570);
    EXPECT_EQ(pay_of(r, "M2", "pool"), 31869);
    EXPECT_EQ(pay_of(r, "M4", "pool"), 33561);
    EXPECT_EQ(pay_of(r, "M3", "pool"), 0);
    EXPECT_EQ(pay_of(r, "M5", "pool"), 0);
    EXPECT_EQ(decision(r, "M5", "pool", "gate")->reason,
              "vetoed by 警告封顶: rewards[1].gate.vetoed is excluded");
    // The pay totals add up what each reward paid: M1 525000 + 34570 = 559570.
    EXPECT_EQ(r.find_manager("M1")->pay_fen, 559570);
    EXPECT_EQ(r.find_manager("M3")->pay_fen, 0);
}

TEST_F(RewardGate, WithVetoedPaidAVetoLeavesTheCommissionAlone) {
    const RunResult r = run(gate_scheme(R"({"vetoed": "paid"})", R"({"vetoed": "paid"})"), "2026-Q1");
    // M3 450000 -> 5250.00 yuan as M1; M5 300000 (up_to is inclusive) x 0.01 = 3000.00 yuan.
    EXPECT_EQ(pay_of(r, "M3", "commission"), 525000);
    EXPECT_EQ(pay_of(r, "M5", "commission"), 300000);
    EXPECT_EQ(decision(r, "M3", "commission", "gate"), nullptr);
}

TEST_F(RewardGate, ARewardReadsTheVetoedColumn) {
    const RunResult r = run(gate_scheme(R"({"vetoed": "excluded"})", R"({"vetoed": "paid"})"), "2026-Q1");
    // vetoed = 1 for M3 and M5, 0 for the others: the rule flags exactly those two.
    for (const char* id : {"M3", "M5"}) {
        const auto* d = decision(r, id, "veto_review", "flag");
        ASSERT_NE(d, nullptr) << id;
        EXPECT_EQ(d->value, "review");
    }
    for (const char* id : {"M1", "M2", "M4"})
        EXPECT_EQ(decision(r, id, "veto_review", "flag"), nullptr) << id;
}

TEST_F(RewardGate, AManagerKeptOutKeepsTheirCarriedState) {
    // Q1 without a total gate: points = total: M1 96, M2 88.5, M3 0, M4 93.2, M5 95.6.
    const RunResult q1 = run(gate_scheme(R"({"vetoed": "excluded"})", R"({"vetoed": "paid"})"), "2026-Q1");
    EXPECT_EQ(state_of(q1, "M2"), 88.5);
    // Q2 (same totals) with min_total 90: M1 96 + 96 = 192, M4 93.2 + 93.2 = 186.4, M5 95.6 + 95.6 = 191.2;
    // M2 (88.5 < 90) and M3 (0) are kept out: their points stay 88.5 and 0, neither added to nor lost.
    const RunResult q2 =
        run(gate_scheme(R"({"vetoed": "excluded"})", R"({"vetoed": "paid", "min_total": 90})"), "2026-Q2");
    EXPECT_EQ(state_of(q2, "M1"), 192);
    EXPECT_NEAR(state_of(q2, "M4"), 186.4, 1e-9);
    EXPECT_NEAR(state_of(q2, "M5"), 191.2, 1e-9);
    EXPECT_EQ(state_of(q2, "M2"), 88.5);
    EXPECT_EQ(state_of(q2, "M3"), 0);
    EXPECT_EQ(decision(q2, "M2", "points", "gate")->reason,
              "total 88.5 is below rewards[3].gate.min_total 90");
    EXPECT_EQ(decision(q2, "M2", "points", "cumulative_points"), nullptr);  // the calculator never saw M2
    // pay_total read by accumulate for M1: commission 525000 + pool 34570 = 559570 fen = 5595.70 yuan.
    EXPECT_EQ(decision(q2, "M1", "points", "cumulative_points")->reason,
              "previous 96 + total 96; pay so far 5595.70 yuan");
}

TEST_F(RewardGate, ValidateNamesEveryBadGateFieldByItsJsonPath) {
    json::value s = gate_scheme(R"({"vetoed": "maybe", "min_total": -1, "min_band": "良好x", "when": 1})",
                                R"({"min_total": 90})");
    const auto problems = validate_scheme_file(write_scheme(dir, "bad.json", s).string(), gates);
    std::string all;
    for (const auto& p : problems) all += "\n  " + p;
    for (const char* expected : {
             "rewards[0].gate.when: unknown key (allowed: vetoed, min_total, min_band)",
             "rewards[0].gate.vetoed: 'maybe' is not excluded or paid",
             "rewards[0].gate.min_total: must be a finite number, not negative",
             "rewards[0].gate.min_band: unknown band '良好x'",
             "rewards[3].gate.vetoed: missing (required)",
         })
        EXPECT_NE(std::find(problems.begin(), problems.end(), expected), problems.end()) << expected << all;
    const auto good = validate_scheme_file(
        write_scheme(dir, "good.json", gate_scheme(R"({"vetoed": "excluded"})", R"({"vetoed": "paid"})"))
            .string(),
        gates);
    EXPECT_TRUE(good.empty()) << good.front();
}

// Every shipped scheme states, for every reward, what a veto does to it.
TEST(ShippedSchemes, EveryRewardStatesItsGate) {
    for (const auto& entry :
         std::filesystem::directory_iterator(std::filesystem::path(MERIT_SOURCE_DIR) / "config")) {
        const auto name = entry.path().filename().string();
        if (!name.ends_with(".scheme.json")) continue;
        std::ifstream in(entry.path());
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const json::value scheme = json::parse(text);
        const auto& rewards = scheme.at("rewards").as_array();
        for (size_t i = 0; i < rewards.size(); ++i) {
            const auto* gate = rewards[i].as_object().if_contains("gate");
            ASSERT_NE(gate, nullptr) << name << " rewards[" << i << "] has no gate";
            const auto& vetoed = gate->at("vetoed").as_string();
            EXPECT_TRUE(vetoed == "excluded" || vetoed == "paid") << name << " rewards[" << i << "]";
        }
    }
}

}  // namespace
}  // namespace merit
