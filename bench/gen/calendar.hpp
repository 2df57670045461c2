// Civil dates as day numbers (days since 1970-01-01) and back, so the
// generator can step through a quarter with integers and print ISO dates.
#pragma once

#include <string>

namespace bench {

struct Civil {
    int year;
    unsigned month, day;
};

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
constexpr int day_number(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

constexpr Civil civil(int z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

// YYYY-MM-DD
std::string iso(int day);

// First day of quarter q (1..4) of year y, and the first day after it.
inline int quarter_start(int y, int q) {
    return day_number(y, static_cast<unsigned>(3 * q - 2), 1);
}
inline int quarter_end_exclusive(int y, int q) {
    return q == 4 ? day_number(y + 1, 1, 1) : quarter_start(y, q + 1);
}

}  // namespace bench
