// The roles a Merit user can have (issue 18) and what each is for. A user has
// exactly one role; `operator` is not a user role but the operating-system
// account that acts when no `--as USER` is given (store/actor.hpp).
#pragma once

#include <span>
#include <string_view>

namespace merit {

struct RoleSpec {
    std::string_view name;
    std::string_view scope;  // what the role may act on, for listings and the README
};

// hr_admin, supervisor, manager, committee, payroll, auditor.
std::span<const RoleSpec> user_roles();
bool is_user_role(std::string_view role);

inline constexpr std::string_view kOperatorRole = "operator";
inline constexpr std::string_view kHrAdmin = "hr_admin";
inline constexpr std::string_view kSupervisor = "supervisor";
inline constexpr std::string_view kManagerRole = "manager";
inline constexpr std::string_view kCommittee = "committee";
inline constexpr std::string_view kPayroll = "payroll";
inline constexpr std::string_view kAuditor = "auditor";

}  // namespace merit
