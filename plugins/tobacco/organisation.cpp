#include "organisation.hpp"

#include <algorithm>
#include <set>

#include "common.hpp"

namespace tobacco {

Organisation Organisation::load(const merit::Context& ctx, const std::string& day) {
    Organisation org;
    // The host's organisation service (plugin API 1.1): units and managers
    // in id order, each manager as its term on `day` has it.
    merit::OrgChart chart = ctx.organisation(day);
    for (auto& unit : chart.units)
        org.units_[unit.id] = {std::move(unit.name), std::move(unit.parent_id), std::move(unit.kind), {}};
    for (auto& [id, unit] : org.units_) {
        if (unit.parent_id.empty() || unit.parent_id == id) continue;
        const auto parent = org.units_.find(unit.parent_id);
        if (parent != org.units_.end()) parent->second.children.push_back(id);
    }
    for (auto& m : chart.managers)
        org.staff_.push_back({std::move(m.id), std::move(m.org_unit_id), std::move(m.role),
                              std::move(m.status), std::move(m.hired_on)});
    return org;
}

std::vector<std::string> Organisation::subtree(const std::string& unit_id) const {
    std::set<std::string> seen;
    std::vector<std::string> pending{unit_id};
    while (!pending.empty()) {
        const std::string id = pending.back();
        pending.pop_back();
        if (!seen.insert(id).second) continue;  // a cycle in bad data must not loop forever
        const auto it = units_.find(id);
        if (it == units_.end()) continue;
        for (const auto& child : it->second.children) pending.push_back(child);
    }
    return {seen.begin(), seen.end()};
}

std::vector<std::string> Organisation::units_of_kind(const std::string& unit_id,
                                                     const std::string& kind) const {
    std::vector<std::string> out;
    for (const auto& id : subtree(unit_id)) {
        const auto it = units_.find(id);
        if (it != units_.end() && it->second.kind == kind) out.push_back(id);
    }
    return out;
}

std::vector<StaffMember> Organisation::staff_under(const std::string& unit_id,
                                                   const std::string& role) const {
    const std::vector<std::string> units = subtree(unit_id);
    std::vector<StaffMember> out;
    for (const auto& member : staff_)
        if (member.role == role && member.status != "left" &&
            std::binary_search(units.begin(), units.end(), member.org_unit_id))
            out.push_back(member);
    return out;
}

std::string Organisation::unit_name(const std::string& unit_id) const {
    const auto it = units_.find(unit_id);
    return it == units_.end() ? unit_id : it->second.name;
}

}  // namespace tobacco
