#include "pg/pg_batch_services.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "common/errors.hpp"
#include "data/scope_index.hpp"
#include "period/period.hpp"
#include "pg/pg_fact_aggregation.hpp"

namespace merit {
namespace {

void require(const void* pointer, const char* what) {
    if (!pointer) throw UserError(fmt::format("{} is missing", what));
}

void clear(size_t count, double* out, unsigned char* valid) {
    for (size_t i = 0; i < count; ++i) {
        out[i] = 0;
        if (valid) valid[i] = 0;
    }
}

// The scope's ids as one text[] parameter: the server filters by them, so
// no manager outside the scope crosses the wire.
std::string scope_ids(const merit_scope& scope) {
    std::vector<std::string> ids;
    ids.reserve(scope.count);
    for (size_t i = 0; i < scope.count; ++i) ids.emplace_back(scope.manager_ids[i]);
    return pg_text_array(ids);
}

// Rows of (manager_id, value) into the scope's column, as
// workspace_data_services.cpp's fill_column does; the server's text is
// checked by PgResult.
void fill_column(const PgResult& rows, const merit_scope& scope, double* out, unsigned char* valid) {
    rows.expect_columns(2);
    const ScopeIndex index(scope);
    for (int r = 0; r < rows.rows(); ++r) {
        const auto row = index.row(rows.text(r, 0));
        if (!row) continue;
        out[*row] = rows.real(r, 1);
        if (valid) valid[*row] = 1;
    }
}

}  // namespace

void pg_event_aggregate(PgConnection& pg, const merit_scope& scope, const merit_event_query& query,
                        double* out) {
    require(out, "out");
    if (query.measure < MERIT_EVENT_COUNT || query.measure > MERIT_EVENT_AMOUNT)
        throw UserError(fmt::format("unknown event measure {}", static_cast<int>(query.measure)));
    const Period period = service_period(scope, query.period);
    // SQLite's total() is 0.0 over no values or only NULLs; sum() is NULL.
    const char* measure = query.measure == MERIT_EVENT_COUNT      ? "CAST(count(*) AS double precision)"
                          : query.measure == MERIT_EVENT_QUANTITY ? "COALESCE(sum(quantity), 0)"
                                                                  : "COALESCE(sum(amount), 0)";
    std::vector<PgParam> params = {scope_ids(scope), format_date(period.first_day()),
                                   format_date(period.last_day())};
    if (query.kind) params.emplace_back(query.kind);
    clear(scope.count, out, nullptr);
    if (scope.count == 0) return;
    fill_column(
        pg.exec_params(fmt::format("SELECT manager_id, {} FROM events WHERE manager_id = ANY (CAST($1 AS "
                                   "text[])) AND date >= CAST($2 AS date) AND date <= CAST($3 AS date){} "
                                   "GROUP BY manager_id",
                                   measure, query.kind ? " AND kind = CAST($4 AS text)" : ""),
                       params),
        scope, out, nullptr);
}

void pg_target_values(PgConnection& pg, const merit_scope& scope, const char* indicator, const char* period,
                      double* out, unsigned char* valid) {
    require(indicator, "indicator");
    require(out, "out");
    require(valid, "valid");
    // targets.csv periods are stored in canonical form.
    const std::string canonical = service_period(scope, period).text();
    clear(scope.count, out, valid);
    if (scope.count == 0) return;
    fill_column(
        pg.exec_params("SELECT manager_id, value FROM targets WHERE manager_id = ANY (CAST($1 AS text[])) "
                       "AND indicator = CAST($2 AS text) AND period = CAST($3 AS text)",
                       {scope_ids(scope), std::string(indicator), canonical}),
        scope, out, valid);
}

void pg_rating_average(PgConnection& pg, const merit_scope& scope, const char* rater_role, const char* item,
                       const char* period, double* out, unsigned char* valid) {
    require(out, "out");
    require(valid, "valid");
    const std::string canonical = service_period(scope, period).text();
    std::vector<PgParam> params = {scope_ids(scope), canonical};
    std::string filters;
    if (rater_role) {
        params.emplace_back(rater_role);
        filters += fmt::format(" AND rater_role = CAST(${} AS text)", params.size());
    }
    if (item) {
        params.emplace_back(item);
        filters += fmt::format(" AND item = CAST(${} AS text)", params.size());
    }
    clear(scope.count, out, valid);
    if (scope.count == 0) return;
    fill_column(
        pg.exec_params(fmt::format("SELECT manager_id, avg(score) FROM ratings WHERE manager_id = ANY "
                                   "(CAST($1 AS text[])) AND period = CAST($2 AS text){} GROUP BY "
                                   "manager_id",
                                   filters),
                       params),
        scope, out, valid);
}

}  // namespace merit
