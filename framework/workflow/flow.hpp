// State machines stored as data (issue 18 point 2): a flow is a set of states
// and of transitions (from, action, role, to, needs reason), so an
// organisation changes its review or dispute process by replacing rows, not
// code. Merit ships the `review` flow of seed 004 (sections 三/四) and the
// `dispute` flow. What an action does besides moving the state (storing
// ratings, opening a dispute ...) belongs to the action's name; an action the
// code does not know simply moves the state.
#pragma once

#include <sqlite3.h>

#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "store/actor.hpp"

namespace merit {

struct FlowState {
    std::string state;
    std::string kind;  // start | step | end
    std::string label;
};

struct Transition {
    std::string from;
    std::string action;
    std::string role;
    std::string to;
    bool needs_reason = false;
};

struct Flow {
    std::string name;
    std::vector<FlowState> states;  // display order
    std::vector<Transition> transitions;

    const FlowState* find_state(std::string_view state) const;
    std::string start_state() const;
    bool is_end(std::string_view state) const;
    // The transitions out of `state`.
    std::vector<const Transition*> leaving(std::string_view state) const;
};

// Throws UserError when the workspace has no such flow.
Flow load_flow(sqlite3* db, std::string_view name);
std::vector<std::string> flow_names(sqlite3* db);

// Every problem of a flow: one start state, at least one end state, every
// state reachable from the start and able to reach an end, no transition out
// of an end state, transitions between known states, roles that act (not
// auditor or payroll), actions and states spelled as ids.
std::vector<std::string> check_flow(const Flow& flow);

// {"flow", "states": [{"state", "kind", "label"}], "transitions": [{"from",
// "action", "role", "to", "needs_reason"}]}: read (with JSON paths in the
// errors) and written.
Flow parse_flow(const boost::json::value& json, std::string_view source);
boost::json::value flow_json(const Flow& flow);

// Replaces the flow's rows (authorizes `flows.set`; audited). Refused when the
// flow has problems, is not one Merit has code for (review, dispute), or
// when objects (reviews, disputes) sit in a state the new flow drops.
void replace_flow(sqlite3* db, const Flow& flow);

// The transition `actor` takes from `state` by `action`: the one for their
// role, else (hr_admin may take every action) the first for any role. Throws
// UserError naming the object and the actions possible from its state, or
// when the transition needs a reason and none is given.
const Transition& pick_transition(const Flow& flow, std::string_view object_ref, std::string_view state,
                                  std::string_view action, const Actor& actor, std::string_view reason);

}  // namespace merit
