#include "import/importer.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "import/column_map.hpp"
#include "import/id_sets.hpp"
#include "import/problem_list.hpp"
#include "import/replacement.hpp"
#include "import/sheet_import.hpp"
#include "import/stock_repeats.hpp"
#include "import/table_import.hpp"
#include "import/table_specs.hpp"
#include "store/audit_log.hpp"
#include "store/data_versions.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

struct PlannedFile {
    size_t order;  // the table's place in the dependency order
    const TableSpec* table;
    std::filesystem::path path;
    // A worksheet of a workbook instead of a CSV file.
    std::shared_ptr<Workbook> workbook;
    std::string sheet;

    // "facts.csv", "book.xlsx:facts".
    std::string name() const { return workbook ? sheet_source_name(path, sheet) : path.string(); }
};

size_t order_of(const TableSpec* table) {
    return static_cast<size_t>(table - table_specs().data());
}

// --replace-period only for dated tables, --replace only for undated ones,
// and one file per table: the file is the whole truth for what it covers.
void check_replacement(const std::vector<PlannedFile>& planned, const ImportOptions& options,
                       ProblemList& problems) {
    if (!options.replace && !options.replace_period) return;
    if (options.replace && options.replace_period)
        throw ImportError("--replace and --replace-period: give one (--replace is for undated tables)");
    std::set<const TableSpec*> seen;
    for (const PlannedFile& file : planned) {
        const bool dated = dating_of(*file.table) != Dating::none;
        if (options.replace_period && !dated)
            problems.add_file(
                file.name(), fmt::format("--replace-period: {} rows have no date or period (use --replace to "
                                         "make the file the whole table)",
                                         file.table->name));
        if (options.replace && dated)
            problems.add_file(file.name(),
                              fmt::format("--replace: {} rows are dated (use --replace-period P to replace a "
                                          "period's rows)",
                                          file.table->name));
        if (!seen.insert(file.table).second)
            problems.add_file(file.name(),
                              fmt::format("a second file for {}: with --replace{} each table takes one file",
                                          file.table->name, options.replace ? "" : "-period"));
    }
}

std::optional<Replacement> replacement_of(const ImportOptions& options) {
    if (options.replace) return Replacement{};
    if (!options.replace_period) return std::nullopt;
    try {
        return Replacement{Period::parse(*options.replace_period)};
    } catch (const UserError& e) {
        throw ImportError(fmt::format("--replace-period: {}", e.what()));
    }
}

bool retracted_parents(const std::vector<TableSummary>& tables) {
    for (const TableSummary& t : tables)
        if (t.retracted &&
            (t.table == "org_units" || t.table == "roles" || t.table == "managers" || t.table == "customers"))
            return true;
    return false;
}

// A metric's kind replaced or its row retracted: a flow may have become a
// stock (import/stock_repeats.hpp).
bool metric_kinds_changed(const std::vector<TableSummary>& tables) {
    for (const TableSummary& t : tables)
        if (t.table == "metrics" && (t.updated || t.retracted)) return true;
    return false;
}

// The sheets of one workbook, each a planned source of its table.
void plan_workbook_file(const std::filesystem::path& path, const ImportOptions& options,
                        ProblemList& problems, std::vector<PlannedFile>& planned) {
    std::shared_ptr<Workbook> workbook;
    try {
        workbook = std::make_shared<Workbook>(path, options.workbook_limits);
    } catch (const WorkbookError& e) {
        problems.add_file(path.string(), e.what());
        return;
    }
    for (const PlannedSheet& sheet : plan_workbook(path, *workbook, options, problems))
        planned.push_back({order_of(sheet.table), sheet.table, path, workbook, sheet.sheet});
}

