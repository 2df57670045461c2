// The fact-query parameters shared by fact_aggregate and target_completion:
// metric, aggregation, source, segment, assignment_role, use_shares.
#pragma once

#include <merit/plugin.hpp>

#include <string>

namespace core {

merit::FactQuery parse_fact_query(const merit::Value& params);

// "revenue sum of customers" — how a query reads in explain text.
std::string describe(const merit::FactQuery& query);

}  // namespace core
