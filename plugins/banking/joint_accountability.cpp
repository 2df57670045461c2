// 连带问责 (seed 002 篇2): customer manager and risk manager co-sign a loan;
// when it goes bad both are penalised, by the number of cases and the size of
// the loss. Reads the flow metric the credit system books on the customer when
// a loan turns non-performing (amount = balance that moved), attributed once
// through owner assignments (the customer manager) and once through "risk"
// assignments (the co-signing risk manager), full amounts, no shares:
//   penalty = factor × (per_case × cases + loss_rate × amount), capped at `cap`
// Emits a negative pay line per role and a decision recording the cases, so
// that the annual assessment can read them. `sides` limits it to one role
// for a scheme that rates only customer managers or only risk managers, so
// their explain shows no line of the other role's.
#include <algorithm>

#include "common.hpp"
#include "components.hpp"

namespace banking {
namespace {

class JointAccountability : public merit::RewardCalculator {
public:
    explicit JointAccountability(const merit::Value& params)
        : metric_(params["metric"].string()),
          per_case_(rate_param(params, "per_case", 500)),
          loss_rate_(rate_param(params, "loss_rate", 0.01)),
          manager_factor_(rate_param(params, "manager_factor", 1.0)),
          risk_factor_(rate_param(params, "risk_factor", 1.0)),
          cap_(rate_param(params, "cap", 0)) {
        const std::string sides = params.get_string("sides", "both");
        if (sides != "both" && sides != "customer_manager" && sides != "risk_manager")
            params["sides"].fail("must be \"both\", \"customer_manager\" or \"risk_manager\"");
        owners_ = sides != "risk_manager";
        co_signers_ = sides != "customer_manager";
    }

    void compute(merit::Context& ctx, const merit::Scope& scope) override {
        if (owners_)
            penalise(ctx, scope, std::nullopt, manager_factor_, "customer manager", "ja_manager",
                     "连带问责(客户经理)");
        if (co_signers_)
            penalise(ctx, scope, std::string("risk"), risk_factor_, "co-signing risk manager", "ja_risk",
                     "连带问责(风险经理)");
    }

private:
    void penalise(merit::Context& ctx, const merit::Scope& scope, const std::optional<std::string>& role,
                  double factor, const std::string& as, const std::string& code,
                  const std::string& label) const {
        const merit::Column cases = ctx.facts(scope, Facts(metric_, MERIT_AGG_COUNT).role(role).whole());
        const merit::Column amount = ctx.facts(scope, Facts(metric_).role(role).whole());
        ctx.trace("bad-loan cases as " + as, cases);
        ctx.trace("bad-loan amount as " + as, amount);
        for (size_t i = 0; i < scope.size(); ++i) {
            const double count = cases.value_or(i, 0.0), loss = amount.value_or(i, 0.0);
            if (count <= 0 && loss <= 0) continue;
            double penalty = factor * (per_case_ * count + loss_rate_ * loss);
            std::string basis = num(factor) + " × (" + num(per_case_) + " × " + num(count) + " cases + " +
                                num(loss_rate_ * 100, 4) + "% × " + num(loss) + ") = " + num(penalty);
            if (cap_ > 0 && penalty > cap_) {
                penalty = cap_;
                basis += ", capped at " + num(cap_);
            }
            const int64_t fen = merit::to_fen(penalty);
            ctx.pay(i, code, label, -fen,
                    "as " + as + ": " + basis + " → −" + merit::format_yuan(fen) + " yuan");
            ctx.decision(i, "joint_accountability", num(count) + " cases / " + num(loss) + " yuan",
                         "loans turned non-performing as " + as);
        }
    }

    std::string metric_;
    double per_case_;
    double loss_rate_;
    double manager_factor_;
    double risk_factor_;
    double cap_;
    bool owners_ = true;      // the customer managers who own the customer
    bool co_signers_ = true;  // the risk managers who co-signed
};

}  // namespace

void add_joint_accountability(merit::PluginBuilder& plugin) {
    plugin.reward<JointAccountability>("joint_accountability");
}

}  // namespace banking