std::vector<PlannedFile> plan(const std::vector<std::filesystem::path>& files, const ImportOptions& options,
                              ProblemList& problems) {
    const TableSpec* forced = nullptr;
    if (options.table) {
        forced = find_table_spec(*options.table);
        if (!forced)
            throw ImportError(fmt::format("--table '{}': no such input table (expected one of {})",
                                          *options.table, table_names()));
    }
    std::vector<PlannedFile> planned;
    for (const auto& path : files) {
        if (is_workbook_file(path)) {
            plan_workbook_file(path, options, problems, planned);
            continue;
        }
        if (options.sheet) {
            problems.add_file(path.string(), "--sheet applies to .xlsx workbooks, and this is no .xlsx file");
            continue;
        }
        const TableSpec* table = forced;
        if (!table && path.extension() == ".csv") table = find_table_spec(path.stem().string());
        if (!table && path.extension() == ".xls") {
            problems.add_file(path.string(),
                              "an Excel 97-2003 workbook (.xls): open it in Excel and save it as an .xlsx "
                              "workbook (or export the sheet as CSV UTF-8)");
            continue;
        }
        if (!table) {
            problems.add_file(
                path.string(),
                fmt::format("cannot tell the table from the file name (expected <table>.csv with "
                            "<table> one of {}; or give --table)",
                            table_names()));
            continue;
        }
        planned.push_back({order_of(table), table, path, nullptr, ""});
    }
    check_replacement(planned, options, problems);
    // Parents before children, so that references resolve within one call.
    std::stable_sort(planned.begin(), planned.end(),
                     [](const PlannedFile& a, const PlannedFile& b) { return a.order < b.order; });
    return planned;
}

// The import's own connection (see Workspace::open_unlocked_connection: the
// parsing thread and the writer thread take turns with it), set up for bulk
// writing:
// - a bigger page cache: a 10-million-row table does not fit SQLite's default
//   2 MB, and keys in random order would thrash it;
// - CHECK constraints off: every value has been checked by the importer
//   before it is bound (check_cell), and SQLite evaluates `x IN (...)`
//   checks by building a temporary b-tree for every row, which was a third
//   of the time of a large import;
// - foreign keys off for the same reason: every reference has been checked
//   against the ids of the workspace and of this call (IdSets) before its
//   row is written, and SQLite's check is one more b-tree search per
//   reference, per row.
Connection open_import_connection(const Workspace& workspace) {
    Connection connection = workspace.open_unlocked_connection();
    exec(connection.get(), "PRAGMA cache_size = -262144");
    exec(connection.get(), "PRAGMA ignore_check_constraints = ON");
    exec(connection.get(), "PRAGMA foreign_keys = OFF");
    return connection;
}

// {"version": N, "files": ["a.csv", ...], "tables": [{"table", "inserted", "updated", "retracted",
// "unchanged"}, ...]}; for a correction, "replace": "period 2026-Q2" or "table"; with a
// column map, "columns": where it came from ("map.json", "merit.json: columns").
std::string import_audit_detail(const std::vector<PlannedFile>& files,
                                const std::vector<TableSummary>& tables, int64_t version,
                                const std::string& replacement, const ColumnMap* columns) {
    boost::json::array names, counts;
    for (const PlannedFile& file : files) names.emplace_back(file.name());
    for (const TableSummary& s : tables)
        counts.push_back(boost::json::object{{"table", s.table},
                                             {"inserted", s.inserted},
                                             {"updated", s.updated},
                                             {"retracted", s.retracted},
                                             {"unchanged", s.unchanged}});
    boost::json::object detail{{"version", version}, {"files", names}, {"tables", counts}};
    if (!replacement.empty()) detail["replace"] = replacement;
    if (columns) detail["columns"] = columns->origin();
    return boost::json::serialize(detail);
}

// "period 2026-Q2", "table", "" (for the audit detail's `replace`).
std::string replacement_text(const ImportOptions& options) {
    if (options.replace) return "table";
    return options.replace_period ? "period " + Period::parse(*options.replace_period).text() : "";
}

int64_t milliseconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start)
        .count();
}

}  // namespace

