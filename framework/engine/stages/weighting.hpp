// Stage 4, weighting: each indicator's contribution with the weights of the
// manager's grade group, each dimension's score, and the base total.
//   in:  RunScope, ColumnTargets, the value and score columns
//   out: BaseTotals; result.managers (who, grade group, base total),
//        result.indicators (one row per manager and column, laid out column
//        by column: seq × managers + row), result.dimensions;
//        dimension:<id> result columns
#pragma once

#include <vector>

#include "engine/stages/scores.hpp"

namespace merit {

struct BaseTotals {
    std::vector<double> base;  // Σ dimension weight % × dimension score, by row
};

BaseTotals weigh(const RunContext& ctx, const RunScope& scope, const ColumnTargets& targets,
                 RunInProgress& run);

}  // namespace merit
