// test_good: a well-behaved plugin written with the C++ layer. The tests call
// every component with hand-computed inputs; `constant` and `constant_copy`
// are the same class registered under two ids.
#include <merit/plugin.hpp>

#include <algorithm>
#include <string>

namespace {

// Sums a fact metric per manager (through the host's data services) and
// multiplies it by `factor`; logs one line so the tests can see the tag.
class FactSum : public merit::IndicatorProvider {
public:
    explicit FactSum(const merit::Value& params)
        : metric_(params.require("metric").string()), factor_(params.get_number("factor", 1.0)) {}

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const merit::Column sums = ctx.facts(scope, {.metric = metric_});
        size_t with_data = 0;
        for (size_t i = 0; i < scope.size(); ++i) {
            if (!sums.has(i)) continue;
            out.set(i, sums.values[i] * factor_);
            ++with_data;
        }
        ctx.trace(metric_, sums);
        ctx.info("summed " + metric_ + " for " + std::to_string(with_data) + " of " +
                 std::to_string(scope.size()) + " managers");
    }

private:
    std::string metric_;
    double factor_;
};

class Constant : public merit::IndicatorProvider {
public:
    explicit Constant(const merit::Value& params) : value_(params.get_number("value", 1.0)) {}
    void compute(merit::Context&, const merit::Scope& scope, merit::ColumnRef out) override {
        for (size_t i = 0; i < scope.size(); ++i) out.set(i, value_);
    }

private:
    double value_;
};

// value / target * 100, capped at `cap`; 0 without a value or a target.
class Ratio : public merit::Scorer {
public:
    explicit Ratio(const merit::Value& params) : cap_(params.get_number("cap", 120.0)) {}
    void score(merit::Context&, const merit::ScoreInput& in, std::span<double> out) override {
        for (size_t i = 0; i < in.count; ++i) {
            const bool usable = in.valid[i] && in.has_target(i) && in.targets[i] > 0;
            out[i] = usable ? std::min(cap_, in.values[i] / in.targets[i] * 100.0) : 0.0;
        }
    }

private:
    double cap_;
};

// Pays `amount` yuan scaled by total/100, rounded to fen once at the end.
class ScaledPay : public merit::RewardCalculator {
public:
    explicit ScaledPay(const merit::Value& params) : amount_(params.require("amount").number()) {}
    void compute(merit::Context& ctx, const merit::Scope& scope) override {
        const merit::Column total = ctx.result("total", scope.size());
        for (size_t i = 0; i < scope.size(); ++i) {
            if (!total.has(i)) continue;
            ctx.pay(i, "scaled", "Scaled pay", merit::to_fen(amount_ * total.values[i] / 100.0),
                    "amount * total / 100");
        }
    }

private:
    double amount_;
};

}  // namespace

MERIT_PLUGIN("test_good", "1.2.3") {
    plugin.provider<FactSum>("fact_sum");
    plugin.provider<Constant>("constant");
    plugin.provider<Constant>("constant_copy");
    plugin.scorer<Ratio>("ratio");
    plugin.reward<ScaledPay>("scaled_pay");
}
