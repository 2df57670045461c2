// Which managers a reward is computed for (config/SCHEMES.md "Reward gates"),
// and the C view of that subset of the run's scope for its calculator.
#pragma once

#include <merit/plugin.h>

#include <string>
#include <utility>
#include <vector>

#include "engine/run_result.hpp"
#include "scheme/scheme.hpp"

namespace merit {

struct GateOutcome {
    std::vector<size_t> rows;                              // admitted rows of the run, ascending
    std::vector<std::pair<size_t, std::string>> excluded;  // row, why it is kept out
};

// `veto_by[i]`: the name of the first veto that applied to row i ("" none).
GateOutcome apply_gate(const RewardSpec& reward, const Scheme& scheme,
                       const std::vector<ManagerResult>& managers, const std::vector<std::string>& veto_by);

// Some rows of a scope, with pointers into the full scope's strings (which
// must outlive this object).
class ScopeSubset {
public:
    ScopeSubset(const merit_scope& full, const std::vector<size_t>& rows);
    ScopeSubset(const ScopeSubset&) = delete;
    ScopeSubset& operator=(const ScopeSubset&) = delete;

    const merit_scope& raw() const { return raw_; }
    const std::vector<std::string>& ids() const { return ids_; }

private:
    std::vector<std::string> ids_;
    std::vector<const char*> manager_ids_, org_units_, roles_, grades_, hired_, statuses_;
    merit_scope raw_{};
};

}  // namespace merit
