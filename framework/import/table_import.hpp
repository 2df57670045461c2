// One CSV file (or one worksheet read as CSV text) into one input table,
// inside the caller's transaction.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <string_view>

#include "common/progress.hpp"
#include "import/id_sets.hpp"
#include "import/importer.hpp"
#include "import/problem_list.hpp"
#include "import/replacement.hpp"
#include "import/row_locator.hpp"
#include "import/table_specs.hpp"

namespace merit {

struct TableCounts {
    size_t inserted = 0, updated = 0, unchanged = 0, retracted = 0;
};

struct ImportContext {
    sqlite3* db;
    ProblemList& problems;
    IdSets& ids;
    const ImportOptions& options;
    ProgressTask& progress;  // rows and bytes of the file being read
    int64_t version;         // the data version this import writes (store/data_versions.hpp)
    // --replace-period / --replace: the file is the complete truth for its
    // table inside the period, or for the whole table; null otherwise.
    const Replacement* replacement = nullptr;
};

// Checks every row and upserts the good ones by natural key while no problem
// has been found in this call (after the first, rows are only checked: the
// transaction will be rolled back anyway). Problems go to `ctx.problems`.
// With a replacement the rows are first written to a temporary table, then
// upserted from it, and the covered rows it lacks are retracted.
TableCounts import_table_file(ImportContext& ctx, const TableSpec& table, const std::filesystem::path& file);

// The same for CSV text already in UTF-8 (a CSV file decoded, or a worksheet
// turned into CSV text); problems name rows and cells through `where`.
TableCounts import_table_text(ImportContext& ctx, const TableSpec& table, std::string_view text,
                              const RowLocator& where);

}  // namespace merit
