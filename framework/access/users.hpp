// Merit users: the people who act in Merit (not operating-system accounts),
// each with one role. A supervisor acts on the org subtree of their unit, a
// manager-role user is one manager of the data (their own records).
#pragma once

#include <sqlite3.h>

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/actor.hpp"

namespace merit {

struct User {
    std::string id;
    std::string name;
    std::string role;
    std::string org_unit_id;  // supervisor: required; others: optional
    std::string manager_id;   // manager: required (a manager of the data); others: optional
    bool active = true;
    std::string created_at;
};

// Checks the user (id, name, role, that the unit and manager exist, that no
// other user is that manager), authorizes `users.add` for the current actor
// and stores it with its audit entry. Throws UserError naming the field.
void add_user(sqlite3* db, const User& user);

// Stops a user from acting (authorizes `users.deactivate`; audited with the
// reason). Their past actions stay in the log under their id.
void deactivate_user(sqlite3* db, std::string_view user_id, std::string_view reason);

// Every user, by id (authorizes `users.list`).
std::vector<User> list_users(sqlite3* db);

// No authorization: for the rules themselves and for resolving `--as`.
std::optional<User> find_user(sqlite3* db, std::string_view user_id);

// The actor for `--as USER`: throws UserError when the user is unknown or
// inactive.
Actor actor_for_user(sqlite3* db, std::string_view user_id);

// The JSON form of a user, for `--json` listings and the HTTP service.
boost::json::object user_json(const User& user);

}  // namespace merit
