// 客户等级提升数量: customers on the manager's book at period end whose tier
// (from their balance against ascending thresholds, e.g. 50k / 500k / 6M for
// 大众 › 潜力 › 贵宾 › 私行) is higher than at the start of the period.
#include <algorithm>

#include "common.hpp"
#include "components.hpp"
#include "portfolio.hpp"

namespace banking {
namespace {

class TierUpgrades : public merit::IndicatorProvider {
public:
    explicit TierUpgrades(const merit::Value& params) : metric_(params["metric"].string()) {
        const merit::Value tiers = params.require("thresholds");
        if (!tiers.is_array() || tiers.size() == 0) tiers.fail("must be a non-empty array of balances");
        for (size_t i = 0; i < tiers.size(); ++i) {
            thresholds_.push_back(tiers[i].number());
            if (i > 0 && thresholds_[i] <= thresholds_[i - 1]) tiers[i].fail("thresholds must ascend");
        }
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const std::string opening_day = day_before(std::string(scope.first_day()));
        const Book closing = book_on(ctx, scope, metric_, std::string(scope.last_day()));
        const Book opening = book_on(ctx, scope, metric_, opening_day);
        for (size_t i = 0; i < scope.size(); ++i) {
            int upgraded = 0;
            for (const auto& [customer, holding] : closing[i]) {
                const auto before = opening[i].find(customer);
                if (before == opening[i].end()) continue;  // new to the book: counted as new, not upgraded
                if (tier(holding.balance.value_or(0.0)) > tier(before->second.balance.value_or(0.0)))
                    ++upgraded;
            }
            out.set(i, upgraded);
            ctx.note(i, std::to_string(upgraded) + " customers moved to a higher " + metric_ +
                            " tier since " + opening_day);
        }
    }

private:
    size_t tier(double balance) const {
        return static_cast<size_t>(std::upper_bound(thresholds_.begin(), thresholds_.end(), balance) -
                                   thresholds_.begin());
    }
    std::string metric_;
    std::vector<double> thresholds_;
};

}  // namespace

void add_tier_upgrades(merit::PluginBuilder& plugin) {
    plugin.provider<TierUpgrades>("tier_upgrades");
}

}  // namespace banking
