#include "sample_stores.hpp"

#include "common.hpp"

namespace tobacco {

ForecastGroups::ForecastGroups(const merit::Value& params)
    : groups(string_list(params, "groups", {"high", "mid", "low"})),
      forecast_prefix(params["forecast_prefix"].string()),
      actual_prefix(params["actual_prefix"].string()) {
    if (groups.empty()) params["groups"].fail("must name at least one brand group");
}

SampleBook read_sample_stores(const merit::Context& ctx, const ForecastGroups& spec, const std::string& first,
                              const std::string& last) {
    SampleBook book;
    for (const std::string& group : spec.groups) {
        // A forecast makes the retailer a sample store of whoever held it on
        // the forecast's date (the host's per-customer service, API 1.1).
        ctx.holdings(first, last, spec.forecast_prefix + group, [&](const merit::HoldingRow& h) {
            if (h.fact_count == 0) return true;
            SampleStore& store = book[std::string(h.manager_id)][std::string(h.customer_id)];
            store.segment = std::string(h.segment);
            store.groups[group].forecast += h.value;
            return true;
        });
        std::map<std::string, double> actual;
        ctx.customer_facts(spec.actual_prefix + group, first, last,
                           [&](const char* customer, std::string_view, double value) {
                               actual[customer] += value;
                               return true;
                           });
        for (auto& [manager, stores] : book)
            for (auto& [store_id, store] : stores)
                if (auto it = store.groups.find(group); it != store.groups.end()) {
                    const auto a = actual.find(store_id);
                    it->second.actual = a == actual.end() ? 0.0 : a->second;
                }
    }
    return book;
}

}  // namespace tobacco
