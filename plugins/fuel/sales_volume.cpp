#include "sales_volume.hpp"

#include "params.hpp"

namespace fuel {

VolumeSpec VolumeSpec::from(const merit::Value& params) {
    VolumeSpec spec;
    spec.metric = params.get_string("metric", spec.metric);
    if (spec.metric.empty()) params["metric"].fail("must not be empty");
    spec.segments = string_list(params["segments"]);
    for (size_t i = 0; i < spec.segments.size(); ++i)
        if (spec.segments[i].find(',') != std::string::npos)
            params["segments"][i].fail("a customer type must not contain ','");
    spec.use_shares = params["use_shares"].boolean();
    return spec;
}

merit::Column sales_tonnes(const merit::Context& ctx, const merit::Scope& scope, const VolumeSpec& spec,
                           const std::optional<std::string>& period) {
    merit::FactQuery query;
    query.metric = spec.metric;
    query.aggregation = MERIT_AGG_SUM;
    query.source = MERIT_SOURCE_CUSTOMERS;
    query.period = period;
    if (!spec.segments.empty()) query.segment = join(spec.segments, ",");
    query.use_shares = spec.use_shares;
    merit::Column tonnes = ctx.facts(scope, query);
    for (size_t i = 0; i < tonnes.size(); ++i)
        if (!tonnes.has(i)) tonnes.set(i, 0.0);
    return tonnes;
}

}  // namespace fuel
