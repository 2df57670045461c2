// The seam of fact_aggregate (merit/plugin.h) between backends (issue 20):
// the same query, the same semantics (fact_aggregation.hpp), answered by
// the in-memory columns over a SQLite workspace or by a query pushed down to
// a PostgreSQL server (pg/pg_fact_aggregation.hpp). Tests hold the two to
// the same results.
#pragma once

#include <merit/plugin.h>
#include <sqlite3.h>

#include "data/fact_column_cache.hpp"

namespace merit {

class FactAggregator {
public:
    virtual ~FactAggregator() = default;
    // Fills out[scope.count] and valid[scope.count] (row i is
    // scope.manager_ids[i]). Throws UserError on a bad query.
    virtual void aggregate(const merit_scope& scope, const merit_fact_query& query, double* out,
                           unsigned char* valid) = 0;
};

// aggregate_facts over a SQLite connection and the run's column cache.
class SqliteFactAggregator : public FactAggregator {
public:
    // `db` and `cache` must outlive this.
    SqliteFactAggregator(sqlite3* db, FactColumnCache& cache) : db_(db), cache_(cache) {}
    void aggregate(const merit_scope& scope, const merit_fact_query& query, double* out,
                   unsigned char* valid) override;

private:
    sqlite3* db_;
    FactColumnCache& cache_;
};

}  // namespace merit
