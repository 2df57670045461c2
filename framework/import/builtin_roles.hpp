// The manager roles every workspace knows without a roles.csv (issue 21
// point 4): managers.role may name these or a row of the roles table, and a
// row of roles with one of these ids renames it.
#pragma once

#include <sqlite3.h>

#include <span>
#include <string>
#include <string_view>

namespace merit {

struct BuiltinRole {
    std::string_view id;
    std::string_view name;     // Chinese
    std::string_view name_en;  // English
};

std::span<const BuiltinRole> builtin_roles();

// "customer_manager, risk_manager, market_manager" for messages.
std::string builtin_role_list();

// A manager role's display name in the workspace `db`: its roles.csv row's
// name (name_en in English, when given), else the built-in role's; "" for a
// role neither knows (one since retracted).
std::string manager_role_name(sqlite3* db, std::string_view role, bool english);

}  // namespace merit
