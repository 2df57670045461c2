// What the review process adds to a manager's statement (issue 18 point 8):
// the supervisor's written comment and the interview notes of the manager's
// review of the run's period, the plan agreed in it, and — for a calibrated
// run — each calibration line (who, when, from → to, why). 360° answers are
// never here: they are shown only as averages, in the review itself.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace merit::report {

struct PlanNote {
    std::string kind;  // improvement | development
    std::string text;
    std::string due;
};

struct CalibrationNote {
    std::string kind;  // total | rating
    std::string from, to;
    std::string by, at, reason;
};

struct ReviewNotes {
    std::string supervisor_comment;
    std::string interview_notes;
    std::vector<PlanNote> plans;
    std::vector<CalibrationNote> calibration;
    bool empty() const {
        return supervisor_comment.empty() && interview_notes.empty() && plans.empty() && calibration.empty();
    }
};

// By manager id; managers with nothing to add are absent.
std::map<std::string, ReviewNotes> load_review_notes(sqlite3* db, int64_t run_id, const std::string& period);

}  // namespace merit::report
