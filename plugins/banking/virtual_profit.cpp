// 客户经理虚拟利润 (seed 001): virtual profit = business income − funding cost
// − loan loss, with every term traced. The loan loss is the five-tier
// provision (substandard 30%, doubtful 50%, loss 100%) at period end; with
// loan_loss_basis "change" (the default) the provision held at the end of the
// previous period is subtracted, so that upgrading or recovering bad loans
// adds income back, as the seed says.
#include "common.hpp"
#include "components.hpp"
#include "profit_terms.hpp"

namespace banking {
namespace {

class VirtualProfit : public merit::IndicatorProvider {
public:
    explicit VirtualProfit(const merit::Value& params)
        : model_(ProfitModel::from(params)), loss_basis_(params["loan_loss_basis"].string()) {
        if (loss_basis_ != "change" && loss_basis_ != "level")
            params["loan_loss_basis"].fail("must be \"change\" or \"level\"");
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const ProfitTerms t = profit_terms(model_, ctx, scope);
        const std::vector<double> now = provision(ctx, scope, std::nullopt);
        std::vector<double> before(scope.size(), 0.0);
        if (loss_basis_ == "change")
            before = provision(ctx, scope, ctx.previous(std::string(scope.period())).text);
        std::vector<double> loan_loss(scope.size()), profit(scope.size());
        for (size_t i = 0; i < scope.size(); ++i) {
            loan_loss[i] = now[i] - before[i];
            profit[i] = t.income[i] - t.funding_cost[i] - loan_loss[i];
            out.set(i, profit[i]);
            if (loss_basis_ == "change")
                ctx.note(i, "loan loss = provision " + num(now[i]) + " − previous provision " +
                                num(before[i]) + " = " + num(loan_loss[i]));
            ctx.note(i, "virtual profit = income " + num(t.income[i]) + " − funding cost " +
                            num(t.funding_cost[i]) + " − loan loss " + num(loan_loss[i]) + " = " +
                            num(profit[i]));
        }
        ctx.trace("provision at period end", now);
        if (loss_basis_ == "change") ctx.trace("provision at previous period end", before);
        ctx.trace("loan loss", loan_loss);
        ctx.trace("virtual profit", profit);
    }

private:
    std::vector<double> provision(merit::Context& ctx, const merit::Scope& scope,
                                  const std::optional<std::string>& period) const {
        const auto b = model_.classes.balances(ctx, scope, MERIT_AGG_END, period);
        std::vector<double> out(scope.size());
        for (size_t i = 0; i < scope.size(); ++i) {
            const double s = b[substandard].value_or(i, 0.0), d = b[doubtful].value_or(i, 0.0),
                         l = b[loss].value_or(i, 0.0);
            out[i] = model_.classes.provision(s, d, l);
            ctx.note(i, std::string(period ? "provision " + *period : "provision") + " = " +
                            model_.classes.provision_formula(s, d, l));
        }
        return out;
    }

    ProfitModel model_;
    std::string loss_basis_;
};

}  // namespace

void add_virtual_profit(merit::PluginBuilder& plugin) {
    plugin.provider<VirtualProfit>("virtual_profit");
}

}  // namespace banking
