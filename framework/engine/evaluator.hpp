// The engine: compiles a validated scheme into steps and evaluates them for
// every manager in scope — columns, scores, weights, adjustments, bands,
// distribution limits, ranks, rewards — entirely in memory. Storing is a
// separate, single transaction (run_store.hpp), so a failure anywhere leaves
// no partial run.
#pragma once

#include <sqlite3.h>

#include "common/progress.hpp"
#include "engine/run_result.hpp"
#include "period/period.hpp"
#include "plugin/registry.hpp"
#include "plugin/services.hpp"
#include "scheme/scheme.hpp"

namespace merit {

struct EvaluationRequest {
    sqlite3* db = nullptr;  // the workspace (managers, org units, earlier runs' state)
    const PluginRegistry* registry = nullptr;
    const Scheme* scheme = nullptr;    // already validated
    std::string period;                // period text, e.g. "2026-Q3"; must match the scheme's period_type
    DataServices* data = nullptr;      // data services for providers and targets
    int threads = 2;                   // independent columns computed in parallel
    ProgressTask* progress = nullptr;  // told each stage and the number of managers in scope
};

// Throws UserError naming the JSON path of the failing step.
RunResult evaluate(const EvaluationRequest& request);

// SHA-256 over every result row (not ids, times or timings).
std::string results_digest(const RunResult& result);

}  // namespace merit
