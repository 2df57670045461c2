// `merit diff`: who changed rating, rank or pay between two runs, and why —
// computed once as data, then written as text for people or as JSON.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/run_result.hpp"

namespace merit {

// One thing that moved for a manager: the manager's grade, org unit, role or
// status; an indicator's value, score, weights or contribution; an
// adjustment's points; the band's reason.
struct DiffCause {
    std::string kind;   // manager | indicator | adjustment | band
    std::string id;     // the scheme id ("" for the band)
    std::string name;   // an indicator's display name
    std::string field;  // grade | org_unit_id | role | status | value | score | dimension_weight | weight |
                        // contribution | points | reason | presence
    boost::json::value from, to;  // numbers or text; null: absent (not applied, not in that run)
};

struct ManagerChange {
    std::string manager_id, name, org_unit_id;
    std::optional<int64_t> only_in;    // the run it is in, when it is not in both
    const ManagerResult* a = nullptr;  // in the older run (null when only in the newer)
    const ManagerResult* b = nullptr;
    std::vector<DiffCause> causes;
};

struct RunDiff {
    const RunResult* a = nullptr;
    const RunResult* b = nullptr;
    bool scheme_changed = false, input_changed = false;
    std::vector<ManagerChange> managers;  // by manager id
};

RunDiff diff_of(const RunResult& a, const RunResult& b);

// Managers whose rating, rank or pay changed between two runs, with the
// indicators, weights and adjustments that moved.
std::string diff_runs(const RunResult& a, const RunResult& b);
// The same as JSON (README, "JSON output": `merit diff --json`).
boost::json::object diff_json(const RunResult& a, const RunResult& b);

}  // namespace merit
