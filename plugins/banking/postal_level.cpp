// 客户经理定级 (postal savings, seed 003): the level follows the customers kept
// and their total balance; "40 customers, 30–39.99 million yuan → level 4,
// base 1,200 yuan a month". Levels are listed best first; a manager gets the
// first level whose customer count AND balance minimum are both met (else
// `fallback`), is told the level as a decision and paid its monthly base for
// every month of the period.
#include "common.hpp"
#include "components.hpp"

namespace banking {
namespace {

struct Level {
    std::string name;
    double min_customers = 0;
    double min_balance = 0;  // yuan
    double base = 0;         // yuan a month
};

class PostalLevel : public merit::RewardCalculator {
public:
    explicit PostalLevel(const merit::Value& params)
        : customers_(params.require("customers_indicator").string()),
          balance_(params.require("balance_indicator").string()) {
        const merit::Value levels = params.require("levels");
        if (!levels.is_array() || levels.size() == 0)
            levels.fail("must be a non-empty array, best level first");
        for (size_t i = 0; i < levels.size(); ++i) {
            const merit::Value v = levels[i];
            Level l{v.require("level").string(), v.get_number("min_customers", 0),
                    v.get_number("min_balance", 0), v.require("base").number()};
            if (l.base < 0) v["base"].fail("must not be negative");
            levels_.push_back(l);
        }
        const merit::Value fallback = params.require("fallback");
        fallback_ = Level{fallback.require("level").string(), 0, 0, fallback.require("base").number()};
    }

    void compute(merit::Context& ctx, const merit::Scope& scope) override {
        const int months = months_spanned(std::string(scope.first_day()), std::string(scope.last_day()));
        const merit::Column customers = ctx.result(customers_, scope.size());
        const merit::Column balance = ctx.result(balance_, scope.size());
        for (size_t i = 0; i < scope.size(); ++i) {
            const double c = customers.value_or(i, 0.0), b = balance.value_or(i, 0.0);
            const Level* level = &fallback_;
            for (const auto& l : levels_)
                if (level == &fallback_ && c >= l.min_customers && b >= l.min_balance) level = &l;
            const std::string why =
                num(c) + " customers, balance " + num(b) + " yuan" +
                (level == &fallback_ ? ": no level's minimum met"
                                     : ": meets " + num(level->min_customers) + " customers and " +
                                           num(level->min_balance) + " yuan");
            ctx.decision(i, "level", level->name, why);
            const int64_t fen = merit::to_fen(level->base * months);
            ctx.pay(i, "base_pay", "底薪", fen,
                    level->name + " (" + why + "): " + num(level->base) + " yuan/month × " +
                        std::to_string(months) + " = " + merit::format_yuan(fen) + " yuan");
        }
    }

private:
    std::string customers_;
    std::string balance_;
    std::vector<Level> levels_;
    Level fallback_;
};

}  // namespace

void add_postal_level(merit::PluginBuilder& plugin) {
    plugin.reward<PostalLevel>("postal_level");
}

}  // namespace banking
