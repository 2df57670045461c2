#include "import/row_locator.hpp"

#include <fmt/format.h>

#include <cctype>

namespace merit {

RowLocator RowLocator::csv(std::string file) {
    RowLocator out;
    out.source_ = std::move(file);
    return out;
}

RowLocator RowLocator::sheet(std::string file, std::string sheet, uint32_t first_column,
                             std::vector<uint32_t> row_of_line) {
    RowLocator out;
    out.source_ = fmt::format("{}:{}", file, sheet);
    out.is_sheet_ = true;
    out.sheet_prefix_ = fmt::format("{}:{}!", file, quoted_sheet_name(sheet));
    out.first_column_ = first_column;
    out.row_of_line_ = std::move(row_of_line);
    return out;
}

uint32_t RowLocator::sheet_row(size_t line) const {
    // A line past the text (an empty sheet's "line 1") is the sheet's first row.
    if (line < row_of_line_.size() && row_of_line_[line]) return row_of_line_[line];
    return 1;
}

std::string RowLocator::row(size_t line) const {
    if (!is_sheet_) return fmt::format("{}:{}", source_, line);
    const uint32_t row = sheet_row(line);
    return fmt::format("{}{}:{}", sheet_prefix_, row, row);
}

std::string RowLocator::cell(size_t line, std::optional<size_t> field) const {
    if (!is_sheet_ || !field) return row(line);
    return fmt::format("{}{}{}", sheet_prefix_, column_letters(first_column_ + static_cast<uint32_t>(*field)),
                       sheet_row(line));
}

std::string RowLocator::row_name(size_t line) const {
    return is_sheet_ ? fmt::format("row {}", sheet_row(line)) : fmt::format("line {}", line);
}

std::string column_letters(uint32_t column) {
    std::string out;
    for (uint64_t n = uint64_t{column} + 1; n > 0; n = (n - 1) / 26)
        out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
    return out;
}

std::string quoted_sheet_name(const std::string& sheet) {
    bool plain = !sheet.empty() && !(sheet[0] >= '0' && sheet[0] <= '9');
    for (const char c : sheet) {
        const auto u = static_cast<unsigned char>(c);
        // Non-ASCII letters (sheet 客户) need no quotes in Excel either.
        if (!(u >= 0x80 || std::isalnum(u) || c == '_')) plain = false;
    }
    if (plain) return sheet;
    std::string out = "'";
    for (const char c : sheet) {
        out += c;
        if (c == '\'') out += '\'';
    }
    return out + "'";
}

}  // namespace merit
