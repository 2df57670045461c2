// core.linear: completion scoring. completion = value ÷ target when the
// indicator has a target, else the value itself (e.g. a completion rate).
//   completion < floor           -> 0
//   otherwise                    -> 100 × min(completion, cap) ÷ full
// so with floor 0.6, full 1.0, cap 1.2: 0.59 -> 0, 0.6 -> 60, 0.85 -> 85,
// 1.0 -> 100, 1.5 -> 120. A null value, or a missing / non-positive target
// when the indicator has targets, scores 0 (with a note saying why).
#include "common.hpp"

#include <algorithm>

namespace core {
namespace {

class Linear : public merit::Scorer {
public:
    explicit Linear(const merit::Value& params)
        : floor_(params["floor"].number()),
          full_(params["full"].number()),
          cap_(params.get_number("cap", params["full"].number())) {
        if (!(full_ > 0)) params["full"].fail("must be greater than 0");
        if (floor_ < 0 || floor_ > full_)
            params["floor"].fail("must lie between 0 and full (" + num(full_) + ")");
        if (cap_ < full_) params["cap"].fail("must not be below full (" + num(full_) + ")");
    }

    void score(merit::Context& ctx, const merit::ScoreInput& in, std::span<double> out) override {
        for (size_t i = 0; i < in.count; ++i) {
            out[i] = 0;
            if (!in.valid[i]) {
                ctx.note(i, "no value: score 0");
                continue;
            }
            double completion = in.values[i];
            if (in.targets) {
                if (!in.has_target(i) || !(in.targets[i] > 0)) {
                    ctx.note(i, "no positive target: score 0");
                    continue;
                }
                completion = in.values[i] / in.targets[i];
            }
            if (completion < floor_) {
                ctx.note(i,
                         "completion " + num(completion) + " below the floor " + num(floor_) + ": score 0");
                continue;
            }
            out[i] = 100.0 * std::min(completion, cap_) / full_;
            ctx.note(i, "100 × min(" + num(completion) + ", cap " + num(cap_) + ") ÷ full " + num(full_) +
                            " = " + num(out[i]));
        }
    }

private:
    double floor_;
    double full_;
    double cap_;
};

}  // namespace

void register_linear(merit::PluginBuilder& plugin) {
    plugin.scorer<Linear>("linear");
}

}  // namespace core
