// Text, CSV and JSON forms of stored runs for `merit run`, `results`,
// `runs`, `explain` and `diff`. They live in the library so tests can check
// exactly what users read.
#pragma once

#include <boost/json/object.hpp>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "engine/run_result.hpp"

namespace merit {

// Ranked summary: rank, manager, name, unit, grade, total, rating, unit rank,
// pay; the first `limit` managers (0: all).
std::string summary_table(const RunResult& run, size_t limit = 0);
// What the marks in summary_table mean ("* a veto applied ..."); "" when it
// shows none.
std::string summary_legend(const RunResult& run);
// The line `merit run` prints: run id, scheme, period, managers, how many
// got each rating, how many were vetoed, the pay in total.
std::string run_summary(const RunResult& run);
// Every manager with every indicator score, as CSV (RFC 4180) and JSON.
std::string results_csv(const RunResult& run);
std::string results_json(const RunResult& run);
// One manager of results_json(): the result, indicators, adjustments, pay
// and decisions (what `merit results --format json` and the HTTP service's
// statement show).
boost::json::object manager_json(const RunResult& run, const ManagerResult& manager);
// What a listing of one run tells people about its standing: a draft, or
// superseded by the run that counts ("" for a final run that counts).
std::string standing_note(const RunInfo& run);
std::string runs_table(const std::vector<RunInfo>& runs);
std::string runs_json(const std::vector<RunInfo>& runs);

// The derivation of one manager's total, rating, ranks and pay. It shows that
// contributions sum to the base total, adjustments lead to the total, and pay
// lines sum to the pay. Throws UserError when the manager is not in the run.
// `role_name` is the manager's role's display name (manager_role_name()),
// shown after its id; "" shows the id alone.
std::string explain_manager(const RunResult& run, const std::string& manager_id,
                            const std::string& role_name = "");
// The same as JSON: the manager's results (manager_json), each dimension and
// every trace line (README, "JSON output": `merit explain --json`).
boost::json::object explain_json(const RunResult& run, const std::string& manager_id);

// Each label once, in order, empty ones left out: a pay line whose code is
// its reward's id reads "vp_bonus 虚拟利润奖", not "vp_bonus vp_bonus 虚拟利润奖".
std::string distinct_labels(std::initializer_list<std::string_view> parts);

}  // namespace merit
