// Demand-forecast accuracy (需求预测准确率) over the manager's sample stores.
// Default (combine = pooled): one figure over the whole sample,
//   accuracy = max(0, 1 − Σ|forecast − actual| ÷ Σ actual)
// summed over every sample store and brand group, so each carton weighs the
// same and a small group cannot swing the score (`002` 篇5: small sample
// stores' figures were the distorted ones). Per brand group g the same
// formula gives accuracy_g (traced); combine = mean averages them with equal
// weight, volume_weighted weights them by Σ actual (which, unlike pooled,
// drops the error of a group nobody ordered and floors each group at 0).
// A sample that ordered nothing scores 1 when nothing was forecast, else 0.
#include <cmath>

#include "common.hpp"
#include "components.hpp"
#include "sample_stores.hpp"

namespace tobacco {

ForecastAccuracy::ForecastAccuracy(const merit::Value& params) : groups_(params) {
    const std::string combine = params["combine"].string();
    if (combine == "pooled")
        combine_ = Combine::pooled;
    else if (combine == "mean")
        combine_ = Combine::mean;
    else if (combine == "volume_weighted")
        combine_ = Combine::volume_weighted;
    else
        params["combine"].fail("must be pooled, mean or volume_weighted");
}

namespace {

// 1 − error ÷ actual, floored at 0; over no orders: 1 when nothing was forecast.
double accuracy_of(double error, double actual, double forecast) {
    return actual > 0 ? std::max(0.0, 1.0 - error / actual) : (forecast == 0 ? 1.0 : 0.0);
}

const char* combine_name(ForecastAccuracy::Combine c) {
    switch (c) {
        case ForecastAccuracy::Combine::pooled:
            return "pooled";
        case ForecastAccuracy::Combine::mean:
            return "mean";
        case ForecastAccuracy::Combine::volume_weighted:
            return "volume_weighted";
    }
    return "";
}

}  // namespace

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
        double sum = 0, weight = 0;                              // mean / volume_weighted
        double all_error = 0, all_actual = 0, all_forecast = 0;  // pooled
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
            const double accuracy = accuracy_of(error, actual, forecast);
            per_group.at(g).set(i, accuracy);
            ctx.note(i, "brand group " + g + ": " + std::to_string(count) +
                            " sample stores, Σ|forecast − actual| = " + fixed(error) +
                            ", Σ actual = " + fixed(actual) + " → accuracy " + fixed(accuracy, 4));
            const double w = combine_ == Combine::volume_weighted ? actual : 1.0;
            sum += w * accuracy;
            weight += w;
            all_error += error;
            all_actual += actual;
            all_forecast += forecast;
        }
        if (combine_ == Combine::pooled) {
            const double accuracy = accuracy_of(all_error, all_actual, all_forecast);
            out.set(i, accuracy);
            ctx.note(i, "pooled accuracy over the sample: 1 − Σ|forecast − actual| " + fixed(all_error) +
                            " ÷ Σ actual " + fixed(all_actual) + " = " + fixed(accuracy, 4));
        } else if (weight > 0) {
            out.set(i, sum / weight);
            ctx.note(i, std::string(combine_name(combine_)) +
                            " accuracy over brand groups = " + fixed(sum / weight, 4));
        }
    }
    for (size_t i = 0; i < n; ++i)
        if (stores.values[i] == 0) ctx.note(i, "no sample-store forecast in the period: no value");
    ctx.trace("sample stores", stores);
    for (const auto& g : groups_.groups) ctx.trace("accuracy " + g, per_group.at(g));
}

}  // namespace tobacco
