// Loans that turned non-performing in the period (不良形成), attributed to the
// customer manager who owns the customer or to the risk manager who co-signed
// (assignment role "risk"). Reads a flow metric the credit system books on the
// customer on the day a loan moves into substandard, doubtful or loss, with
// the balance that moved. Measure: count of cases, amount, or the amount as a
// percent of the loans the manager held at the end of the previous period.
#include "common.hpp"
#include "components.hpp"
#include "loan_classes.hpp"

namespace banking {
namespace {

class BadLoans : public merit::IndicatorProvider {
public:
    explicit BadLoans(const merit::Value& params)
        : metric_(params["metric"].string()),
          role_(params["role"].string()),
          measure_(params["measure"].string()),
          classes_(LoanClasses::from(params)) {
        if (role_ != "owner" && role_ != "risk") params["role"].fail("must be \"owner\" or \"risk\"");
        if (measure_ != "count" && measure_ != "amount" && measure_ != "ratio")
            params["measure"].fail("must be \"count\", \"amount\" or \"ratio\"");
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        std::optional<std::string> role;
        if (role_ == "risk") role = "risk";
        // Accountability is for the whole loan, whoever shares the customer.
        const merit::Column cases = ctx.facts(
            scope, Facts(metric_, measure_ == "count" ? MERIT_AGG_COUNT : MERIT_AGG_SUM).role(role).whole());
        ctx.trace(metric_ + (measure_ == "count" ? " cases" : " amount") + " as " + role_, cases);
        if (measure_ != "ratio") {
            for (size_t i = 0; i < scope.size(); ++i) out.set(i, cases.value_or(i, 0.0));
            return;
        }
        const std::string previous = ctx.previous(std::string(scope.period())).text;
        std::vector<double> held(scope.size(), 0.0);
        for (const std::string& metric : classes_.metrics) {
            const merit::Column balance =
                ctx.facts(scope, Facts(metric, MERIT_AGG_END).in(previous).role(role).whole());
            for (size_t i = 0; i < scope.size(); ++i) held[i] += balance.value_or(i, 0.0);
        }
        ctx.trace("loans held at the end of " + previous, held);
        for (size_t i = 0; i < scope.size(); ++i) {
            const double bad = cases.value_or(i, 0.0);
            if (held[i] <= 0) {
                out.set(i, 0.0);  // nothing held, nothing can have turned bad
                continue;
            }
            out.set(i, bad / held[i] * 100.0);
            ctx.note(i, "turned non-performing " + num(bad) + " / loans held " + num(held[i]) + " = " +
                            num(bad / held[i] * 100.0, 4) + "%");
        }
    }

private:
    std::string metric_;
    std::string role_;
    std::string measure_;
    LoanClasses classes_;
};

}  // namespace

void add_bad_loans(merit::PluginBuilder& plugin) {
    plugin.provider<BadLoans>("bad_loans");
}

}  // namespace banking
