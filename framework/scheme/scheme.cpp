#include "scheme/scheme.hpp"

#include <algorithm>

namespace merit {

std::vector<const ColumnSpec*> Scheme::columns() const {
    std::vector<const ColumnSpec*> out;
    for (const auto& input : inputs) out.push_back(&input);
    for (const auto& dimension : dimensions)
        for (const auto& indicator : dimension.indicators) out.push_back(&indicator);
    return out;
}

const ColumnSpec* Scheme::find_column(const std::string& id) const {
    for (const auto* column : columns())
        if (column->id == id) return column;
    return nullptr;
}

int Scheme::band_index(const std::string& label) const {
    for (size_t i = 0; i < bands.size(); ++i)
        if (bands[i].label == label) return static_cast<int>(i);
    return -1;
}

std::string Scheme::grade_group(const std::string& grade) const {
    for (const auto& [group, grades] : grade_groups)
        if (std::find(grades.begin(), grades.end(), grade) != grades.end()) return group;
    return "";
}

double effective_weight(double plain, const GradeWeights& by_grade, const std::string& group) {
    if (group.empty()) return plain;
    const auto it = by_grade.find(group);
    return it == by_grade.end() ? plain : it->second;
}

}  // namespace merit
