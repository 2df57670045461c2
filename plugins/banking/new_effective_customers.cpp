// 新增有效客户: customers the bank first assigned to anyone inside the period,
// owned by the manager at period end, whose balance then reaches the
// threshold (an account opened with nothing in it is not an effective customer).
#include "common.hpp"
#include "components.hpp"
#include "portfolio.hpp"

namespace banking {
namespace {

class NewEffectiveCustomers : public merit::IndicatorProvider {
public:
    explicit NewEffectiveCustomers(const merit::Value& params)
        : metric_(params["metric"].string()), threshold_(rate_param(params, "min_balance", 0.0)) {}

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const std::string first(scope.first_day()), last(scope.last_day());
        const Book book = book_on(ctx, scope, metric_, last);
        const auto since = first_assigned(ctx);
        for (size_t i = 0; i < scope.size(); ++i) {
            int won = 0, too_small = 0;
            for (const auto& [customer, holding] : book[i]) {
                const auto it = since.find(customer);
                if (it == since.end() || it->second < first || it->second > last) continue;
                if (holding.balance.value_or(0.0) >= threshold_)
                    ++won;
                else
                    ++too_small;
            }
            out.set(i, won);
            ctx.note(i, "new customers " + first + ".." + last + ": " + std::to_string(won) + " with " +
                            metric_ + " >= " + num(threshold_) + ", " + std::to_string(too_small) + " below");
        }
    }

private:
    std::string metric_;
    double threshold_;
};

}  // namespace

void add_new_effective_customers(merit::PluginBuilder& plugin) {
    plugin.provider<NewEffectiveCustomers>("new_effective_customers");
}

}  // namespace banking
