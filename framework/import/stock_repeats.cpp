#include "import/stock_repeats.hpp"

#include <fmt/format.h>

#include "store/sqlite.hpp"

namespace merit {

void check_stocks_hold_one_value_a_day(sqlite3* db, ProblemList& problems) {
    // The first repeated day of each such metric (SQLite takes the bare
    // columns from the row of the min()), and how many rows that day has.
    Statement repeated(
        db,
        "SELECT metric, entity, entity_id, date, min(entity || entity_id || date) FROM facts f "
        "WHERE (occurrence > 1 OR ref <> '') AND NOT EXISTS "
        "(SELECT 1 FROM metrics m WHERE m.metric = f.metric AND m.kind = 'flow') "
        "GROUP BY metric ORDER BY metric");
    Statement rows_of_day(db,
                          "SELECT count(*) FROM facts WHERE entity = ?1 AND metric = ?2 AND entity_id = ?3 "
                          "AND date = ?4");
    Statement declared(db, "SELECT kind FROM metrics WHERE metric = ?1");
    while (repeated.step()) {
        const std::string metric = repeated.text(0), entity = repeated.text(1), id = repeated.text(2),
                          date = repeated.text(3);
        rows_of_day.reset();
        rows_of_day.bind(1, entity).bind(2, metric).bind(3, id).bind(4, date);
        rows_of_day.step();
        declared.reset();
        declared.bind(1, metric);
        const std::string now = declared.step() ? "is now a stock in metrics.csv"
                                                : "is no longer in metrics.csv, so it is read as a stock";
        problems.add_raw(fmt::format(
            "metrics.csv: kind: '{}' {} (one value per entity and day), but the workspace has flow facts "
            "of it that repeat within a day ({} {} on {}: {} rows): keep it a flow, or first correct "
            "those facts to one a day (merit import --replace-period)",
            metric, now, entity, id, date, rows_of_day.integer(0)));
    }
}

}  // namespace merit
