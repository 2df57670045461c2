// 贷款投放额: loans disbursed in the period (a flow metric booked on the
// customer), optionally net of the amount that turned non-performing in the
// same period so that volume bought with bad credit does not count.
#include "common.hpp"
#include "components.hpp"

namespace banking {
namespace {

class LoanIssuance : public merit::IndicatorProvider {
public:
    explicit LoanIssuance(const merit::Value& params)
        : metric_(params["metric"].string()), net_of_(params.get_string("net_of", "")) {
        if (params.has("segment")) segment_ = params["segment"].string();
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const merit::Column issued = ctx.facts(scope, Facts(metric_).segment(segment_));
        ctx.trace(metric_, issued);
        merit::Column deducted(scope.size());
        if (!net_of_.empty()) {
            deducted = ctx.facts(scope, Facts(net_of_).segment(segment_));
            ctx.trace(net_of_, deducted);
        }
        for (size_t i = 0; i < scope.size(); ++i) {
            const double a = issued.value_or(i, 0.0), d = deducted.value_or(i, 0.0);
            out.set(i, a - d);
            if (!net_of_.empty())
                ctx.note(i,
                         "loan issuance = " + num(a) + " − " + net_of_ + " " + num(d) + " = " + num(a - d));
        }
    }

private:
    std::string metric_;
    std::string net_of_;
    std::optional<std::string> segment_;
};

}  // namespace

void add_loan_issuance(merit::PluginBuilder& plugin) {
    plugin.provider<LoanIssuance>("loan_issuance");
}

}  // namespace banking
