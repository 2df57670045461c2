// One worksheet part streamed into the CSV text a CSV export of the sheet
// would be, so the CSV importer checks it cell by cell like any file. The
// header is the first row with a value; its first to last filled cell are
// the columns. Rows without a value are skipped; a missing cell is empty.
// Shared strings, inline strings, formula results, booleans (TRUE/FALSE)
// and numbers (plain decimal text, import/xlsx/cell_values.hpp) become
// their text; a number in a date format becomes YYYY-MM-DD; an error value
// (#N/A, #DIV/0! ...) is refused with its cell.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "import/xlsx/cell_values.hpp"
#include "import/xlsx/zip_archive.hpp"

namespace merit {

struct SheetText {
    std::string csv;                    // header first; empty when the sheet has no value
    std::vector<uint32_t> row_of_line;  // sheet row (1-based) of each physical line (1-based)
    uint32_t first_column = 0;          // the sheet column (0 = A) of the first field
};

// A cell that cannot become text: its 1-based row, 0-based column, the
// header's text above it ("header" in the header row) and why.
using CellProblemSink =
    std::function<void(uint32_t row, uint32_t column, std::string_view column_name, std::string_view reason)>;

struct SheetContext {
    const std::vector<std::string>& shared_strings;
    const std::vector<NumberShape>& style_shapes;
    bool date1904;
};

// Throws WorkbookError for a part that is no worksheet XML (or over a cap).
SheetText read_sheet_part(ZipArchive& zip, const std::string& part, const SheetContext& context,
                          const CellProblemSink& report);

// "C17" → column 2, row 17; false when it is no cell reference in Excel's
// grid (XFD1048576 is the last cell).
bool parse_cell_reference(std::string_view reference, uint32_t& column, uint32_t& row);

}  // namespace merit
