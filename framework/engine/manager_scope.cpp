#include "engine/manager_scope.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "common/errors.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

bool listed(const std::vector<std::string>& list, const std::string& value) {
    return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

std::string join(const std::vector<std::string>& list) {
    std::string out;
    for (const auto& x : list) out += (out.empty() ? "" : ", ") + x;
    return out.empty() ? "any" : out;
}

// The named units and every unit below them.
std::set<std::string> units_below(sqlite3* db, const std::vector<std::string>& roots) {
    std::multimap<std::string, std::string> children;
    std::set<std::string> known;
    Statement st(db, "SELECT id, parent_id FROM org_units");
    while (st.step()) {
        known.insert(st.text(0));
        if (!st.is_null(1)) children.emplace(st.text(1), st.text(0));
    }
    std::set<std::string> out;
    for (size_t i = 0; i < roots.size(); ++i) {
        if (!known.count(roots[i]))
            throw UserError(
                fmt::format("scope.org_units[{}]: unknown org unit '{}' in this workspace", i, roots[i]));
        std::vector<std::string> todo{roots[i]};
        while (!todo.empty()) {
            const std::string unit = todo.back();
            todo.pop_back();
            if (!out.insert(unit).second) continue;  // a cycle in parent_id must not loop forever
            auto [lo, hi] = children.equal_range(unit);
            for (auto it = lo; it != hi; ++it) todo.push_back(it->second);
        }
    }
    return out;
}

}  // namespace

ManagerScope ManagerScope::load(sqlite3* db, const ScopeSpec& spec, const Period& period) {
    std::set<std::string> units;
    if (!spec.org_units.empty()) units = units_below(db, spec.org_units);
    std::vector<ScopedManager> managers;
    const std::string last_day = format_date(period.last_day());
    // Each manager's term valid on the day the scheme names.
    const std::string org_day = spec.org_as_of == "first_day" ? format_date(period.first_day()) : last_day;
    for (ScopedManager& m : managers_on(db, org_day)) {
        if (!listed(spec.roles, m.role) || !listed(spec.statuses, m.status) || !listed(spec.grades, m.grade))
            continue;
        if (!spec.org_units.empty() && !units.count(m.org_unit_id)) continue;
        // Someone hired after the period ended was not there to be assessed
        // in it. ISO dates compare as text.
        if (!m.hired_on.empty() && m.hired_on > last_day) continue;
        managers.push_back(std::move(m));
    }
    if (managers.empty())
        throw UserError(
            fmt::format("scope: no manager matches (roles: {}; statuses: {}; org units: {}; grades: {})",
                        join(spec.roles), join(spec.statuses), join(spec.org_units), join(spec.grades)));
    return ManagerScope(std::move(managers), period);
}

ManagerScope::ManagerScope(std::vector<ScopedManager> managers, const Period& period)
    : managers_(std::move(managers)),
      period_(period.text()),
      first_day_(format_date(period.first_day())),
      last_day_(format_date(period.last_day())) {
    for (const auto& m : managers_) {
        ids_.push_back(m.id.c_str());
        org_units_.push_back(m.org_unit_id.c_str());
        roles_.push_back(m.role.c_str());
        grades_.push_back(m.grade.c_str());
        hired_.push_back(m.hired_on.c_str());
        statuses_.push_back(m.status.c_str());
    }
    raw_.struct_size = sizeof raw_;
    raw_.count = managers_.size();
    raw_.manager_ids = ids_.data();
    raw_.org_unit_ids = org_units_.data();
    raw_.roles = roles_.data();
    raw_.grades = grades_.data();
    raw_.hired_on = hired_.data();
    raw_.statuses = statuses_.data();
    raw_.period = period_.c_str();
    raw_.first_day = first_day_.c_str();
    raw_.last_day = last_day_.c_str();
}

}  // namespace merit
