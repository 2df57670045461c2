// The template plugin: copy this folder, rename the id in plugin.json and
// MERIT_PLUGIN, and replace the three components with your own.
#include <merit/plugin.hpp>

#include <string>

namespace {

class EventCount : public merit::IndicatorProvider {
public:
    explicit EventCount(const merit::Value& params) : kind_(params.require("kind").string()) {}

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const auto counts = ctx.events(scope, {.kind = kind_, .measure = MERIT_EVENT_COUNT});
        for (size_t i = 0; i < scope.size(); ++i) out.set(i, counts[i]);
    }

private:
    std::string kind_;
};

class AtLeast : public merit::Scorer {
public:
    explicit AtLeast(const merit::Value& params) : threshold_(params.require("threshold").number()) {}

    void score(merit::Context&, const merit::ScoreInput& in, std::span<double> out) override {
        for (size_t i = 0; i < in.count; ++i)
            out[i] = (in.valid[i] && in.values[i] >= threshold_) ? 100.0 : 0.0;
    }

private:
    double threshold_;
};

class FlatBonus : public merit::RewardCalculator {
public:
    explicit FlatBonus(const merit::Value& params)
        : amount_(params.require("amount").number()), min_total_(params.get_number("min_total", 60)) {
        if (amount_ < 0) params["amount"].fail("must not be negative");
    }

    void compute(merit::Context& ctx, const merit::Scope& scope) override {
        const merit::Column total = ctx.result("total", scope.size());
        for (size_t i = 0; i < scope.size(); ++i) {
            if (!total.has(i) || total.values[i] < min_total_) continue;
            ctx.pay(i, "flat_bonus", "Flat bonus", merit::to_fen(amount_),
                    "total " + std::to_string(total.values[i]) + " >= " + std::to_string(min_total_) + ": " +
                        merit::format_yuan(merit::to_fen(amount_)) + " yuan");
        }
    }

private:
    double amount_;
    double min_total_;
};

}  // namespace

MERIT_PLUGIN("template", "1.0.0") {
    plugin.provider<EventCount>("event_count");
    plugin.scorer<AtLeast>("at_least");
    plugin.reward<FlatBonus>("flat_bonus");
}
