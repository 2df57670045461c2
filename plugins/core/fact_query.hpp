// The fact-query parameters shared by fact_aggregate and target_completion:
// metric, aggregation, source, segment, assignment_role, use_shares.
#pragma once

#include <merit/plugin.hpp>

#include <string>

namespace core {

// `params.missing`: what a manager in scope with nothing to aggregate gets.
// A flow (sum, count) over no rows is 0; a stock (end, daily_avg, xun_avg,
// max_end) with no known balance stays null. "zero" or "null" overrides it
// per indicator.
enum class WhenMissing { zero, null };

merit::FactQuery parse_fact_query(const merit::Value& params);
WhenMissing parse_when_missing(const merit::Value& params, const merit::FactQuery& query);

// Applies the rule to a column the host aggregated: nulls become 0 under
// WhenMissing::zero (noted for explain when `note` is set).
void fill_missing(merit::Context& ctx, merit::Column& column, WhenMissing rule, bool note = true);

// "revenue sum of customers" — how a query reads in explain text.
std::string describe(const merit::FactQuery& query);

}  // namespace core
