// core.fines: a table of event kind -> yuan per occurrence (events.csv
// quantity, or record count with "measure": "count"). Each kind a manager
// has yields one negative pay line: -(occurrences × yuan), the count in the
// basis. A kind mapped to text instead of a number (e.g. "dismissal") is a
// decision, not money. `escalations` add a decision once a kind reaches a
// count in the period (e.g. 3 occurrences -> "removed_from_post").
#include "common.hpp"

#include <set>

namespace core {
namespace {

struct FineRule {
    std::string kind;
    std::optional<double> yuan;  // money per occurrence
    std::string decision;        // or a decision value
};

struct Escalation {
    std::string kind;
    double at_least;
    std::string decision;
};

class Fines : public merit::RewardCalculator {
public:
    explicit Fines(const merit::Value& params)
        : measure_(choice(params, "measure", {"quantity", "count"}) == "count" ? MERIT_EVENT_COUNT
                                                                               : MERIT_EVENT_QUANTITY),
          decision_kind_(params["decision_kind"].string()) {
        const merit::Value table = params.require("table");
        if (!table.is_object() || table.size() == 0)
            table.fail("must be an object of event kind -> yuan per occurrence (or a decision text)");
        for (size_t i = 0; i < table.size(); ++i) {
            const merit::Value v = table.item(i);
            FineRule rule{table.key(i), std::nullopt, ""};
            if (v.is_number()) {
                if (v.number() < 0) v.fail("must not be negative (fines are entered as positive yuan)");
                rule.yuan = v.number();
            } else if (v.is_string() && !v.string().empty()) {
                rule.decision = v.string();
            } else {
                v.fail("must be yuan per occurrence or a decision text such as \"dismissal\"");
            }
            rules_.push_back(rule);
        }
        const merit::Value labels = params["labels"];
        if (!labels.is_null()) {
            if (!labels.is_object()) labels.fail("must be an object of event kind -> label");
            for (size_t i = 0; i < labels.size(); ++i)
                labels_.emplace_back(labels.key(i), labels.item(i).string());
        }
        const merit::Value escalations = params["escalations"];
        if (!escalations.is_null()) {
            if (!escalations.is_array()) escalations.fail("must be an array of {kind, at_least, decision}");
            for (size_t i = 0; i < escalations.size(); ++i) {
                const merit::Value e = escalations[i];
                escalations_.push_back({e.require("kind").string(), e.require("at_least").number(),
                                        e.require("decision").string()});
                if (escalations_.back().at_least < 1) e["at_least"].fail("must be at least 1");
            }
        }
    }

    void compute(merit::Context& ctx, const merit::Scope& scope) override {
        for (const auto& rule : rules_) {
            const auto n = occurrences(ctx, scope, rule.kind);
            for (size_t i = 0; i < scope.size(); ++i) {
                if (n[i] <= 0) continue;
                if (rule.yuan) {
                    const int64_t fen = -merit::to_fen(n[i] * *rule.yuan);
                    ctx.pay(i, "fine:" + rule.kind, label(rule.kind), fen,
                            num(n[i]) + " × " + yuan(*rule.yuan) + " yuan (" + rule.kind +
                                ") = " + merit::format_yuan(fen));
                } else {
                    ctx.decision(i, decision_kind_, rule.decision,
                                 label(rule.kind) + " (" + rule.kind + ") × " + num(n[i]) + " in " +
                                     std::string(scope.period()));
                }
            }
        }
        for (const auto& e : escalations_) {
            const auto n = occurrences(ctx, scope, e.kind);
            for (size_t i = 0; i < scope.size(); ++i)
                if (n[i] >= e.at_least)
                    ctx.decision(i, decision_kind_, e.decision,
                                 label(e.kind) + " (" + e.kind + ") × " + num(n[i]) + " reaches " +
                                     num(e.at_least) + " in " + std::string(scope.period()));
        }
    }

private:
    std::vector<double> occurrences(merit::Context& ctx, const merit::Scope& scope, const std::string& kind) {
        auto n = ctx.events(scope, {.kind = kind, .measure = measure_, .period = std::nullopt});
        if (traced_.insert(kind).second) ctx.trace("events " + kind, n);
        return n;
    }
    std::string label(const std::string& kind) const {
        for (const auto& [k, text] : labels_)
            if (k == kind) return text;
        return kind;
    }

    merit_event_measure measure_;
    std::string decision_kind_;
    std::vector<FineRule> rules_;
    std::vector<std::pair<std::string, std::string>> labels_;
    std::vector<Escalation> escalations_;
    std::set<std::string> traced_;
};

}  // namespace

void register_fines(merit::PluginBuilder& plugin) {
    plugin.reward<Fines>("fines");
}

}  // namespace core
