// Where people sit: a manager's org unit and whether a unit lies in the
// subtree of another (org_units.parent_id), for the supervisor's scope.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>

namespace merit {

// The org unit of a manager; nullopt when there is no such manager.
std::optional<std::string> manager_org_unit(sqlite3* db, std::string_view manager_id);

bool org_unit_exists(sqlite3* db, std::string_view unit);

// True when `unit` is `root` or lies below it. A parent cycle in the data
// ends the walk (the unit is then outside).
bool unit_within(sqlite3* db, std::string_view unit, std::string_view root);

}  // namespace merit
