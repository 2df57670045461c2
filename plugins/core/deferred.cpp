// core.deferred: pays part of an earlier reward's pay later, with clawback
// (奖金延后支付): any scheme that holds back a share of a bonus and pays it
// over later runs uses it; the scheme names what forfeits held pay.
//
// A share of an earlier reward's pay this run is held back and paid in equal
// instalments over the next `periods` runs of the scheme. A clawback column
// (any input or formula, e.g. a ratio of bad outcomes) forfeits the fraction
// min(1, max(0, clawback × clawback_rate)) of everything still held.
//
// The schedule is carried across runs as state "deferred.due_in_<k>" (fen due
// k runs after the run that wrote it) and "deferred.balance". Each run, for
// each manager, in this order:
//   1. read the previous run's schedule; the instalment due now is its due_in_1
//   2. forfeit fraction × each outstanding instalment (rounded to fen per
//      instalment): a "clawback" decision, since forfeited money is never paid
//   3. pay what is left of the instalment due now (line deferred_release)
//   4. hold back share × this run's pay of `reward` (line deferred_hold, −),
//      split in equal fen; the left-over fen go to the first instalment.
#include <algorithm>
#include <cmath>

#include "common.hpp"

namespace core {
namespace {

// One manager's schedule: remaining[k] is due k runs after the previous run.
struct Schedule {
    std::vector<int64_t> remaining;
    int64_t before = 0;     // held before this run
    int64_t forfeited = 0;  // lost to the clawback this run
    int64_t due_now = 0;    // the instalment due now, before the clawback
    int64_t paid() const { return before > 0 ? remaining[1] : 0; }
};

class Deferred : public merit::RewardCalculator {
public:
    explicit Deferred(const merit::Value& params)
        // Every parameter but reward and clawback has its default in the
        // manifest, which the host applies before create.
        : reward_(params.require("reward").string()),
          share_(bounded(params, "share", 0.0, 1.0)),
          periods_(static_cast<int>(bounded(params, "periods", 1, 40))),
          clawback_rate_(params["clawback_rate"].number()),
          clawback_reason_(params["clawback_reason"].string()),
          label_(params["label"].string()) {
        if (std::floor(params["periods"].number()) != params["periods"].number())
            params["periods"].fail("must be a whole number");
        if (!(share_ > 0)) params["share"].fail("must be greater than 0");
        if (params.has("clawback")) clawback_ = params["clawback"].string();
        if (!(clawback_rate_ >= 0) || !std::isfinite(clawback_rate_))
            params["clawback_rate"].fail("must be a non-negative number");
    }

    void compute(merit::Context& ctx, const merit::Scope& scope) override {
        const size_t n = scope.size();
        const auto k_max = static_cast<size_t>(periods_);
        std::vector<merit::Column> previous;
        for (size_t k = 1; k <= k_max; ++k) previous.push_back(ctx.state(due_key(k), n));
        const merit::Column earned = ctx.result("pay:" + reward_, n);
        merit::Column clawback(n);
        if (clawback_) clawback = ctx.result(*clawback_, n);

        std::vector<merit::Column> next(k_max, merit::Column(n));
        merit::Column balance(n);  // fen still held after this run
        std::vector<double> before_col(n), forfeited_col(n), paid_col(n), held_col(n), after_col(n);
        for (size_t i = 0; i < n; ++i) {
            const double fraction = std::clamp(clawback.value_or(i, 0.0) * clawback_rate_, 0.0, 1.0);
            Schedule s = read_schedule(previous, i, fraction);
            if (s.forfeited > 0) record_clawback(ctx, i, clawback.value_or(i, 0.0), fraction, s);
            if (s.before > 0) pay_instalment(ctx, i, fraction, s);
            const int64_t hold = hold_back(ctx, i, earned);
            const int64_t after = write_schedule(next, i, s, hold);
            balance.set(i, static_cast<double>(after));
            before_col[i] = merit::to_yuan(s.before);
            forfeited_col[i] = merit::to_yuan(s.forfeited);
            paid_col[i] = merit::to_yuan(s.paid());
            held_col[i] = merit::to_yuan(hold);
            after_col[i] = merit::to_yuan(after);
            ctx.note(i, "deferred balance: " + merit::format_yuan(s.before) + " − forfeited " +
                            merit::format_yuan(s.forfeited) + " − paid " + merit::format_yuan(s.paid()) +
                            " + held " + merit::format_yuan(hold) + " = " + merit::format_yuan(after));
        }
        for (size_t k = 1; k <= k_max; ++k) ctx.save_state(due_key(k), next[k - 1]);
        ctx.save_state("deferred.balance", balance);
        ctx.trace("deferred balance before", before_col);
        ctx.trace("clawback forfeited", forfeited_col);
        ctx.trace("instalment paid", paid_col);
        ctx.trace("held back now", held_col);
        ctx.trace("deferred balance after", after_col);
    }

private:
    static std::string due_key(size_t k) { return "deferred.due_in_" + std::to_string(k); }

