// Stage 2, columns: every input and indicator value, one column per scheme
// column for all managers, computed level by level of depends_on (the
// columns of one level in parallel).
//   in:  RunContext, RunScope
//   out: ColumnSteps (each column's scorer, created here so that a scheme
//        naming a bad one fails before any provider runs, and its trace);
//        adds <column id> to the run's result columns
#pragma once

#include <memory>
#include <vector>

#include "engine/stages/run_in_progress.hpp"
#include "engine/stages/scope.hpp"

namespace merit {

struct ColumnStep {
    const ColumnSpec* spec = nullptr;
    int seq = 0;    // order in Scheme::columns(): inputs, then indicators
    int level = 0;  // 0: depends on nothing; else 1 + the deepest dependency
    std::unique_ptr<ComponentInstance> provider;
    std::unique_ptr<ComponentInstance> scorer;  // indicators only
    NumericColumn values;
    StepTrace trace;
};

struct ColumnSteps {
    std::vector<ColumnStep> steps;  // in seq order
};

ColumnSteps compute_columns(const RunContext& ctx, const RunScope& scope, RunInProgress& run);

}  // namespace merit
