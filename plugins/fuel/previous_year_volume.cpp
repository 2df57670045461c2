// Previous year's sales volume (上年度年销量), the basis of the yearly grading:
// tonnes sold in the calendar year before the one the run's period starts in
// (a grading run for 2026 reads 2025).
#include "components.hpp"

namespace fuel {

PreviousYearVolume::PreviousYearVolume(const merit::Value& params) : spec_(VolumeSpec::from(params)) {}

void PreviousYearVolume::compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) {
    const merit::Day first = merit::require_day(scope.first_day(), "run period first day");
    const std::string previous_year = std::to_string(merit::year_of(first) - 1);
    out.assign(sales_tonnes(ctx, scope, spec_, previous_year));
    for (size_t i = 0; i < scope.size(); ++i) ctx.note(i, "上年度 = " + previous_year);
}

}  // namespace fuel
