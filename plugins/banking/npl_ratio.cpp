// 不良率: (substandard + doubtful + loss) / all five classes, in percent, from
// the period-end balances of the five-tier classification.
#include "common.hpp"
#include "components.hpp"
#include "loan_classes.hpp"

namespace banking {
namespace {

class NplRatio : public merit::IndicatorProvider {
public:
    explicit NplRatio(const merit::Value& params) : classes_(LoanClasses::from(params)) {}

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const auto balances = classes_.balances(ctx, scope, MERIT_AGG_END);
        for (size_t c = 0; c < balances.size(); ++c) ctx.trace(classes_.metrics[c], balances[c]);
        for (size_t i = 0; i < scope.size(); ++i) {
            double total = 0;
            for (const auto& column : balances) total += column.value_or(i, 0.0);
            const double bad = balances[substandard].value_or(i, 0.0) + balances[doubtful].value_or(i, 0.0) +
                               balances[loss].value_or(i, 0.0);
            if (total <= 0) {
                out.clear(i);  // no loans: the ratio is undefined, not zero
                ctx.note(i, "NPL ratio: no loans at period end");
                continue;
            }
            out.set(i, bad / total * 100.0);
            ctx.note(i, "NPL ratio = " + num(bad) + " / " + num(total) + " = " + num(bad / total * 100.0, 4) +
                            "%");
        }
    }

private:
    LoanClasses classes_;
};

}  // namespace

void add_npl_ratio(merit::PluginBuilder& plugin) {
    plugin.provider<NplRatio>("npl_ratio");
}

}  // namespace banking
