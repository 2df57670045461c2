// 贷款损失 (seed 001): substandard × 30% + doubtful × 50% + loss × 100% of the
// period-end balances. With basis "change" the value is this period's
// provision minus the previous period's, so that upgrading or recovering bad
// loans gives money back, as the seed asks.
#include "common.hpp"
#include "components.hpp"
#include "loan_classes.hpp"

namespace banking {
namespace {

class LoanLossProvision : public merit::IndicatorProvider {
public:
    explicit LoanLossProvision(const merit::Value& params)
        : classes_(LoanClasses::from(params)), basis_(params["basis"].string()) {
        if (basis_ != "level" && basis_ != "change") params["basis"].fail("must be \"level\" or \"change\"");
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const std::vector<double> now = provisions(ctx, scope, std::nullopt, "");
        std::vector<double> before(scope.size(), 0.0);
        std::string previous;
        if (basis_ == "change") {
            previous = ctx.previous(std::string(scope.period())).text;
            before = provisions(ctx, scope, previous, " " + previous);
        }
        for (size_t i = 0; i < scope.size(); ++i) {
            out.set(i, now[i] - before[i]);
            if (basis_ == "change")
                ctx.note(i, "loan loss = provision " + num(now[i]) + " − provision " + previous + " " +
                                num(before[i]) + " = " + num(now[i] - before[i]));
        }
    }

private:
    std::vector<double> provisions(merit::Context& ctx, const merit::Scope& scope,
                                   const std::optional<std::string>& period,
                                   const std::string& suffix) const {
        const auto balances = classes_.balances(ctx, scope, MERIT_AGG_END, period);
        for (LoanClass c : {substandard, doubtful, loss})
            ctx.trace(classes_.metrics[c] + suffix, balances[c]);
        std::vector<double> out(scope.size());
        for (size_t i = 0; i < scope.size(); ++i) {
            const double s = balances[substandard].value_or(i, 0.0), d = balances[doubtful].value_or(i, 0.0),
                         l = balances[loss].value_or(i, 0.0);
            out[i] = classes_.provision(s, d, l);
            ctx.note(i, "provision" + suffix + " = " + classes_.provision_formula(s, d, l));
        }
        return out;
    }

    LoanClasses classes_;
    std::string basis_;
};

}  // namespace

void add_loan_loss_provision(merit::PluginBuilder& plugin) {
    plugin.provider<LoanLossProvision>("loan_loss_provision");
}

}  // namespace banking
