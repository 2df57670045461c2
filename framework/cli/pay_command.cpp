// `merit pay approvers|submit|approve|release|status|export WS ...`: a run's
// pay through four-eyes approval to the payroll file (pay/pay_approval.hpp).
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "pay/pay_approval.hpp"
#include "pay/payroll_export.hpp"
#include "report/report_files.hpp"

namespace merit {
namespace {

struct PayArgs {
    std::string workspace, reason, format, out, approvers;
    int64_t run = 0;
    int required = 0;
    bool as_json = false;
};

std::string approval_text(const PayApproval& a) {
    std::string out = fmt::format("run {}: pay {}", a.run_id, a.state);
    if (a.state == "calculated") return out + " (not submitted)\n";
    out += fmt::format(", {} of {} approvals needed from {} approvers\n", a.approvals.size(), a.required,
                       a.approvers.size());
    out += fmt::format("  submitted by {} at {}{}\n", a.submitted_by, a.submitted_at,
                       a.submit_reason.empty() ? "" : ": " + a.submit_reason);
    for (const auto& v : a.approvals)
        out += fmt::format("  approved by {} at {}{}\n", v.user_id, v.at,
                           v.reason.empty() ? "" : ": " + v.reason);
    if (!a.released_by.empty()) out += fmt::format("  released by {} at {}\n", a.released_by, a.released_at);
    return out;
}

std::vector<std::string> id_list(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = std::min(text.find(',', start), text.size());
        out.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

void add_run(CLI::App* cmd, PayArgs& a) {
    cmd->add_option("WS", a.workspace, "The workspace file")->required();
    cmd->add_option("--run", a.run, "The run's id")->required();
}

using PayStep = PayApproval (*)(sqlite3*, int64_t, std::string_view);
void add_step(CLI::App* pay, const GlobalOptions& global, PayArgs& a, const char* name, const char* help,
              PayStep step, const char* done) {
    auto* cmd = pay->add_subcommand(name, help);
    add_run(cmd, a);
    cmd->add_option("--reason", a.reason, "Why (stored in the audit log)");
    add_json_flag(cmd, a.as_json);
    cmd->callback([&global, &a, step, done] {
        const Workspace ws = global.open_workspace(a.workspace);
        const PayApproval after = step(ws.db(), a.run, a.reason);
        if (a.as_json) {
            std::cout << json_line(pay_approval_json(after));
            return;
        }
        people() << fmt::format("run {}: {}; pay is {}\n", a.run, done, after.state);
    });
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* pay = app.add_subcommand("pay", "A run's pay: four-eyes approval, release, payroll export");
    pay->require_subcommand(1);
    static PayArgs a;

    auto* approvers = pay->add_subcommand("approvers", "Show or --set who approves pay and how many must");
    approvers->add_option("WS", a.workspace, "The workspace file")->required();
    approvers->add_option("--set", a.approvers,
                          "USER,USER,...: the approvers (hr_admin, supervisor, payroll)");
    approvers->add_option("--required", a.required, "How many of them must approve (k of n)");
    add_json_flag(approvers, a.as_json);
    approvers->callback([&global] {
        const Workspace ws = global.open_workspace(a.workspace);
        if (!a.approvers.empty() || a.required) {
            if (a.approvers.empty() || !a.required)
                throw UsageError("pay approvers: --set and --required go together");
            set_pay_approval_rule(ws.db(), {a.required, id_list(a.approvers)});
        }
        const PayApprovalRule rule = pay_approval_rule(ws.db());
        if (a.as_json) {
            boost::json::array ids;
            for (const auto& id : rule.approvers) ids.emplace_back(id);
            std::cout << json_line(boost::json::object{{"required", rule.required}, {"approvers", ids}});
            return;
        }
        std::string ids;
        for (const auto& id : rule.approvers) ids += (ids.empty() ? "" : ", ") + id;
        std::cout << fmt::format("pay.approval: {} of {}\n", rule.required, ids);
    });

    add_step(pay, global, a, "submit", "Submit a final run's pay for approval", &submit_pay, "pay submitted");
    add_step(pay, global, a, "approve", "Approve a run's submitted pay (not your own submission)",
             &approve_pay, "approved");
    add_step(pay, global, a, "release", "Release a run's approved pay to payroll (final)", &release_pay,
             "pay released");

    auto* status = pay->add_subcommand("status", "Where a run's pay approval stands");
    add_run(status, a);
    add_json_flag(status, a.as_json);
    status->callback([&global] {
        const Workspace ws = global.open_workspace(a.workspace);
        const PayApproval s = pay_status(ws.db(), a.run);
        std::cout << (a.as_json ? json_line(pay_approval_json(s)) : approval_text(s));
    });

    auto* exp = pay->add_subcommand("export", "The payroll file of a released run (fen as integers)");
    add_run(exp, a);
    exp->add_option("--format", a.format, "csv or json")->required();
    exp->add_option("--out", a.out, "Write the file here (mode 0600) instead of standard output");
    add_json_flag(exp, a.as_json);
    exp->callback([&global] {
        check_payroll_format(a.format);
        if (a.as_json && a.out.empty())
            throw UsageError(
                "pay export: --json says which file was written: give --out (--format json prints "
                "the payroll)");
        const Workspace ws = global.open_workspace(a.workspace);
        const Payroll p = export_payroll(ws.db(), a.run, a.format, [](const std::string& text) {
            if (a.out.empty())
                std::cout << text << std::flush;
            else
                report::write_report_text(a.out, text);
        });
        if (a.as_json)
            std::cout << json_line(boost::json::object{{"run", a.run},
                                                       {"format", a.format},
                                                       {"file", a.out},
                                                       {"managers", p.rows.size()},
                                                       {"total_fen", p.total_fen}});
        else if (!a.out.empty())
            people() << fmt::format("wrote {} ({} managers, {} fen)\n", a.out, p.rows.size(), p.total_fen);
    });
}

const CommandRegistrar registrar(52, &setup);

}  // namespace
}  // namespace merit
