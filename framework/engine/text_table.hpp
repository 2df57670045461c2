// Plain-text tables for the terminal that line up CJK text: columns are
// padded by display width (a CJK character takes two cells), not bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace merit {

// Terminal cells taken by UTF-8 text: 2 for East Asian wide and full-width
// characters, 0 for combining marks, 1 otherwise.
size_t display_width(std::string_view utf8);

class TextTable {
public:
    enum class Align { left, right };
    explicit TextTable(std::vector<std::string> headers, std::vector<Align> align = {});
    void add_row(std::vector<std::string> cells);
    // Header, a rule, the rows; columns separated by two spaces.
    std::string render() const;

private:
    std::vector<std::string> headers_;
    std::vector<Align> align_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace merit
