#include "engine/run_workflow.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>

#include "access/authorize.hpp"
#include "common/errors.hpp"
#include "common/progress.hpp"
#include "data/data_snapshot.hpp"
#include "data/workspace_data_services.hpp"
#include "engine/evaluator.hpp"
#include "engine/run_store.hpp"
#include "engine/run_warnings.hpp"
#include "engine/stages/store.hpp"
#include "period/period.hpp"
#include "scheme/data_references.hpp"
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
    // The columns read from the facts table, for the next run of these facts.
    Transaction keep(ws.db());
    data.keep_fact_columns_read(ws.db());
    keep.commit();
    return result;
}

namespace {

// Logs each warning; with --strict, refuses the run when there is any.
void warn(const std::vector<RunWarning>& warnings, const std::filesystem::path& scheme_file,
          const RunOptions& options) {
    for (const RunWarning& w : warnings) spdlog::warn("{}: {}", scheme_file.string(), warning_line(w));
    if (options.strict && !warnings.empty())
        throw UserError(fmt::format("{}: {} warning{} and --strict: nothing stored", scheme_file.string(),
                                    warnings.size(), warnings.size() == 1 ? "" : "s"));
}

}  // namespace

RunResult run_scheme(Workspace& ws, const PluginRegistry& registry, const std::filesystem::path& scheme_file,
                     const std::string& period, const RunOptions& options) {
    require(ws.db(), current_actor(), "run", workspace_object());
    ProgressTask progress("run: checking the scheme", "managers");
    Scheme scheme;
    require_valid(validate_scheme_file(scheme_file.string(), registry, &scheme), scheme_file.string());
    // The data checks first: with --strict a misspelt name fails before any
    // indicator is computed.
    std::vector<RunWarning> warnings =
        as_run_warnings(data_warnings(ws.db(), scheme, registry, Period::parse(period)));
    if (options.strict) warn(warnings, scheme_file, options);
    EvaluationRequest request;
    request.registry = &registry;
    request.scheme = &scheme;
    request.period = period;
    request.progress = &progress;
    RunResult result = evaluate_in_snapshot(ws, request);
    const auto nulls = null_column_warnings(scheme, result);
    warnings.insert(warnings.end(), nulls.begin(), nulls.end());
    warn(warnings, scheme_file, options);
    result.warnings = std::move(warnings);
    progress.retitle("run: storing", static_cast<uint64_t>(result.info.manager_count));
    store_run(ws, result);
    return result;
}

}  // namespace merit
