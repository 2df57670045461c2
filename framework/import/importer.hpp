// `merit import`: CSV files and .xlsx worksheets into the workspace's input
// tables (contract.md "Input files"). One call is one transaction: every file is
// checked and written, and any problem in any file leaves the workspace
// exactly as it was.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "import/xlsx/zip_archive.hpp"
#include "store/workspace.hpp"

namespace merit {

class ColumnMap;

struct ImportOptions {
    bool lenient = false;              // ignore unknown columns instead of rejecting the file
    std::optional<std::string> table;  // the table of every file, instead of the file name
    // The one sheet of each .xlsx workbook to import (import/sheet_import.hpp).
    std::optional<std::string> sheet;
    // What a workbook may inflate to (a zip bomb stops there).
    ZipLimits workbook_limits;
    // The organisation's headers and formats (import/column_map.hpp).
    std::shared_ptr<const ColumnMap> columns;
    size_t max_errors = 50;  // problems listed before "... and N more problems"
    // The files' encoding (an iconv name) instead of detecting it.
    std::optional<std::string> encoding;
    // Corrections (import/replacement.hpp): each file is the complete truth
    // for its table inside this period (facts, events, targets, ratings) ...
    std::optional<std::string> replace_period;
    // ... or for its whole table (org_units, managers, customers,
    // assignments, metrics). Rows the file lacks are retracted.
    bool replace = false;
};

// Rows of one table: new, changed (same natural key; the old value is kept
// in the table's history), retracted by --replace[-period], or identical.
struct TableSummary {
    std::string table;
    size_t inserted = 0, updated = 0, unchanged = 0, retracted = 0;
    int64_t version = 0;  // the data version the import wrote (store/data_versions.hpp)
};

// Every problem found, one `file:line: column: reason` per line of what().
class ImportError : public UserError {
public:
    using UserError::UserError;
};

// Imports `files` in dependency order (org_units, managers, customers,
// assignments, metrics, facts, events, targets, ratings) whatever the order
// given; a file's table is its name without `.csv`, or `options.table`; a
// workbook's sheets are tables by import/sheet_import.hpp's rules.
// Returns one summary per table, in that order. Throws ImportError.
std::vector<TableSummary> import_files(Workspace& workspace, const std::vector<std::filesystem::path>& files,
                                       const ImportOptions& options);

// Imports the known CSV files found in `dir` (org_units.csv ... ratings.csv)
// and the workbooks named like a table or holding a sheet named like one;
// other files are left alone. A directory with none of them is an error.
std::vector<TableSummary> import_directory(Workspace& workspace, const std::filesystem::path& dir,
                                           const ImportOptions& options);

}  // namespace merit
