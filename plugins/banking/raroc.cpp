// RAROC (风险调整资本收益率, seed 002 篇2): judge returns after risk.
//   risk-adjusted return = business income − funding cost − expected loss
//   expected loss        = Σ class balance (period end) × annual EL rate of the class × days / day count
//   economic capital     = average loans × capital_ratio
//   RAROC (%)            = return / capital × day count / days × 100   (annualised)
// Income and funding cost are the virtual profit model's terms. Default EL
// rates (PD × LGD): normal 0.5%, special mention 3%, substandard 30%,
// doubtful 50%, loss 100%; capital ratio 8%. Null for a manager without loans.
#include "common.hpp"
#include "components.hpp"
#include "profit_terms.hpp"

namespace banking {
namespace {

class Raroc : public merit::IndicatorProvider {
public:
    explicit Raroc(const merit::Value& params)
        : model_(ProfitModel::from(params)), capital_ratio_(rate_param(params, "capital_ratio", 0.08)) {
        if (capital_ratio_ <= 0) params["capital_ratio"].fail("must be above 0");
        const merit::Value rates = params["expected_loss_rates"];
        if (!rates.is_null()) {
            if (!rates.is_object()) rates.fail("must be an object class -> annual rate");
            for (size_t i = 0; i < rates.size(); ++i) {
                size_t c = 0;
                while (c < kLoanClassNames.size() && rates.key(i) != kLoanClassNames[c]) ++c;
                if (c == kLoanClassNames.size()) rates.item(i).fail("is not a loan class");
                el_rates_[c] = rate_param(rates, kLoanClassNames[c], el_rates_[c]);
            }
        }
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const ProfitTerms t = profit_terms(model_, ctx, scope);
        const auto end = model_.classes.balances(ctx, scope, MERIT_AGG_END);
        const double year_share = static_cast<double>(t.days) / model_.day_count;
        std::vector<double> expected(scope.size(), 0.0), capital(scope.size(), 0.0);
        for (size_t i = 0; i < scope.size(); ++i) {
            for (size_t c = 0; c < end.size(); ++c) expected[i] += end[c].value_or(i, 0.0) * el_rates_[c];
            expected[i] *= year_share;
            capital[i] = t.loans[i] * capital_ratio_;
            const double ret = t.income[i] - t.funding_cost[i] - expected[i];
            ctx.note(i, "expected loss = Σ class balance × EL rate × " + std::to_string(t.days) + "/" +
                            std::to_string(model_.day_count) + " = " + num(expected[i]));
            if (capital[i] <= 0) {
                out.clear(i);
                ctx.note(i, "RAROC: no loans, no capital at risk");
                continue;
            }
            const double raroc = ret / capital[i] / year_share * 100.0;
            out.set(i, raroc);
            ctx.note(i, "RAROC = (" + num(t.income[i]) + " − " + num(t.funding_cost[i]) + " − " +
                            num(expected[i]) + ") / (" + num(t.loans[i]) + " × " + num(capital_ratio_ * 100) +
                            "%) annualised = " + num(raroc, 4) + "%");
        }
        ctx.trace("expected loss", expected);
        ctx.trace("economic capital", capital);
    }

private:
    ProfitModel model_;
    double capital_ratio_;
    std::array<double, 5> el_rates_{0.005, 0.03, 0.30, 0.50, 1.00};
};

}  // namespace

void add_raroc(merit::PluginBuilder& plugin) {
    plugin.provider<Raroc>("raroc");
}

}  // namespace banking
