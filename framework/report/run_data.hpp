// One stored run as every report reads it: the engine's one model of a
// stored run (engine/run_result.hpp, read by engine/run_store.cpp's
// load_run, the only reader of the run_* tables), grouped by manager, with
// the names reports print beside the ids. Weights stay in percent as the run
// stored them; a report turns them into fractions where it prints a percent.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/run_result.hpp"
#include "engine/run_warnings.hpp"
#include "report/review_notes.hpp"

namespace merit::report {

using merit::AdjustmentResult;
using merit::DecisionLine;
using merit::DimensionResult;
using merit::IndicatorResult;
using merit::PayLine;
using merit::RunInfo;
using merit::RunWarning;
using merit::TraceLine;

// A weight as the run stores it (40 for 40 %) as the fraction a percent cell
// or a JSON/CSV `weight` shows (0.4).
inline double weight_fraction(double stored_percent) {
    return stored_percent / 100.0;
}

// The manager's row of the run with every line of theirs, in seq order.
struct ManagerResult : merit::ManagerResult {
    std::string org_unit_name;  // from org_units; the id when the unit is gone
    // The role's names in roles.csv ("" when it declares none: a built-in
    // role, or one since retracted); read like org_unit_name, not stored.
    std::string role_name, role_name_en;
    std::vector<DimensionResult> dimensions;
    std::vector<IndicatorResult> indicators;
    std::vector<AdjustmentResult> adjustments;
    std::vector<PayLine> pay;
    std::vector<DecisionLine> decisions;
    std::vector<TraceLine> trace;
    ReviewNotes review;  // comments, plan and calibration lines (empty when none)

    const DimensionResult* dimension(const std::string& id) const;
    // Sum of the pay lines of this reward and code (0 when none).
    int64_t pay_for(const std::string& reward, const std::string& code) const;
};

struct PayColumn {
    std::string reward;
    std::string code;
    std::string label;  // the first label the run stored for it
};

struct RunData {
    RunInfo run;
    std::vector<RunWarning> warnings;  // in the order the run gave them
    // Ordered by rank, then manager id: the listing order.
    std::vector<ManagerResult> managers;

    // Every (reward, code) pay line that occurs, ordered by its smallest seq.
    std::vector<PayColumn> pay_columns() const;
    // The org units of the managers, in the order of their first manager by id.
    std::vector<std::pair<std::string, std::string>> org_units() const;
};

// Throws UserError when the run does not exist.
RunData load_run(sqlite3* db, int64_t run_id);

}  // namespace merit::report
