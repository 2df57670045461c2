// The engine: evaluates a validated scheme for every manager in scope as a
// pipeline of stages (engine/stages/, one file each) — scope, columns,
// scores, weighting, adjustments, bands and distribution, ranks, rewards,
// result — entirely in memory. Storing is the last stage, a separate single
// transaction (stages/store.hpp), so a failure anywhere leaves no partial run.
#pragma once

#include <sqlite3.h>

#include <map>
#include <optional>
#include <string>

#include "common/progress.hpp"
#include "data/data_snapshot.hpp"
#include "engine/run_result.hpp"
#include "period/period.hpp"
#include "plugin/registry.hpp"
#include "plugin/services.hpp"
#include "scheme/scheme.hpp"

namespace merit {

// What a calibration (calibration/calibration.hpp) changes for one manager:
// points added to the total after the scheme's adjustments (so bands and
// distribution limits see the calibrated total) and a band that replaces the
// rating after the distribution limits; both before the rewards, so pay
// follows the calibrated result.
struct CalibrationEffect {
    double points = 0;
    std::optional<std::string> rating;  // a band label of the scheme
    std::string source;                 // "calibration:3", for band_reason
};

struct EvaluationRequest {
    sqlite3* db = nullptr;  // the workspace (managers, org units, earlier runs' state)
    const PluginRegistry* registry = nullptr;
    const Scheme* scheme = nullptr;    // already validated
    std::string period;                // period text, e.g. "2026-Q3"; must match the scheme's period_type
    DataServices* data = nullptr;      // data services for providers and targets
    int threads = 2;                   // independent columns computed in parallel
    ProgressTask* progress = nullptr;  // told each stage and the number of managers in scope
    // By manager id; null or absent: not calibrated.
    const std::map<std::string, CalibrationEffect>* calibration = nullptr;
    // The snapshot every read of the run is in (data_snapshot.hpp): the
    // fingerprint reads through its connection and the run records its
    // version. Null: the fingerprint reads the data as it is (tests).
    DataSnapshot* snapshot = nullptr;
    // With a snapshot: take the input fingerprint kept for its data version
    // (store/data_version_fingerprints.hpp) instead of hashing every input
    // row again. A recomputation that checks the record sets it false.
    bool reuse_fingerprint = true;
};

// Throws UserError naming the JSON path of the failing step.
RunResult evaluate(const EvaluationRequest& request);

// SHA-256 over every result row (not ids, times or timings).
std::string results_digest(const RunResult& result);

}  // namespace merit
