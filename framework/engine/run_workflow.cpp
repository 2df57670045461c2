#include "engine/run_workflow.hpp"

#include "data/workspace_data_services.hpp"
#include "engine/evaluator.hpp"
#include "engine/run_store.hpp"
#include "scheme/scheme_validator.hpp"

namespace merit {

RunResult run_scheme(Workspace& ws, const PluginRegistry& registry, const std::filesystem::path& scheme_file,
                     const std::string& period) {
    Scheme scheme;
    require_valid(validate_scheme_file(scheme_file.string(), registry, &scheme), scheme_file.string());
    WorkspaceDataServices data(ws);
    EvaluationRequest request;
    request.db = ws.db();
    request.registry = &registry;
    request.scheme = &scheme;
    request.period = period;
    request.data = &data;
    RunResult result = evaluate(request);
    save_run(ws.db(), result);
    return result;
}

}  // namespace merit
