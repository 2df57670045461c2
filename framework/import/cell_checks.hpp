// Checks one CSV cell against its column and turns it into the value bound
// into SQLite. The reasons are the tail of `file:line: column: reason`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "import/table_specs.hpp"

namespace merit {

struct CellValue {
    enum class Kind { null, text, number };
    Kind kind = Kind::null;
    std::string_view text;  // Kind::text: a view into the row or into `storage`
    double number = 0;      // Kind::number
};

// A cell's text as a message shows it: on one line (control characters as
// \n, \r, \t, \xNN) and at most about 40 bytes, then "… (N bytes)".
std::string shown_value(std::string_view raw);

// Fills `out` from `raw` (empty = the column's default, or null). `storage`
// holds text that is not in `raw` (a canonical period) and must outlive `out`.
// Returns the reason when the cell is not acceptable.
std::optional<std::string> check_cell(const ColumnSpec& column, std::string_view raw, CellValue& out,
                                      std::string& storage);

}  // namespace merit
