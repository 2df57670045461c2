#include "import/builtin_roles.hpp"

#include "store/sqlite.hpp"

namespace merit {

std::span<const BuiltinRole> builtin_roles() {
    static constexpr BuiltinRole roles[] = {{"customer_manager", "客户经理", "Customer manager"},
                                            {"risk_manager", "风险经理", "Risk manager"},
                                            {"market_manager", "市场经理", "Market manager"}};
    return roles;
}

std::string builtin_role_list() {
    std::string out;
    for (const BuiltinRole& role : builtin_roles()) out += (out.empty() ? "" : ", ") + std::string(role.id);
    return out;
}

std::string manager_role_name(sqlite3* db, std::string_view role, bool english) {
    Statement declared(db, "SELECT name, coalesce(name_en, '') FROM roles WHERE id = ?1");
    declared.bind(1, role);
    if (declared.step()) {
        std::string name = declared.text(english ? 1 : 0);
        if (!name.empty()) return name;
    }
    for (const BuiltinRole& builtin : builtin_roles())
        if (builtin.id == role) return std::string(english ? builtin.name_en : builtin.name);
    return "";
}

}  // namespace merit
