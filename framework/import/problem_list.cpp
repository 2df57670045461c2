#include "import/problem_list.hpp"

#include <fmt/format.h>

namespace merit {

void ProblemList::keep(std::string line) {
    ++count_;
    if (lines_.size() < limit_) lines_.push_back(std::move(line));
}

void ProblemList::add(std::string_view file, size_t line, std::string_view column, std::string_view reason) {
    if (lines_.size() >= limit_) {
        ++count_;  // only counted: no need to format it
        return;
    }
    keep(fmt::format("{}:{}: {}: {}", file, line, column, reason));
}

void ProblemList::add(const RowLocator& where, size_t line, std::optional<size_t> field,
                      std::string_view column, std::string_view reason) {
    if (lines_.size() >= limit_) {
        ++count_;
        return;
    }
    keep(fmt::format("{}: {}: {}", where.cell(line, field), column, reason));
}

void ProblemList::add_file(std::string_view file, std::string_view reason) {
    if (lines_.size() >= limit_) {
        ++count_;
        return;
    }
    keep(fmt::format("{}: {}", file, reason));
}

void ProblemList::add_raw(std::string_view message) {
    if (lines_.size() >= limit_) {
        ++count_;
        return;
    }
    keep(std::string(message));
}

std::string ProblemList::text() const {
    std::string out;
    for (const std::string& line : lines_) {
        if (!out.empty()) out += '\n';
        out += line;
    }
    if (count_ > lines_.size()) {
        const size_t more = count_ - lines_.size();
        out += fmt::format("\n... and {} more problem{}", more, more == 1 ? "" : "s");
    }
    return out;
}

}  // namespace merit
