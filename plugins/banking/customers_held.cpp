// 维护客户数 (postal, seed 003): customers on the manager's book at period end
// whose balance reaches `min_balance`; the postal level rule reads it.
#include "common.hpp"
#include "components.hpp"
#include "portfolio.hpp"

namespace banking {
namespace {

class CustomersHeld : public merit::IndicatorProvider {
public:
    explicit CustomersHeld(const merit::Value& params)
        : metric_(params["metric"].string()), min_balance_(rate_param(params, "min_balance", 0.01)) {}

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const std::string last(scope.last_day());
        const Book book = book_on(ctx, scope, metric_, last);
        for (size_t i = 0; i < scope.size(); ++i) {
            int kept = 0;
            for (const auto& [customer, holding] : book[i])
                if (holding.balance.value_or(0.0) >= min_balance_) ++kept;
            out.set(i, kept);
            ctx.note(i, std::to_string(kept) + " of " + std::to_string(book[i].size()) +
                            " customers on the book on " + last + " hold " + metric_ +
                            " >= " + num(min_balance_));
        }
    }

private:
    std::string metric_;
    double min_balance_;
};

}  // namespace

void add_customers_held(merit::PluginBuilder& plugin) {
    plugin.provider<CustomersHeld>("customers_held");
}

}  // namespace banking
