#include "plugin/wire_columns.hpp"

#include <stdexcept>

namespace merit {
namespace {

template <typename T>
const T* data_or_null(const std::optional<std::vector<T>>& column, size_t count) {
    if (!column) return nullptr;
    if (column->size() != count)
        throw std::runtime_error("malformed message: column length differs from scope");
    return column->data();
}

}  // namespace

void write_scope(WireWriter& out, const merit_scope& scope) {
    const size_t n = scope.count;
    out.u64(n)
        .optional_texts(scope.manager_ids, n)
        .optional_texts(scope.org_unit_ids, n)
        .optional_texts(scope.roles, n)
        .optional_texts(scope.grades, n)
        .optional_texts(scope.hired_on, n)
        .optional_texts(scope.statuses, n)
        .optional_text(scope.period)
        .optional_text(scope.first_day)
        .optional_text(scope.last_day);
}

void write_score_input(WireWriter& out, const merit_score_input& input) {
    const size_t n = input.count;
    out.u64(n)
        .optional_doubles(input.values, n)
        .optional_flags(input.valid, n)
        .optional_doubles(input.targets, n)
        .optional_flags(input.target_valid, n)
        .optional_texts(input.groups, n);
}

const char* const* WireScope::TextColumn::view(size_t count) {
    if (!texts) return nullptr;
    if (texts->size() != count)
        throw std::runtime_error("malformed message: column length differs from scope");
    for (const auto& t : *texts) pointers.push_back(t.c_str());
    return pointers.data();
}

WireScope::WireScope(WireReader& in) {
    const size_t n = static_cast<size_t>(in.u64());
    for (auto& column : columns_) column.texts = in.optional_texts();
    period_ = in.optional_text();
    first_day_ = in.optional_text();
    last_day_ = in.optional_text();
    raw_.struct_size = sizeof raw_;
    raw_.count = n;
    raw_.manager_ids = columns_[0].view(n);
    raw_.org_unit_ids = columns_[1].view(n);
    raw_.roles = columns_[2].view(n);
    raw_.grades = columns_[3].view(n);
    raw_.hired_on = columns_[4].view(n);
    raw_.statuses = columns_[5].view(n);
    raw_.period = c_str_or_null(period_);
    raw_.first_day = c_str_or_null(first_day_);
    raw_.last_day = c_str_or_null(last_day_);
}

WireScoreInput::WireScoreInput(WireReader& in) {
    const size_t n = static_cast<size_t>(in.u64());
    values_ = in.optional_doubles();
    valid_ = in.optional_flags();
    targets_ = in.optional_doubles();
    target_valid_ = in.optional_flags();
    groups_ = in.optional_texts();
    raw_.struct_size = sizeof raw_;
    raw_.count = n;
    raw_.values = data_or_null(values_, n);
    raw_.valid = data_or_null(valid_, n);
    raw_.targets = data_or_null(targets_, n);
    raw_.target_valid = data_or_null(target_valid_, n);
    if (groups_) {
        if (groups_->size() != n)
            throw std::runtime_error("malformed message: column length differs from scope");
        for (const auto& g : *groups_) group_pointers_.push_back(g.c_str());
        raw_.groups = group_pointers_.data();
    }
}

}  // namespace merit
