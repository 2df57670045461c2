#include "access/org_tree.hpp"

#include <set>

#include "store/sqlite.hpp"

namespace merit {

std::optional<std::string> manager_org_unit(sqlite3* db, std::string_view manager_id) {
    Statement st(db, "SELECT org_unit_id FROM managers WHERE id = ?1");
    st.bind(1, manager_id);
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

bool org_unit_exists(sqlite3* db, std::string_view unit) {
    Statement st(db, "SELECT 1 FROM org_units WHERE id = ?1");
    st.bind(1, unit);
    return st.step();
}

bool unit_within(sqlite3* db, std::string_view unit, std::string_view root) {
    Statement parent(db, "SELECT parent_id FROM org_units WHERE id = ?1");
    std::set<std::string> seen;
    std::string at(unit);
    while (!at.empty() && seen.insert(at).second) {
        if (at == root) return true;
        parent.reset();
        parent.bind(1, at);
        at = parent.step() && !parent.is_null(0) ? parent.text(0) : std::string();
    }
    return false;
}

}  // namespace merit
