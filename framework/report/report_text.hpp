// The fixed words of every report, in Chinese (default) and English. Names of
// dimensions, indicators and rules come from the scheme, not from here.
#pragma once

#include <string_view>

#include "report/scheme_labels.hpp"

namespace merit::report {

struct ReportText {
    // sheets and page sections
    std::string_view overview, statements, parameters, run_info;
    std::string_view histogram, ratings_by_unit, dimension_by_unit, ranking, trace;
    // columns
    std::string_view rank, manager_id, manager, org_unit, role, grade, base_total, total, rating,
        rank_in_unit, vetoed, pay_total;
    std::string_view kind, item, dimension, value, target, completion, score, weight, contribution, amount,
        basis;
    std::string_view path, owner, key, field, component, count, average, managers;
    // kinds of statement lines
    std::string_view kind_input, kind_indicator, kind_dimension, kind_adjustment, kind_pay, kind_decision,
        kind_result;
    // run metadata fields
    std::string_view run_id, scheme_id, scheme_title, scheme_file, scheme_hash, period, first_day, last_day,
        status, created_at, finalized_at, input_fingerprint, results_digest, manager_count, plugins;
    // words
    std::string_view yes, no, unrated, generated_by, score_distribution_note, back_to_top, sort_hint;
    // legends: what a mark on the page means
    std::string_view veto_mark;
    // the run's standing (engine/run_lifecycle.hpp): who made it final and
    // why, what it replaced or what replaced it; the page's banner ({}: a run id)
    std::string_view finalized_by, finalize_reason, supersedes, superseded_by;
    std::string_view draft_notice, final_notice, superseded_notice;
    // the review's part of a statement (issue 18 point 8)
    std::string_view review, supervisor_comment, interview_notes, plan, due, calibration, from_to, by, reason;
    std::string_view kind_comment, kind_plan, kind_calibration, plan_improvement, plan_development,
        calibration_total, calibration_rating;
    // what the run warned about (issue 21 point 5)
    std::string_view data_warnings;
};

const ReportText& report_text(Lang lang);

}  // namespace merit::report
