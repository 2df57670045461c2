#include "data/fact_aggregator.hpp"

#include "data/fact_aggregation.hpp"

namespace merit {

void SqliteFactAggregator::aggregate(const merit_scope& scope, const merit_fact_query& query, double* out,
                                     unsigned char* valid) {
    aggregate_facts(db_, cache_, scope, query, out, valid);
}

}  // namespace merit
