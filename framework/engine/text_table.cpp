#include "engine/text_table.hpp"

#include <algorithm>

namespace merit {
TextTable::TextTable(std::vector<std::string> headers, std::vector<Align> align)
    : headers_(std::move(headers)), align_(std::move(align)) {
    align_.resize(headers_.size(), Align::left);
}

void TextTable::add_row(std::vector<std::string> cells) {
    cells.resize(headers_.size());
    rows_.push_back(std::move(cells));
}

std::string TextTable::render() const {
    std::vector<size_t> widths(headers_.size(), 0);
    for (size_t c = 0; c < headers_.size(); ++c) widths[c] = display_width(headers_[c]);
    for (const auto& row : rows_)
        for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (size_t c = 0; c < cells.size(); ++c) {
            const std::string pad(widths[c] - display_width(cells[c]), ' ');
            const bool last = c + 1 == cells.size();
            if (align_[c] == Align::right)
                out += pad + cells[c];
            else
                out += cells[c] + (last ? "" : pad);
            if (!last) out += "  ";
        }
        return out + "\n";
    };
    std::string out = line(headers_);
    std::vector<std::string> rule;
    for (size_t w : widths) rule.emplace_back(w, '-');
    out += line(rule);
    for (const auto& row : rows_) out += line(row);
    return out;
}

}  // namespace merit
