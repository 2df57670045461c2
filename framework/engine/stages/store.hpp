// Stage 9b, store: the evaluated run written to the workspace in one
// transaction (engine/run_store.hpp); a failure anywhere leaves no trace of
// it and takes no run number.
//   in:  RunResult from evaluate()
//   out: the stored run; result.info.id, created_at and record_digest set
#pragma once

#include "engine/run_result.hpp"
#include "store/workspace.hpp"

namespace merit {

void store_run(Workspace& ws, RunResult& result);

}  // namespace merit
