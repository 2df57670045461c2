// Stage 3, scores: each indicator's scorer turns its values (and targets)
// into scores on the 0–100 scale.
//   in:  ColumnSteps (consumed: their trace, the scorers' notes added, goes
//        into the run's trace lines in column order)
//   out: ColumnTargets; adds score:<indicator id> to the result columns
#pragma once

#include <map>
#include <string>

#include "engine/stages/columns.hpp"

namespace merit {

struct ColumnTargets {
    // The targets.csv value per manager row, by column id: a scheme-level
    // `target` (handed to the scorer), and the target of a column whose
    // value is itself a completion (for explain and reports).
    std::map<std::string, NumericColumn> targets;
    std::map<std::string, NumericColumn> completion_targets;
};

ColumnTargets score_columns(const RunContext& ctx, const RunScope& scope, ColumnSteps&& columns,
                            RunInProgress& run);

}  // namespace merit
