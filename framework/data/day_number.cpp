#include "data/day_number.hpp"

#include <fmt/format.h>

#include "common/errors.hpp"

namespace merit {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

int digits(std::string_view text, size_t from, size_t count) {
    int value = 0;
    for (size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
    return value;
}

}  // namespace

int day_number(std::string_view text) {
    // The aggregation scans call this once per fact row, so the strict
    // YYYY-MM-DD form is read directly instead of through parse_date.
    const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' && is_digit(text[0]) &&
                        is_digit(text[1]) && is_digit(text[2]) && is_digit(text[3]) && is_digit(text[5]) &&
                        is_digit(text[6]) && is_digit(text[8]) && is_digit(text[9]);
    if (shaped) {
        using namespace std::chrono;
        const year_month_day ymd{year{digits(text, 0, 4)}, month{static_cast<unsigned>(digits(text, 5, 2))},
                                 day{static_cast<unsigned>(digits(text, 8, 2))}};
        if (ymd.ok()) return day_number(Date(sys_days(ymd)));
    }
    throw UserError(fmt::format("the workspace holds a malformed date '{}'", text));
}

}  // namespace merit
