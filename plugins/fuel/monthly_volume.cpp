// Monthly sales volume (月度成品油销量) in tonnes: what the manager's own
// customers bought in the run's period, optionally of some customer types.
#include "components.hpp"

namespace fuel {

MonthlyVolume::MonthlyVolume(const merit::Value& params) : spec_(VolumeSpec::from(params)) {}

void MonthlyVolume::compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) {
    out.assign(sales_tonnes(ctx, scope, spec_));
}

}  // namespace fuel
