// `merit review open|show|list|goal|plan|act WS ...`: a manager's review for
// a period through the review flow (`merit flow show WS review`).
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "cli/command.hpp"
#include "cli/key_values.hpp"
#include "cli/output.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "engine/number_text.hpp"
#include "engine/text_table.hpp"
#include "workflow/review.hpp"

namespace merit {
namespace {

struct ReviewArgs {
    std::string workspace, review, action, reason, text, kind, due, target;
    std::vector<std::string> ratings, comments, raters, items;
    std::string period, state, manager;
    int remove = 0;
    bool as_json = false;
};

std::vector<ItemRating> ratings_of(const ReviewArgs& a) {
    std::vector<ItemRating> out;
    for (const auto& [item, score] : key_numbers("--rating", a.ratings)) out.push_back({item, score, ""});
    for (const auto& text : a.comments) {
        const auto [item, comment] = split_key_value("--comment", text);
        bool found = false;
        for (auto& r : out)
            if (r.item == item) {
                r.comment = comment;
                found = true;
            }
        if (!found)
            throw UsageError(fmt::format("--comment {}: no --rating {}=SCORE to comment on", item, item));
    }
    return out;
}

std::string ratings_text(const std::vector<ItemRating>& ratings) {
    std::string out;
    for (const auto& r : ratings) {
        out += fmt::format("    {:<20} {}\n", r.item, number_text(r.score));
        if (!r.comment.empty()) out += fmt::format("      {}\n", r.comment);
    }
    return out;
}

std::string review_text(const Review& r) {
    std::string out = fmt::format("review {}  {} ({})  state {} {}\n", r.key.text(), r.manager_name,
                                  r.org_unit_id, r.state, r.state_label);
    if (!r.items.empty()) {
        out += "from earlier results:\n";
        for (const auto& i : r.items)
            out += fmt::format("  {}. [{}] {}: {} ({})\n", i.seq, i.source, i.kind, i.value, i.reason);
    }
    out += "goals:\n";
    for (const auto& g : r.goals)
        out += fmt::format(
            "  {}. {}{}\n", g.seq, g.text,
            g.target ? fmt::format("  (target {} = {})", g.target_key, number_text(*g.target)) : "");
    if (!r.self_text.empty())
        out += "self-assessment:\n  " + r.self_text + "\n" + ratings_text(r.self_ratings);
    if (!r.supervisor_comment.empty())
        out += fmt::format("supervisor {}:\n  {}\n", r.supervisor_id, r.supervisor_comment) +
               ratings_text(r.supervisor_ratings);
    if (r.run_id) out += fmt::format("calibrated in run {}\n", *r.run_id);
    if (!r.interview_notes.empty())
        out += fmt::format("interview {}:\n  {}\n", r.interview_at, r.interview_notes);
    if (!r.contest_reason.empty()) out += "contested: " + r.contest_reason + "\n";
    if (!r.plans.empty()) {
        out += "plans:\n";
        for (const auto& p : r.plans)
            out += fmt::format("  {}. [{}] {} (due {})\n", p.seq, p.kind, p.text, p.due);
    }
    out += "next: ";
    for (size_t i = 0; i < r.next_actions.size(); ++i) out += (i ? ", " : "") + r.next_actions[i];
    out += r.next_actions.empty() ? "nothing (closed)\n" : "\n";
    return out;
}

void print(const Review& r, bool as_json) {
    std::cout << (as_json ? json_line(review_json(r)) : review_text(r));
}

void add_common(CLI::App* cmd, ReviewArgs& a, bool with_review = true) {
    cmd->add_option("WS", a.workspace, "The workspace file")->required();
    if (with_review) cmd->add_option("REVIEW", a.review, "MANAGER/PERIOD, e.g. CM01/2026-Q2")->required();
    cmd->add_flag("--json", a.as_json, "Print JSON");
}

// The callback of a subcommand that changes or reads one review and prints it.
using ReviewStep = Review (*)(sqlite3*, const ReviewKey&, const ReviewArgs&);
void on_review(CLI::App* cmd, const GlobalOptions& global, const ReviewArgs& a, ReviewStep step) {
    cmd->callback([&global, &a, step] {
        const Workspace ws = global.open_workspace(a.workspace);
        print(step(ws.db(), ReviewKey::parse(a.review), a), a.as_json);
    });
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* review = app.add_subcommand("review", "A manager's review for a period: goals to plans (seed 004)");
    review->require_subcommand(1);
    static ReviewArgs a;

    auto* open = review->add_subcommand("open", "Open the review in the flow's first state");
    add_common(open, a);
    on_review(open, global, a,
              [](sqlite3* db, const ReviewKey& k, const ReviewArgs&) { return open_review(db, k); });

    auto* show = review->add_subcommand("show", "Everything on one review, and what can happen next");
    add_common(show, a);
    on_review(show, global, a,
              [](sqlite3* db, const ReviewKey& k, const ReviewArgs&) { return read_review(db, k); });

    auto* list = review->add_subcommand("list", "The reviews you may read");
    add_common(list, a, false);
    list->add_option("--period", a.period, "Only this period");
    list->add_option("--state", a.state, "Only this state");
    list->add_option("--manager", a.manager, "Only this manager");
    list->callback([&global] {
        const Workspace ws = global.open_workspace(a.workspace);
        std::string period = a.period;
        if (!period.empty()) period = ReviewKey::parse("x/" + period).period;
        const auto reviews = list_reviews(ws.db(), {period, a.state, a.manager});
        if (a.as_json) {
            boost::json::array rows;
            for (const auto& r : reviews) rows.push_back(review_json(r));
            std::cout << json_line(rows);
            return;
        }
        TextTable table({"review", "name", "unit", "state", ""});
        for (const auto& r : reviews)
            table.add_row({r.key.text(), r.manager_name, r.org_unit_id, r.state, r.state_label});
        std::cout << table.render();
    });

    auto* goal = review->add_subcommand("goal", "Add a goal (or --remove N) while goals are drafted");
    add_common(goal, a);
    goal->add_option("--text", a.text, "The goal, measurable (KPI/OKR)");
    goal->add_option("--target", a.target, "KEY=VALUE: the target the scheme reads (targets.indicator)");
    goal->add_option("--remove", a.remove, "Remove goal number N instead");
    on_review(goal, global, a, [](sqlite3* db, const ReviewKey& key, const ReviewArgs& a) {
        if (a.remove) return remove_goal(db, key, a.remove);
        Goal g{0, a.text, "", std::nullopt};
        if (!a.target.empty()) {
            const auto [k, v] = split_key_value("--target", a.target);
            g.target_key = k;
            g.target = parse_cli_number("--target", v);
        }
        return add_goal(db, key, g);
    });

    auto* plan = review->add_subcommand("plan", "Add an improvement or development item (or --remove N)");
    add_common(plan, a);
    plan->add_option("--kind", a.kind, "improvement or development");
    plan->add_option("--text", a.text, "What will be done");
    plan->add_option("--due", a.due, "By when (YYYY-MM-DD)");
    plan->add_option("--remove", a.remove, "Remove plan item N instead");
    on_review(plan, global, a, [](sqlite3* db, const ReviewKey& key, const ReviewArgs& a) {
        return a.remove ? remove_plan(db, key, a.remove) : add_plan(db, key, {0, a.kind, a.text, a.due});
    });

    auto* act = review->add_subcommand("act", "Take a step of the flow (see `merit review show`: next)");
    add_common(act, a);
    act->add_option("ACTION", a.action, "propose_goals, agree_goals, submit_self, submit_scores, ...")
        ->required();
    act->add_option("--reason", a.reason, "Why (needed to send a step back, or to contest)");
    act->add_option("--text", a.text, "The self-assessment, the supervisor's comment or the interview notes");
    act->add_option("--rating", a.ratings, "ITEM=SCORE (0-100), repeatable");
    act->add_option("--comment", a.comments, "ITEM=TEXT: the supervisor's comment on a rated item");
    act->add_option("--rater", a.raters, "request_feedback: USER=peer|subordinate|customer, repeatable");
    act->add_option("--item", a.items, "request_feedback: a rating item to ask, repeatable");
    on_review(act, global, a, [](sqlite3* db, const ReviewKey& key, const ReviewArgs& a) {
        return review_act(db, key, a.action, {a.reason, a.text, ratings_of(a), a.raters, a.items});
    });
}

const CommandRegistrar registrar(50, &setup);

}  // namespace
}  // namespace merit
