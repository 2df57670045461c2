// core.pass_fail: pass_score (100) when `value <op> threshold` holds, else
// fail_score (0). A null value fails.
#include "common.hpp"

namespace core {
namespace {

class PassFail : public merit::Scorer {
public:
    explicit PassFail(const merit::Value& params)
        : op_(choice(params, "op", {">", ">=", "<", "<=", "==", "!="})),
          threshold_(params.require("threshold").number()),
          pass_score_(params["pass_score"].number()),
          fail_score_(params["fail_score"].number()) {}

    void score(merit::Context& ctx, const merit::ScoreInput& in, std::span<double> out) override {
        for (size_t i = 0; i < in.count; ++i) {
            const bool pass = in.valid[i] && compare(in.values[i], op_, threshold_);
            out[i] = pass ? pass_score_ : fail_score_;
            ctx.note(i, (in.valid[i] ? "value " + num(in.values[i]) : std::string("no value")) + " " + op_ +
                            " " + num(threshold_) + (pass ? ": pass " : ": fail ") + num(out[i]));
        }
    }

private:
    std::string op_;
    double threshold_, pass_score_, fail_score_;
};

}  // namespace

void register_pass_fail(merit::PluginBuilder& plugin) {
    plugin.scorer<PassFail>("pass_fail");
}

}  // namespace core
