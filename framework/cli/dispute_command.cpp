// `merit dispute open|request-info|reply|review|uphold|reject|withdraw|show|list WS ...`:
// a manager's dispute of a result line through the `dispute` flow.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "cli/command.hpp"
#include "common/json_text.hpp"
#include "dispute/dispute.hpp"
#include "engine/text_table.hpp"

namespace merit {
namespace {

struct DisputeArgs {
    std::string workspace, manager, line, reason, correction, note;
    int64_t run = 0, dispute = 0, correction_run = 0;
    bool as_json = false;
};

std::string dispute_text(const Dispute& d) {
    std::string out = fmt::format("dispute:{}  run {} · {} · {}  state {}\n  reason: {}\n", d.id, d.run_id,
                                  d.manager_id, d.line, d.state, d.reason);
    if (d.correction == "superseding_run")
        out += fmt::format("  correction: superseded by run {}\n", *d.correction_run);
    if (d.correction == "next_period") out += "  correction: in the next period: " + d.correction_note + "\n";
    for (const auto& e : d.events)
        out += fmt::format("  {} {} {}{}{}\n", e.at, e.by, e.action,
                           e.from.empty() ? " -> " + e.to : " " + e.from + " -> " + e.to,
                           e.text.empty() ? "" : ": " + e.text);
    out += "next: ";
    for (size_t i = 0; i < d.next_actions.size(); ++i) out += (i ? ", " : "") + d.next_actions[i];
    out += d.next_actions.empty() ? "nothing (decided)\n" : "\n";
    return out;
}

void print(const Dispute& d, bool as_json) {
    std::cout << (as_json ? json_line(dispute_json(d)) : dispute_text(d));
}

void add_step(CLI::App* parent, const GlobalOptions& global, DisputeArgs& a, const char* name,
              const char* action, const char* help) {
    auto* cmd = parent->add_subcommand(name, help);
    cmd->add_option("WS", a.workspace, "The workspace file")->required();
    cmd->add_option("--dispute", a.dispute, "The dispute's number")->required();
    cmd->add_option("--reason", a.reason, "Why, the question or the information");
    if (std::string_view(action) == "uphold") {
        cmd->add_option("--correction", a.correction, "superseding_run or next_period")->required();
        cmd->add_option("--correction-run", a.correction_run, "superseding_run: the run that replaces it");
        cmd->add_option("--note", a.note, "next_period: the adjustment to make");
    }
    add_json_flag(cmd, a.as_json);
    cmd->callback([&global, &a, action] {
        const Workspace ws = global.open_workspace(a.workspace);
        print(dispute_act(ws.db(), a.dispute, action, {a.reason, a.correction, a.correction_run, a.note}),
              a.as_json);
    });
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* dispute = app.add_subcommand("dispute", "A manager's dispute of a result line: open to decision");
    dispute->require_subcommand(1);
    static DisputeArgs a;

    auto* open = dispute->add_subcommand("open", "Dispute a line of your released or calibrated run");
    open->add_option("WS", a.workspace, "The workspace file")->required();
    open->add_option("--run", a.run, "The run")->required();
    open->add_option("--manager", a.manager, "The manager (yourself)")->required();
    open->add_option("--line", a.line, "total, rating, pay:CODE or indicator:ID")->required();
    open->add_option("--reason", a.reason, "Why (required)")->required();
    add_json_flag(open, a.as_json);
    open->callback([&global] {
        const Workspace ws = global.open_workspace(a.workspace);
        print(open_dispute(ws.db(), a.run, a.manager, a.line, a.reason), a.as_json);
    });
    add_step(dispute, global, a, "request-info", "request_info",
             "Ask the manager for information (reason: the question)");
    add_step(dispute, global, a, "reply", "reply", "Give the information asked (reason: the information)");
    add_step(dispute, global, a, "review", "review", "Take the dispute under review");
    add_step(dispute, global, a, "uphold", "uphold", "Uphold it, with the correction (hr_admin)");
    add_step(dispute, global, a, "reject", "reject", "Reject it, with the reason (hr_admin)");
    add_step(dispute, global, a, "withdraw", "withdraw", "Withdraw your dispute");

    auto* show = dispute->add_subcommand("show", "A dispute, its history and outcome");
    show->add_option("WS", a.workspace, "The workspace file")->required();
    show->add_option("--dispute", a.dispute, "The dispute's number")->required();
    add_json_flag(show, a.as_json);
    show->callback([&global] {
        const Workspace ws = global.open_workspace(a.workspace);
        print(read_dispute(ws.db(), a.dispute), a.as_json);
    });

    auto* list = dispute->add_subcommand("list", "The disputes you may read");
    list->add_option("WS", a.workspace, "The workspace file")->required();
    add_json_flag(list, a.as_json);
    list->callback([&global] {
        const Workspace ws = global.open_workspace(a.workspace);
        const auto disputes = list_disputes(ws.db());
        if (a.as_json) {
            boost::json::array rows;
            for (const auto& d : disputes) rows.push_back(dispute_json(d));
            std::cout << json_line(rows);
            return;
        }
        TextTable t({"dispute", "run", "manager", "line", "state"});
        for (const auto& d : disputes)
            t.add_row({std::to_string(d.id), std::to_string(d.run_id), d.manager_id, d.line, d.state});
        std::cout << t.render();
    });
}

const CommandRegistrar registrar(54, &setup);

}  // namespace
}  // namespace merit
