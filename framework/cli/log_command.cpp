// `merit log WS [--json] [--limit N]`: the audit log — who initialised,
// imported, ran or finalised what and when — oldest first.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "cli/command.hpp"
#include "store/audit_log.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

std::string log_json(const std::vector<AuditEntry>& entries) {
    boost::json::array rows;
    for (const AuditEntry& e : entries)
        rows.push_back(boost::json::object{
            {"id", e.id}, {"at", e.at}, {"actor", e.actor}, {"command", e.command}, {"detail", e.detail}});
    return boost::json::serialize(rows) + "\n";
}

std::string log_text(const std::vector<AuditEntry>& entries) {
    std::string out;
    for (const AuditEntry& e : entries)
        out += fmt::format("{:>4}  {}  {}  {:<8}  {}\n", e.id, e.at, e.actor, e.command, e.detail);
    return out;
}

void setup(CLI::App& app, GlobalOptions&) {
    auto* cmd = app.add_subcommand("log", "Who initialised, imported, ran or finalised what and when");
    static std::string workspace;
    static bool as_json = false;
    static size_t limit = 0;
    cmd->add_option("WS", workspace, "The workspace file")->required();
    cmd->add_flag("--json", as_json, "Print JSON");
    cmd->add_option("--limit", limit, "Only the latest N entries (still oldest first)")
        ->check(CLI::PositiveNumber);
    cmd->callback([] {
        const Workspace ws = Workspace::open(workspace);
        const auto entries = read_audit(ws.db(), limit);
        std::cout << (as_json ? log_json(entries) : log_text(entries));
    });
}

const CommandRegistrar registrar(48, &setup);

}  // namespace
}  // namespace merit
