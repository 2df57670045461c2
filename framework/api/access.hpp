// The service asks the same authorize() as the command line
// (access/authorize.hpp) for every object it shows or changes. Listings ask
// once for the whole set: the grants of the action for the user's role give
// which managers the user may see, as a condition a query can apply.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "access/authorize.hpp"
#include "api/request_context.hpp"

namespace merit::api {

Actor actor_of(const Principal& principal);

// ApiError 403 with authorize()'s reason when the user may not.
void require_action(RequestContext& context, std::string_view action, const Object& object);
bool allows(RequestContext& context, std::string_view action, const Object& object);

// Which managers' records a user may read under `action`.
struct ManagerScope {
    enum class Kind { all, subtree, own, none } kind = Kind::none;
    std::string org_unit_id;  // subtree: its root
    std::string manager_id;   // own: the user's manager
};
ManagerScope manager_scope(RequestContext& context, std::string_view action);

// SQL restricting `column` (a manager id column) to `scope`, binding its
// values from parameter `first_param`: "1" (all), "0" (none), or a
// condition over ?N. Units are walked with a recursive query over
// org_units.parent_id, the same tree access/org_tree.hpp walks.
struct ScopeSql {
    std::string condition;
    std::string value;  // bound to ?first_param when the condition uses it
};
ScopeSql scope_sql(const ManagerScope& scope, const std::string& manager_column,
                   const std::string& unit_column, int first_param);

}  // namespace merit::api
