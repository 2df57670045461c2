// 存款日均/时点增量: the deposit balance of this period minus the same measure
// of the comparison period (previous period, or the same period a year ago).
#include "common.hpp"
#include "components.hpp"

namespace banking {
namespace {

class DepositIncrement : public merit::IndicatorProvider {
public:
    explicit DepositIncrement(const merit::Value& params)
        : metric_(params["metric"].string()),
          basis_(stock_aggregation(params, "basis", "daily_avg")),
          compare_(compare_param(params)) {
        if (params.has("segment")) segment_ = params["segment"].string();
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const merit::PeriodInfo base = comparison_period(ctx, scope, compare_);
        const merit::Column now = ctx.facts(scope, Facts(metric_, basis_).segment(segment_));
        const merit::Column before = ctx.facts(scope, Facts(metric_, basis_).in(base.text).segment(segment_));
        ctx.trace(metric_ + " this period", now);
        ctx.trace(metric_ + " " + base.text, before);
        for (size_t i = 0; i < scope.size(); ++i) {
            // A manager with no balance on record in either period holds nothing: 0, not unknown.
            const double a = now.value_or(i, 0.0), b = before.value_or(i, 0.0);
            out.set(i, a - b);
            ctx.note(i, metric_ + " increment = " + num(a) + " − " + num(b) + " (" + base.text +
                            ") = " + num(a - b));
        }
    }

private:
    std::string metric_;
    merit_aggregation basis_;
    std::string compare_;
    std::optional<std::string> segment_;
};

}  // namespace

void add_deposit_increment(merit::PluginBuilder& plugin) {
    plugin.provider<DepositIncrement>("deposit_increment");
}

}  // namespace banking
