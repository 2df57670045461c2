// Stage 6, bands and distribution: each total's band, a veto's cap, the
// scheme's distribution limits (best band first, so an excess moved down
// counts against the next band's limit too), then a calibrated rating.
//   in:  Verdicts (caps, calibration notes), result.managers' totals
//   out: result.managers' band_index, band_reason and rating
#pragma once

#include "engine/stages/adjustments.hpp"

namespace merit {

void rate(const RunContext& ctx, const Verdicts& verdicts, RunInProgress& run);

}  // namespace merit
