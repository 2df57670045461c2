#include "engine/run_workflow.hpp"

#include <algorithm>
#include <string>

#include "access/authorize.hpp"
#include "common/progress.hpp"
#include "data/data_snapshot.hpp"
#include "data/workspace_data_services.hpp"
#include "engine/evaluator.hpp"
#include "engine/stages/store.hpp"
#include "scheme/scheme_validator.hpp"
#include "store/sqlite.hpp"

namespace merit {
RunResult evaluate_in_snapshot(Workspace& ws, EvaluationRequest request) {
    WorkspaceDataServices data(ws);
    // One pinned connection per evaluating thread and one to spare.
    DataSnapshot snapshot(ws.db(), data.pool(), static_cast<size_t>(std::max(1, request.threads)) + 1);
    request.db = ws.db();
    request.data = &data;
    request.snapshot = &snapshot;
    RunResult result = evaluate(request);
    snapshot.end_on_main();
    return result;
}

RunResult run_scheme(Workspace& ws, const PluginRegistry& registry, const std::filesystem::path& scheme_file,
                     const std::string& period) {
    require(ws.db(), current_actor(), "run", workspace_object());
    ProgressTask progress("run: checking the scheme", "managers");
    Scheme scheme;
    require_valid(validate_scheme_file(scheme_file.string(), registry, &scheme), scheme_file.string());
    EvaluationRequest request;
    request.registry = &registry;
    request.scheme = &scheme;
    request.period = period;
    request.progress = &progress;
    RunResult result = evaluate_in_snapshot(ws, request);
    progress.retitle("run: storing", static_cast<uint64_t>(result.info.manager_count));
    store_run(ws, result);
    return result;
}

}  // namespace merit
