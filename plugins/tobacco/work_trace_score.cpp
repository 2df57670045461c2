// Work-trace inspection score (工作痕迹检查得分): the market manager checks the
// CM's visit register, monthly work book and study notebook and scores each
// inspection (event amount, 0–100). The indicator is the mean score of the
// period's inspections; no inspection, no value.
#include "common.hpp"
#include "components.hpp"

namespace tobacco {

WorkTraceScore::WorkTraceScore(const merit::Value& params) : kind_(params["kind"].string()) {}

void WorkTraceScore::compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) {
    const auto count =
        ctx.events(scope, {.kind = kind_, .measure = MERIT_EVENT_COUNT, .period = std::nullopt});
    const auto points =
        ctx.events(scope, {.kind = kind_, .measure = MERIT_EVENT_AMOUNT, .period = std::nullopt});
    for (size_t i = 0; i < scope.size(); ++i) {
        if (count[i] <= 0) {
            out.clear(i);
            ctx.note(i, "no work-trace inspection in the period: no value");
            continue;
        }
        const double mean = points[i] / count[i];
        out.set(i, mean);
        ctx.note(i, "work-trace inspections: " + fixed(points[i]) + " points ÷ " + fixed(count[i], 0) +
                        " inspections = " + fixed(mean));
    }
    ctx.trace("work-trace inspections", count);
    ctx.trace("work-trace points", points);
}

}  // namespace tobacco
