// The 1.1 detail services (merit/plugin.h) over the contract tables on
// PostgreSQL (issue 20): rows streamed to the plugin's callback in the
// order, with the checks and the messages, of
// data/workspace_data_services.cpp. A callback returning non-zero stops.
#pragma once

#include <merit/plugin.h>

#include "pg/pg_connection.hpp"

namespace merit {

void pg_event_rows(PgConnection& pg, const char* kind, const char* first_day, const char* last_day,
                   merit_event_row_fn on_row, void* user);

// Each customer's latest value of `metric` on or before `day`, in customer
// id order. Where that day repeats a value (flows only), the first in
// (ref, occurrence) order, as SQLite's bare column beside max(date) gives.
void pg_customer_values(PgConnection& pg, const char* metric, const char* day,
                        merit_customer_value_fn on_value, void* user);

void pg_customer_facts(PgConnection& pg, const char* metric, const char* first_day, const char* last_day,
                       merit_customer_fact_fn on_fact, void* user);

// Units in id order, then every manager with the term valid on `day` (the
// latest starting on or before it, else the first), in id order.
void pg_organisation(PgConnection& pg, const char* day, merit_org_unit_fn on_unit,
                     merit_org_manager_fn on_manager, void* user);

// Assignments of `assignment_role` (NULL: owner and co_owner) overlapping
// the window, clipped to it, each with the sum and count of the customer's
// `metric` facts inside its days; in (manager, customer, valid_from, role)
// order.
void pg_customer_holdings(PgConnection& pg, const char* metric, const char* first_day, const char* last_day,
                          const char* assignment_role, merit_holding_fn on_holding, void* user);

}  // namespace merit
