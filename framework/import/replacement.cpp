#include "import/replacement.hpp"

#include <fmt/format.h>

#include <vector>

#include "store/sqlite.hpp"

namespace merit {
namespace {

std::string quoted(std::string_view text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

bool has_column(const TableSpec& table, std::string_view name, FieldKind kind) {
    for (const ColumnSpec& column : table.columns)
        if (column.name == name && column.kind == kind) return true;
    return false;
}

// A reference from an input table to a parent: `child.column` names a row of
// `parent`, when `condition` holds (facts name their entity's table).
struct InputReference {
    const char* child;
    const char* column;
    const char* parent;
    const char* condition;
};

constexpr InputReference kReferences[] = {
    {"org_units", "parent_id", "org_units", "parent_id IS NOT NULL"},
    {"managers", "org_unit_id", "org_units", "1"},
    // The built-in roles (table_specs.cpp builtin_roles()) need no row.
    {"managers", "role", "roles", "role NOT IN ('customer_manager', 'risk_manager', 'market_manager')"},
    {"customers", "org_unit_id", "org_units", "org_unit_id IS NOT NULL"},
    {"assignments", "customer_id", "customers", "1"},
    {"assignments", "manager_id", "managers", "1"},
    {"facts", "entity_id", "customers", "entity = 'customer'"},
    {"facts", "entity_id", "managers", "entity = 'manager'"},
    {"facts", "entity_id", "org_units", "entity = 'org_unit'"},
    {"events", "manager_id", "managers", "1"},
    {"targets", "manager_id", "managers", "1"},
    {"ratings", "manager_id", "managers", "1"},
};

}  // namespace

Dating dating_of(const TableSpec& table) {
    if (has_column(table, "date", FieldKind::date)) return Dating::date;
    if (has_column(table, "period", FieldKind::period)) return Dating::period;
    return Dating::none;
}

std::string replaced_rows_condition(sqlite3* db, const TableSpec& table, const Replacement& replacement) {
    if (!replacement.period) return "1";
    const Period& p = *replacement.period;
    if (dating_of(table) == Dating::date)
        return fmt::format("date BETWEEN '{}' AND '{}'", format_date(p.first_day()),
                           format_date(p.last_day()));
    std::string inside;
    Statement periods(db, fmt::format("SELECT DISTINCT period FROM {}", table.name));
    while (periods.step()) {
        const std::string text = periods.text(0);
        try {
            const Period stored = Period::parse(text);
            if (stored.first_day() < p.first_day() || stored.last_day() > p.last_day()) continue;
        } catch (const std::exception&) {
            continue;  // not a period this build reads: never covered
        }
        inside += (inside.empty() ? "" : ", ") + quoted(text);
    }
    return inside.empty() ? "0" : fmt::format("period IN ({})", inside);
}

void check_references_after_retraction(sqlite3* db, ProblemList& problems) {
    for (const InputReference& ref : kReferences) {
        Statement dangling(
            db, fmt::format("SELECT DISTINCT {1} FROM {0} WHERE {3} AND {1} NOT IN (SELECT id FROM {2}) "
                            "ORDER BY {1}",
                            ref.child, ref.column, ref.parent, ref.condition));
        std::vector<std::string> ids;
        while (dangling.step()) ids.push_back(dangling.text(0));
        if (ids.empty()) continue;
        std::string shown;
        for (size_t i = 0; i < ids.size() && i < 3; ++i) shown += (i ? ", '" : "'") + ids[i] + "'";
        if (ids.size() > 3) shown += fmt::format(" and {} more", ids.size() - 3);
        problems.add_raw(fmt::format(
            "{}.{} still names {} that this import retracts ({}): keep them in the file, or retract those {} "
            "rows in the same import",
            ref.child, ref.column, ref.parent, shown, ref.child));
    }
}

}  // namespace merit
