// The host's side of a component that runs in its own process
// ("isolation": "process" in merit.json). Each instance forks one child
// that holds the component from `create` to `destroy`; every call is a
// message, and the host serves the child's service calls (data, run,
// trace, log) while it waits. A crash, an unexpected exit or a call that
// outlives the time limit ends the child and becomes one UserError naming
// the plugin and the component; the host itself is untouched.
//
// A fork per component instance: the child loads the plugin inside its
// sandbox from the bytes whose checksum was trusted (the host's sealed
// image, plugin_image.hpp), so neither its static constructors nor its
// entry point ever run in the host, and a fresh child per instance means a
// crash or a leak never outlives one run step, so a later run always starts
// clean. Forks happen only where components are created (one thread, before
// the engine's parallel phase). The cost, a fork, a load and a few messages
// per step, is paid only by isolated plugins.
#pragma once

#include <boost/json/value.hpp>

#include <memory>
#include <string>

#include "plugin/component_instance.hpp"
#include "plugin/plugin_process.hpp"
#include "plugin/wire_format.hpp"

namespace merit {

class IsolatedComponent {
public:
    // Forks the child and creates the component in it. options: the child's
    // limits; time_limit_seconds is the longest one call may take (services
    // it asks for included), 0: none.
    IsolatedComponent(const Component& component, const boost::json::value& params, const CallEnv& env,
                      const PluginOptions& options);
    ~IsolatedComponent();
    IsolatedComponent(const IsolatedComponent&) = delete;
    IsolatedComponent& operator=(const IsolatedComponent&) = delete;

    void compute(const merit_scope& scope, double* out, unsigned char* valid, const CallEnv& env);
    void score(const merit_score_input& input, double* out, const CallEnv& env);
    void reward(const merit_scope& scope, const CallEnv& env);

private:
    // A request message: kind, which services the call may reach, rows.
    static WireWriter request(uint8_t kind, const CallEnv& env, size_t rows);
    // Sends `request` and serves the child until it is done; returns the
    // reader positioned after "ok, error" when the component succeeded.
    WireReader exchange(const WireWriter& request, const CallEnv& env, size_t rows, const char* operation);
    void serve_call(WireReader& in, merit_context& ctx, WireWriter& reply);
    [[noreturn]] void fail(const std::string& what, const char* operation);

    const Component* component_;
    std::string plugin_id_;
    double time_limit_seconds_;
    std::unique_ptr<PluginProcess> process_;
    std::string done_;  // the last `done` message, read by the caller
};

}  // namespace merit
