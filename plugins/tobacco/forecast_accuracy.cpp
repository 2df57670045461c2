// Demand-forecast accuracy (需求预测准确率) over the manager's sample stores.
// Per brand group g:  accuracy_g = max(0, 1 − Σ|forecast − actual| ÷ Σ actual)
// (a group whose stores ordered nothing scores 1 when nothing was forecast,
// else 0). The manager's accuracy is the mean over the groups with sample
// data, or, with combine = volume_weighted, weighted by Σ actual.
#include <cmath>

#include "common.hpp"
#include "components.hpp"
#include "sample_stores.hpp"

namespace tobacco {

ForecastAccuracy::ForecastAccuracy(const merit::Value& params) : groups_(params) {
    const std::string combine = params.get_string("combine", "mean");
    if (combine != "mean" && combine != "volume_weighted")
        params["combine"].fail("must be mean or volume_weighted");
    volume_weighted_ = combine == "volume_weighted";
}

void ForecastAccuracy::compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) {
    const ScopeIndex index(scope);
    const SampleBook book =
        read_sample_stores(ctx, groups_, std::string(scope.first_day()), std::string(scope.last_day()));
    const size_t n = scope.size();
    merit::Column stores(n);
    std::map<std::string, merit::Column> per_group;
    for (const auto& g : groups_.groups) per_group.emplace(g, merit::Column(n));
    for (size_t i = 0; i < n; ++i) {
        stores.set(i, 0);
        out.clear(i);
    }
    for (const auto& [manager, samples] : book) {
        const auto row = index.row(manager);
        if (!row) continue;
        const size_t i = *row;
        stores.set(i, double(samples.size()));
        double sum = 0, weight = 0;
        for (const auto& g : groups_.groups) {
            double error = 0, actual = 0, forecast = 0;
            int count = 0;
            for (const auto& [id, store] : samples)
                if (auto it = store.groups.find(g); it != store.groups.end()) {
                    error += std::fabs(it->second.forecast - it->second.actual);
                    actual += it->second.actual;
                    forecast += it->second.forecast;
                    ++count;
                }
            if (count == 0) continue;
            const double accuracy =
                actual > 0 ? std::max(0.0, 1.0 - error / actual) : (forecast == 0 ? 1.0 : 0.0);
            per_group.at(g).set(i, accuracy);
            ctx.note(i, "brand group " + g + ": " + std::to_string(count) +
                            " sample stores, Σ|forecast − actual| = " + fixed(error) +
                            ", Σ actual = " + fixed(actual) + " → accuracy " + fixed(accuracy, 4));
            const double w = volume_weighted_ ? actual : 1.0;
            sum += w * accuracy;
            weight += w;
        }
        if (weight > 0) {
            out.set(i, sum / weight);
            ctx.note(i, std::string(volume_weighted_ ? "volume-weighted" : "mean") +
                            " accuracy over brand groups = " + fixed(sum / weight, 4));
        }
    }
    for (size_t i = 0; i < n; ++i)
        if (stores.values[i] == 0) ctx.note(i, "no sample-store forecast in the period: no value");
    ctx.trace("sample stores", stores);
    for (const auto& g : groups_.groups) ctx.trace("accuracy " + g, per_group.at(g));
}

}  // namespace tobacco
