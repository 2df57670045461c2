// core.deferred: pays part of an earlier reward's pay later.
//
// This run: the reward's pay P (result column "pay:<reward>", fen) is
// positive -> D = P × share (rounded to fen) is held back with a negative
// line, so this run pays P − D; D is split into `periods` instalments (equal
// fen, the first ones taking the left-over fen) due in the next runs.
// Earlier deferrals: carried state holds what falls due in 1, 2 … K runs
// ("due_1" … "due_K", fen). A clawback column (e.g. an input counting loans
// turned bad, or a formula giving a ratio) forfeits the fraction
// min(1, max(0, clawback × clawback_rate)) of every held amount (each
// rounded to fen) before the instalment due now is paid. Lines: instalment
// (+), forfeit (0 fen: the forfeited amount was never paid; its basis says
// how much of the balance is lost), hold (−). The balance is in state too.
#include "common.hpp"

#include <algorithm>
#include <cmath>

namespace core {
namespace {

class Deferred : public merit::RewardCalculator {
public:
    explicit Deferred(const merit::Value& params)
        : reward_(params.require("reward").string()),
          share_(bounded(params, "share", 0.3, 0.0, 1.0)),
          periods_(static_cast<int>(bounded(params, "periods", 3, 1, 20))),
          clawback_rate_(params["clawback_rate"].number()),
          label_(params.get_string("label", "deferred " + reward_)) {
        if (std::floor(params["periods"].number()) != params["periods"].number())
            params["periods"].fail("must be a whole number");
        if (!(share_ > 0)) params["share"].fail("must be greater than 0");
        if (params.has("clawback")) clawback_ = params["clawback"].string();
        if (clawback_rate_ < 0) params["clawback_rate"].fail("must not be negative");
    }

    void compute(merit::Context& ctx, const merit::Scope& scope) override {
        const size_t n = scope.size();
        const merit::Column pay = ctx.result("pay:" + reward_, n);
        merit::Column claw(n);
        if (clawback_) {
            claw = ctx.result(*clawback_, n);
            ctx.trace("clawback " + *clawback_, claw);
        }
        std::vector<merit::Column> held;
        for (int j = 1; j <= periods_; ++j) held.push_back(ctx.state(slot(j), n));
        std::vector<merit::Column> next(periods_, merit::Column(n));
        merit::Column balance(n);
        for (size_t i = 0; i < n; ++i) {
            std::vector<int64_t> slots(periods_, 0);
            for (int j = 0; j < periods_; ++j)
                slots[j] = held[j].has(i) ? static_cast<int64_t>(std::llround(held[j].values[i])) : 0;
            forfeit(ctx, i, claw, slots);
            pay_instalment(ctx, i, slots[0]);
            // Everything still held moves one run closer.
            std::vector<int64_t> later(periods_, 0);
            for (int j = 0; j + 1 < periods_; ++j) later[j] = slots[j + 1];
            hold(ctx, i, pay, later);
            int64_t total = 0;
            for (int j = 0; j < periods_; ++j) {
                next[j].set(i, static_cast<double>(later[j]));
                total += later[j];
            }
            balance.set(i, static_cast<double>(total));
        }
        for (int j = 1; j <= periods_; ++j) ctx.save_state(slot(j), next[j - 1]);
        ctx.save_state("balance", balance);
        ctx.trace("deferred balance after this run (fen)", balance);
    }

private:
    static std::string slot(int j) { return "due_" + std::to_string(j); }

    void forfeit(merit::Context& ctx, size_t i, const merit::Column& claw,
                 std::vector<int64_t>& slots) const {
        if (!clawback_ || !claw.has(i) || claw.values[i] <= 0) return;
        int64_t before = 0, lost = 0;
        for (auto s : slots) before += s;
        if (before == 0) return;
        const double fraction = std::clamp(claw.values[i] * clawback_rate_, 0.0, 1.0);
        for (auto& s : slots) {
            const int64_t part = merit::to_fen(merit::to_yuan(s) * fraction);
            s -= part;
            lost += part;
        }
        ctx.pay(i, "deferred_forfeit", label_ + " forfeited", 0,
                "clawback " + *clawback_ + " " + num(claw.values[i]) + " × rate " + num(clawback_rate_) +
                    " = " + num(fraction * 100) + "% of the held balance " + merit::format_yuan(before) +
                    " forfeited: " + merit::format_yuan(lost) + " (never paid; balance now " +
                    merit::format_yuan(before - lost) + ")");
    }

    void pay_instalment(merit::Context& ctx, size_t i, int64_t due) const {
        if (due == 0) return;
        ctx.pay(i, "deferred_instalment", label_ + " instalment", due,
                "instalment of earlier deferrals due this period = " + merit::format_yuan(due));
    }

    void hold(merit::Context& ctx, size_t i, const merit::Column& pay, std::vector<int64_t>& later) const {
        if (!pay.has(i) || pay.values[i] <= 0) return;
        const int64_t earned = static_cast<int64_t>(std::llround(pay.values[i]));
        const int64_t deferred = merit::to_fen(merit::to_yuan(earned) * share_);
        if (deferred == 0) return;
        const int64_t each = deferred / periods_, extra = deferred % periods_;
        std::string plan;
        for (int j = 0; j < periods_; ++j) {
            const int64_t part = each + (j < extra ? 1 : 0);
            later[j] += part;
            plan += (plan.empty() ? "" : ", ") + merit::format_yuan(part);
        }
        ctx.pay(i, "deferred_hold", label_ + " held back", -deferred,
                reward_ + " " + merit::format_yuan(earned) + " × " + num(share_ * 100) +
                    "% deferred = " + merit::format_yuan(-deferred) + "; due in the next " +
                    std::to_string(periods_) + " period(s): " + plan);
    }

    std::string reward_;
    double share_;
    int periods_;
    double clawback_rate_;
    std::string label_;
    std::optional<std::string> clawback_;
};

}  // namespace

void register_deferred(merit::PluginBuilder& plugin) {
    plugin.reward<Deferred>("deferred");
}

}  // namespace core
