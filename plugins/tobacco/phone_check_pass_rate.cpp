// Phone spot-check pass rate (电话抽查合格率). The market manager phones some
// of a CM's retailers each working day; each event records the households
// checked (quantity), and a second kind the households whose answers showed
// a lapse (visit not made, policy not explained ...).
//   pass rate = 1 − failed ÷ checked     (no value when nothing was checked)
#include "common.hpp"
#include "components.hpp"

namespace tobacco {

PhoneCheckPassRate::PhoneCheckPassRate(const merit::Value& params)
    : checked_kind_(params["checked_kind"].string()), failed_kind_(params["failed_kind"].string()) {}

void PhoneCheckPassRate::compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) {
    const auto checked =
        ctx.events(scope, {.kind = checked_kind_, .measure = MERIT_EVENT_QUANTITY, .period = std::nullopt});
    const auto failed =
        ctx.events(scope, {.kind = failed_kind_, .measure = MERIT_EVENT_QUANTITY, .period = std::nullopt});
    for (size_t i = 0; i < scope.size(); ++i) {
        if (checked[i] <= 0) {
            out.clear(i);
            ctx.note(i, "no phone spot-check in the period: no value");
            continue;
        }
        if (failed[i] > checked[i])
            throw merit::Error("manager " + std::string(scope.manager_id(i)) + ": " + fixed(failed[i], 0) +
                               " " + failed_kind_ + " households but only " + fixed(checked[i], 0) + " " +
                               checked_kind_);
        const double rate = 1.0 - failed[i] / checked[i];
        out.set(i, rate);
        ctx.note(i, "phone spot-checks: 1 − " + fixed(failed[i], 0) + " failed ÷ " + fixed(checked[i], 0) +
                        " checked = " + fixed(rate, 4));
    }
    ctx.trace("households checked", checked);
    ctx.trace("households failed", failed);
}

}  // namespace tobacco
