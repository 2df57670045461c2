// `merit verify WS --run N --recompute` (issue 15 point 4): evaluates a
// stored run again from its pinned data version (as_of_copy.hpp) with its
// recorded scheme, the calibration it was closed with, and the installed
// plugins, and compares what it gets with what was stored: the results
// digest, the input fingerprint and each plugin's checksum. This holds for a
// final run after any number of later imports and corrections, since input
// rows are never lost (store/data_history.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plugin/registry.hpp"
#include "store/workspace.hpp"

namespace merit {

struct RecomputeProblem {
    std::string path;  // runs.results_digest, runs.input_fingerprint, runs.plugins_json[core] ...
    std::string code;  // no_data_version, plugin_changed, recomputed_digest_mismatch, ...
    std::string message;
};

struct RunRecomputation {
    int64_t run_id = 0;
    std::optional<int64_t> data_version;
    std::string stored_digest, recomputed_digest;
    std::vector<RecomputeProblem> problems;
    bool ok() const { return problems.empty(); }
    // One line: "run 3: recomputed from data version 4: results digest ok (sha256 …)" or the first problem.
    std::string summary() const;
};

// Throws UserError when there is no such run; a run that cannot be
// recomputed (no pinned version) or recomputes differently is a problem.
RunRecomputation recompute_run(const Workspace& ws, const PluginRegistry& registry, int64_t run_id);

}  // namespace merit
