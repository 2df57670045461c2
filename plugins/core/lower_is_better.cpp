// core.lower_is_better: for rates and counts where less is better (complaint
// rate, churn, overdue ratio). value <= best -> best_score (100), value >=
// worst -> 0, linear in between. A null value scores 0.
#include "common.hpp"

namespace core {
namespace {

class LowerIsBetter : public merit::Scorer {
public:
    explicit LowerIsBetter(const merit::Value& params)
        : best_(params.require("best").number()),
          worst_(params.require("worst").number()),
          best_score_(params["best_score"].number()) {
        if (!(best_ < worst_)) params["worst"].fail("must be greater than best (" + num(best_) + ")");
    }

    void score(merit::Context& ctx, const merit::ScoreInput& in, std::span<double> out) override {
        for (size_t i = 0; i < in.count; ++i) {
            out[i] = 0;
            if (!in.valid[i]) {
                ctx.note(i, "no value: score 0");
                continue;
            }
            const double x = in.values[i];
            if (x <= best_)
                out[i] = best_score_;
            else if (x >= worst_)
                out[i] = 0;
            else
                out[i] = best_score_ * (worst_ - x) / (worst_ - best_);
            ctx.note(i, "value " + num(x) + " between best " + num(best_) + " and worst " + num(worst_) +
                            ": " + num(out[i]));
        }
    }

private:
    double best_, worst_, best_score_;
};

}  // namespace

void register_lower_is_better(merit::PluginBuilder& plugin) {
    plugin.scorer<LowerIsBetter>("lower_is_better");
}

}  // namespace core
