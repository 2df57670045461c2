// A base for test fakes of DataServices that answer plugin API 1.1's detail
// services (event_rows, organisation, customer_holdings, customer_facts,
// customer_values) with the host's own implementation over the test's
// database, so a fake writes only the services it simplifies.
#pragma once

#include <sqlite3.h>

#include "data/workspace_data_services.hpp"
#include "plugin/services.hpp"

namespace merit_test {

class DetailServicesOverDb : public merit::DataServices {
public:
    explicit DetailServicesOverDb(sqlite3* db) : detail_db_(db) {}

    void event_rows(const char* kind, const char* first_day, const char* last_day, merit_event_row_fn on_row,
                    void* user) override {
        merit::WorkspaceDataServices::event_rows_of(detail_db_, kind, first_day, last_day, on_row, user);
    }
    void organisation(const char* day, merit_org_unit_fn on_unit, merit_org_manager_fn on_manager,
                      void* user) override {
        merit::WorkspaceDataServices::organisation_of(detail_db_, day, on_unit, on_manager, user);
    }
    void customer_holdings(const char* metric, const char* first_day, const char* last_day,
                           const char* assignment_role, merit_holding_fn on_holding, void* user) override {
        merit::WorkspaceDataServices::customer_holdings_of(detail_db_, metric, first_day, last_day,
                                                           assignment_role, on_holding, user);
    }
    void customer_facts(const char* metric, const char* first_day, const char* last_day,
                        merit_customer_fact_fn on_fact, void* user) override {
        merit::WorkspaceDataServices::customer_facts_of(detail_db_, metric, first_day, last_day, on_fact,
                                                        user);
    }
    void customer_values(const char* metric, const char* day, merit_customer_value_fn on_value,
                         void* user) override {
        merit::WorkspaceDataServices::customer_values_of(detail_db_, metric, day, on_value, user);
    }

private:
    sqlite3* detail_db_;
};

}  // namespace merit_test
