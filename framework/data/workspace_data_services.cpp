#include "data/workspace_data_services.hpp"

#include <fmt/format.h>

#include "common/errors.hpp"
#include "data/fact_aggregation.hpp"
#include "data/read_only_query.hpp"
#include "data/scope_index.hpp"
#include "period/period.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

void require(const void* pointer, const char* what) {
    if (!pointer) throw UserError(fmt::format("{} is missing", what));
}

// Runs `stmt` (rows of manager_id, value) into the scope's column.
void fill_column(Statement& stmt, const ScopeIndex& index, double* out, unsigned char* valid) {
    while (stmt.step()) {
        const auto row = index.row(stmt.text(0));
        if (!row) continue;
        out[*row] = stmt.real(1);
        if (valid) valid[*row] = 1;
    }
}

void clear(size_t count, double* out, unsigned char* valid) {
    for (size_t i = 0; i < count; ++i) {
        out[i] = 0;
        if (valid) valid[i] = 0;
    }
}

}  // namespace

WorkspaceDataServices::WorkspaceDataServices(const Workspace& ws) : pool_(ws.path()) {}

void WorkspaceDataServices::fact_aggregate(const merit_scope& scope, const merit_fact_query& query,
                                           double* out, unsigned char* valid) {
    require(out, "out");
    require(valid, "valid");
    auto connection = pool_.acquire();
    aggregate_facts(connection->db(), facts_, scope, query, out, valid);
}

void WorkspaceDataServices::event_aggregate(const merit_scope& scope, const merit_event_query& query,
                                            double* out) {
    require(out, "out");
    if (query.measure < MERIT_EVENT_COUNT || query.measure > MERIT_EVENT_AMOUNT)
        throw UserError(fmt::format("unknown event measure {}", static_cast<int>(query.measure)));
    const Period period = service_period(scope, query.period);
    auto connection = pool_.acquire();
    const char* measure = query.measure == MERIT_EVENT_COUNT      ? "count(*)"
                          : query.measure == MERIT_EVENT_QUANTITY ? "total(quantity)"
                                                                  : "total(amount)";
    Statement stmt(connection->db(),
                   fmt::format("SELECT manager_id, {} FROM events WHERE date >= ?1 AND date <= ?2{} "
                               "GROUP BY manager_id",
                               measure, query.kind ? " AND kind = ?3" : ""));
    stmt.bind(1, format_date(period.first_day())).bind(2, format_date(period.last_day()));
    if (query.kind) stmt.bind(3, query.kind);
    clear(scope.count, out, nullptr);
    fill_column(stmt, ScopeIndex(scope), out, nullptr);
}

void WorkspaceDataServices::target_values(const merit_scope& scope, const char* indicator, const char* period,
                                          double* out, unsigned char* valid) {
    require(indicator, "indicator");
    require(out, "out");
    require(valid, "valid");
    // targets.csv periods are stored in canonical form, so "2026-q3" and
    // "2026-Q3" find the same rows.
    const std::string canonical = service_period(scope, period).text();
    auto connection = pool_.acquire();
    Statement stmt(connection->db(),
                   "SELECT manager_id, value FROM targets WHERE indicator = ?1 AND period = ?2");
    stmt.bind(1, indicator).bind(2, canonical);
    clear(scope.count, out, valid);
    fill_column(stmt, ScopeIndex(scope), out, valid);
}

void WorkspaceDataServices::rating_average(const merit_scope& scope, const char* rater_role, const char* item,
                                           const char* period, double* out, unsigned char* valid) {
    require(out, "out");
    require(valid, "valid");
    const std::string canonical = service_period(scope, period).text();
    auto connection = pool_.acquire();
    Statement stmt(
        connection->db(),
        fmt::format("SELECT manager_id, avg(score) FROM ratings WHERE period = ?1{}{} GROUP BY manager_id",
                    rater_role ? " AND rater_role = ?2" : "", item ? " AND item = ?3" : ""));
    stmt.bind(1, canonical);
    if (rater_role) stmt.bind(2, rater_role);
    if (item) stmt.bind(3, item);
    clear(scope.count, out, valid);
    fill_column(stmt, ScopeIndex(scope), out, valid);
}

void WorkspaceDataServices::customer_values(const char* metric, const char* day,
                                            merit_customer_value_fn on_value, void* user) {
    auto connection = pool_.acquire();
    customer_values_of(connection->db(), metric, day, on_value, user);
}

void WorkspaceDataServices::customer_values_of(sqlite3* db, const char* metric, const char* day,
                                               merit_customer_value_fn on_value, void* user) {
    require(metric, "metric");
    require(day, "day");
    if (!parse_date(day)) throw std::runtime_error(fmt::format("day '{}' is not a date (YYYY-MM-DD)", day));
    // SQLite's own dialect, which only the host may use: the bare `value`
    // comes from the row holding max(date), so one pass over the metric's
    // key range serves every customer (a portable join costs 2.5x here).
    Statement stmt(db,
                   "SELECT entity_id, value, max(date) FROM facts WHERE entity = 'customer' AND metric = ?1 "
                   "AND date <= ?2 GROUP BY entity_id ORDER BY entity_id");
    stmt.bind(1, metric).bind(2, day);
    while (stmt.step())
        if (on_value(user, stmt.text(0).c_str(), stmt.real(1)) != 0) break;
}

void WorkspaceDataServices::query(const char* sql, const merit_value* params, size_t param_count,
                                  merit_row_fn on_row, void* user) {
    auto connection = pool_.acquire();
    run_read_only_query(*connection, sql, params, param_count, on_row, user);
}

}  // namespace merit
