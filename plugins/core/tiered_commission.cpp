// core.tiered_commission: commission on a base column (an indicator or input
// of the run, e.g. revenue or volume) by tiers [{up_to, rate}], ascending;
// the last tier has no up_to (open-ended).
//   marginal: each slice of the base is paid at its own tier's rate
//             (up_to is the slice's inclusive upper end);
//   whole:    the whole base is paid at the rate of the tier it falls in
//             (the first tier whose up_to it does not exceed).
// A null, zero or negative base earns nothing. One pay line, rounded to fen
// once at the end.
#include "common.hpp"

#include <cmath>
#include <limits>

namespace core {
namespace {

struct Tier {
    double up_to;  // +inf for the last
    double rate;
};

class TieredCommission : public merit::RewardCalculator {
public:
    explicit TieredCommission(const merit::Value& params)
        : base_(params.require("base").string()),
          whole_(choice(params, "method", {"marginal", "whole"}) == "whole"),
          label_(params["label"].string()) {
        const merit::Value tiers = params.require("tiers");
        if (!tiers.is_array() || tiers.size() == 0) tiers.fail("must be a non-empty array of {up_to, rate}");
        double previous = -std::numeric_limits<double>::infinity();
        for (size_t k = 0; k < tiers.size(); ++k) {
            const merit::Value t = tiers[k];
            if (!t.is_object()) t.fail("must be an object {up_to, rate}");
            for (size_t m = 0; m < t.size(); ++m)
                if (t.key(m) != "up_to" && t.key(m) != "rate")
                    t.item(m).fail("unknown key (known: up_to, rate)");
            const bool last = k + 1 == tiers.size();
            double up_to = std::numeric_limits<double>::infinity();
            if (t.has("up_to")) {
                if (last) t["up_to"].fail("the last tier is open-ended: leave up_to out");
                up_to = t["up_to"].number();
                if (!(up_to > previous)) t["up_to"].fail("must be greater than the previous tier's up_to");
            } else if (!last) {
                t["up_to"].fail("required on every tier but the last");
            }
            tiers_.push_back({up_to, t.require("rate").number()});
            previous = up_to;
        }
    }

    void compute(merit::Context& ctx, const merit::Scope& scope) override {
        const merit::Column base = ctx.result(base_, scope.size());
        ctx.trace("commission base (" + base_ + ")", base);
        for (size_t i = 0; i < scope.size(); ++i) {
            if (!base.has(i) || base.values[i] <= 0) {
                ctx.note(i, "commission: base " + base_ + " is " +
                                (base.has(i) ? num(base.values[i]) : "null") + ", nothing earned");
                continue;
            }
            const double x = base.values[i];
            std::string formula;
            double amount = 0;
            if (whole_) {
                size_t k = 0;
                while (x > tiers_[k].up_to) ++k;
                amount = x * tiers_[k].rate;
                formula = "whole amount " + num(x) + " × " + num(tiers_[k].rate, 6) + " (tier " +
                          std::to_string(k + 1) + ")";
            } else {
                double lower = 0;
                for (const auto& t : tiers_) {
                    if (x <= lower) break;
                    const double slice = std::min(x, t.up_to) - lower;
                    amount += slice * t.rate;
                    formula += (formula.empty() ? "" : " + ") + num(slice) + " × " + num(t.rate, 6);
                    lower = t.up_to;
                }
                formula = "marginal on " + num(x) + ": " + formula;
            }
            const int64_t fen = merit::to_fen(amount);
            ctx.pay(i, "commission", label_, fen, formula + " = " + merit::format_yuan(fen));
        }
    }

private:
    std::string base_;
    bool whole_;
    std::string label_;
    std::vector<Tier> tiers_;
};

}  // namespace

void register_tiered_commission(merit::PluginBuilder& plugin) {
    plugin.reward<TieredCommission>("tiered_commission");
}

}  // namespace core
