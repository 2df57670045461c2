// The manager roles every workspace knows without a roles.csv (issue 21
// point 4): managers.role may name these or a row of the roles table, and a
// row of roles with one of these ids renames it.
#pragma once

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

}  // namespace merit
