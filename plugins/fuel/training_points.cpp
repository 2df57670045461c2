// Training credit points (培训积分): the sum of the quantity of training
// events (one event per course attended, quantity = points earned) over a
// window: the run's period, the year to date, the previous calendar year, or
// the last N months ending with the run's period.
#include "components.hpp"

namespace fuel {

TrainingPoints::TrainingPoints(const merit::Value& params)
    : kind_(params["kind"].string()), window_(params["window"].string()) {
    if (kind_.empty()) params["kind"].fail("must not be empty");
    if (window_ != "period" && window_ != "year_to_date" && window_ != "previous_year" && window_ != "months")
        params["window"].fail("must be period, year_to_date, previous_year or months");
    const double months = params["months"].number();
    if (months < 1 || months != static_cast<int>(months))
        params["months"].fail("must be a whole number >= 1");
    months_ = static_cast<int>(months);
}

void TrainingPoints::compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) {
    const merit::Day first = merit::require_day(scope.first_day(), "run period first day");
    const merit::Day last = merit::require_day(scope.last_day(), "run period last day");
    std::optional<std::string> window;  // nullopt: the run's period
    if (window_ == "year_to_date") {
        window = std::to_string(merit::year_of(last)) + "-01-01.." + merit::format_day(last);
    } else if (window_ == "previous_year") {
        window = std::to_string(merit::year_of(first) - 1);
    } else if (window_ == "months") {
        const merit::Day start = merit::add_months(last + std::chrono::days{1}, -months_);
        window = merit::format_day(start) + ".." + merit::format_day(last);
    }
    const auto points = ctx.events(scope, {.kind = kind_, .measure = MERIT_EVENT_QUANTITY, .period = window});
    for (size_t i = 0; i < scope.size(); ++i) {
        out.set(i, points[i]);
        if (window) ctx.note(i, "积分区间 " + *window);
    }
}

}  // namespace fuel
