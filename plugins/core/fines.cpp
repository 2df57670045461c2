// core.fines: a table of event kind -> yuan per occurrence (events.csv
// quantity, or record count with "measure": "count"). Each kind a manager
// has yields one negative pay line: -(occurrences × yuan), the count in the
// basis. A kind mapped to text instead of a number (e.g. "dismissal") is a
// decision, not money. `escalations` add a decision once a kind reaches a
// count over a declared window — the period, since hire, year to date or all
// history — because a rule such as 003's "累计3次，开除客户经理职务" counts
// occurrences across months while the fine itself is monthly. A cumulative
// escalation fires in the run whose period holds an occurrence (the one that
// reaches the count, or a later one), not again in every later period.
#include "common.hpp"

#include <map>
#include <set>

namespace core {
namespace {

struct FineRule {
    std::string kind;
    std::optional<double> yuan;  // money per occurrence
    std::string decision;        // or a decision value
};

enum class Window { period, since_hire, year_to_date, all_history };

struct Escalation {
    std::string kind;
    double at_least;
    std::string decision;
    Window window;
};

Window window_of(const merit::Value& escalation) {
    const merit::Value v = escalation.require("window");
    const std::string text = v.string();
    if (text == "period") return Window::period;
    if (text == "since_hire") return Window::since_hire;
    if (text == "year_to_date") return Window::year_to_date;
    if (text == "all_history") return Window::all_history;
    v.fail("'" + text + "' is not one of period, since_hire, year_to_date, all_history");
}

// The earliest day an all-history window reaches back to (the first day a
// date in the workspace can hold).
constexpr const char* kFirstDay = "0001-01-01";

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
            if (!escalations.is_array())
                escalations.fail("must be an array of {kind, at_least, decision, window}");
            for (size_t i = 0; i < escalations.size(); ++i) {
                const merit::Value e = escalations[i];
                escalations_.push_back({e.require("kind").string(), e.require("at_least").number(),
                                        e.require("decision").string(), window_of(e)});
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
        for (const auto& e : escalations_) escalate(ctx, scope, e);
    }

private:
    // Occurrences of `kind` in the period (or in `range`, FIRST..LAST).
    std::vector<double> occurrences(merit::Context& ctx, const merit::Scope& scope, const std::string& kind,
                                    const std::optional<std::string>& range = std::nullopt) {
        auto n = ctx.events(scope, {.kind = kind, .measure = measure_, .period = range});
        if (!range && traced_.insert(kind).second) ctx.trace("events " + kind, n);
        return n;
    }

    void escalate(merit::Context& ctx, const merit::Scope& scope, const Escalation& e) {
        const auto in_period = occurrences(ctx, scope, e.kind);
        if (e.window == Window::period) {
            for (size_t i = 0; i < scope.size(); ++i)
                if (in_period[i] >= e.at_least)
                    ctx.decision(i, decision_kind_, e.decision,
                                 label(e.kind) + " (" + e.kind + ") × " + num(in_period[i]) + " reaches " +
                                     num(e.at_least) + " in " + std::string(scope.period()));
            return;
        }
        std::vector<std::string> window_text(scope.size());
        const auto counted = window_counts(ctx, scope, e, window_text);
        ctx.trace("events " + e.kind + " " + window_name(e.window), counted);
        for (size_t i = 0; i < scope.size(); ++i)
            if (counted[i] >= e.at_least && in_period[i] > 0)
                ctx.decision(i, decision_kind_, e.decision,
                             label(e.kind) + " (" + e.kind + ") × " + num(counted[i]) + " " + window_text[i] +
                                 " reaches " + num(e.at_least) + ", " + num(in_period[i]) + " of them in " +
                                 std::string(scope.period()));
    }

    // Occurrences over a cumulative window ending on the period's last day;
    // `text` receives each row's window as explain shows it.
    std::vector<double> window_counts(merit::Context& ctx, const merit::Scope& scope, const Escalation& e,
                                      std::vector<std::string>& text) {
        const std::string last(scope.last_day());
        if (e.window == Window::year_to_date || e.window == Window::all_history) {
            const std::string first =
                e.window == Window::year_to_date ? last.substr(0, 4) + "-01-01" : kFirstDay;
            const std::string range = first + ".." + last;
            for (auto& t : text)
                t = e.window == Window::year_to_date ? "year to date (" + range + ")"
                                                     : "up to " + last + " (all history)";
            return occurrences(ctx, scope, e.kind, range);
        }
        // Since hire: one count per distinct hire date; a manager whose hire
        // date is not known is counted over all history.
        std::vector<double> out(scope.size(), 0.0);
        std::map<std::string, std::vector<double>> by_hire;
        for (size_t i = 0; i < scope.size(); ++i) {
            const std::string hired(scope.hired_on(i));
            if (!hired.empty() && hired > last) {
                text[i] = "since hire (" + hired + ", after the period)";
                continue;
            }
            const std::string first = hired.empty() ? kFirstDay : hired;
            auto found = by_hire.find(first);
            if (found == by_hire.end())
                found = by_hire.emplace(first, occurrences(ctx, scope, e.kind, first + ".." + last)).first;
            out[i] = found->second[i];
            text[i] = hired.empty() ? "up to " + last + " (hire date not known: all history)"
                                    : "since hire (" + hired + ".." + last + ")";
        }
        return out;
    }

    static std::string window_name(Window w) {
        switch (w) {
            case Window::period:
                return "period";
            case Window::since_hire:
                return "since hire";
            case Window::year_to_date:
                return "year to date";
            case Window::all_history:
                return "all history";
        }
        return "";
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
