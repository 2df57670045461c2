// Totals closer than this are equal for bands, ranks and reward gates, so
// binary noise (89.99999999999999 for a hand-computed 90) never decides an
// outcome.
#pragma once

namespace merit {

constexpr double kTotalTolerance = 1e-9;

}  // namespace merit
