// A review per manager and period (issue 18 point 2), moved through the
// `review` flow (workflow/flow.hpp): goals agreed by both sides, the
// manager's self-assessment, the supervisor's scores and comments, optional
// anonymous 360° feedback, calibration, the one-to-one interview, and the
// next period's improvement and development plan. Every function is one
// transaction: authorize (access/authorize.hpp) for the current actor, check
// the state, change, write the audit entry.
//
// What reviews feed: the supervisor's and the manager's ratings are written
// to `ratings` (rater roles `supervisor` and `self`) and agreed goal targets
// to `targets`, the tables the scheme's indicators read, so a review feeds
// the run without a CSV round trip.
#pragma once

#include <sqlite3.h>

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/authorize.hpp"

namespace merit {

// "CM01/2026-Q2": a manager id and a period (canonical once parsed).
struct ReviewKey {
    std::string manager_id;
    std::string period;
    std::string text() const { return manager_id + "/" + period; }
    // Throws UserError naming the text and the expected form.
    static ReviewKey parse(std::string_view text);
};

struct Goal {
    int seq = 0;
    std::string text;
    std::string target_key;  // a targets.indicator the scheme reads ("" = free text only)
    std::optional<double> target;
};

struct ItemRating {
    std::string item;
    double score = 0;     // 0 - 100
    std::string comment;  // the supervisor's comment on the item
};

struct PlanItem {
    int seq = 0;
    std::string kind;  // improvement | development
    std::string text;
    std::string due;  // YYYY-MM-DD
};

// An item an earlier result or review put on this review (point 7).
struct ReviewItem {
    int seq = 0;
    std::string source;  // run:12, review:CM01/2026-Q1
    std::string kind;    // a decision's kind (grade, flag ...), or improvement / development
    std::string value;
    std::string reason;
};

struct Review {
    int64_t id = 0;
    ReviewKey key;
    std::string manager_name;
    std::string org_unit_id;
    std::string state;
    std::string state_label;
    std::string opened_at;
    std::vector<Goal> goals;
    std::string self_text;
    std::vector<ItemRating> self_ratings;
    std::string supervisor_id;
    std::string supervisor_comment;
    std::vector<ItemRating> supervisor_ratings;
    std::string interview_notes;
    std::string interview_at;
    std::string contest_reason;
    std::optional<int64_t> run_id;  // the calibrated run
    std::vector<PlanItem> plans;
    std::vector<ReviewItem> items;
    std::vector<std::string> next_actions;  // "submit_self (manager)" from the current state
};

// What an action brings with it (only what the action needs is read).
struct ReviewInput {
    std::string reason{};               // actions that send a step back, contest
    std::string text{};                 // submit_self: the self-assessment; submit_scores: the comment;
                                        // hold_interview: the notes
    std::vector<ItemRating> ratings{};  // submit_self, submit_scores
    std::vector<std::string> raters{};  // request_feedback: "USER=peer|subordinate|customer"
    std::vector<std::string> items{};   // request_feedback: the rating items asked
};

// The object authorize() decides on: the manager's record, with the committee
// members of the calibration sessions covering it.
Object review_object(sqlite3* db, const ReviewKey& key);

// Opens the review in the flow's start state, with the items earlier results
// put on it (authorizes `review.open`: hr_admin, the supervisor of the
// subtree). Refused when the manager is unknown or the review exists.
Review open_review(sqlite3* db, const ReviewKey& key);

// Reads one review (authorizes `review.read`).
Review read_review(sqlite3* db, const ReviewKey& key);

// Every review the actor may read, by period then manager; empty filters
// match everything.
struct ReviewFilter {
    std::string period{};
    std::string state{};
    std::string manager_id{};
};
std::vector<Review> list_reviews(sqlite3* db, const ReviewFilter& filter);

// Takes `action` (a transition of the review flow) and returns the review
// as it is afterwards. Content the action needs is checked first; nothing
// changes when anything is refused.
Review review_act(sqlite3* db, const ReviewKey& key, std::string_view action, const ReviewInput& input);

// Goals and plan items are edited through the flow's add_goal / remove_goal /
// add_plan / remove_plan transitions (so where and by whom is data too).
Review add_goal(sqlite3* db, const ReviewKey& key, const Goal& goal);
Review remove_goal(sqlite3* db, const ReviewKey& key, int seq);
Review add_plan(sqlite3* db, const ReviewKey& key, const PlanItem& plan);
Review remove_plan(sqlite3* db, const ReviewKey& key, int seq);

// For `--json` listings and the HTTP service.
boost::json::value review_json(const Review& review);

}  // namespace merit
