// `merit feedback inbox|answer|results|list|minimum WS ...`: anonymous 360°
// feedback. Requests are made by the review's request_feedback step.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "access/authorize.hpp"
#include "cli/command.hpp"
#include "cli/key_values.hpp"
#include "cli/output.hpp"
#include "common/json_text.hpp"
#include "engine/number_text.hpp"
#include "engine/text_table.hpp"
#include "feedback/feedback.hpp"
#include "workflow/review.hpp"

namespace merit {
namespace {

struct FeedbackArgs {
    std::string workspace, review, comment;
    int64_t request = 0;
    int minimum = 0;
    std::vector<std::string> scores;
    bool as_json = false;
};

void print_requests(const std::vector<FeedbackRequest>& requests, bool as_json) {
    if (as_json) {
        boost::json::array rows;
        for (const auto& r : requests) rows.push_back(feedback_request_json(r));
        std::cout << json_line(rows);
        return;
    }
    TextTable table({"request", "manager", "period", "items", "state"});
    for (const auto& r : requests) {
        std::string items;
        for (const auto& i : r.items) items += (items.empty() ? "" : ", ") + i;
        table.add_row({std::to_string(r.id), r.manager_id, r.period, items, r.state});
    }
    std::cout << table.render();
}

std::string results_text(const FeedbackResults& results) {
    std::string out = fmt::format("feedback {}  {} {}  {} (answers shown per role from {} on)\n",
                                  results.request.id, results.request.manager_id, results.request.period,
                                  results.request.state, results.request.min_responses);
    for (const auto& r : results.roles) {
        out += fmt::format("  {}: {} of {} answered", r.role, r.answers, r.invited);
        if (!r.shown) {
            out += results.request.state == "open" ? " (shown once the request is closed)\n"
                                                   : ": too few responses\n";
            continue;
        }
        out += "\n";
        for (const auto& [item, value] : r.average)
            out += fmt::format("    {:<20} {}\n", item, number_text(value, 2));
        for (const auto& c : r.comments) out += fmt::format("    \"{}\"\n", c);
    }
    return out;
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* feedback = app.add_subcommand("feedback", "Anonymous 360° feedback: answer, results, minimum");
    feedback->require_subcommand(1);
    static FeedbackArgs a;

    auto* inbox = feedback->add_subcommand("inbox", "The open requests you are asked to answer");
    inbox->add_option("WS", a.workspace, "The workspace file")->required();
    inbox->add_flag("--json", a.as_json, "Print JSON");
    inbox->callback([&global] {
        const Workspace ws = global.open_workspace(a.workspace);
        require(ws.db(), current_actor(), "feedback.inbox", workspace_object());
        print_requests(my_feedback_requests(ws.db()), a.as_json);
    });

    auto* answer = feedback->add_subcommand("answer", "Answer a request: a score for every item (anonymous)");
    answer->add_option("WS", a.workspace, "The workspace file")->required();
    answer->add_option("--request", a.request, "The request's number (see `merit feedback inbox`)")
        ->required();
    answer->add_option("--score", a.scores, "ITEM=SCORE (0-100), one for every item")->required();
    answer->add_option("--comment", a.comment, "A comment (shown with the role's results only)");
    answer->add_flag("--json", a.as_json, "Print JSON");
    answer->callback([&global] {
        const Workspace ws = global.open_workspace(a.workspace);
        answer_feedback(ws.db(), a.request, key_numbers("--score", a.scores), a.comment);
        if (a.as_json)
            std::cout << json_line(boost::json::object{{"request", a.request}, {"stored_anonymously", true}});
        else
            people() << fmt::format("answer to feedback {} stored without your name\n", a.request);
    });

    auto* results =
        feedback->add_subcommand("results", "Averages per rater role (closed requests, enough answers)");
    results->add_option("WS", a.workspace, "The workspace file")->required();
    results->add_option("--request", a.request, "The request's number")->required();
    results->add_flag("--json", a.as_json, "Print JSON");
    results->callback([&global] {
        const Workspace ws = global.open_workspace(a.workspace);
        const auto r = feedback_results(ws.db(), a.request);
        std::cout << (a.as_json ? json_line(feedback_results_json(r)) : results_text(r));
    });

    auto* list = feedback->add_subcommand("list", "The requests of a review");
    list->add_option("WS", a.workspace, "The workspace file")->required();
    list->add_option("REVIEW", a.review, "MANAGER/PERIOD")->required();
    list->add_flag("--json", a.as_json, "Print JSON");
    list->callback([&global] {
        const Workspace ws = global.open_workspace(a.workspace);
        const Review r = read_review(ws.db(), ReviewKey::parse(a.review));
        print_requests(feedback_requests_of(ws.db(), r.key.manager_id, r.key.period), a.as_json);
    });

    auto* minimum = feedback->add_subcommand("minimum", "Show or --set the answers a role needs to be shown");
    minimum->add_option("WS", a.workspace, "The workspace file")->required();
    minimum->add_option("--set", a.minimum, "The new minimum (2 or more)");
    minimum->add_flag("--json", a.as_json, "Print JSON");
    minimum->callback([&global] {
        const Workspace ws = global.open_workspace(a.workspace);
        if (a.minimum) set_min_responses(ws.db(), a.minimum);
        const int minimum = min_responses(ws.db());
        std::cout << (a.as_json ? json_line(boost::json::object{{"min_responses", minimum}})
                                : fmt::format("feedback.min_responses = {}\n", minimum));
    });
}

const CommandRegistrar registrar(51, &setup);

}  // namespace
}  // namespace merit
