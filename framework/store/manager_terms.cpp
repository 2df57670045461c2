#include "store/manager_terms.hpp"

#include <algorithm>

#include "store/sqlite.hpp"

namespace merit {

std::vector<ManagerTerm> managers_on(sqlite3* db, std::string_view day) {
    Statement st(
        db,
        "SELECT m.id, m.name, t.org_unit_id, t.role, COALESCE(t.grade, ''), COALESCE(m.hired_on, ''), "
        "t.status FROM managers m JOIN manager_terms t ON t.manager_id = m.id AND t.valid_from = "
        "coalesce((SELECT max(valid_from) FROM manager_terms WHERE manager_id = m.id AND valid_from <= "
        "?1), (SELECT min(valid_from) FROM manager_terms WHERE manager_id = m.id))");
    st.bind(1, day);
    std::vector<ManagerTerm> out;
    while (st.step())
        out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6)});
    // SQLite's BINARY order is byte order; sorted here so the order never
    // depends on a collation setting.
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
}

}  // namespace merit
