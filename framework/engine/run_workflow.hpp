// `merit run` as a library call: read and validate the scheme, evaluate it on
// the workspace with the workspace's data services, store the run.
#pragma once

#include <filesystem>
#include <string>

#include "engine/evaluator.hpp"
#include "engine/run_result.hpp"
#include "plugin/registry.hpp"
#include "store/workspace.hpp"

namespace merit {

// Evaluates `request` with the workspace's data services, every read in one
// snapshot of its data (data/data_snapshot.hpp), whose version the result
// records; ws.db() can write afterwards. Sets request's db, data, snapshot.
RunResult evaluate_in_snapshot(Workspace& ws, EvaluationRequest request);

struct RunOptions {
    // Any warning (engine/run_warnings.hpp) fails the run: nothing stored.
    bool strict = false;
};

// Throws UserError with the scheme problem (JSON path) or the failing step;
// nothing is stored then. Each warning is logged (spdlog) and stored with
// the run in result.warnings.
RunResult run_scheme(Workspace& ws, const PluginRegistry& registry, const std::filesystem::path& scheme_file,
                     const std::string& period, const RunOptions& options = {});

}  // namespace merit
