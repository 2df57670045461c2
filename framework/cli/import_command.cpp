// `merit import WS FILE... | --dir DIR [--table T] [--sheet S] [--lenient]
// [--replace-period P | --replace]`: CSV input files and .xlsx worksheets
// into a workspace, all or nothing; one summary line per table and the data
// version written.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "access/authorize.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "import/column_map.hpp"
#include "import/importer.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

struct ImportArgs {
    std::string workspace;
    std::vector<std::string> files;
    std::string dir;
    std::string table;
    std::string sheet;
    std::string map;
    std::string encoding;
    bool lenient = false;
    std::string replace_period;
    bool replace = false;
    size_t max_errors = 50;
    bool json = false;
};

// Every problem is its own `merit: error:` line; main() prints the closing
// one and exits with status 1.
void print_problem_lines(std::string_view text) {
    while (!text.empty()) {
        const size_t newline = text.find('\n');
        std::cerr << "merit: error: " << text.substr(0, newline) << '\n';
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    }
}

std::string summaries_json(const ImportArgs& args, const std::vector<TableSummary>& summaries) {
    boost::json::array tables;
    for (const TableSummary& s : summaries)
        tables.push_back(boost::json::object{{"table", s.table},
                                             {"inserted", s.inserted},
                                             {"updated", s.updated},
                                             {"retracted", s.retracted},
                                             {"unchanged", s.unchanged}});
    return json_line(boost::json::object{{"workspace", args.workspace},
                                         {"version", summaries.empty() ? 0 : summaries.front().version},
                                         {"tables", std::move(tables)}});
}

// --map FILE, else merit.json's `columns` section, else none. Its problems
// are each their own line, like the import's.
std::shared_ptr<const ColumnMap> column_map(const ImportArgs& args, const GlobalOptions& global) {
    try {
        if (!args.map.empty()) return std::make_shared<const ColumnMap>(ColumnMap::load(args.map));
        const HostConfig config = global.host_config();
        if (!config.columns) return nullptr;
        return std::make_shared<const ColumnMap>(
            ColumnMap::parse(*config.columns, config.source.filename().string(), "columns"));
    } catch (const ImportError& e) {
        print_problem_lines(e.what());
        throw UserError("the column mapping has problems: nothing was imported");
    }
}

void run(const ImportArgs& args, const GlobalOptions& global) {
    if (args.files.empty() == args.dir.empty()) throw UsageError("import: give either FILE... or --dir DIR");
    if (!args.dir.empty() && !args.table.empty())
        throw UsageError("import: --table applies to FILE..., not --dir");
    if (!args.dir.empty() && !args.sheet.empty())
        throw UsageError(
            "import: --sheet applies to FILE..., not --dir (there sheets are named after tables)");
    ImportOptions options;
    options.lenient = args.lenient;
    options.max_errors = args.max_errors;
    if (!args.table.empty()) options.table = args.table;
    if (!args.sheet.empty()) options.sheet = args.sheet;
    options.columns = column_map(args, global);
    if (!args.encoding.empty()) options.encoding = args.encoding;
    if (!args.replace_period.empty()) options.replace_period = args.replace_period;
    options.replace = args.replace;

    Workspace ws = global.open_workspace(args.workspace);
    require(ws.db(), current_actor(), "import", workspace_object());
    std::vector<TableSummary> summaries;
    try {
        if (!args.dir.empty()) {
            summaries = import_directory(ws, args.dir, options);
        } else {
            summaries = import_files(ws, {args.files.begin(), args.files.end()}, options);
        }
    } catch (const ImportError& e) {
        print_problem_lines(e.what());
        throw UserError(fmt::format("{}: nothing was imported", args.workspace));
    }
    if (args.json) {
        std::cout << summaries_json(args, summaries);
        return;
    }
    for (const TableSummary& s : summaries)
        people() << fmt::format("{}: {} inserted, {} updated, {} retracted, {} unchanged\n", s.table,
                                s.inserted, s.updated, s.retracted, s.unchanged);
    if (!summaries.empty()) people() << fmt::format("data version {}\n", summaries.front().version);
}

void setup(CLI::App& app, GlobalOptions& global) {
    static ImportArgs args;
    auto* cmd = app.add_subcommand("import",
                                   "Import CSV files and Excel worksheets into a workspace (all or nothing)");
    cmd->add_option("WS", args.workspace, "The workspace file")->required();
    cmd->add_option(
        "FILE", args.files,
        "CSV files (the table is the file name: facts.csv -> facts) and .xlsx workbooks (each sheet "
        "named after a table, or a one-sheet facts.xlsx)");
    cmd->add_option(
        "--dir", args.dir,
        "Import every known <table>.csv in this directory, and the workbooks named after a table or "
        "with sheets named after tables");
    cmd->add_option(
        "--sheet", args.sheet,
        "Import only this sheet of each workbook (its table: --table, the sheet's or the file's name)");
    cmd->add_option("--table", args.table, "The table of every FILE, whatever its name");
    cmd->add_option(
        "--encoding", args.encoding,
        "The files' encoding (GBK, GB18030, UTF-16LE, WINDOWS-1252, ...); detected when not given: "
        "UTF-8, UTF-16 with a BOM, GB18030/GBK");
    cmd->add_flag("--lenient", args.lenient, "Ignore unknown columns instead of rejecting the file");
    cmd->add_option("--replace-period", args.replace_period,
                    "Each file is the whole truth for its table inside period P (facts, events by date; "
                    "targets, ratings by period): rows dated in P that it lacks are retracted");
    cmd->add_flag(
        "--replace", args.replace,
        "Each file is the whole table (org_units, roles, managers, customers, assignments, metrics): rows "
        "it lacks are retracted");
    cmd->add_option("--max-errors", args.max_errors,
                    "Problems listed before the rest are only counted (default 50)");
    cmd->add_option("--map", args.map,
                    "A column mapping (JSON): the organisation's headers per table (工号 -> manager_id) with "
                    "their date and number formats; instead of merit.json's \"columns\"");
    add_json_flag(cmd, args.json);
    cmd->callback([&global] { run(args, global); });
}

const CommandRegistrar registrar(20, &setup);

}  // namespace
}  // namespace merit
