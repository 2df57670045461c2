// Which of a manager's terms (manager_terms: unit, role, grade, status from
// a valid_from on) holds on a day: the latest starting on or before it, or
// the first term when all start later. The one definition a run's scope and
// the plugins' organisation service read, so both see the same organisation.
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>
#include <vector>

namespace merit {

struct ManagerTerm {
    std::string id, name, org_unit_id, role, grade, hired_on, status;  // grade, hired_on: "" when none
};

// Every manager with the term valid on `day` (YYYY-MM-DD), in id order (byte
// order, whatever the collation).
std::vector<ManagerTerm> managers_on(sqlite3* db, std::string_view day);

}  // namespace merit
