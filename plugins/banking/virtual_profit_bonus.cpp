// 季度虚拟利润奖金 (seed 001: settle after each quarter's interest
// settlement): a share of the manager's positive virtual profit, paid only
// when the total score reaches `min_total` (a veto, total 0, pays nothing),
// capped at `cap` yuan when a cap is set.
#include <algorithm>

#include "common.hpp"
#include "components.hpp"

namespace banking {
namespace {

class VirtualProfitBonus : public merit::RewardCalculator {
public:
    explicit VirtualProfitBonus(const merit::Value& params)
        : indicator_(params["indicator"].string()),
          rate_(rate_param(params, "rate", 0.05)),
          min_total_(params["min_total"].number()),
          cap_(rate_param(params, "cap", 0)) {
        if (rate_ > 1) params["rate"].fail("must be a fraction of the profit, at most 1");
    }

    void compute(merit::Context& ctx, const merit::Scope& scope) override {
        const merit::Column profit = ctx.result(indicator_, scope.size());
        const merit::Column total = ctx.result("total", scope.size());
        for (size_t i = 0; i < scope.size(); ++i) {
            const double vp = profit.value_or(i, 0.0);
            const double score = total.value_or(i, 0.0);
            if (score < min_total_) {
                ctx.pay(i, "vp_bonus", "虚拟利润奖金", 0,
                        "total " + num(score) + " < " + num(min_total_) + ": no virtual-profit bonus");
                continue;
            }
            if (vp <= 0) {
                ctx.pay(i, "vp_bonus", "虚拟利润奖金", 0, "virtual profit " + num(vp) + " <= 0: no bonus");
                continue;
            }
            double bonus = vp * rate_;
            std::string basis =
                "virtual profit " + num(vp) + " × " + num(rate_ * 100, 4) + "% = " + num(bonus);
            if (cap_ > 0 && bonus > cap_) {
                bonus = cap_;
                basis += ", capped at " + num(cap_);
            }
            const int64_t fen = merit::to_fen(bonus);
            ctx.pay(i, "vp_bonus", "虚拟利润奖金", fen, basis + " → " + merit::format_yuan(fen) + " yuan");
        }
    }

private:
    std::string indicator_;
    double rate_;
    double min_total_;
    double cap_;
};

}  // namespace

void add_virtual_profit_bonus(merit::PluginBuilder& plugin) {
    plugin.reward<VirtualProfitBonus>("virtual_profit_bonus");
}

}  // namespace banking
