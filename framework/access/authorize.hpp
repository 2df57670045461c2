// One decision for every action (issue 18): may this actor take this action
// on this object? The command line (`--as USER`) and the HTTP service ask the
// same function, and every workflow action asks it before it changes
// anything. A refusal is one line naming the actor, the action and the
// object, and why.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/errors.hpp"
#include "store/actor.hpp"

namespace merit {

// What an action is about, with the facts the rules need. The module that
// owns the object fills it (review_object(), dispute_object() ...).
struct Object {
    std::string ref{};                   // "review:CM01/2026-Q3", "run:12", "workspace"
    std::string manager_id{};            // whose record it is ("" when nobody's)
    std::string org_unit_id{};           // where it sits ("": the manager's unit)
    std::vector<std::string> members{};  // users who sit on it: session members, invited raters, approvers
    std::string excluded{};              // a member who may not act on it all the same (the submitter)
    std::string excluded_because{};      // why, for the refusal
};

Object workspace_object();
Object user_object(std::string_view user_id);
Object run_object(int64_t run_id);
// A manager's records; the org unit is looked up.
Object manager_object(sqlite3* db, std::string_view manager_id);

// How a grant is limited for the role it names.
enum class GrantCondition {
    any,      // every object of the action
    own,      // the actor's own records (users.manager_id = object.manager_id)
    subtree,  // objects in the org subtree of the actor's unit
    member,   // objects the actor sits on (object.members), unless excluded
};

struct Grant {
    std::string role;
    GrantCondition condition = GrantCondition::any;
};

struct Decision {
    bool allowed = false;
    std::string reason;  // the rule that allowed or refused
};

Decision authorize(sqlite3* db, const Actor& actor, std::string_view action, const Object& object);

// The refusal of require(): a UserError (exit 1) with one line.
class Forbidden : public UserError {
public:
    using UserError::UserError;
};

// authorize(), throwing Forbidden with
// "refused: ACTOR (ROLE) may not ACTION OBJECT: REASON".
void require(sqlite3* db, const Actor& actor, std::string_view action, const Object& object);

// The grants of an action: the fixed ones (access/policy.hpp) or a flow's
// transitions stored as data; empty when the action is unknown.
std::vector<Grant> grants_of(sqlite3* db, std::string_view action);

std::string_view condition_name(GrantCondition c);

// Every action with who may take it (hr_admin's implied grant included), for
// `merit users permissions` and the README.
struct PermissionRow {
    std::string action;
    std::string object;
    std::string description;
    std::vector<Grant> grants;
};
std::vector<PermissionRow> permission_table(sqlite3* db);

}  // namespace merit
