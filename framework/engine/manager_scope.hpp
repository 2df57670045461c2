// The managers one run evaluates, in id order, and the C view of them
// (merit_scope) whose strings stay valid as long as this object lives.
#pragma once

#include <merit/plugin.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "period/period.hpp"
#include "scheme/scheme.hpp"
#include "store/manager_terms.hpp"

namespace merit {

// A manager in scope: their term valid on the scheme's org day (store/manager_terms.hpp).
using ScopedManager = ManagerTerm;

class ManagerScope {
public:
    // Selects by role, status, org unit (with every unit below it) and grade;
    // throws UserError naming "scope..." for an unknown unit or an empty scope.
    static ManagerScope load(sqlite3* db, const ScopeSpec& spec, const Period& period);

    ManagerScope(const ManagerScope&) = delete;
    ManagerScope& operator=(const ManagerScope&) = delete;
    ManagerScope(ManagerScope&&) = delete;  // raw() points into the members

    size_t size() const { return managers_.size(); }
    const ScopedManager& operator[](size_t i) const { return managers_[i]; }
    const std::vector<ScopedManager>& managers() const { return managers_; }
    const merit_scope& raw() const { return raw_; }
    const char* const* org_unit_ids() const { return org_units_.data(); }

private:
    ManagerScope(std::vector<ScopedManager> managers, const Period& period);
    std::vector<ScopedManager> managers_;
    std::string period_, first_day_, last_day_;
    std::vector<const char*> ids_, org_units_, roles_, grades_, hired_, statuses_;
    merit_scope raw_{};
};

}  // namespace merit
