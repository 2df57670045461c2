#include "fact_query.hpp"

#include "common.hpp"

namespace core {
namespace {

merit_aggregation aggregation_of(const std::string& name) {
    if (name == "end") return MERIT_AGG_END;
    if (name == "daily_avg") return MERIT_AGG_DAILY_AVG;
    if (name == "xun_avg") return MERIT_AGG_XUN_AVG;
    if (name == "max_end") return MERIT_AGG_MAX_END;
    if (name == "count") return MERIT_AGG_COUNT;
    return MERIT_AGG_SUM;
}

const char* aggregation_name(merit_aggregation a) {
    switch (a) {
        case MERIT_AGG_END:
            return "end";
        case MERIT_AGG_DAILY_AVG:
            return "daily_avg";
        case MERIT_AGG_XUN_AVG:
            return "xun_avg";
        case MERIT_AGG_MAX_END:
            return "max_end";
        case MERIT_AGG_COUNT:
            return "count";
        default:
            return "sum";
    }
}

}  // namespace

merit::FactQuery parse_fact_query(const merit::Value& params) {
    merit::FactQuery q;
    q.metric = params.require("metric").string();
    if (q.metric.empty()) params["metric"].fail("must not be empty");
    q.aggregation = aggregation_of(
        choice(params, "aggregation", {"sum", "end", "daily_avg", "xun_avg", "max_end", "count"}));
    const std::string source = choice(params, "source", {"customers", "manager", "both"});
    q.source = source == "manager" ? MERIT_SOURCE_MANAGER
                                   : (source == "both" ? MERIT_SOURCE_BOTH : MERIT_SOURCE_CUSTOMERS);
    if (params.has("segment")) {
        // One segment or a list; the host takes them comma-separated.
        std::string joined;
        for (const auto& s : string_list(params["segment"])) joined += (joined.empty() ? "" : ",") + s;
        q.segment = joined;
    }
    if (params.has("assignment_role")) q.assignment_role = params["assignment_role"].string();
    q.use_shares = params["use_shares"].boolean();
    return q;
}

WhenMissing parse_when_missing(const merit::Value& params, const merit::FactQuery& query) {
    const bool flow = query.aggregation == MERIT_AGG_SUM || query.aggregation == MERIT_AGG_COUNT;
    return choice(params, "missing", flow ? "zero" : "null", {"zero", "null"}) == "zero" ? WhenMissing::zero
                                                                                         : WhenMissing::null;
}

void fill_missing(merit::Context& ctx, merit::Column& column, WhenMissing rule, bool note) {
    if (rule != WhenMissing::zero) return;
    for (size_t i = 0; i < column.size(); ++i) {
        if (column.has(i)) continue;
        column.set(i, 0);
        if (note) ctx.note(i, "nothing booked in the period: 0 (params.missing)");
    }
}

std::string describe(const merit::FactQuery& q) {
    std::string text = q.metric + " " + aggregation_name(q.aggregation);
    text +=
        q.source == MERIT_SOURCE_MANAGER ? " (manager)" : (q.source == MERIT_SOURCE_BOTH ? " (both)" : "");
    if (q.segment) text += " segment " + *q.segment;
    if (q.assignment_role) text += " role " + *q.assignment_role;
    return text;
}

}  // namespace core
