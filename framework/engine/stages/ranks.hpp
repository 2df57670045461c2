// Stage 7, ranks: competition ranking (1, 2, 2, 4) by total, overall and in
// the org unit; equal totals (within 1e-9) share a rank, listed by id.
//   in:  result.managers' totals and bands
//   out: result.managers' rank and rank_in_unit; the rank, rank_in_unit,
//        band_index and rating result columns
#pragma once

#include "engine/stages/run_in_progress.hpp"

namespace merit {

void rank(RunInProgress& run);

}  // namespace merit
