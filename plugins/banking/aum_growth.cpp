// 客户AUM增长: the growth of the assets under management of a manager's
// customers, period end against the comparison period's end, as a rate in
// percent (or as an amount with measure "amount").
#include "common.hpp"
#include "components.hpp"

namespace banking {
namespace {

class AumGrowth : public merit::IndicatorProvider {
public:
    explicit AumGrowth(const merit::Value& params)
        : metric_(params["metric"].string()),
          compare_(compare_param(params)),
          measure_(params["measure"].string()) {
        if (measure_ != "rate" && measure_ != "amount")
            params["measure"].fail("must be \"rate\" or \"amount\"");
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const merit::PeriodInfo base = comparison_period(ctx, scope, compare_);
        const merit::Column now = ctx.facts(scope, Facts(metric_, MERIT_AGG_END));
        const merit::Column before = ctx.facts(scope, Facts(metric_, MERIT_AGG_END).in(base.text));
        ctx.trace(metric_ + " at end", now);
        ctx.trace(metric_ + " at end of " + base.text, before);
        for (size_t i = 0; i < scope.size(); ++i) {
            const double a = now.value_or(i, 0.0), b = before.value_or(i, 0.0);
            if (measure_ == "amount") {
                out.set(i, a - b);
                continue;
            }
            if (b <= 0) {
                out.clear(i);  // growth from nothing has no rate
                ctx.note(i, "AUM growth: no AUM at the end of " + base.text);
                continue;
            }
            out.set(i, (a - b) / b * 100.0);
            ctx.note(i, "AUM growth = (" + num(a) + " − " + num(b) + ") / " + num(b) + " = " +
                            num((a - b) / b * 100.0, 4) + "%");
        }
    }

private:
    std::string metric_;
    std::string compare_;
    std::string measure_;
};

}  // namespace

void add_aum_growth(merit::PluginBuilder& plugin) {
    plugin.provider<AumGrowth>("aum_growth");
}

}  // namespace banking