std::vector<TableSummary> import_files(Workspace& workspace, const std::vector<std::filesystem::path>& files,
                                       const ImportOptions& options) {
    if (files.empty()) throw ImportError("no files to import");
    const std::optional<Replacement> replacement = replacement_of(options);
    ProblemList problems(options.max_errors);
    const std::vector<PlannedFile> planned = plan(files, options, problems);
    if (!problems.empty()) throw ImportError(problems.text());

    const Connection connection = open_import_connection(workspace);
    sqlite3* db = connection.get();
    Transaction transaction(db);
    IdSets ids(db);
    ProgressTask progress("import", "rows");
    std::vector<std::string> file_names;
    for (const PlannedFile& file : planned) file_names.push_back(file.name());
    const int64_t version = begin_data_version(db, "import", file_names);
    ImportContext ctx{db, problems, ids, options, progress, version, replacement ? &*replacement : nullptr};
    std::map<size_t, TableSummary> summaries;
    for (const PlannedFile& file : planned) {
        progress.retitle(fmt::format("import {}{} (file {} of {})", file.path.filename().string(),
                                     file.workbook ? ":" + file.sheet : "", &file - planned.data() + 1,
                                     planned.size()));
        const auto started = std::chrono::steady_clock::now();
        const TableCounts counts = file.workbook
                                       ? import_sheet(ctx, *file.table, *file.workbook, file.sheet, file.path)
                                       : import_table_file(ctx, *file.table, file.path);
        spdlog::debug("import {}: {} inserted, {} updated, {} retracted, {} unchanged in {} ms", file.name(),
                      counts.inserted, counts.updated, counts.retracted, counts.unchanged,
                      milliseconds_since(started));
        TableSummary& summary = summaries[file.order];
        summary.table = std::string(file.table->name);
        summary.inserted += counts.inserted;
        summary.updated += counts.updated;
        summary.unchanged += counts.unchanged;
        summary.retracted += counts.retracted;
    }
    // The transaction rolls back as this throws: nothing of this call stays.
    if (!problems.empty()) throw ImportError(problems.text());
    std::vector<TableSummary> out;
    for (auto& [order, summary] : summaries) {
        summary.version = version;
        out.push_back(std::move(summary));
    }
    if (retracted_parents(out)) {
        check_references_after_retraction(db, problems);
        if (!problems.empty()) throw ImportError(problems.text());
    }
    if (metric_kinds_changed(out)) {
        check_stocks_hold_one_value_a_day(db, problems);
        if (!problems.empty()) throw ImportError(problems.text());
    }
    std::vector<TableChangeCounts> counts;
    for (const TableSummary& t : out)
        counts.push_back({t.table, t.inserted, t.updated, t.retracted, t.unchanged});
    record_data_version_counts(db, version, counts);
    append_audit(db, {.action = "import",
                      .object = fmt::format("data:{}", version),
                      .detail = import_audit_detail(planned, out, version, replacement_text(options),
                                                    options.columns.get())});
    progress.retitle("import: writing to disk");
    const auto committing = std::chrono::steady_clock::now();
    transaction.commit();
    spdlog::debug("import committed in {} ms", milliseconds_since(committing));
    return out;
}

std::vector<TableSummary> import_directory(Workspace& workspace, const std::filesystem::path& dir,
                                           const ImportOptions& options) {
    if (!std::filesystem::is_directory(dir))
        throw ImportError(fmt::format("{}: not a directory", dir.string()));
    std::vector<std::filesystem::path> files;
    for (const TableSpec& table : table_specs()) {
        const auto path = dir / (std::string(table.name) + ".csv");
        if (std::filesystem::exists(path)) files.push_back(path);
    }
    ImportOptions by_name = options;
    by_name.table.reset();  // in a directory the file and sheet names say the tables
    by_name.sheet.reset();
    std::vector<std::filesystem::path> workbooks;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.is_regular_file() && is_workbook_file(entry.path()) &&
            directory_takes_workbook(entry.path(), by_name))
            workbooks.push_back(entry.path());
    std::sort(workbooks.begin(), workbooks.end());  // the directory's order is the file system's
    files.insert(files.end(), workbooks.begin(), workbooks.end());
    if (files.empty())
        throw ImportError(
            fmt::format("{}: no input files found (expected some of {} as <table>.csv, <table>.xlsx "
                        "or workbooks with sheets named so)",
                        dir.string(), table_names()));
    return import_files(workspace, files, by_name);
}

}  // namespace merit
