#include "import/id_sets.hpp"

#include <stdexcept>

#include "import/builtin_roles.hpp"
#include "store/sqlite.hpp"

namespace merit {

IdSets::Set& IdSets::set(Reference reference) {
    int index;
    const char* sql;
    switch (reference) {
        case Reference::org_unit:
            index = 0, sql = "SELECT id FROM org_units";
            break;
        case Reference::manager:
            index = 1, sql = "SELECT id FROM managers";
            break;
        case Reference::customer:
            index = 2, sql = "SELECT id FROM customers";
            break;
        case Reference::role:
            index = 3, sql = "SELECT id FROM roles";
            break;
        default:
            throw std::logic_error("IdSets: not an id table");
    }
    std::optional<Set>& slot = sets_[index];
    if (!slot) {
        slot.emplace();
        if (reference == Reference::role)
            for (const BuiltinRole& role : builtin_roles()) slot->emplace(role.id);
        Statement stmt(db_, sql);
        while (stmt.step()) {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.raw(), 0));
            slot->emplace(text, static_cast<size_t>(sqlite3_column_bytes(stmt.raw(), 0)));
        }
    }
    return *slot;
}

}  // namespace merit
