#include "pg/pg_data_services.hpp"

#include <fmt/format.h>

#include "common/errors.hpp"
#include "pg/pg_batch_services.hpp"
#include "pg/pg_detail_services.hpp"

namespace merit {
namespace {

void require(const void* pointer, const char* what) {
    if (!pointer) throw UserError(fmt::format("{} is missing", what));
}

}  // namespace

void PgDataServices::fact_aggregate(const merit_scope& scope, const merit_fact_query& query, double* out,
                                    unsigned char* valid) {
    require(out, "out");
    require(valid, "valid");
    const std::lock_guard lock(mutex_);
    facts_.aggregate(scope, query, out, valid);
}

void PgDataServices::event_aggregate(const merit_scope& scope, const merit_event_query& query, double* out) {
    const std::lock_guard lock(mutex_);
    pg_event_aggregate(pg_, scope, query, out);
}

void PgDataServices::target_values(const merit_scope& scope, const char* indicator, const char* period,
                                   double* out, unsigned char* valid) {
    const std::lock_guard lock(mutex_);
    pg_target_values(pg_, scope, indicator, period, out, valid);
}

void PgDataServices::rating_average(const merit_scope& scope, const char* rater_role, const char* item,
                                    const char* period, double* out, unsigned char* valid) {
    const std::lock_guard lock(mutex_);
    pg_rating_average(pg_, scope, rater_role, item, period, out, valid);
}

void PgDataServices::query(const char*, const merit_value*, size_t, merit_row_fn, void*) {
    throw UserError(
        "postgresql: read-only SQL is not available on a PostgreSQL workspace yet (it needs the merit_reader "
        "role and its privileges, issue 20)");
}

void PgDataServices::customer_values(const char* metric, const char* day, merit_customer_value_fn on_value,
                                     void* user) {
    const std::lock_guard lock(mutex_);
    pg_customer_values(pg_, metric, day, on_value, user);
}

void PgDataServices::event_rows(const char* kind, const char* first_day, const char* last_day,
                                merit_event_row_fn on_row, void* user) {
    const std::lock_guard lock(mutex_);
    pg_event_rows(pg_, kind, first_day, last_day, on_row, user);
}

void PgDataServices::organisation(const char* day, merit_org_unit_fn on_unit, merit_org_manager_fn on_manager,
                                  void* user) {
    const std::lock_guard lock(mutex_);
    pg_organisation(pg_, day, on_unit, on_manager, user);
}

void PgDataServices::customer_holdings(const char* metric, const char* first_day, const char* last_day,
                                       const char* assignment_role, merit_holding_fn on_holding, void* user) {
    const std::lock_guard lock(mutex_);
    pg_customer_holdings(pg_, metric, first_day, last_day, assignment_role, on_holding, user);
}

void PgDataServices::customer_facts(const char* metric, const char* first_day, const char* last_day,
                                    merit_customer_fact_fn on_fact, void* user) {
    const std::lock_guard lock(mutex_);
    pg_customer_facts(pg_, metric, first_day, last_day, on_fact, user);
}

}  // namespace merit
