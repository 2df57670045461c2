// Stage 5, adjustments: the scheme's vetoes, deductions and bonuses in
// order, then a calibration's points, turn each base total into the total.
//   in:  BaseTotals, the value columns the adjustments name
//   out: Verdicts; result.managers' total and vetoed, result.adjustments;
//        the total and vetoed result columns
#pragma once

#include <string>
#include <vector>

#include "engine/stages/weighting.hpp"

namespace merit {

// What the later stages need to know of the adjustments, by row.
struct Verdicts {
    std::vector<int> cap;                 // best band index a veto allows (0: no cap)
    std::vector<std::string> cap_by;      // the veto that set the cap
    std::vector<std::string> veto_by;     // the first veto that applied ("" none), for reward gates
    std::vector<std::string> calibrated;  // "; calibrated total ...", for band_reason ("" none)
};

Verdicts adjust(const RunContext& ctx, const RunScope& scope, const BaseTotals& base, RunInProgress& run);

}  // namespace merit
