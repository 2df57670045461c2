// 客户流失率: of the customers a manager owned when the period began with at
// least `min_balance`, the share (percent) whose balance at period end fell
// below `lost_below` × their opening balance, or who left the manager's book.
#include "common.hpp"
#include "components.hpp"
#include "portfolio.hpp"

namespace banking {
namespace {

class ChurnRate : public merit::IndicatorProvider {
public:
    explicit ChurnRate(const merit::Value& params)
        : metric_(params["metric"].string()),
          min_balance_(rate_param(params, "min_balance", 0.0)),
          lost_below_(rate_param(params, "lost_below", 0.1)) {
        if (lost_below_ > 1) params["lost_below"].fail("must be a fraction between 0 and 1");
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const std::string opening_day = day_before(std::string(scope.first_day()));
        const Book opening = book_on(ctx, scope, metric_, opening_day);
        const Book closing = book_on(ctx, scope, metric_, std::string(scope.last_day()));
        for (size_t i = 0; i < scope.size(); ++i) {
            int base = 0, lost = 0;
            for (const auto& [customer, holding] : opening[i]) {
                const double start = holding.balance.value_or(0.0);
                if (start <= 0 || start < min_balance_) continue;
                ++base;
                const auto now = closing[i].find(customer);
                const double end = now == closing[i].end() ? 0.0 : now->second.balance.value_or(0.0);
                if (now == closing[i].end() || end < lost_below_ * start) ++lost;
            }
            if (base == 0) {
                out.clear(i);
                ctx.note(i, "churn: no customers on the book on " + opening_day);
                continue;
            }
            out.set(i, 100.0 * lost / base);
            ctx.note(i, "churn = " + std::to_string(lost) + " lost / " + std::to_string(base) + " held on " +
                            opening_day + " = " + num(100.0 * lost / base, 4) + "%");
        }
    }

private:
    std::string metric_;
    double min_balance_;
    double lost_below_;
};

}  // namespace

void add_churn_rate(merit::PluginBuilder& plugin) {
    plugin.provider<ChurnRate>("churn_rate");
}

}  // namespace banking
