// The host's data services (plugin/services.hpp) over the contract tables
// on PostgreSQL (issue 20): every service pushed down (pg_fact_aggregation,
// pg_batch_services, pg_detail_services), on one connection whose calls a
// mutex serialises, since providers may call from parallel threads. The
// read-only SQL service is not on the server yet: plugin SQL needs the
// merit_reader role and its privileges first (README, design), so `query`
// refuses with a message saying so rather than run SQL unguarded.
#pragma once

#include <mutex>
#include <string_view>

#include "pg/pg_connection.hpp"
#include "pg/pg_fact_aggregation.hpp"
#include "plugin/services.hpp"

namespace merit {

class PgDataServices : public DataServices {
public:
    // Connects to `url` (pg_url.hpp), whose schema holds the contract tables.
    explicit PgDataServices(std::string_view url) : pg_(url), facts_(pg_) {}

    void fact_aggregate(const merit_scope& scope, const merit_fact_query& query, double* out,
                        unsigned char* valid) override;
    void event_aggregate(const merit_scope& scope, const merit_event_query& query, double* out) override;
    void target_values(const merit_scope& scope, const char* indicator, const char* period, double* out,
                       unsigned char* valid) override;
    void rating_average(const merit_scope& scope, const char* rater_role, const char* item,
                        const char* period, double* out, unsigned char* valid) override;
    void query(const char* sql, const merit_value* params, size_t param_count, merit_row_fn on_row,
               void* user) override;
    void customer_values(const char* metric, const char* day, merit_customer_value_fn on_value,
                         void* user) override;
    void event_rows(const char* kind, const char* first_day, const char* last_day, merit_event_row_fn on_row,
                    void* user) override;
    void organisation(const char* day, merit_org_unit_fn on_unit, merit_org_manager_fn on_manager,
                      void* user) override;
    void customer_holdings(const char* metric, const char* first_day, const char* last_day,
                           const char* assignment_role, merit_holding_fn on_holding, void* user) override;
    void customer_facts(const char* metric, const char* first_day, const char* last_day,
                        merit_customer_fact_fn on_fact, void* user) override;

private:
    std::mutex mutex_;
    PgConnection pg_;
    PgFactAggregator facts_;
};

}  // namespace merit
