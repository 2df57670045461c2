// One stored run, read back from the workspace's run_* tables. Every report
// reads runs through this module, so a change to those tables is adapted here
// and nowhere else.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "report/review_notes.hpp"

namespace merit::report {

struct RunHeader {
    int64_t id = 0;
    std::string scheme_name;  // the scheme's id
    std::string scheme_title;
    std::string scheme_path;
    std::string scheme_hash;
    std::string scheme_json;
    std::string period;
    std::string first_day;
    std::string last_day;
    std::string status;
    // draft | final | superseded (RunInfo::standing), and what made it so
    std::string standing;
    std::string finalized_by, finalize_reason;
    std::optional<int64_t> supersedes, superseded_by;
    std::string created_at;
    std::string finalized_at;
    std::string input_fingerprint;
    std::string plugins_json;
    std::string results_digest;
    int64_t manager_count = 0;
    // run_warnings: "path: message" each, in the order the run gave them.
    std::vector<std::string> warnings;
};

// Weights are fractions here (0.4 for 40 %), whatever the table stores.
// Inputs (computed and traced, not weighted) are lines of kind "input".
struct IndicatorLine {
    int64_t seq = 0;        // the scheme's order, inputs first
    std::string kind;       // input | indicator
    std::string dimension;  // empty for inputs
    std::string indicator;
    std::string name;
    std::string provider;
    std::string scorer;
    std::optional<double> value;
    std::optional<double> target;
    std::optional<double> score;
    double dimension_weight = 0;
    double weight = 0;
    std::optional<double> contribution;
    std::string unit;
    // What the run stored: the value itself for a completion-valued provider
    // (manifest completion_target); absent in runs stored before.
    std::optional<double> stored_completion;
    // The stored completion, else value / target when both are known and the
    // target is not zero.
    std::optional<double> completion() const;
};

struct DimensionLine {
    int64_t seq = 0;
    std::string dimension;
    std::string name;
    std::optional<double> score;
    double weight = 0;
    std::optional<double> contribution;
};

struct AdjustmentLine {
    int64_t seq = 0;
    std::string adjustment;  // the scheme's adjustment id
    std::string kind;        // veto | deduction
    std::string name;
    std::optional<double> points;  // change of the total (<= 0)
    std::optional<double> total_before;
    std::optional<double> total_after;
    std::string detail;
};

struct PayLine {
    int64_t seq = 0;
    std::string reward;  // the scheme's reward id
    std::string calculator;
    std::string code;
    std::string label;
    int64_t amount_fen = 0;
    std::string basis;
};

struct DecisionLine {
    int64_t seq = 0;
    std::string reward;
    std::string calculator;
    std::string kind;
    std::string value;
    std::string reason;
};

struct TraceLine {
    int64_t seq = 0;
    std::string step;  // the scheme id of the input, indicator or reward
    std::string component;
    std::string name;
    std::optional<double> value;
    std::optional<std::string> text;
};

struct ManagerResult {
    std::string id;
    std::string name;
    std::string org_unit_id;
    std::string org_unit_name;  // from org_units; the id when the unit is gone
    std::string role;
    // The role's names in roles.csv ("" when it declares none: a built-in
    // role, or one since retracted); read like org_unit_name, not stored.
    std::string role_name, role_name_en;
    std::string grade;
    std::string status;
    std::string grade_group;
    std::optional<double> base_total;  // before adjustments
    std::optional<double> total;
    std::string rating;
    std::optional<int64_t> band_index;
    std::string band_reason;
    std::optional<int64_t> rank;
    std::optional<int64_t> rank_in_unit;
    bool vetoed = false;
    int64_t pay_fen = 0;
    std::vector<DimensionLine> dimensions;
    std::vector<IndicatorLine> indicators;
    std::vector<AdjustmentLine> adjustments;
    std::vector<PayLine> pay;
    std::vector<DecisionLine> decisions;
    std::vector<TraceLine> trace;
    ReviewNotes review;  // comments, plan and calibration lines (empty when none)

    const DimensionLine* dimension(const std::string& id) const;
    // Sum of the pay lines of this reward and code (0 when none).
    int64_t pay_for(const std::string& reward, const std::string& code) const;
};

struct PayColumn {
    std::string reward;
    std::string code;
    std::string label;  // the first label the run stored for it
};

struct RunData {
    RunHeader run;
    // Ordered by rank (unranked last), then manager id: the listing order.
    std::vector<ManagerResult> managers;

    // Every (reward, code) pay line that occurs, ordered by its smallest seq.
    std::vector<PayColumn> pay_columns() const;
    // The org units of the managers, in the order of their first manager by id.
    std::vector<std::pair<std::string, std::string>> org_units() const;
};

// Throws UserError when the run does not exist.
RunData load_run(sqlite3* db, int64_t run_id);

}  // namespace merit::report
