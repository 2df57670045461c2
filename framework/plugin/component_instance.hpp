// One live component: created with its scheme parameters, called in batches,
// destroyed on the side that created it. A plugin configured with
// "isolation": "process" runs in a child process instead (isolated_component.hpp). Every failure becomes a
// UserError naming the qualified component id and what it was doing; a plugin that fails without a message is
// reported as such.
#pragma once

#include <merit/plugin.h>

#include <boost/json/value.hpp>
#include <memory>

#include "plugin/registry.hpp"
#include "plugin/services.hpp"

namespace merit {

class IsolatedComponent;

// The services a call may reach; unset ones are refused with a clear error.
struct CallEnv {
    DataServices* data = nullptr;
    RunServices* run = nullptr;
    TraceSink* trace = nullptr;
};

class ComponentInstance {
public:
    ComponentInstance(const Component& component, const boost::json::value& params, const CallEnv& env = {});
    ~ComponentInstance();
    ComponentInstance(const ComponentInstance&) = delete;
    ComponentInstance& operator=(const ComponentInstance&) = delete;

    const Component& component() const { return *component_; }

    // Indicator provider: fills out/valid for every row of `scope`; refuses a
    // row left unwritten and a value that is not finite (value_checks.hpp).
    void compute(const merit_scope& scope, double* out, unsigned char* valid, const CallEnv& env);
    // Scorer: out[i] for every row of `input` (manager_ids name the rows in errors).
    void score(const merit_score_input& input, const char* const* manager_ids, double* out,
               const CallEnv& env);
    // Reward calculator: emits through env.run.
    void reward(const merit_scope& scope, const CallEnv& env);

private:
    merit_context context(const CallEnv& env, size_t rows) const;
    const Component* component_;
    std::shared_ptr<const PluginRecord> plugin_;  // keeps the library loaded while the instance lives
    void* instance_ = nullptr;
    // Set when the plugin runs in its own process; every call goes there.
    std::unique_ptr<IsolatedComponent> isolated_;
};

}  // namespace merit
