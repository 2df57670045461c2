// The host's data services for plugins (merit/plugin.h "Data services"),
// implemented once over a workspace. Every method is batch over the scope and
// reads through its own read-only connection (read_connection.hpp), so
// providers may call them from parallel threads. Facts are read once per
// metric and kept (fact_column_cache.hpp): the workspace's inputs must not
// change while the services are in use, as during a run.
#pragma once

#include "data/fact_column_cache.hpp"
#include "data/read_connection.hpp"
#include "plugin/services.hpp"
#include "store/workspace.hpp"

namespace merit {

class WorkspaceDataServices : public DataServices {
public:
    // Reads the workspace's file; `ws` must stay open while this is used.
    explicit WorkspaceDataServices(const Workspace& ws);

    void fact_aggregate(const merit_scope& scope, const merit_fact_query& query, double* out,
                        unsigned char* valid) override;
    void event_aggregate(const merit_scope& scope, const merit_event_query& query, double* out) override;
    void target_values(const merit_scope& scope, const char* indicator, const char* period, double* out,
                       unsigned char* valid) override;
    void rating_average(const merit_scope& scope, const char* rater_role, const char* item,
                        const char* period, double* out, unsigned char* valid) override;
    void customer_values(const char* metric, const char* day, merit_customer_value_fn on_value,
                         void* user) override;
    // The same over any connection to a workspace's tables.
    static void customer_values_of(sqlite3* db, const char* metric, const char* day,
                                   merit_customer_value_fn on_value, void* user);
    void event_rows(const char* kind, const char* first_day, const char* last_day, merit_event_row_fn on_row,
                    void* user) override;
    void organisation(const char* day, merit_org_unit_fn on_unit, merit_org_manager_fn on_manager,
                      void* user) override;
    void customer_holdings(const char* metric, const char* first_day, const char* last_day,
                           const char* assignment_role, merit_holding_fn on_holding, void* user) override;
    void customer_facts(const char* metric, const char* first_day, const char* last_day,
                        merit_customer_fact_fn on_fact, void* user) override;
    // The same over any connection to a workspace's tables (test fakes).
    static void event_rows_of(sqlite3* db, const char* kind, const char* first_day, const char* last_day,
                              merit_event_row_fn on_row, void* user);
    static void organisation_of(sqlite3* db, const char* day, merit_org_unit_fn on_unit,
                                merit_org_manager_fn on_manager, void* user);
    static void customer_holdings_of(sqlite3* db, const char* metric, const char* first_day,
                                     const char* last_day, const char* assignment_role,
                                     merit_holding_fn on_holding, void* user);
    static void customer_facts_of(sqlite3* db, const char* metric, const char* first_day,
                                  const char* last_day, merit_customer_fact_fn on_fact, void* user);
    void query(const char* sql, const merit_value* params, size_t param_count, merit_row_fn on_row,
               void* user) override;

    // Keeps, through `db` (a writable connection, in a transaction of the
    // caller's), the fact columns this object read from the facts table
    // (data/stored_fact_columns.hpp), so the next run of the same facts
    // reads them back instead.
    void keep_fact_columns_read(sqlite3* db);

    // The connections the services read through, for a run's snapshot.
    ReadConnectionPool& pool() { return pool_; }

private:
    ReadConnectionPool pool_;
    FactColumnCache facts_;
};

}  // namespace merit
