// The fixed part of the permission policy: every action Merit knows that is
// not a transition of a flow stored as data (workflow/flow.hpp), what it
// acts on, and which roles may take it under which condition. hr_admin may
// take every action that is not `personal` (approving pay, answering a 360°
// request: only those named may). `merit users permissions` prints this.
#pragma once

#include <span>
#include <string_view>

#include "access/authorize.hpp"

namespace merit {

struct ActionInfo {
    std::string_view name;
    std::string_view object;  // the kind of object: workspace, user, run, manager, review ...
    std::string_view description;
    bool personal = false;  // not implied for hr_admin
};

struct PolicyRow {
    std::string_view action;
    std::string_view role;
    GrantCondition condition;
};

std::span<const ActionInfo> fixed_actions();
std::span<const PolicyRow> fixed_policy();
const ActionInfo* find_fixed_action(std::string_view name);

}  // namespace merit
