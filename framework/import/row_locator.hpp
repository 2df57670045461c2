// Where a row or a cell of an input is, as messages name it: `facts.csv:17`
// for a CSV file, `book.xlsx:facts!C17` for a worksheet (Excel's own cell
// reference, so it can be typed into Excel's Name Box). Both are read as CSV
// text (a worksheet is turned into it first, import/xlsx_sheet.hpp); the
// locator maps that text's physical lines and fields back to the sheet.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace merit {

class RowLocator {
public:
    // A CSV file: lines are the file's own.
    static RowLocator csv(std::string file);
    // A worksheet turned into CSV text: `row_of_line[l]` is the sheet row of
    // the text's physical line l (1-based; 0 unused), field 0 is the sheet's
    // column `first_column` (0 = A).
    static RowLocator sheet(std::string file, std::string sheet, uint32_t first_column,
                            std::vector<uint32_t> row_of_line);

    // "facts.csv" or "book.xlsx:facts": the source as a whole.
    const std::string& source() const { return source_; }
    // "facts.csv:17" or "book.xlsx:facts!17:17" (Excel's reference to a row).
    std::string row(size_t line) const;
    // "facts.csv:17" or "book.xlsx:facts!C17"; without a field, row(line).
    std::string cell(size_t line, std::optional<size_t> field) const;
    // "line 17" or "row 17", for "same as line 17".
    std::string row_name(size_t line) const;

private:
    uint32_t sheet_row(size_t line) const;

    std::string source_;
    bool is_sheet_ = false;
    std::string sheet_prefix_;  // "book.xlsx:facts!" or "book.xlsx:'Q2 data'!"
    uint32_t first_column_ = 0;
    std::vector<uint32_t> row_of_line_;
};

// "A", "Z", "AA", "XFD" for the 0-based column.
std::string column_letters(uint32_t column);

// The sheet name as a cell reference writes it: quoted ('Q2 data', with ''
// for a quote) unless it is letters, digits and underscores.
std::string quoted_sheet_name(const std::string& sheet);

}  // namespace merit
