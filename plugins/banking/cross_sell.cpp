// 交叉销售率: how many products the manager's customers hold at period end.
// A product is held when its stock metric (a balance or a count of policies,
// cards ...) is above zero. Measure "average": products per customer;
// measure "share": percent of customers holding at least `min_products`.
#include "common.hpp"
#include "components.hpp"
#include "portfolio.hpp"

namespace banking {
namespace {

class CrossSell : public merit::IndicatorProvider {
public:
    explicit CrossSell(const merit::Value& params)
        : products_(string_list(params, "products", {})),
          measure_(params["measure"].string()),
          min_products_(params["min_products"].number()) {
        if (measure_ != "average" && measure_ != "share")
            params["measure"].fail("must be \"average\" or \"share\"");
        if (min_products_ < 1) params["min_products"].fail("must be at least 1");
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const std::string last(scope.last_day());
        std::vector<std::map<std::string, int>> held(scope.size());  // customer -> products held
        each_book_on(ctx, scope, products_, last, [&](const Book& book) {
            for (size_t i = 0; i < scope.size(); ++i)
                for (const auto& [customer, holding] : book[i])
                    held[i][customer] += holding.balance.value_or(0.0) > 0 ? 1 : 0;
        });
        for (size_t i = 0; i < scope.size(); ++i) {
            if (held[i].empty()) {
                out.clear(i);
                ctx.note(i, "cross-sell: no customers on the book on " + last);
                continue;
            }
            int products = 0, reaching = 0;
            for (const auto& [customer, count] : held[i]) {
                products += count;
                if (count >= min_products_) ++reaching;
            }
            const double customers = static_cast<double>(held[i].size());
            if (measure_ == "average") {
                out.set(i, products / customers);
                ctx.note(i, "cross-sell = " + std::to_string(products) + " products / " + num(customers) +
                                " customers = " + num(products / customers, 4));
            } else {
                out.set(i, 100.0 * reaching / customers);
                ctx.note(i, "cross-sell = " + std::to_string(reaching) +
                                " customers with >= " + num(min_products_) + " products / " + num(customers) +
                                " = " + num(100.0 * reaching / customers, 4) + "%");
            }
        }
    }

private:
    std::vector<std::string> products_;
    std::string measure_;
    double min_products_;
};

}  // namespace

void add_cross_sell(merit::PluginBuilder& plugin) {
    plugin.provider<CrossSell>("cross_sell");
}

}  // namespace banking
