#include "plugin/component_instance.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "common/errors.hpp"
#include "plugin/exit_guard.hpp"
#include "plugin/host_api.hpp"
#include "plugin/isolated_component.hpp"
#include "plugin/value_checks.hpp"
#include "plugin/value_tree.hpp"

namespace merit {
namespace {

template <typename VTable>
void* create_with(const VTable* vtable, merit_context& ctx, const merit_value* params) {
    return vtable->create(&ctx, params);
}

}  // namespace

merit_context ComponentInstance::context(const CallEnv& env, size_t rows) const {
    merit_context ctx;
    ctx.plugin_id = plugin_ && plugin_->manifest ? plugin_->manifest->id : "";
    ctx.component_id = component_->qualified_id;
    ctx.scope_count = rows;
    ctx.data = env.data;
    ctx.run = env.run;
    ctx.trace = env.trace;
    return ctx;
}

ComponentInstance::ComponentInstance(const Component& component, const boost::json::value& params,
                                     const CallEnv& env)
    : component_(&component), plugin_(component.plugin) {
    const boost::json::value full =
        component.manifest ? with_defaults(*component.manifest, params)
                           : (params.is_null() ? boost::json::value(boost::json::object{}) : params);
    if (plugin_ && plugin_->options.isolation == "process") {
        isolated_ = std::make_unique<IsolatedComponent>(component, full, env, plugin_->options);
        return;
    }
    const ValueTree tree(full);
    merit_context ctx = context(env, 0);
    const ExitGuard guard(component.qualified_id, "create");
    switch (component.kind) {
        case ComponentKind::indicator:
            instance_ = create_with(component.provider, ctx, tree.root());
            break;
        case ComponentKind::scorer:
            instance_ = create_with(component.scorer, ctx, tree.root());
            break;
        case ComponentKind::reward:
            instance_ = create_with(component.reward, ctx, tree.root());
            break;
    }
    if (!instance_) throw UserError(call_error(ctx, "create"));
}

ComponentInstance::~ComponentInstance() {
    if (!instance_) return;  // isolated: the child destroys it
    switch (component_->kind) {
        case ComponentKind::indicator:
            component_->provider->destroy(instance_);
            break;
        case ComponentKind::scorer:
            component_->scorer->destroy(instance_);
            break;
        case ComponentKind::reward:
            component_->reward->destroy(instance_);
            break;
    }
}

void ComponentInstance::compute(const merit_scope& scope, double* out, unsigned char* valid,
                                const CallEnv& env) {
    if (component_->kind != ComponentKind::indicator)
        throw UserError(fmt::format("{} is a {}, not an indicator provider", component_->qualified_id,
                                    to_string(component_->kind)));
    // Every row starts "not written": a row still so afterwards is refused.
    std::fill(valid, valid + scope.count, static_cast<unsigned char>(MERIT_VALID_UNWRITTEN));
    if (isolated_) {
        isolated_->compute(scope, out, valid, env);
    } else {
        merit_context ctx = context(env, scope.count);
        const ExitGuard guard(component_->qualified_id, "compute");
        if (component_->provider->compute(instance_, &ctx, &scope, out, valid) != MERIT_OK)
            throw UserError(call_error(ctx, "compute"));
    }
    check_indicator_column(component_->qualified_id, scope, out, valid);
}

void ComponentInstance::score(const merit_score_input& input, const char* const* manager_ids, double* out,
                              const CallEnv& env) {
    if (component_->kind != ComponentKind::scorer)
        throw UserError(
            fmt::format("{} is a {}, not a scorer", component_->qualified_id, to_string(component_->kind)));
    if (isolated_) {
        isolated_->score(input, out, env);
    } else {
        merit_context ctx = context(env, input.count);
        const ExitGuard guard(component_->qualified_id, "score");
        if (component_->scorer->score(instance_, &ctx, &input, out) != MERIT_OK)
            throw UserError(call_error(ctx, "score"));
    }
    check_score_column(component_->qualified_id, manager_ids, input.count, out);
}

void ComponentInstance::reward(const merit_scope& scope, const CallEnv& env) {
    if (component_->kind != ComponentKind::reward)
        throw UserError(fmt::format("{} is a {}, not a reward calculator", component_->qualified_id,
                                    to_string(component_->kind)));
    if (isolated_) return isolated_->reward(scope, env);
    merit_context ctx = context(env, scope.count);
    const ExitGuard guard(component_->qualified_id, "compute");
    if (component_->reward->compute(instance_, &ctx, &scope) != MERIT_OK)
        throw UserError(call_error(ctx, "compute"));
}

}  // namespace merit
