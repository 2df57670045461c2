// Sample coverage (样本覆盖率): a sample must span the business types and the
// sizes (retailer classes) of the district, or the forecast repeats one
// kind of shop (002 篇6: samples set in one business type distorted the
// forecasts of small shops).
//   coverage = (required types present + required classes present)
//              ÷ (required types + required classes)
#include <algorithm>
#include <cmath>
#include <set>

#include "common.hpp"
#include "components.hpp"
#include "sample_stores.hpp"

namespace tobacco {

SampleCoverage::SampleCoverage(const merit::Value& params)
    : groups_(params),
      required_types_(string_list(params, "required_types", {})),
      class_metric_(params["class_metric"].string()) {
    const merit::Value classes = params["required_classes"];
    for (size_t i = 0; i < classes.size(); ++i) {
        const double code = classes[i].number();
        if (code != std::floor(code)) classes[i].fail("must be a whole number (a retailer_class code)");
        required_classes_.push_back(long(code));
    }
    if (!classes.is_null() && !classes.is_array()) classes.fail("must be an array of class codes");
    if (required_types_.empty() && required_classes_.empty())
        params.fail("required_types or required_classes must name at least one entry");
}

void SampleCoverage::compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) {
    const ScopeIndex index(scope);
    const std::string first(scope.first_day()), last(scope.last_day());
    const SampleBook book = read_sample_stores(ctx, groups_, first, last);
    // Class of each store at the period end (a stock fact, carried forward).
    std::map<std::string, long> class_of;
    ctx.customer_values(class_metric_, last, [&](const char* customer, double value) {
        class_of[customer] = long(value);
        return true;
    });
    const size_t n = scope.size();
    const double required = double(required_types_.size() + required_classes_.size());
    merit::Column present(n);
    std::vector<bool> has_samples(n, false);
    for (size_t i = 0; i < n; ++i) out.set(i, 0), present.set(i, 0);
    for (const auto& [manager, samples] : book) {
        const auto row = index.row(manager);
        if (!row) continue;
        const size_t i = *row;
        has_samples[i] = true;
        std::set<std::string> types;
        std::set<long> classes;
        for (const auto& [id, store] : samples) {
            types.insert(store.segment);
            if (auto it = class_of.find(id); it != class_of.end()) classes.insert(it->second);
        }
        std::string missing;
        double hits = 0;
        for (const auto& t : required_types_) {
            if (types.count(t))
                hits += 1;
            else
                missing += (missing.empty() ? "" : ", ") + std::string("type ") + t;
        }
        for (long c : required_classes_) {
            if (classes.count(c))
                hits += 1;
            else
                missing += (missing.empty() ? "" : ", ") + std::string("class ") + std::to_string(c);
        }
        present.set(i, hits);
        out.set(i, hits / required);
        ctx.note(i, std::to_string(samples.size()) + " sample stores cover " + fixed(hits, 0) + " of " +
                        fixed(required, 0) + " required types/classes = " + fixed(hits / required, 4) +
                        (missing.empty() ? "" : "; missing: " + missing));
    }
    for (size_t i = 0; i < n; ++i)
        if (!has_samples[i]) ctx.note(i, "no sample-store forecast in the period: coverage 0");
    ctx.trace("required types and classes present", present);
}

}  // namespace tobacco
