// `merit data versions WS [--json]` and `merit data show WS --version N
// [--json] [--limit K]`: the data versions of a workspace (every import,
// every review's entered ratings and targets) and what one of them changed,
// row by row, before and after.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "access/authorize.hpp"
#include "cli/command.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "store/data_versions.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

// "facts 3 inserted, 1 updated, 0 retracted, 880 unchanged; events ...".
std::string counts_text(const std::vector<TableChangeCounts>& tables) {
    std::string out;
    for (const TableChangeCounts& t : tables)
        out += fmt::format("{}{} {} inserted, {} updated, {} retracted, {} unchanged",
                           out.empty() ? "" : "; ", t.table, t.inserted, t.updated, t.retracted, t.unchanged);
    return out;
}

std::string versions_text(const std::vector<DataVersion>& versions) {
    if (versions.empty()) return "no data versions (nothing imported yet)\n";
    std::string out;
    for (const DataVersion& v : versions) {
        std::string files;
        for (const std::string& f : v.files) files += (files.empty() ? "" : ", ") + f;
        out += fmt::format("{:>4}  {}  {} ({})  {}", v.seq, v.at, v.actor, v.role, v.action);
        if (!files.empty()) out += "  " + files;
        out += '\n';
        if (!v.tables.empty()) out += fmt::format("      {}\n", counts_text(v.tables));
    }
    return out;
}

std::string value_text(const boost::json::value& v) {
    if (v.is_null()) return "(empty)";
    if (v.is_string()) return fmt::format("'{}'", std::string_view(v.as_string()));
    return json_text(v);
}

std::string key_text(const boost::json::object& key) {
    std::string out;
    for (const auto& [column, value] : key)
        out += fmt::format("{}{}={}", out.empty() ? "" : " ", std::string_view(column),
                           value.is_string() ? std::string(value.as_string()) : json_text(value));
    return out;
}

// The non-key columns of a row ("value 12.5, note 'x'"), or for an update
// only those that changed ("note 'x' -> 'y'").
std::string row_text(const RowChange& row) {
    const boost::json::object& shown = row.after ? *row.after : *row.before;
    std::string out;
    for (const auto& [column, value] : shown) {
        if (row.key.contains(column)) continue;
        if (row.before && row.after) {
            const boost::json::value& old = row.before->at(column);
            if (old == value) continue;
            out += fmt::format("{}{} {} -> {}", out.empty() ? "" : ", ", std::string_view(column),
                               value_text(old), value_text(value));
        } else {
            out +=
                fmt::format("{}{} {}", out.empty() ? "" : ", ", std::string_view(column), value_text(value));
        }
    }
    return out;
}

std::string show_text(const DataVersion& v, const std::vector<TableChanges>& changes, size_t limit) {
    std::string out = versions_text({v});
    if (changes.empty()) out += "no row changed\n";
    for (const TableChanges& t : changes) {
        out += fmt::format("{}: {} inserted, {} updated, {} retracted\n", t.table, t.inserted, t.updated,
                           t.retracted);
        for (size_t i = 0; i < t.rows.size(); ++i) {
            if (limit && i == limit) {
                out +=
                    fmt::format("  ... and {} more (--limit 0 or --json shows all)\n", t.rows.size() - limit);
                break;
            }
            const RowChange& row = t.rows[i];
            out += fmt::format("  {:<9} {}: {}\n", row.change, key_text(row.key), row_text(row));
        }
    }
    return out;
}

std::string show_json(const DataVersion& v, const std::vector<TableChanges>& changes) {
    boost::json::array tables;
    for (const TableChanges& t : changes) {
        boost::json::array rows;
        for (const RowChange& r : t.rows) {
            boost::json::object row{{"change", r.change}, {"key", r.key}};
            row["before"] = r.before ? boost::json::value(*r.before) : boost::json::value(nullptr);
            row["after"] = r.after ? boost::json::value(*r.after) : boost::json::value(nullptr);
            rows.push_back(std::move(row));
        }
        tables.push_back(boost::json::object{{"table", t.table},
                                             {"inserted", t.inserted},
                                             {"updated", t.updated},
                                             {"retracted", t.retracted},
                                             {"rows", std::move(rows)}});
    }
    return json_line(boost::json::object{{"version", data_version_json(v)}, {"changes", std::move(tables)}});
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* data = app.add_subcommand("data", "The data versions of a workspace and what each changed");
    data->require_subcommand(1);
    static std::string workspace;
    static bool as_json = false;
    static int64_t version = 0;
    static size_t limit = 20;

    auto* versions =
        data->add_subcommand("versions", "Every data version: who imported or entered what, when");
    versions->add_option("WS", workspace, "The workspace file")->required();
    versions->add_flag("--json", as_json, "Print JSON");
    versions->callback([&global] {
        const Workspace ws = global.open_workspace(workspace);
        require(ws.db(), current_actor(), "audit.read", workspace_object());
        const auto all = read_data_versions(ws.db());
        if (!as_json) {
            std::cout << versions_text(all);
            return;
        }
        boost::json::array out;
        for (const DataVersion& v : all) out.push_back(data_version_json(v));
        std::cout << json_line(out);
    });

    auto* show = data->add_subcommand("show", "What one data version changed: each row before and after");
    show->add_option("WS", workspace, "The workspace file")->required();
    show->add_option("--version", version, "The data version (merit data versions lists them)")
        ->required()
        ->check(CLI::PositiveNumber);
    show->add_option("--limit", limit, "Rows listed per table (default 20, 0: all); --json lists all");
    show->add_flag("--json", as_json, "Print JSON");
    show->callback([&global] {
        const Workspace ws = global.open_workspace(workspace);
        require(ws.db(), current_actor(), "audit.read", workspace_object());
        const auto found = read_data_version(ws.db(), version);
        if (!found)
            throw UserError(
                fmt::format("{}: no data version {} (merit data versions lists them)", workspace, version));
        const auto changes = data_version_changes(ws.db(), version);
        std::cout << (as_json ? show_json(*found, changes) : show_text(*found, changes, limit));
    });
}

const CommandRegistrar registrar(21, &setup);

}  // namespace
}  // namespace merit
