// Worksheets of .xlsx workbooks as import sources, read like CSV files:
// which sheet goes to which table, and one sheet into its table.
//
// The table of a sheet: --table if given; else the sheet's name when it is
// a table's (a workbook with sheets managers, facts, ...); else, for a
// workbook of one sheet (or the --sheet picked), the file's name
// (managers.xlsx). Without --sheet, every sheet named like a table is
// imported and other sheets (notes, pivots) are left alone; a workbook
// with none of them and more than one sheet is refused, listing its sheets.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "import/importer.hpp"
#include "import/problem_list.hpp"
#include "import/table_import.hpp"
#include "import/table_specs.hpp"
#include "import/xlsx/workbook.hpp"

namespace merit {

// An .xlsx file, by its name (any case: DATA.XLSX).
bool is_workbook_file(const std::filesystem::path& path);

struct PlannedSheet {
    const TableSpec* table;
    std::string sheet;
};

// The workbook's sheets to import, with their tables (rules above); a
// workbook that cannot be opened, an unknown --sheet or a sheet whose table
// cannot be told is a problem naming the file.
std::vector<PlannedSheet> plan_workbook(const std::filesystem::path& path, const Workbook& workbook,
                                        const ImportOptions& options, ProblemList& problems);

// Whether a directory import takes this workbook: named like a table, or
// holding a sheet named like one (other workbooks in the folder, such as
// a report, are left alone like other files).
bool directory_takes_workbook(const std::filesystem::path& path, const ImportOptions& options);

// "book.xlsx:managers", as messages and the data version name the source.
std::string sheet_source_name(const std::filesystem::path& path, const std::string& sheet);

// The sheet into its table, inside the caller's transaction: its cells
// become CSV text (import/xlsx/sheet_reader.hpp) that goes through the CSV
// checks, with problems naming `book.xlsx:Sheet!C17`.
TableCounts import_sheet(ImportContext& ctx, const TableSpec& table, Workbook& workbook,
                         const std::string& sheet, const std::filesystem::path& path);

}  // namespace merit
