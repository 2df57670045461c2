// core.target_completion: actual ÷ target. The actual is a metric
// aggregation (the fact-query parameters) or another indicator or input of
// the run (`actual`, read via result_column); the target comes from
// targets.csv. A metric actual follows fact_query.hpp's `missing` rule (a
// flow over no rows is 0, so no sales against a target is 0%). Null when the manager has no target, the
// target is 0, or the actual is null.
#include "common.hpp"
#include "fact_query.hpp"

namespace core {
namespace {

class TargetCompletion : public merit::IndicatorProvider {
public:
    explicit TargetCompletion(const merit::Value& params) : target_(params.require("target").string()) {
        if (params.has("actual")) {
            if (params.has("metric")) params["actual"].fail("give either actual or metric, not both");
            actual_column_ = params["actual"].string();
        } else {
            if (!params.has("metric")) params["metric"].fail("required (or give actual: an indicator id)");
            query_ = parse_fact_query(params);
            missing_ = parse_when_missing(params, query_);
        }
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        merit::Column actual =
            actual_column_.empty() ? ctx.facts(scope, query_) : ctx.result(actual_column_, scope.size());
        if (actual_column_.empty()) fill_missing(ctx, actual, missing_, false);
        const merit::Column target = ctx.targets(scope, target_);
        ctx.trace("actual (" + (actual_column_.empty() ? describe(query_) : actual_column_) + ")", actual);
        ctx.trace("target (" + target_ + ")", target);
        merit::Column ratio(scope.size());
        for (size_t i = 0; i < scope.size(); ++i) {
            if (!target.has(i)) {
                ctx.note(i, "no target '" + target_ + "' for " + std::string(scope.period()) +
                                ": completion is null");
            } else if (target.values[i] == 0) {
                ctx.note(i, "target '" + target_ + "' is 0: completion is null");
            } else if (!actual.has(i)) {
                ctx.note(i, "no actual value: completion is null");
            } else {
                ratio.set(i, actual.values[i] / target.values[i]);
            }
        }
        out.assign(ratio);
    }

private:
    std::string target_;
    std::string actual_column_;
    merit::FactQuery query_;
    WhenMissing missing_ = WhenMissing::null;
};

}  // namespace

void register_target_completion(merit::PluginBuilder& plugin) {
    plugin.provider<TargetCompletion>("target_completion");
}

}  // namespace core
