// Calibration (issue 18 point 4; seed 004 三.5 审核与校准). hr_admin opens a
// session on a preliminary run for some org units, with committee members;
// the members see the run's totals and ratings with the distribution against
// the scheme's limits and record signed adjustments of a manager's total or
// an override of the rating, each with a reason. Closing the session locks
// it and evaluates the scheme again on the same inputs with the calibration
// applied (engine/evaluator.hpp: the points after the scheme's adjustments,
// the rating after the distribution limits, both before the rewards, so pay
// follows the calibrated result); the result is a new run linked to the
// preliminary one, and `merit explain` on it shows each calibration line.
#pragma once

#include <sqlite3.h>

#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/authorize.hpp"
#include "engine/evaluator.hpp"
#include "plugin/registry.hpp"
#include "store/workspace.hpp"

namespace merit {

struct CalibrationSpec {
    int64_t run_id = 0;                  // the preliminary run
    std::string name;                    // "2026-Q2 城南支行校准会"
    std::vector<std::string> org_units;  // managers of these subtrees are calibrated
    std::vector<std::string> members;    // committee users
};

struct CalibrationSession {
    int64_t id = 0;
    std::string name;
    int64_t run_id = 0;
    std::string scheme_id, period;
    std::vector<std::string> org_units, members;
    std::string state;  // open | closed
    std::string opened_by, opened_at, closed_by, closed_at;
    std::optional<int64_t> result_run_id;
};

struct CalibrationLine {
    int seq = 0;
    std::string manager_id;
    std::string kind;   // total | rating
    double points = 0;  // total: the signed change
    double from_total = 0, to_total = 0;
    std::string from_rating, to_rating;  // rating: the override
    std::string by, at, reason;
};

// One manager in the session: the preliminary result and where calibration
// has taken it so far (the rating shown is the override, else the
// preliminary one; closing recomputes the band from the calibrated total).
struct CalibrationRow {
    std::string manager_id, name, org_unit_id;
    double preliminary_total = 0, total = 0;
    std::string preliminary_rating, rating;
};

// A distribution limit of the scheme against the session's current ratings.
struct DistributionCheck {
    std::string band, group;  // group: "all" or an org unit
    int count = 0, members = 0, allowed = 0;
};

struct CalibrationView {
    CalibrationSession session;
    std::vector<CalibrationRow> rows;  // by preliminary rank, then id
    std::vector<CalibrationLine> lines;
    std::vector<std::pair<std::string, int>> ratings;  // band label -> managers, best band first
    std::vector<DistributionCheck> limits;
};

// Authorizes `calibrate.open` (hr_admin). The run must exist and not be a
// calibrated result itself; one session per preliminary run; units must
// exist; members must be active committee users.
CalibrationSession open_calibration(sqlite3* db, const CalibrationSpec& spec);

// Authorizes `calibrate.read` (members, hr_admin, auditor).
CalibrationView read_calibration(sqlite3* db, int64_t session_id);
std::vector<CalibrationSession> list_calibrations(sqlite3* db);

// A member records a signed change of a manager's total (authorizes
// `calibrate.adjust`: members only). The session must be open, the manager in
// its scope, the reason given, the total stay >= 0.
CalibrationView adjust_total(sqlite3* db, int64_t session_id, std::string_view manager_id, double points,
                             std::string_view reason);
// A member overrides a manager's rating with a band of the scheme.
CalibrationView override_rating(sqlite3* db, int64_t session_id, std::string_view manager_id,
                                std::string_view rating, std::string_view reason);

// Authorizes `calibrate.close` (a member, hr_admin): evaluates the
// preliminary run's scheme again with the calibration, refuses when the
// inputs changed since the preliminary run, stores the calibrated run, locks
// the session. Returns the new run's id. One transaction.
int64_t close_calibration(Workspace& ws, const PluginRegistry& registry, int64_t session_id,
                          std::string_view reason);

// For `merit explain`: the calibration lines behind a calibrated run for one
// manager (empty when the run is no calibration's result), and its session.
// What a session's lines do to each manager's evaluation (by manager id):
// the points summed, the last rating override. What closing evaluates with,
// and what recomputing a calibrated run does again.
std::map<std::string, CalibrationEffect> calibration_effects(sqlite3* db, int64_t session_id);

struct RunCalibration {
    std::optional<CalibrationSession> session;
    std::vector<CalibrationLine> lines;
};
RunCalibration calibration_of_run(sqlite3* db, int64_t run_id, const std::string& manager_id);
std::string calibration_text(const RunCalibration& calibration);
boost::json::value calibration_json(const RunCalibration& calibration);

// Who sits on a manager's calibration for a period: the members of the
// sessions of that period whose units cover the manager's unit. The review's
// object (workflow/review.hpp) carries them, so a committee member reads and
// calibrates the reviews of the sessions they sit on.
std::vector<std::string> calibration_members_of(sqlite3* db, const std::string& manager_id,
                                                const std::string& period);

// The calibrated run of a manager's period: the result of the latest closed
// session of that period whose units cover the manager's unit; none before
// a session closes. The review's `calibrate` step links it.
std::optional<int64_t> calibrated_run_of(sqlite3* db, const std::string& manager_id,
                                         const std::string& period);

boost::json::value calibration_session_json(const CalibrationSession& session);
boost::json::value calibration_view_json(const CalibrationView& view);
boost::json::value calibration_line_json(const CalibrationLine& line);

}  // namespace merit
