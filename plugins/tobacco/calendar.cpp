#include "calendar.hpp"

#include <merit/plugin.hpp>

#include <cstdio>

namespace tobacco {

using namespace std::chrono;

Day parse_day(std::string_view text, std::string_view what) {
    int y = 0;
    unsigned m = 0, d = 0;
    char tail = 0;
    const std::string s(text);
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3)
        throw merit::Error(std::string(what) + ": '" + s + "' is not a date YYYY-MM-DD");
    const year_month_day ymd{year{y}, month{m}, day{d}};
    if (!ymd.ok()) throw merit::Error(std::string(what) + ": '" + s + "' is not a calendar day");
    return sys_days{ymd};
}

std::string format_day(Day value) {
    const year_month_day ymd{value};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()));
    return text;
}

int days_between(Day first, Day last) {
    return last < first ? 0 : int((last - first).count()) + 1;
}

std::vector<MonthSlice> month_slices(Day first, Day last) {
    std::vector<MonthSlice> slices;
    Day cursor = first;
    while (cursor <= last) {
        const year_month_day ymd{cursor};
        const year_month ym{ymd.year(), ymd.month()};
        const Day month_first = sys_days{ym / day{1}};
        const Day month_last = sys_days{ym / std::chrono::last};
        const Day slice_last = month_last < last ? month_last : last;
        slices.push_back({days_between(cursor, slice_last), days_between(month_first, month_last)});
        cursor = slice_last + days{1};
    }
    return slices;
}

int iso_weekday(Day value) {
    return int(weekday{value}.iso_encoding());
}

namespace {
unsigned month_number(std::string_view period) {
    int y = 0;
    unsigned m = 0;
    char tail = 0;
    const std::string s(period);
    if (s.size() != 7 || std::sscanf(s.c_str(), "%4d-%2u%c", &y, &m, &tail) != 2 || m < 1 || m > 12)
        throw merit::Error("period '" + s +
                           "' is not a month (YYYY-MM); quarterly recognition runs in monthly schemes");
    return m;
}
}  // namespace

std::string quarter_of_month(std::string_view period) {
    const unsigned m = month_number(period);
    return std::string(period.substr(0, 4)) + "-Q" + std::to_string((m - 1) / 3 + 1);
}

bool is_quarter_end_month(std::string_view period) {
    return month_number(period) % 3 == 0;
}

}  // namespace tobacco
