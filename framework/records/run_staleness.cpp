#include "records/run_staleness.hpp"

#include <fmt/format.h>

#include <string>

#include "period/period.hpp"
#include "store/data_history.hpp"
#include "store/input_tables.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

// Whether any version after `version` counted a change in `table`: cheap,
// and for most tables of most runs the answer.
bool counted_change_after(sqlite3* db, std::string_view table, int64_t version) {
    Statement st(db,
                 "SELECT 1 FROM data_version_counts WHERE seq > ?1 AND table_name = ?2 "
                 "AND inserted + updated + retracted > 0 LIMIT 1");
    st.bind(1, version).bind(2, table);
    return st.step();
}

// The rows written after `version` (live rows) and the rows that stopped
// holding after it (history), with `extra` restricting either.
bool changed_row_after(sqlite3* db, std::string_view table, int64_t version, const std::string& extra,
                       const std::string& bound) {
    for (const std::string& sql :
         {fmt::format("SELECT 1 FROM {} WHERE valid_from_version > ?1 {} LIMIT 1", table, extra),
          fmt::format("SELECT 1 FROM {} WHERE valid_to_version > ?1 {} LIMIT 1", history_table(table),
                      extra)}) {
        Statement st(db, sql);
        st.bind(1, version);
        if (!bound.empty()) st.bind(2, bound);
        if (st.step()) return true;
    }
    return false;
}

// Targets and ratings: the periods of the rows changed after `version`.
bool changed_period_after(sqlite3* db, std::string_view table, int64_t version, const std::string& last_day) {
    for (const std::string& sql :
         {fmt::format("SELECT DISTINCT period FROM {} WHERE valid_from_version > ?1", table),
          fmt::format("SELECT DISTINCT period FROM {} WHERE valid_to_version > ?1", history_table(table))}) {
        Statement st(db, sql);
        st.bind(1, version);
        while (st.step()) {
            const std::string text = st.text(0);
            try {
                if (format_date(Period::parse(text).first_day()) <= last_day) return true;
            } catch (const std::exception&) {
                return true;  // a period Merit cannot read: it may be one the run read
            }
        }
    }
    return false;
}

bool table_changed_for(sqlite3* db, std::string_view table, int64_t version, const RunInfo& run) {
    if (!counted_change_after(db, table, version)) return false;
    if (table == "facts" || table == "events")
        return changed_row_after(db, table, version, "AND date <= ?2", run.last_day);
    if (table == "targets" || table == "ratings")
        return changed_period_after(db, table, version, run.last_day);
    return changed_row_after(db, table, version, "", "");
}

}  // namespace

std::optional<bool> run_is_stale(sqlite3* db, const RunInfo& run) {
    if (!run.data_version) return std::nullopt;
    for (const InputTable& table : input_tables())
        if (table_changed_for(db, table.name, *run.data_version, run)) return true;
    return false;
}

}  // namespace merit
