// Sales commission (销售提成) = Σ over customer types of the period's tonnes ×
// the per-tonne coefficient (吨油提成系数) for that customer type in the band
// the manager's task completion rate falls in (seed 002 篇10, 4.6.2). The
// table of customer type × completion band is the scheme's. Rounded to fen
// once, on the total.
#include <cmath>

#include "components.hpp"
#include "params.hpp"

namespace fuel {

SalesCommission::SalesCommission(const merit::Value& params)
    : volume_(VolumeSpec::from(params)),
      completion_(params.require("completion").string()),
      code_(params["code"].string()),
      label_(params["label"].string()) {
    const merit::Value bands = params.require("bands");
    if (!bands.is_array() || bands.size() == 0) bands.fail("must be a non-empty array of {label, min}");
    for (size_t b = 0; b < bands.size(); ++b) {
        Band band{bands[b].require("label").string(), bands[b].require("min").number()};
        if (b == 0 && band.min != 0) bands[b]["min"].fail("the first band must start at 0");
        if (b > 0 && band.min <= bands_.back().min) bands[b]["min"].fail("bands must ascend by min");
        bands_.push_back(std::move(band));
    }
    const merit::Value rates = params.require("rates");
    if (!rates.is_object() || rates.size() == 0)
        rates.fail("must be an object: customer type -> per-band rates");
    for (size_t r = 0; r < rates.size(); ++r) {
        const merit::Value row = rates.item(r);
        if (!row.is_array() || row.size() != bands_.size())
            row.fail("must list " + std::to_string(bands_.size()) + " rates (yuan per tonne), one per band");
        Rates entry{rates.key(r), {}};
        if (entry.segment.find(',') != std::string::npos) row.fail("a customer type must not contain ','");
        for (size_t b = 0; b < row.size(); ++b) {
            const double rate = row[b].number();
            if (rate < 0) row[b].fail("must not be negative");
            entry.per_band.push_back(rate);
        }
        rates_.push_back(std::move(entry));
    }
    const double no_task = params["no_task_band"].number();
    if (no_task < 0 || no_task >= static_cast<double>(bands_.size()) || no_task != static_cast<int>(no_task))
        params["no_task_band"].fail("must be a band index from 0 to " + std::to_string(bands_.size() - 1));
    no_task_band_ = static_cast<int>(no_task);
}

void SalesCommission::compute(merit::Context& ctx, const merit::Scope& scope) {
    const size_t n = scope.size();
    const merit::Column completion = ctx.result(completion_, n);

    // Tonnes per customer type; "*" takes what the listed types leave.
    std::vector<merit::Column> tonnes;
    std::vector<std::string> listed;
    for (const auto& row : rates_)
        if (row.segment != "*") listed.push_back(row.segment);
    const merit::Column total = sales_tonnes(ctx, scope, volume_);
    for (const auto& row : rates_) {
        if (row.segment != "*") {
            VolumeSpec one = volume_;
            one.segments = {row.segment};
            tonnes.push_back(sales_tonnes(ctx, scope, one));
            continue;
        }
        merit::Column rest(n);
        VolumeSpec others = volume_;
        others.segments = listed;
        const merit::Column covered = listed.empty() ? merit::Column(n) : sales_tonnes(ctx, scope, others);
        for (size_t i = 0; i < n; ++i) {
            const double left = total.values[i] - covered.value_or(i, 0.0);
            rest.set(i, std::fabs(left) < 1e-9 ? 0.0 : left);
        }
        tonnes.push_back(rest);
    }

    merit::Column band_column(n);
    for (size_t i = 0; i < n; ++i) {
        // Not yet hired by the period's end: no pay line at all.
        if (!scope.hired_on(i).empty() && scope.hired_on(i) > scope.last_day()) continue;
        int band = no_task_band_;
        std::string basis;
        if (completion.has(i)) {
            band = 0;
            for (size_t b = 0; b < bands_.size(); ++b)
                if (completion.values[i] >= bands_[b].min) band = static_cast<int>(b);
            basis = "完成率 " + fixed(completion.values[i] * 100, 2) + "% → 「" + bands_[band].label + "」档";
        } else {
            basis = "无任务完成率 → 「" + bands_[band].label + "」档";
        }
        band_column.set(i, band);
        double amount = 0;
        for (size_t r = 0; r < rates_.size(); ++r) {
            const double t = tonnes[r].values[i];
            const double rate = rates_[r].per_band[band];
            const double part = t * rate;
            amount += part;
            const std::string type = rates_[r].segment == "*" ? "其他客户类型" : rates_[r].segment;
            basis +=
                "；" + type + " " + fixed(t, 3) + " 吨 × " + fixed(rate, 2) + " 元/吨 = " + fixed(part, 2);
        }
        const int64_t fen = merit::to_fen(amount);
        basis += "；合计 " + merit::format_yuan(fen) + " 元";
        ctx.pay(i, code_, label_, fen, basis);
    }
    for (size_t r = 0; r < rates_.size(); ++r)
        ctx.trace("吨:" + (rates_[r].segment == "*" ? std::string("其他客户类型") : rates_[r].segment),
                  tonnes[r]);
    ctx.trace("提成档(0起)", band_column);
}

}  // namespace fuel
