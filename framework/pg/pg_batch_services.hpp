// The batch data services besides fact_aggregate (merit/plugin.h), pushed
// down to PostgreSQL (issue 20 point 2): one GROUP BY statement each over
// the contract tables (pg_contract_schema.hpp), one row per manager, with
// the checks, messages and results of data/workspace_data_services.cpp.
#pragma once

#include <merit/plugin.h>

#include "pg/pg_connection.hpp"

namespace merit {

// Events of the period (and kind, when given) per manager: their count,
// quantity or amount (a missing amount counts 0); 0 for a manager without.
void pg_event_aggregate(PgConnection& pg, const merit_scope& scope, const merit_event_query& query,
                        double* out);

// The target of `indicator` for the period (canonical text), per manager.
void pg_target_values(PgConnection& pg, const merit_scope& scope, const char* indicator, const char* period,
                      double* out, unsigned char* valid);

// The mean score of the period's ratings (of `rater_role` and `item` when
// given), per manager.
void pg_rating_average(PgConnection& pg, const merit_scope& scope, const char* rater_role, const char* item,
                       const char* period, double* out, unsigned char* valid);

}  // namespace merit
