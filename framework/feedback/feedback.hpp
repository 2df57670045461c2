// Anonymous 360° feedback (issue 18 point 3). A request goes to named raters
// (Merit users, each as a peer, subordinate or customer of the manager); an
// answer is stored with the rater role and the request only. What is stored
// about raters is who was asked and whether they have answered (so nobody
// answers twice), never which answer is whose: answers are keyed by a hash of
// their content, carry no time, and their audit entries carry no content, so
// the stored rows and the log are the same whichever rater gave which
// answer. Results are shown once the request is closed (averages that moved
// with each answer would tell that answer), only as an average per role, and
// only for a role with at least the minimum number of answers (workspace setting
// `feedback.min_responses`, default 3, never below 2); below it the role
// shows "too few responses". Closing a request writes the answers of the
// roles that reached the minimum to `ratings`, numbered in key order, where
// the scheme's rating indicators read them.
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

namespace merit {

inline constexpr int kDefaultMinResponses = 3;

struct FeedbackRater {
    std::string user_id;
    std::string role;  // peer | subordinate | customer
    // "USER=ROLE"; throws UserError naming the text.
    static FeedbackRater parse(std::string_view text);
};

struct FeedbackRequest {
    int64_t id = 0;
    std::string manager_id;
    std::string period;
    std::vector<std::string> items;
    int min_responses = kDefaultMinResponses;
    std::string state;  // open | closed
    std::string opened_at;
    std::string closed_at;
};

// For the review's request_feedback step (authorized there): checks raters
// (existing active users, not the manager, each once) and items, stores the
// request with the minimum in force. Inside the caller's transaction.
FeedbackRequest create_feedback_request(sqlite3* db, const std::string& manager_id, const std::string& period,
                                        const std::vector<FeedbackRater>& raters,
                                        const std::vector<std::string>& items);

// For the review's close_feedback step: closes the open requests of the
// manager and period and writes the qualifying answers to `ratings`.
// Returns the request ids closed. Inside the caller's transaction.
std::vector<int64_t> close_feedback_requests(sqlite3* db, const std::string& manager_id,
                                             const std::string& period);

// The object authorize() decides on; members are the invited raters who
// have not answered yet.
Object feedback_object(sqlite3* db, int64_t request_id);

// The current actor answers (authorizes `feedback.answer`: only an invited
// rater who has not answered, whatever their role). Every item of the request
// gets a score 0-100; the comment is optional.
void answer_feedback(sqlite3* db, int64_t request_id, const std::map<std::string, double>& scores,
                     std::string_view comment);

// The open requests the current actor is asked to answer.
std::vector<FeedbackRequest> my_feedback_requests(sqlite3* db);

struct RoleResult {
    std::string role;
    int invited = 0;
    int answers = 0;
    bool shown = false;                     // closed, and answers >= the minimum
    std::map<std::string, double> average;  // item -> mean score, when shown
    std::vector<std::string> comments;      // when shown, in key order
};
struct FeedbackResults {
    FeedbackRequest request;
    std::vector<RoleResult> roles;  // peer, subordinate, customer (those invited)
};

// Authorizes `feedback.results` (the manager's own, the supervisor's
// subtree, the committee members of a session covering it, hr_admin,
// auditor).
FeedbackResults feedback_results(sqlite3* db, int64_t request_id);
std::vector<FeedbackRequest> feedback_requests_of(sqlite3* db, const std::string& manager_id,
                                                  const std::string& period);

// feedback.min_responses (authorizes `settings.set`; audited).
int min_responses(sqlite3* db);
void set_min_responses(sqlite3* db, int minimum);

boost::json::value feedback_results_json(const FeedbackResults& results);
boost::json::value feedback_request_json(const FeedbackRequest& request);

}  // namespace merit
