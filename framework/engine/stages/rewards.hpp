// Stage 8, rewards: each reward calculator in scheme order, for the
// managers its gate admits; a later reward sees the pay of earlier ones.
//   in:  RunScope, Verdicts (who was vetoed, for gates), every result column
//   out: result.pay (in emission order), result.decisions, result.state,
//        the rewards' trace lines
#pragma once

#include "engine/stages/adjustments.hpp"

namespace merit {

void pay_rewards(const RunContext& ctx, const RunScope& scope, const Verdicts& verdicts, RunInProgress& run);

}  // namespace merit
