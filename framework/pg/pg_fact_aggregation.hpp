// fact_aggregate pushed down to PostgreSQL (issue 20 point 2): one
// set-based statement per call that returns one row per manager, with the
// semantics of the in-memory columns (data/fact_aggregation.hpp):
//   holders  the customers' assignments in scope (role filter, default owner
//            and co_owner; segment filter; share or 1) and, for manager
//            facts, each manager holding itself for all time;
//   SUM, COUNT  facts in the period joined to the windows that hold them;
//   END         each entity's latest value up to the last day (row_number),
//               for the windows holding that day;
//   DAILY_AVG, XUN_AVG  each value spans from its day to the day before the
//               next (LEAD: carry-forward), and every span, window and part
//               of the period (the whole period, or each 旬 with its weight
//               1 / (n * number of 旬)) is clipped by GREATEST/LEAST; days
//               before an entity's first value hold nothing;
//   MAX_END     the spans before the period sampled at every month end
//               strictly before it (generate_series), summed per manager
//               and month end, then the highest.
// Where one day holds several values (repeats, schema.cpp version 20) the
// last in (ref, occurrence) byte order is the day's balance, as in SQLite's
// key order.
#pragma once

#include <merit/plugin.h>

#include <string>
#include <vector>

#include "data/fact_aggregator.hpp"
#include "pg/pg_connection.hpp"

namespace merit {

// The statement and its text parameters for one query.
struct PgQuery {
    std::string sql;
    std::vector<PgParam> params;
};

// Validates `query` like aggregate_facts (the same messages) and builds its
// statement; rows are (ord, value): ord is 1 + the manager's row in scope.
PgQuery fact_aggregate_query(const merit_scope& scope, const merit_fact_query& query);

// A PostgreSQL text[] literal of `items` ({"a","b"}), for a parameter.
std::string pg_text_array(const std::vector<std::string>& items);

// One statement per call on one connection: a libpq connection serves one
// thread at a time, so parallel providers need one aggregator (and
// connection) each, or a pool as data/read_connection.hpp has for SQLite.
class PgFactAggregator : public FactAggregator {
public:
    // Reads the contract tables (pg_contract_schema.hpp) through `pg`,
    // which must outlive this.
    explicit PgFactAggregator(PgConnection& pg) : pg_(pg) {}
    void aggregate(const merit_scope& scope, const merit_fact_query& query, double* out,
                   unsigned char* valid) override;

private:
    PgConnection& pg_;
};

}  // namespace merit
