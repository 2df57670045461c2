// Sales task completion rate (销售任务完成率) = tonnes sold ÷ the task for the
// run's period. No task (or a task of 0) leaves the value empty: a rate
// against nothing means nothing, and the scheme's scorer decides what an
// empty value is worth.
#include "components.hpp"
#include "params.hpp"

namespace fuel {

TaskCompletion::TaskCompletion(const merit::Value& params)
    : spec_(VolumeSpec::from(params)), target_(params["target"].string()) {
    if (target_.empty()) params["target"].fail("must not be empty");
}

void TaskCompletion::compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) {
    const merit::Column tonnes = sales_tonnes(ctx, scope, spec_);
    const merit::Column task = ctx.targets(scope, target_);
    ctx.trace("销量(吨)", tonnes);
    ctx.trace("任务(吨)", task);
    for (size_t i = 0; i < scope.size(); ++i) {
        if (!task.has(i) || task.values[i] <= 0) {
            out.clear(i);
            ctx.note(i, "无销售任务 (" + target_ + ", " + std::string(scope.period()) + ")：完成率为空");
            continue;
        }
        out.set(i, tonnes.values[i] / task.values[i]);
    }
}

}  // namespace fuel
