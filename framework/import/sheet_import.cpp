#include "import/sheet_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "import/row_locator.hpp"

namespace merit {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// The table of one sheet taken on its own (--sheet, or the only sheet).
const TableSpec* table_of_single_sheet(const std::filesystem::path& path, const std::string& sheet,
                                       const ImportOptions& options) {
    if (options.table) return find_table_spec(*options.table);
    if (const TableSpec* by_sheet = find_table_spec(sheet)) return by_sheet;
    return find_table_spec(path.stem().string());
}

}  // namespace

bool is_workbook_file(const std::filesystem::path& path) {
    return lower(path.extension().string()) == ".xlsx";
}

std::string sheet_source_name(const std::filesystem::path& path, const std::string& sheet) {
    return fmt::format("{}:{}", path.string(), sheet);
}

std::vector<PlannedSheet> plan_workbook(const std::filesystem::path& path, const Workbook& workbook,
                                        const ImportOptions& options, ProblemList& problems) {
    const std::string file = path.string();
    const std::string expected = fmt::format(
        "name the sheets after their tables ({}), name a one-sheet workbook <table>.xlsx, or give --sheet "
        "and --table",
        table_names());
    if (options.sheet) {
        if (!workbook.find(*options.sheet)) {
            problems.add_file(file, fmt::format("--sheet '{}': no such sheet (the workbook has {})",
                                                *options.sheet, workbook.sheet_list()));
            return {};
        }
        const TableSpec* table = table_of_single_sheet(path, *options.sheet, options);
        if (!table) {
            problems.add_file(
                file, fmt::format("cannot tell the table of sheet '{}': {}", *options.sheet, expected));
            return {};
        }
        return {{table, *options.sheet}};
    }
    if (options.table || workbook.sheets().size() == 1) {
        if (workbook.sheets().size() != 1) {
            problems.add_file(file,
                              fmt::format("--table: the workbook has {} sheets ({}); pick one with --sheet",
                                          workbook.sheets().size(), workbook.sheet_list()));
            return {};
        }
        const std::string& only = workbook.sheets().front().name;
        const TableSpec* table = table_of_single_sheet(path, only, options);
        if (!table) {
            problems.add_file(file, fmt::format("cannot tell the table of sheet '{}': {}", only, expected));
            return {};
        }
        return {{table, only}};
    }
    std::vector<PlannedSheet> planned;
    for (const SheetEntry& sheet : workbook.sheets())
        if (const TableSpec* table = find_table_spec(sheet.name)) planned.push_back({table, sheet.name});
    if (planned.empty())
        problems.add_file(file, fmt::format("no sheet is named after a table (the workbook has {}): {}",
                                            workbook.sheet_list(), expected));
    return planned;
}

bool directory_takes_workbook(const std::filesystem::path& path, const ImportOptions& options) {
    if (path.filename().string().starts_with("~$")) return false;  // Excel's lock file of an open workbook
    if (find_table_spec(path.stem().string())) return true;
    try {
        const Workbook workbook(path, options.workbook_limits);
        for (const SheetEntry& sheet : workbook.sheets())
            if (find_table_spec(sheet.name)) return true;
    } catch (const WorkbookError&) {
        // Not a workbook we could read, nor named like a table: left alone.
    }
    return false;
}

TableCounts import_sheet(ImportContext& ctx, const TableSpec& table, Workbook& workbook,
                         const std::string& sheet, const std::filesystem::path& path) {
    const SheetEntry* entry = workbook.find(sheet);
    const std::string source = sheet_source_name(path, sheet);
    const std::string prefix = fmt::format("{}:{}!", path.string(), quoted_sheet_name(sheet));
    size_t cell_problems = 0;
    const CellProblemSink report = [&](uint32_t row, uint32_t column, std::string_view name,
                                       std::string_view reason) {
        ++cell_problems;
        ctx.problems.add_raw(
            fmt::format("{}{}{}: {}: {}", prefix, column_letters(column), row, name, reason));
    };
    SheetText text;
    try {
        text = workbook.read_sheet(*entry, report);
    } catch (const WorkbookError& e) {
        ctx.problems.add_file(path.string(), e.what());
        return {};
    }
    // A cell without text (an error value) would only be reported again,
    // as missing, by the checks of its column.
    if (cell_problems) return {};
    if (text.csv.empty()) {
        ctx.problems.add_file(source, "the sheet has no values (its first row with a value is the header)");
        return {};
    }
    const RowLocator where =
        RowLocator::sheet(path.string(), sheet, text.first_column, std::move(text.row_of_line));
    return import_table_text(ctx, table, text.csv, where);
}

}  // namespace merit
