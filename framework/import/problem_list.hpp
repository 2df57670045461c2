// Collects import problems as `file:line: column: reason` lines, keeping the
// first `limit` and counting the rest.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/row_locator.hpp"

namespace merit {

class ProblemList {
public:
    explicit ProblemList(size_t limit) : limit_(limit) {}

    void add(std::string_view file, size_t line, std::string_view column, std::string_view reason);
    // `where.cell(line, field): column: reason` (file:line or book.xlsx:Sheet!C17).
    void add(const RowLocator& where, size_t line, std::optional<size_t> field, std::string_view column,
             std::string_view reason);
    // A problem about a whole file (it cannot be read, its table is unknown).
    void add_file(std::string_view file, std::string_view reason);
    // A message that already names its file.
    void add_raw(std::string_view message);

    bool empty() const { return count_ == 0; }
    size_t count() const { return count_; }
    // The kept lines, then "... and N more problems" when some were dropped.
    std::string text() const;

private:
    void keep(std::string line);
    size_t limit_;
    size_t count_ = 0;
    std::vector<std::string> lines_;
};

}  // namespace merit
