// Calendar arithmetic the tobacco rules need (visit standards pro-rated by
// days, working days for phone checks, quarters for recognition). The plugin
// may not use the host's period code, so this is its own small copy.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace tobacco {

using Day = std::chrono::sys_days;

// Strict YYYY-MM-DD; throws merit::Error naming `what` otherwise.
Day parse_day(std::string_view text, std::string_view what);
std::string format_day(Day day);

// Inclusive day count of [first, last]; 0 when last < first.
int days_between(Day first, Day last);

// One calendar month's share of a window: how many of the window's days fall
// in it, and how long the month is.
struct MonthSlice {
    int days_in_window = 0;
    int days_in_month = 0;
};
std::vector<MonthSlice> month_slices(Day first, Day last);

// ISO weekday: 1 = Monday ... 7 = Sunday.
int iso_weekday(Day day);

// "2026-11" -> "2026-Q4"; throws merit::Error when `period` is not a month.
std::string quarter_of_month(std::string_view period);
// True when `period` (a month) is the last month of its quarter.
bool is_quarter_end_month(std::string_view period);

}  // namespace tobacco
