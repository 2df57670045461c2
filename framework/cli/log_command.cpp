// `merit log WS [--json] [--limit N]`: the audit log — who initialised,
// imported, ran or finalised what, when and why, and what changed — oldest
// first.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "access/authorize.hpp"
#include "cli/command.hpp"
#include "common/json_text.hpp"
#include "store/audit_log.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

std::string scalar_text(const boost::json::value& v) {
    return v.is_string() ? std::string(v.as_string()) : json_text(v);
}

// "org_units 2 inserted, 0 updated, 0 unchanged; managers ...".
std::string table_counts(const boost::json::array& tables) {
    std::string out;
    for (const auto& t : tables) {
        if (!t.is_object()) continue;
        const auto& o = t.as_object();
        out += out.empty() ? "" : "; ";
        out += o.contains("table") ? scalar_text(o.at("table")) : "?";
        bool first = true;
        for (const auto& [key, value] : o) {
            if (key == "table") continue;
            out += fmt::format("{}{} {}", first ? " " : ", ", scalar_text(value), std::string_view(key));
            first = false;
        }
    }
    return out;
}

// The detail as one line: arrays of names comma-joined, the import's table
// counts spelled out, anything else `key value`.
std::string detail_text(const std::string& detail) {
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(detail, ec);
    if (ec || !parsed.is_object()) return detail;
    std::string out;
    for (const auto& [key, value] : parsed.as_object()) {
        out += out.empty() ? "" : "; ";
        if (key == "tables" && value.is_array()) {
            out += table_counts(value.as_array());
            continue;
        }
        if (key == "text") {
            out += scalar_text(value);
            continue;
        }
        std::string shown;
        if (value.is_array()) {
            for (const auto& item : value.as_array())
                shown += (shown.empty() ? "" : ", ") + scalar_text(item);
        } else {
            shown = scalar_text(value);
        }
        out += fmt::format("{} {}", std::string_view(key), shown);
    }
    return out;
}

std::string log_json(const std::vector<AuditEntry>& entries) {
    boost::json::array rows;
    for (const AuditEntry& e : entries) {
        boost::system::error_code ec;
        boost::json::value detail = boost::json::parse(e.detail, ec);
        if (ec) detail = e.detail;
        rows.push_back(boost::json::object{{"id", e.id},
                                           {"at", e.at},
                                           {"actor", e.actor},
                                           {"role", e.role},
                                           {"action", e.action},
                                           {"object", e.object},
                                           {"detail", detail},
                                           {"reason", e.reason},
                                           {"prev_hash", e.prev_hash},
                                           {"hash", e.hash}});
    }
    return json_line(rows);
}

std::string log_text(const std::vector<AuditEntry>& entries) {
    std::string out;
    for (const AuditEntry& e : entries) {
        out += fmt::format("{:>4}  {}  {} ({})  {:<8}  {}", e.id, e.at, e.actor, e.role, e.action, e.object);
        const std::string detail = detail_text(e.detail);
        if (!detail.empty()) out += "  " + detail;
        if (!e.reason.empty()) out += fmt::format("  reason: {}", e.reason);
        out += '\n';
    }
    return out;
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd = app.add_subcommand("log", "Who initialised, imported, ran or finalised what, when and why");
    static std::string workspace;
    static bool as_json = false;
    static size_t limit = 0;
    cmd->add_option("WS", workspace, "The workspace file")->required();
    cmd->add_flag("--json", as_json, "Print JSON");
    cmd->add_option("--limit", limit, "Only the latest N entries (still oldest first)")
        ->check(CLI::PositiveNumber);
    cmd->callback([&global] {
        const Workspace ws = global.open_workspace(workspace);
        require(ws.db(), current_actor(), "audit.read", workspace_object());
        const auto entries = read_audit(ws.db(), limit);
        std::cout << (as_json ? log_json(entries) : log_text(entries));
    });
}

const CommandRegistrar registrar(48, &setup);

}  // namespace
}  // namespace merit
