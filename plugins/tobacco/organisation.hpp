// Who a market manager supervises, derived from the org tree: every unit at
// or below the market manager's own unit is theirs; the units of kind
// "district" among them are the districts they must inspect, and the
// customer managers placed in those units are the CMs they supervise.
#pragma once

#include <merit/plugin.hpp>

#include <map>
#include <string>
#include <vector>

namespace tobacco {

struct OrgUnit {
    std::string name;
    std::string parent_id;
    std::string kind;
    std::vector<std::string> children;
};

struct StaffMember {
    std::string id;
    std::string org_unit_id;
    std::string role;
    std::string status;
    std::string hired_on;  // YYYY-MM-DD, "" when not known
};

class Organisation {
public:
    // The organisation as of `day` (YYYY-MM-DD), from the host's
    // organisation service: each manager's unit, role and status of the
    // term valid that day.
    static Organisation load(const merit::Context& ctx, const std::string& day);

    // The unit and every unit below it, in id order.
    std::vector<std::string> subtree(const std::string& unit_id) const;
    // Units of `kind` in the subtree of `unit_id` (the unit itself included).
    std::vector<std::string> units_of_kind(const std::string& unit_id, const std::string& kind) const;
    // Managers of `role` placed in the subtree, excluding those who have left,
    // in id order.
    std::vector<StaffMember> staff_under(const std::string& unit_id, const std::string& role) const;
    std::string unit_name(const std::string& unit_id) const;

private:
    std::map<std::string, OrgUnit> units_;
    std::vector<StaffMember> staff_;  // ordered by id
};

}  // namespace tobacco
