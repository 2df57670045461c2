#include "engine/stages/rewards.hpp"

#include <fmt/format.h>

#include "common/errors.hpp"
#include "engine/reward_gate.hpp"
#include "engine/stages/trace_lines.hpp"

namespace merit {
namespace {

// Carried state of a manager kept out stays as it was (a deferred balance
// is neither paid out nor lost).
void keep_state_of_excluded(const RunContext& ctx, const RunScope& scope, const RewardSpec& reward,
                            const GateOutcome& gate, const StepServices& services, RunResult& result) {
    for (const auto& key : services.state_keys) {
        if (gate.excluded.empty()) break;
        const auto earlier = ctx.state_reader(reward.id, key);
        for (const auto& kept_out : gate.excluded)
            if (const auto it = earlier.find(scope.ids[kept_out.first]); it != earlier.end())
                result.state.push_back({reward.id, key, scope.ids[kept_out.first], it->second});
    }
}

void pay_reward(const RunContext& ctx, const RunScope& scope, const Verdicts& verdicts,
                const RewardSpec& reward, RunInProgress& run) {
    RunResult& result = run.result;
    auto instance = instantiate(ctx, reward.calculator, ComponentKind::reward);
    // The calculator sees only the managers its gate admits (all of them
    // without a gate): a pool is shared among them alone.
    const GateOutcome gate = apply_gate(reward, ctx.scheme, result.managers, verdicts.veto_by);
    const ScopeSubset subset(scope.raw(), gate.rows);
    const bool everyone = gate.excluded.empty();
    const std::vector<std::string>& call_ids = everyone ? scope.ids : subset.ids();
    StepServices services(run.columns, call_ids, reward.id, reward.id, ctx.state_reader);
    services.set_earlier_pay(&result.pay);
    if (!everyone) services.set_rows(&gate.rows);
    StepTrace trace;
    services.set_stored_runs(ctx.stored_runs.get(), &trace);
    try {
        instance->reward(everyone ? scope.raw() : subset.raw(), CallEnv{ctx.request.data, &services, &trace});
        // A refused pay line fails the reward even when the plugin ignored
        // the refusal and returned success.
        if (!services.refusal.empty()) throw UserError(services.refusal);
    } catch (const std::exception& e) {
        throw UserError(fmt::format("{} ({}): {}", reward.path, reward.id, e.what()));
    }
    result.pay.insert(result.pay.end(), services.pay.begin(), services.pay.end());
    result.decisions.insert(result.decisions.end(), services.decisions.begin(), services.decisions.end());
    result.state.insert(result.state.end(), services.state.begin(), services.state.end());
    for (const auto& [row, why] : gate.excluded)
        result.decisions.push_back(
            {scope.ids[row], 0, reward.id, reward.calculator.id, "gate", "excluded", why});
    keep_state_of_excluded(ctx, scope, reward, gate, services, result);
    append_trace(result.trace, trace, reward.id, call_ids);
}

}  // namespace

void pay_rewards(const RunContext& ctx, const RunScope& scope, const Verdicts& verdicts, RunInProgress& run) {
    for (const auto& reward : ctx.scheme.rewards) pay_reward(ctx, scope, verdicts, reward, run);
}

}  // namespace merit
