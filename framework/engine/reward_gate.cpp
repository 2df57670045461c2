#include "engine/reward_gate.hpp"

#include <fmt/format.h>

#include "engine/number_text.hpp"
#include "engine/total_tolerance.hpp"

namespace merit {

namespace {

// Why row i is kept out of the reward, or "" when the gate admits it.
std::string exclusion(const RewardGate& gate, const Scheme& scheme, const ManagerResult& m,
                      const std::string& veto_by) {
    if (gate.exclude_vetoed && m.vetoed)
        return fmt::format("vetoed by {}: {}.vetoed is excluded", veto_by, gate.path);
    if (gate.min_total && m.total + kTotalTolerance < *gate.min_total)
        return fmt::format("total {} is below {}.min_total {}", number_text(m.total), gate.path,
                           number_text(*gate.min_total));
    if (gate.min_band && m.band_index > scheme.band_index(*gate.min_band))
        return fmt::format("rating {} is below {}.min_band {}", m.rating, gate.path, *gate.min_band);
    return "";
}

}  // namespace

GateOutcome apply_gate(const RewardSpec& reward, const Scheme& scheme,
                       const std::vector<ManagerResult>& managers, const std::vector<std::string>& veto_by) {
    GateOutcome out;
    for (size_t i = 0; i < managers.size(); ++i) {
        std::string why = reward.gate.declared ? exclusion(reward.gate, scheme, managers[i], veto_by[i]) : "";
        if (why.empty())
            out.rows.push_back(i);
        else
            out.excluded.emplace_back(i, std::move(why));
    }
    return out;
}

ScopeSubset::ScopeSubset(const merit_scope& full, const std::vector<size_t>& rows) {
    for (size_t row : rows) {
        ids_.emplace_back(full.manager_ids[row]);
        manager_ids_.push_back(full.manager_ids[row]);
        org_units_.push_back(full.org_unit_ids[row]);
        roles_.push_back(full.roles[row]);
        grades_.push_back(full.grades[row]);
        hired_.push_back(full.hired_on[row]);
        statuses_.push_back(full.statuses[row]);
    }
    raw_ = full;
    raw_.count = rows.size();
    raw_.manager_ids = manager_ids_.data();
    raw_.org_unit_ids = org_units_.data();
    raw_.roles = roles_.data();
    raw_.grades = grades_.data();
    raw_.hired_on = hired_.data();
    raw_.statuses = statuses_.data();
}

}  // namespace merit
