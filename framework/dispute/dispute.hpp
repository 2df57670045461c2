// Disputes (issue 18 point 6): a manager disputes a result line of their own
// released (pay released) or calibrated run, with a reason. A dispute moves
// through the `dispute` flow stored as data (workflow/flow.hpp): open ⇄
// info_requested → under_review → upheld | rejected, or withdrawn by the
// manager. An upheld dispute names its correction, chosen by hr_admin: a
// superseding run (linked) or an adjustment in the next period (described).
// Every step is one transaction with one audit entry; the history (who,
// when, what was said) is kept with the dispute, so the manager sees the
// outcome and the reason.
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

struct DisputeEvent {
    int seq = 0;
    std::string action, from, to, by, at, text;
};

struct Dispute {
    int64_t id = 0;
    int64_t run_id = 0;
    std::string manager_id;
    std::string line;  // total | rating | pay:CODE | indicator:ID
    std::string state;
    std::string reason;                     // the manager's, when opened
    std::string correction;                 // upheld: superseding_run | next_period
    std::optional<int64_t> correction_run;  // superseding_run: the run that replaces the disputed one
    std::string correction_note;            // next_period: the adjustment to make
    std::vector<DisputeEvent> events;       // oldest first
    std::vector<std::string> next_actions;
};

// What a step brings: the text (a reason, a question, the information) and,
// for uphold, the correction.
struct DisputeInput {
    std::string text{};
    std::string correction{};  // superseding_run | next_period
    int64_t correction_run = 0;
    std::string correction_note{};
};

Object dispute_object(sqlite3* db, const Dispute& dispute);

// Authorizes `dispute.open` (the manager's own record, hr_admin). The run
// must be released or calibrated, the manager in it, the line one of theirs,
// the reason given; one open dispute per run, manager and line.
Dispute open_dispute(sqlite3* db, int64_t run_id, std::string_view manager_id, std::string_view line,
                     std::string_view reason);
// A step of the dispute flow (request_info, reply, review, uphold, reject,
// withdraw), authorized as `dispute.<action>`.
Dispute dispute_act(sqlite3* db, int64_t dispute_id, std::string_view action, const DisputeInput& input);
// Authorizes `dispute.read`.
Dispute read_dispute(sqlite3* db, int64_t dispute_id);
std::vector<Dispute> list_disputes(sqlite3* db);

boost::json::value dispute_json(const Dispute& dispute);

}  // namespace merit
