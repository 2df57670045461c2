// 奖金延后支付 with clawback (seed 000's long-term incentive, applied to
// credit risk): a share of a bonus earned now is held back and paid in equal
// instalments over the next `instalments` runs of the scheme. When loans the
// manager handled turn non-performing, the same fraction of everything still
// held back is forfeited: fraction = min(1, clawback indicator × forfeit_per_unit).
//
// The schedule is carried across runs as state "<key>.due_in_<k>" (fen due k
// runs after the run that wrote it). Each run, in this order:
//   1. read the previous run's schedule; instalment due now = its due_in_1
//   2. forfeit fraction × each outstanding instalment (rounded per instalment)
//   3. pay what is left of the instalment due now
//   4. hold back defer_share × this run's pay of `source`, split in equal fen
//      (the remainder goes to the first instalment), and write the schedule.
#include <algorithm>
#include <cmath>

#include "common.hpp"
#include "components.hpp"

namespace banking {
namespace {

class DeferredBonus : public merit::RewardCalculator {
public:
    explicit DeferredBonus(const merit::Value& params)
        : source_(params.require("source").string()),
          share_(rate_param(params, "defer_share", 0.3)),
          instalments_(static_cast<int>(params["instalments"].number())),
          clawback_indicator_(params.get_string("clawback_indicator", "")),
          forfeit_per_unit_(rate_param(params, "forfeit_per_unit", 0.01)),
          key_(params["key"].string()) {
        if (share_ > 1) params["defer_share"].fail("must be a fraction, at most 1");
        if (instalments_ < 1 || instalments_ > 40) params["instalments"].fail("must be between 1 and 40");
    }

    void compute(merit::Context& ctx, const merit::Scope& scope) override {
        const size_t n = scope.size();
        const size_t k_max = static_cast<size_t>(instalments_);
        std::vector<merit::Column> previous;
        for (size_t k = 1; k <= k_max; ++k) previous.push_back(ctx.state(due_key(k), n));
        const merit::Column earned = ctx.result("pay:" + source_, n);
        merit::Column clawback(n);
        if (!clawback_indicator_.empty()) clawback = ctx.result(clawback_indicator_, n);

        std::vector<merit::Column> next(k_max, merit::Column(n));
        merit::Column balance(n);  // fen still held after this run
        std::vector<double> outstanding_before(n), forfeited_col(n), released_col(n), held_col(n),
            after_col(n);
        for (size_t i = 0; i < n; ++i) {
            const double fraction = std::clamp(clawback.value_or(i, 0.0) * forfeit_per_unit_, 0.0, 1.0);
            std::vector<int64_t> remaining(k_max + 1, 0);  // remaining[k]: due k runs after the previous run
            int64_t before = 0, forfeited = 0, due_now = 0;
            for (size_t k = 1; k <= k_max; ++k) {
                const int64_t due = static_cast<int64_t>(std::llround(previous[k - 1].value_or(i, 0.0)));
                const int64_t lost = merit::to_fen(merit::to_yuan(due) * fraction);
                before += due;
                if (k == 1) due_now = due;
                forfeited += lost;
                remaining[k] = due - lost;
            }
            if (forfeited > 0)
                ctx.decision(i, "clawback", merit::format_yuan(forfeited),
                             "loans turned non-performing: " + clawback_indicator_ + " " +
                                 num(clawback.value_or(i, 0.0), 4) + " × " + num(forfeit_per_unit_, 6) +
                                 " = " + num(fraction * 100, 4) + "% of the deferred balance " +
                                 merit::format_yuan(before) + " forfeited");
            if (before > 0)
                ctx.pay(i, key_ + "_release", "递延奖金发放", remaining[1],
                        "instalment due " + merit::format_yuan(due_now) + " of deferred balance " +
                            merit::format_yuan(before) +
                            (forfeited > 0 ? " after clawback of " + num(fraction * 100, 4) + "% (" +
                                                 merit::format_yuan(forfeited) + " forfeited)"
                                           : std::string()) +
                            ": paid " + merit::format_yuan(remaining[1]));

            const int64_t bonus = static_cast<int64_t>(std::llround(earned.value_or(i, 0.0)));
            const int64_t hold = bonus > 0 ? merit::to_fen(merit::to_yuan(bonus) * share_) : 0;
            if (hold > 0)
                ctx.pay(i, key_ + "_hold", "递延奖金扣留", -hold,
                        num(share_ * 100, 4) + "% of " + source_ + " " + merit::format_yuan(bonus) + " = " +
                            merit::format_yuan(hold) + " held back, paid over the next " +
                            std::to_string(instalments_) + " runs");
            const int64_t part = hold / instalments_;
            const int64_t first_extra = hold - part * instalments_;
            int64_t after = 0;
            for (size_t k = 1; k <= k_max; ++k) {
                const int64_t carried = k < k_max ? remaining[k + 1] : 0;
                const int64_t due = carried + part + (k == 1 ? first_extra : 0);
                next[k - 1].set(i, static_cast<double>(due));
                after += due;
            }
            outstanding_before[i] = merit::to_yuan(before);
            forfeited_col[i] = merit::to_yuan(forfeited);
            released_col[i] = merit::to_yuan(before > 0 ? remaining[1] : 0);
            held_col[i] = merit::to_yuan(hold);
            after_col[i] = merit::to_yuan(after);
            balance.set(i, static_cast<double>(after));
            ctx.note(i, "deferred balance: " + merit::format_yuan(before) + " − forfeited " +
                            merit::format_yuan(forfeited) + " − paid " +
                            merit::format_yuan(before > 0 ? remaining[1] : 0) + " + held " +
                            merit::format_yuan(hold) + " = " + merit::format_yuan(after));
        }
        for (size_t k = 1; k <= k_max; ++k) ctx.save_state(due_key(k), next[k - 1]);
        ctx.save_state(key_ + ".balance", balance);
        ctx.trace("deferred balance before", outstanding_before);
        ctx.trace("clawback forfeited", forfeited_col);
        ctx.trace("instalment paid", released_col);
        ctx.trace("held back now", held_col);
        ctx.trace("deferred balance after", after_col);
    }

private:
    std::string due_key(size_t k) const { return key_ + ".due_in_" + std::to_string(k); }

    std::string source_;
    double share_;
    int instalments_;
    std::string clawback_indicator_;
    double forfeit_per_unit_;
    std::string key_;
};

}  // namespace

void add_deferred_bonus(merit::PluginBuilder& plugin) {
    plugin.reward<DeferredBonus>("deferred_bonus");
}

}  // namespace banking
