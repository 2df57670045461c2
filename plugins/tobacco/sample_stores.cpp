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
        ctx.query(
            "SELECT a.manager_id, f.entity_id, coalesce(c.segment, ''), sum(f.value)"
            " FROM merit_v1_facts f JOIN merit_v1_customers c ON c.id = f.entity_id"
            " JOIN merit_v1_assignments a ON a.customer_id = f.entity_id AND a.role IN ('owner', 'co_owner')"
            "  AND a.valid_from <= f.date AND (a.valid_to IS NULL OR a.valid_to >= f.date)"
            " WHERE f.entity = 'customer' AND f.metric = ?1 AND f.date BETWEEN ?2 AND ?3"
            " GROUP BY a.manager_id, f.entity_id ORDER BY a.manager_id, f.entity_id",
            {spec.forecast_prefix + group, first, last}, [&](const merit::Row& row) {
                SampleStore& store = book[cell_text(row, 0)][cell_text(row, 1)];
                store.segment = cell_text(row, 2);
                store.groups[group].forecast = cell_number(row, 3);
                return true;
            });
        std::map<std::string, double> actual;
        ctx.query(
            "SELECT entity_id, sum(value) FROM merit_v1_facts WHERE entity = 'customer' AND metric = ?1"
            " AND date BETWEEN ?2 AND ?3 GROUP BY entity_id",
            {spec.actual_prefix + group, first, last}, [&](const merit::Row& row) {
                actual[cell_text(row, 0)] = cell_number(row, 1);
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
