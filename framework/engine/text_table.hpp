// Plain-text tables for the terminal that line up CJK text: columns are
// padded by display width (a CJK character takes two cells), not bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/text_width.hpp"

namespace merit {

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
