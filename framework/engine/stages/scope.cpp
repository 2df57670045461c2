#include "engine/stages/scope.hpp"

namespace merit {

RunScope select_scope(const RunContext& ctx) {
    RunScope scope;
    // ManagerScope cannot move (its C view points into it): built in place.
    scope.managers.reset(new ManagerScope(ManagerScope::load(ctx.request.db, ctx.scheme.scope, ctx.period)));
    for (const auto& m : scope.managers->managers()) {
        scope.ids.push_back(m.id);
        scope.groups.push_back(ctx.scheme.grade_group(m.grade));
    }
    return scope;
}

}  // namespace merit
