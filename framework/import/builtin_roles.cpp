#include "import/builtin_roles.hpp"

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

}  // namespace merit
