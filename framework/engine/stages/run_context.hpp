// What every stage of a run reads and none changes: the request, the scheme,
// the plugins, the period, and the services components get besides the
// data (creating components, reading carried state, reading other runs).
#pragma once

#include <memory>
#include <string>

#include "engine/evaluator.hpp"
#include "engine/run_services.hpp"
#include "plugin/component_instance.hpp"

namespace merit {

struct RunContext {
    const EvaluationRequest& request;
    const Scheme& scheme;
    const PluginRegistry& registry;
    Period period;
    CallEnv create_env;        // components are created with the data services only
    StateReader state_reader;  // what earlier runs of the scheme carried over
    // Other runs' results components read (plugin API 1.1), loaded once per
    // run and shared by the parallel calls of a level.
    std::shared_ptr<StoredRunReader> stored_runs;

    // Null when the manager is not calibrated.
    const CalibrationEffect* calibration_of(const std::string& manager_id) const;
};

// Checks the period against the scheme's period_type (UserError otherwise).
RunContext make_run_context(const EvaluationRequest& request);

// A component of the scheme, created with its parameters; UserError names
// the JSON path when the id is unknown, of another kind, or refuses them.
std::unique_ptr<ComponentInstance> instantiate(const RunContext& ctx, const ComponentRef& ref,
                                               ComponentKind kind);

}  // namespace merit
