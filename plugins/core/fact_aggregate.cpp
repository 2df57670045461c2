// core.fact_aggregate: a metric aggregated over the period for each manager,
// optionally as growth against the previous period or the same period a
// year earlier (absolute difference or relative change). A manager in
// scope with no rows gets 0 for a flow and null for a stock, unless
// `missing` says otherwise (fact_query.hpp).
#include "common.hpp"
#include "fact_query.hpp"

#include <cmath>

namespace core {
namespace {

class FactAggregate : public merit::IndicatorProvider {
public:
    explicit FactAggregate(const merit::Value& params)
        : query_(parse_fact_query(params)),
          compare_(choice(params, "compare", {"none", "previous", "year_ago"})),
          change_(choice(params, "change", {"absolute", "relative"})),
          missing_(parse_when_missing(params, query_)),
          divisor_(params["divisor"].number()) {
        if (divisor_ == 0 || !std::isfinite(divisor_)) params["divisor"].fail("must be a non-zero number");
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const std::string what = describe(query_);
        merit::Column current = ctx.facts(scope, query_);
        fill_missing(ctx, current, missing_, compare_ == "none");
        if (compare_ == "none") {
            merit::Column value(scope.size());
            for (size_t i = 0; i < scope.size(); ++i)
                if (current.has(i)) value.set(i, current.values[i] / divisor_);
            if (divisor_ != 1.0) ctx.trace(what + " " + std::string(scope.period()), current);
            out.assign(value);
            return;
        }
        // Growth: the same query over the base period.
        const std::string period(scope.period());
        const merit::PeriodInfo base_period =
            compare_ == "previous" ? ctx.previous(period) : ctx.year_ago(period);
        merit::FactQuery base_query = query_;
        base_query.period = base_period.text;
        merit::Column base = ctx.facts(scope, base_query);
        fill_missing(ctx, base, missing_, false);
        ctx.trace(what + " " + period + " (current)", current);
        ctx.trace(what + " " + base_period.text + " (base)", base);
        merit::Column value(scope.size());
        for (size_t i = 0; i < scope.size(); ++i) {
            if (!current.has(i) || !base.has(i)) {
                ctx.note(
                    i, "growth is null: no " + std::string(!current.has(i) ? "current" : "base") + " value");
                continue;
            }
            if (change_ == "absolute") {
                value.set(i, (current.values[i] - base.values[i]) / divisor_);
            } else if (base.values[i] == 0) {
                ctx.note(i, "relative growth is null: the base " + base_period.text + " is 0");
            } else {
                value.set(i, (current.values[i] - base.values[i]) / std::fabs(base.values[i]));
            }
        }
        out.assign(value);
    }

private:
    merit::FactQuery query_;
    std::string compare_;
    std::string change_;
    WhenMissing missing_;
    double divisor_;
};

}  // namespace

void register_fact_aggregate(merit::PluginBuilder& plugin) {
    plugin.provider<FactAggregate>("fact_aggregate");
}

}  // namespace core
