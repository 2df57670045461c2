#include "access/policy.hpp"

#include <array>

#include "access/roles.hpp"

namespace merit {
namespace {

using C = GrantCondition;

constexpr std::array kActions = {
    ActionInfo{"users.add", "workspace", "add a Merit user"},
    ActionInfo{"users.deactivate", "user", "stop a user from acting"},
    ActionInfo{"users.list", "workspace", "list the users and their roles"},
    ActionInfo{"import", "workspace", "import input data"},
    ActionInfo{"run", "workspace", "evaluate a scheme and store the run"},
    ActionInfo{"finalize", "run", "make a run final (read-only)"},
    ActionInfo{"runs.list", "workspace", "list the runs (ids, schemes, periods, status)"},
    ActionInfo{"runs.verify", "run", "recompute a run's results digest"},
    ActionInfo{"results.read", "run", "read a whole run's results, reports and differences"},
    ActionInfo{"results.explain", "manager", "read how one manager's result was derived"},
    ActionInfo{"audit.read", "workspace", "read the audit log"},
};

constexpr std::array kPolicy = {
    PolicyRow{"users.add", kOperatorRole, C::any},      PolicyRow{"users.deactivate", kOperatorRole, C::any},
    PolicyRow{"users.list", kOperatorRole, C::any},     PolicyRow{"users.list", kAuditor, C::any},
    PolicyRow{"import", kOperatorRole, C::any},         PolicyRow{"run", kOperatorRole, C::any},
    PolicyRow{"finalize", kOperatorRole, C::any},       PolicyRow{"runs.list", kOperatorRole, C::any},
    PolicyRow{"runs.list", kSupervisor, C::any},        PolicyRow{"runs.list", kManagerRole, C::any},
    PolicyRow{"runs.list", kCommittee, C::any},         PolicyRow{"runs.list", kPayroll, C::any},
    PolicyRow{"runs.list", kAuditor, C::any},           PolicyRow{"runs.verify", kOperatorRole, C::any},
    PolicyRow{"runs.verify", kAuditor, C::any},         PolicyRow{"results.read", kOperatorRole, C::any},
    PolicyRow{"results.read", kAuditor, C::any},        PolicyRow{"results.explain", kOperatorRole, C::any},
    PolicyRow{"results.explain", kAuditor, C::any},     PolicyRow{"results.explain", kSupervisor, C::subtree},
    PolicyRow{"results.explain", kManagerRole, C::own}, PolicyRow{"audit.read", kOperatorRole, C::any},
    PolicyRow{"audit.read", kAuditor, C::any},
};

}  // namespace

std::span<const ActionInfo> fixed_actions() {
    return kActions;
}

std::span<const PolicyRow> fixed_policy() {
    return kPolicy;
}

const ActionInfo* find_fixed_action(std::string_view name) {
    for (const auto& a : kActions)
        if (a.name == name) return &a;
    return nullptr;
}

}  // namespace merit
