// Stage 9a, result: the rows in their stored shape — sequence numbers per
// manager, each manager's pay total, managers in rank order — and the run's
// own record (scheme, period, plugins, results digest).
//   in:  RunInProgress (consumed), RunScope
//   out: RunResult, all but what evaluate() adds last: the input
//        fingerprint, the data version and the timings
// Stage 9b, store, is store_run (store.hpp), after evaluate().
#pragma once

#include "engine/stages/run_in_progress.hpp"
#include "engine/stages/scope.hpp"

namespace merit {

RunResult finish_result(const RunContext& ctx, const RunScope& scope, RunInProgress&& run);

}  // namespace merit
