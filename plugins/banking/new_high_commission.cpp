// 旧客户余额提成 (postal savings, seed 003): (this month's balance − the highest
// earlier monthly balance) × 1‰, paid only on a new high. The earlier high is
// the larger of the host's MAX_END (highest month-end before the period) and
// the high this rule carried from earlier runs in state "<key>" (so a high
// survives even when older facts were archived); the new high is written back.
// With no earlier month on record there is nothing to beat: no commission.
// The rule is for existing customers (旧客户): with exclude_new (the default)
// the balance of customers first assigned inside the period is taken out of
// this month's balance before the comparison.
#include <algorithm>

#include "common.hpp"
#include "components.hpp"
#include "portfolio.hpp"

namespace banking {
namespace {

class NewHighCommission : public merit::RewardCalculator {
public:
    explicit NewHighCommission(const merit::Value& params)
        : metric_(params["metric"].string()),
          rate_(rate_param(params, "rate", 0.001)),
          key_(params["key"].string()),
          exclude_new_(params["exclude_new"].boolean()) {
        if (params.has("segment")) segment_ = params["segment"].string();
    }

    void compute(merit::Context& ctx, const merit::Scope& scope) override {
        const size_t n = scope.size();
        const merit::Column now = ctx.facts(scope, Facts(metric_, MERIT_AGG_END).segment(segment_));
        const merit::Column history = ctx.facts(scope, Facts(metric_, MERIT_AGG_MAX_END).segment(segment_));
        const merit::Column carried = ctx.state(key_, n);
        std::vector<double> newcomers(n, 0.0);
        if (exclude_new_) {
            const std::string first(scope.first_day()), last(scope.last_day());
            const Book book = book_on(ctx, scope, metric_, last);
            const auto since = first_assigned(ctx);
            for (size_t i = 0; i < n; ++i)
                for (const auto& [customer, holding] : book[i]) {
                    const auto it = since.find(customer);
                    if (it != since.end() && it->second >= first && it->second <= last)
                        newcomers[i] += holding.share * holding.balance.value_or(0.0);
                }
            ctx.trace("balance of customers new this period (excluded)", newcomers);
        }
        ctx.trace(metric_ + " this month end", now);
        ctx.trace(metric_ + " highest earlier month end", history);
        ctx.trace(metric_ + " high carried from earlier runs", carried);
        merit::Column high_after(n);
        for (size_t i = 0; i < n; ++i) {
            const double balance = now.value_or(i, 0.0) - newcomers[i];
            if (newcomers[i] > 0)
                ctx.note(i, "existing customers' balance = " + num(now.value_or(i, 0.0)) +
                                " − new customers " + num(newcomers[i]) + " = " + num(balance));
            const bool known = history.has(i) || carried.has(i);
            const double high = std::max(history.value_or(i, -1e300), carried.value_or(i, -1e300));
            high_after.set(i, known ? std::max(high, balance) : balance);
            if (!known) {
                ctx.note(i, "no earlier monthly balance on record: no existing-customer commission");
                continue;
            }
            const double gain = balance - high;
            if (gain <= 0) {
                ctx.pay(i, "high_commission", "旧客户余额提成", 0,
                        "balance " + num(balance) + " is not above the earlier high " + num(high) + ": 0");
                continue;
            }
            const int64_t fen = merit::to_fen(gain * rate_);
            ctx.pay(i, "high_commission", "旧客户余额提成", fen,
                    "(" + num(balance) + " − earlier high " + num(high) + ") × " + num(rate_ * 1000, 4) +
                        "‰ = " + merit::format_yuan(fen) + " yuan");
        }
        ctx.save_state(key_, high_after);
    }

private:
    std::string metric_;
    double rate_;
    std::string key_;
    std::optional<std::string> segment_;
    bool exclude_new_;
};

}  // namespace

void add_new_high_commission(merit::PluginBuilder& plugin) {
    plugin.reward<NewHighCommission>("new_high_commission");
}

}  // namespace banking
