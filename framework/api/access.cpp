#include "api/access.hpp"

#include <fmt/format.h>

#include "access/users.hpp"
#include "api/api_error.hpp"

namespace merit::api {

Actor actor_of(const Principal& principal) {
    return Actor{principal.user_id, principal.role};
}

bool allows(RequestContext& context, std::string_view action, const Object& object) {
    return authorize(context.db(), actor_of(context.user()), action, object).allowed;
}

void require_action(RequestContext& context, std::string_view action, const Object& object) {
    const Decision decision = authorize(context.db(), actor_of(context.user()), action, object);
    if (!decision.allowed)
        throw forbidden(fmt::format("{} ({}) may not {} {}: {}", context.user().user_id, context.user().role,
                                    action, object.ref, decision.reason));
}

ManagerScope manager_scope(RequestContext& context, std::string_view action) {
    const auto user = find_user(context.db(), context.user().user_id);
    if (!user) return {};
    ManagerScope best;
    for (const Grant& grant : grants_of(context.db(), action)) {
        if (grant.role != user->role) continue;
        if (grant.condition == GrantCondition::any) return {ManagerScope::Kind::all, "", ""};
        if (grant.condition == GrantCondition::subtree && !user->org_unit_id.empty())
            best = {ManagerScope::Kind::subtree, user->org_unit_id, ""};
        else if (grant.condition == GrantCondition::own && !user->manager_id.empty() &&
                 best.kind == ManagerScope::Kind::none)
            best = {ManagerScope::Kind::own, "", user->manager_id};
    }
    return best;
}

ScopeSql scope_sql(const ManagerScope& scope, const std::string& manager_column,
                   const std::string& unit_column, int first_param) {
    switch (scope.kind) {
        case ManagerScope::Kind::all:
            return {"1", ""};
        case ManagerScope::Kind::own:
            return {fmt::format("{} = ?{}", manager_column, first_param), scope.manager_id};
        case ManagerScope::Kind::subtree:
            return {fmt::format("{} IN (WITH RECURSIVE subtree(id) AS (SELECT ?{} UNION "
                                "SELECT o.id FROM org_units o JOIN subtree s ON o.parent_id = s.id) "
                                "SELECT id FROM subtree)",
                                unit_column, first_param),
                    scope.org_unit_id};
        case ManagerScope::Kind::none:
            break;
    }
    return {"0", ""};
}

}  // namespace merit::api
