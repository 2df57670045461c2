// One evaluation run in memory: what the engine computes and what the store
// writes to (and reads back from) the run_* tables, row for row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace merit {

struct RunInfo {
    int64_t id = 0;
    std::string scheme_id;
    std::string scheme_title;
    std::string scheme_path;
    std::string scheme_hash;
    std::string scheme_json;
    std::string period;
    std::string first_day;
    std::string last_day;
    std::string status = "complete";  // complete (a draft) | final
    std::string created_at;
    std::optional<std::string> finalized_at;
    // Set when the run was made final (engine/run_lifecycle.hpp): who, why,
    // and the final run of the same scheme and period it replaced.
    std::optional<std::string> finalized_by;
    std::optional<std::string> finalize_reason;
    std::optional<int64_t> supersedes;
    // Read, not stored with this run: the final run that replaced it.
    std::optional<int64_t> superseded_by;
    std::string input_fingerprint;
    std::string plugins_json;  // [{"id","version","sha256","path"}]
    std::string timings_json;  // {"scope_ms":..., ...}
    int64_t manager_count = 0;
    std::string results_digest;  // SHA-256 over every result row: equal digests, equal results
    // The data version the run read (data_snapshot.hpp); none for runs
    // stored before it was recorded.
    std::optional<int64_t> data_version;
    // Not stored: whether a later data version changed what the run could
    // have read (records/run_staleness.hpp), when a listing asked; null: unknown.
    std::optional<bool> stale;
    // SHA-256 over everything stored for the run (engine/record_digest.hpp);
    // "" for runs stored before schema version 14.
    std::string record_digest;

    // "draft", "final" or "superseded" (a final run another final run
    // replaced): what listings, results and reports call the run.
    std::string standing() const;
};

struct ManagerResult {
    std::string manager_id;
    std::string name;
    std::string org_unit_id;
    std::string role;
    std::string grade;
    std::string status;
    std::string grade_group;  // "" when no grade group names the grade
    double base_total = 0;    // Σ contributions, before adjustments
    double total = 0;         // after adjustments
    int band_index = 0;       // 0 = best band
    std::string rating;       // the band's label
    std::string band_reason;  // why this band: reached min, capped, moved by a distribution limit
    int rank = 0;
    int rank_in_unit = 0;
    bool vetoed = false;
    int64_t pay_fen = 0;
};

// One input or indicator column value for one manager.
struct IndicatorResult {
    std::string manager_id;
    int seq = 0;            // order in the scheme (inputs first)
    std::string kind;       // input | indicator
    std::string indicator;  // scheme id
    std::string name;       // display name
    std::string dimension;  // "" for inputs
    std::string provider;   // qualified component id
    std::string scorer;     // "" for inputs
    std::optional<double> value;
    std::optional<double> target;
    std::optional<double> score;
    double dimension_weight = 0;  // % of the total (the manager's grade group's)
    double weight = 0;            // % of the dimension (the manager's grade group's)
    double contribution = 0;      // dimension_weight% × weight% × score
    std::string unit;
    // actual ÷ target: the value itself when the provider's value is a
    // completion (manifest completion_target), else value ÷ target.
    std::optional<double> completion;
};

// The stored completion, or value ÷ target for a run stored without one.
inline std::optional<double> completion_of(const IndicatorResult& x) {
    if (x.completion) return x.completion;
    if (!x.value || !x.target || *x.target == 0) return std::nullopt;
    return *x.value / *x.target;
}

struct DimensionResult {
    std::string manager_id;
    int seq = 0;
    std::string dimension;
    std::string name;
    double score = 0;         // Σ weight% × score
    double weight = 0;        // % of the total
    double contribution = 0;  // weight% × score
};

struct AdjustmentResult {
    std::string manager_id;
    int seq = 0;
    std::string adjustment;  // scheme id
    std::string kind;        // veto | deduction | bonus
    std::string name;
    double points = 0;  // change of the total (a bonus: positive)
    double total_before = 0;
    double total_after = 0;
    std::string detail;
};

struct PayLine {
    std::string manager_id;
    int seq = 0;
    std::string reward;      // scheme id
    std::string calculator;  // qualified component id
    std::string code;
    std::string label;
    int64_t amount_fen = 0;
    std::string basis;
};

struct DecisionLine {
    std::string manager_id;
    int seq = 0;
    std::string reward;
    std::string calculator;
    std::string kind;
    std::string value;
    std::string reason;
};

// A line of a component's explanation: a traced column value or a note.
struct TraceLine {
    std::string manager_id;
    int seq = 0;
    std::string step;       // scheme id of the input, indicator or reward
    std::string component;  // qualified component id
    std::string name;
    std::optional<double> value;
    std::optional<std::string> text;
};

struct StateRow {
    std::string reward;
    std::string key;
    std::string manager_id;
    double value = 0;
};

// What a run warned about (issue 21 point 5): where in the scheme ("period"
// for the period itself) and why; stored in run_warnings.
struct RunWarning {
    std::string path;
    std::string message;
};

struct RunResult {
    RunInfo info;
    std::vector<ManagerResult> managers;  // listing order: rank, then manager id
    std::vector<IndicatorResult> indicators;
    std::vector<DimensionResult> dimensions;
    std::vector<AdjustmentResult> adjustments;
    std::vector<PayLine> pay;
    std::vector<DecisionLine> decisions;
    std::vector<TraceLine> trace;
    std::vector<StateRow> state;
    std::vector<RunWarning> warnings;

    const ManagerResult* find_manager(const std::string& id) const;
};

}  // namespace merit
