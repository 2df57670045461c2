#include "access/roles.hpp"

#include <array>

namespace merit {
namespace {

constexpr std::array<RoleSpec, 6> kRoles = {{
    {kHrAdmin, "everything, except approving pay it submitted and seeing a 360° rater"},
    {kSupervisor, "the managers of the org subtree of their unit"},
    {kManagerRole, "their own records only"},
    {kCommittee, "the calibration sessions they sit on"},
    {kPayroll, "released pay exports"},
    {kAuditor, "read-only: runs, results, reviews and the audit log"},
}};

}  // namespace

std::span<const RoleSpec> user_roles() {
    return kRoles;
}

bool is_user_role(std::string_view role) {
    for (const auto& r : kRoles)
        if (r.name == role) return true;
    return false;
}

}  // namespace merit
