#include "plugin/value_checks.hpp"

#include <fmt/format.h>
#include <merit/money.hpp>

#include <cmath>

#include "common/errors.hpp"

namespace merit {

std::string non_finite_name(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    return "";
}

void check_indicator_column(const std::string& component, const merit_scope& scope, const double* values,
                            unsigned char* valid) {
    for (size_t i = 0; i < scope.count; ++i) {
        if (valid[i] == MERIT_VALID_UNWRITTEN)
            throw UserError(fmt::format(
                "{}: compute: manager {}: row left unwritten (write valid = 0 for a deliberate null)",
                component, scope.manager_ids[i]));
        if (!valid[i]) continue;
        valid[i] = 1;
        if (const auto name = non_finite_name(values[i]); !name.empty())
            throw UserError(fmt::format("{}: compute: manager {}: value is not finite ({})", component,
                                        scope.manager_ids[i], name));
    }
}

void check_score_column(const std::string& component, const char* const* manager_ids, size_t count,
                        const double* scores) {
    for (size_t i = 0; i < count; ++i) {
        if (const auto name = non_finite_name(scores[i]); !name.empty())
            throw UserError(fmt::format("{}: score: manager {}: value is not finite ({})", component,
                                        manager_ids[i], name));
        if (scores[i] < kMinScore || scores[i] > kMaxScore)
            throw UserError(fmt::format("{}: score: manager {}: score {:.17g} is outside [{}, {}]", component,
                                        manager_ids[i], scores[i], kMinScore, kMaxScore));
    }
}

void check_pay_line(const std::string& manager_id, int64_t amount_fen) {
    if (amount_fen > kMaxPayLineFen || amount_fen < -kMaxPayLineFen)
        throw UserError(
            fmt::format("manager {}: pay of {} fen is beyond ±10^13 fen per line", manager_id, amount_fen));
}

int64_t add_fen(int64_t a, int64_t b, std::string_view manager_id) {
    int64_t sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        throw UserError(
            fmt::format("pay of manager {}: the sum of {} fen and {} fen overflows", manager_id, a, b));
    return sum;
}

}  // namespace merit