    Schedule read_schedule(const std::vector<merit::Column>& previous, size_t i, double fraction) const {
        Schedule s;
        s.remaining.assign(previous.size() + 1, 0);
        for (size_t k = 1; k <= previous.size(); ++k) {
            const auto due = static_cast<int64_t>(std::llround(previous[k - 1].value_or(i, 0.0)));
            const int64_t lost = merit::to_fen(merit::to_yuan(due) * fraction);
            s.before += due;
            if (k == 1) s.due_now = due;
            s.forfeited += lost;
            s.remaining[k] = due - lost;
        }
        return s;
    }

    void record_clawback(merit::Context& ctx, size_t i, double clawback, double fraction,
                         const Schedule& s) const {
        ctx.decision(i, "clawback", merit::format_yuan(s.forfeited),
                     clawback_reason_ + ": " + *clawback_ + " " + num(clawback, 4) + " × " +
                         num(clawback_rate_, 6) + " = " + num(fraction * 100, 4) +
                         "% of the deferred balance " + merit::format_yuan(s.before) + " forfeited");
    }

    void pay_instalment(merit::Context& ctx, size_t i, double fraction, const Schedule& s) const {
        const std::string after_clawback = s.forfeited > 0
                                               ? " after clawback of " + num(fraction * 100, 4) + "% (" +
                                                     merit::format_yuan(s.forfeited) + " forfeited)"
                                               : std::string();
        ctx.pay(i, "deferred_release", label_ + "发放", s.remaining[1],
                "instalment due " + merit::format_yuan(s.due_now) + " of deferred balance " +
                    merit::format_yuan(s.before) + after_clawback + ": paid " +
                    merit::format_yuan(s.remaining[1]));
    }

    // Holds back share × this run's pay of the reward (fen), with its line.
    int64_t hold_back(merit::Context& ctx, size_t i, const merit::Column& earned) const {
        const auto bonus = static_cast<int64_t>(std::llround(earned.value_or(i, 0.0)));
        const int64_t hold = bonus > 0 ? merit::to_fen(merit::to_yuan(bonus) * share_) : 0;
        if (hold > 0)
            ctx.pay(i, "deferred_hold", label_ + "扣留", -hold,
                    num(share_ * 100, 4) + "% of " + reward_ + " " + merit::format_yuan(bonus) + " = " +
                        merit::format_yuan(hold) + " held back, paid over the next " +
                        std::to_string(periods_) + " runs");
        return hold;
    }

    // Moves what is still held one run closer and adds this run's hold in
    // equal parts; returns the balance held after this run.
    int64_t write_schedule(std::vector<merit::Column>& next, size_t i, const Schedule& s,
                           int64_t hold) const {
        const size_t k_max = next.size();
        const int64_t part = hold / periods_;
        const int64_t first_extra = hold - part * periods_;
        int64_t after = 0;
        for (size_t k = 1; k <= k_max; ++k) {
            const int64_t carried = k < k_max ? s.remaining[k + 1] : 0;
            const int64_t due = carried + part + (k == 1 ? first_extra : 0);
            next[k - 1].set(i, static_cast<double>(due));
            after += due;
        }
        return after;
    }

    std::string reward_;
    double share_;
    int periods_;
    double clawback_rate_;
    std::string clawback_reason_;
    std::string label_;
    std::optional<std::string> clawback_;
};

}  // namespace

void register_deferred(merit::PluginBuilder& plugin) {
    plugin.reward<Deferred>("deferred");
}

}  // namespace core
