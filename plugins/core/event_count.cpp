// core.event_count: events of one or more kinds in the period, counted,
// or summed by quantity or amount.
#include "common.hpp"

namespace core {
namespace {

class EventCount : public merit::IndicatorProvider {
public:
    explicit EventCount(const merit::Value& params) : kinds_(string_list(params["kind"])) {
        const std::string measure = choice(params, "measure", {"count", "quantity", "amount"});
        measure_ = measure == "quantity" ? MERIT_EVENT_QUANTITY
                                         : (measure == "amount" ? MERIT_EVENT_AMOUNT : MERIT_EVENT_COUNT);
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        std::vector<double> sum(scope.size(), 0.0);
        if (kinds_.empty()) {
            sum = ctx.events(scope, {.kind = std::nullopt, .measure = measure_, .period = std::nullopt});
        } else {
            for (const auto& kind : kinds_) {
                const auto part =
                    ctx.events(scope, {.kind = kind, .measure = measure_, .period = std::nullopt});
                // Several kinds: show each so the sum can be checked.
                if (kinds_.size() > 1) ctx.trace("events " + kind, part);
                for (size_t i = 0; i < scope.size(); ++i) sum[i] += part[i];
            }
        }
        for (size_t i = 0; i < scope.size(); ++i) out.set(i, sum[i]);
    }

private:
    std::vector<std::string> kinds_;
    merit_event_measure measure_ = MERIT_EVENT_COUNT;
};

}  // namespace

void register_event_count(merit::PluginBuilder& plugin) {
    plugin.provider<EventCount>("event_count");
}

}  // namespace core
