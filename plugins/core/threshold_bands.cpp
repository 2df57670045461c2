// core.threshold_bands: min / target / stretch thresholds with a score for
// each. By default a step function: below min -> below_score, reaching min
// -> min_score, target -> target_score, stretch -> stretch_score. With
// "interpolate": true the score rises linearly between the points (and stays
// flat past stretch). `basis` "completion" compares value ÷ target instead of
// the value (the indicator must have a target).
#include "common.hpp"

namespace core {
namespace {

class ThresholdBands : public merit::Scorer {
public:
    explicit ThresholdBands(const merit::Value& params)
        : min_(params.require("min").number()),
          target_(params.require("target").number()),
          stretch_(params.get_number("stretch", target_)),
          below_score_(params["below_score"].number()),
          min_score_(params["min_score"].number()),
          target_score_(params["target_score"].number()),
          stretch_score_(params.get_number("stretch_score", params.has("stretch") ? 120 : target_score_)),
          interpolate_(params["interpolate"].boolean()),
          completion_(choice(params, "basis", {"value", "completion"}) == "completion") {
        if (!(min_ <= target_)) params["target"].fail("must not be below min (" + num(min_) + ")");
        if (!(target_ <= stretch_)) params["stretch"].fail("must not be below target (" + num(target_) + ")");
    }

    void score(merit::Context& ctx, const merit::ScoreInput& in, std::span<double> out) override {
        for (size_t i = 0; i < in.count; ++i) {
            out[i] = 0;
            if (!in.valid[i]) {
                ctx.note(i, "no value: score 0");
                continue;
            }
            double x = in.values[i];
            if (completion_) {
                if (!in.has_target(i) || !(in.targets[i] > 0)) {
                    ctx.note(i, "no positive target: score 0");
                    continue;
                }
                x = in.values[i] / in.targets[i];
            }
            out[i] = interpolate_ ? interpolated(x) : stepped(x);
            ctx.note(i, (completion_ ? "completion " : "value ") + num(x) + " against min " + num(min_) +
                            " / target " + num(target_) + " / stretch " + num(stretch_) + ": " + num(out[i]));
        }
    }

private:
    double stepped(double x) const {
        if (x >= stretch_) return stretch_score_;
        if (x >= target_) return target_score_;
        if (x >= min_) return min_score_;
        return below_score_;
    }
    static double between(double x, double x0, double x1, double y0, double y1) {
        return x1 == x0 ? y1 : y0 + (y1 - y0) * (x - x0) / (x1 - x0);
    }
    double interpolated(double x) const {
        if (x < min_) return below_score_;
        if (x >= stretch_) return stretch_score_;
        if (x >= target_) return between(x, target_, stretch_, target_score_, stretch_score_);
        return between(x, min_, target_, min_score_, target_score_);
    }

    double min_, target_, stretch_;
    double below_score_, min_score_, target_score_, stretch_score_;
    bool interpolate_;
    bool completion_;
};

}  // namespace

void register_threshold_bands(merit::PluginBuilder& plugin) {
    plugin.scorer<ThresholdBands>("threshold_bands");
}

}  // namespace core
