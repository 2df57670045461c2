#include "report/review_notes.hpp"

#include <fmt/format.h>

#include "store/sqlite.hpp"

namespace merit::report {
namespace {

// A total as the calibration line shows it: two decimals.
std::string total_text(const Statement& st, int column) {
    return st.is_null(column) ? std::string() : fmt::format("{:.2f}", st.real(column));
}

void add_reviews(sqlite3* db, const std::string& period, std::map<std::string, ReviewNotes>& out) {
    Statement st(db,
                 "SELECT manager_id, supervisor_comment, interview_notes FROM reviews WHERE period = ?1 AND "
                 "(supervisor_comment <> '' OR interview_notes <> '')");
    st.bind(1, period);
    while (st.step()) {
        ReviewNotes& notes = out[st.text(0)];
        notes.supervisor_comment = st.text(1);
        notes.interview_notes = st.text(2);
    }
    Statement plans(db,
                    "SELECT r.manager_id, p.kind, p.text, p.due FROM review_plans p JOIN reviews r ON r.id = "
                    "p.review_id WHERE r.period = ?1 ORDER BY r.manager_id, p.seq");
    plans.bind(1, period);
    while (plans.step()) out[plans.text(0)].plans.push_back({plans.text(1), plans.text(2), plans.text(3)});
}

// The lines of the session whose calibrated run this is.
void add_calibration(sqlite3* db, int64_t run_id, std::map<std::string, ReviewNotes>& out) {
    Statement st(
        db,
        "SELECT l.manager_id, l.kind, l.from_total, l.to_total, l.from_rating, l.to_rating, l.by_user, "
        "l.at, l.reason FROM calibration_lines l JOIN calibration_sessions s ON s.id = l.session_id "
        "WHERE s.result_run_id = ?1 ORDER BY l.manager_id, l.seq");
    st.bind(1, run_id);
    while (st.step()) {
        const bool total = st.text(1) == "total";
        out[st.text(0)].calibration.push_back({st.text(1),
                                               total ? total_text(st, 2) : st.optional_text(4).value_or(""),
                                               total ? total_text(st, 3) : st.optional_text(5).value_or(""),
                                               st.text(6), st.text(7), st.text(8)});
    }
}

}  // namespace

std::map<std::string, ReviewNotes> load_review_notes(sqlite3* db, int64_t run_id, const std::string& period) {
    std::map<std::string, ReviewNotes> out;
    add_reviews(db, period, out);
    add_calibration(db, run_id, out);
    return out;
}

}  // namespace merit::report
