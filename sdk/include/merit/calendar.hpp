// merit/calendar.hpp — header-only date and period helpers for plugins.
//
// A plugin may not use the host's period code, and rules keep needing the
// same few things: strict ISO dates, inclusive day counts, the month,
// quarter or year a day falls in, pro-rating by the days of each month,
// hire anniversaries and working days. Days are std::chrono::sys_days, so
// `day + std::chrono::days{1}` and comparisons work as usual.
//
//   const merit::Day first = merit::require_day(scope.first_day(), "period first day");
//   for (const merit::MonthSlice& m : merit::month_slices(first, last))
//       need += per_month * m.days_in_window / m.days_in_month;
#pragma once

#include <merit/plugin.hpp>

#include <chrono>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace merit {

using Day = std::chrono::sys_days;

// Strict YYYY-MM-DD naming a real day ("2026-02-30" and "2026-7-1" are
// not); std::nullopt otherwise.
inline std::optional<Day> parse_day(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int digits[8];
    int k = 0;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        digits[k++] = text[i] - '0';
    }
    const int y = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
    const unsigned m = unsigned(digits[4] * 10 + digits[5]);
    const unsigned d = unsigned(digits[6] * 10 + digits[7]);
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!ymd.ok()) return std::nullopt;
    return Day{ymd};
}

// As parse_day, but throws merit::Error "<what>: '<text>' is not a date
// (YYYY-MM-DD)", which the host reports naming the component.
inline Day require_day(std::string_view text, std::string_view what) {
    if (const auto day = parse_day(text)) return *day;
    throw Error(std::string(what) + ": '" + std::string(text) + "' is not a date (YYYY-MM-DD)");
}

inline std::string format_day(Day day) {
    const std::chrono::year_month_day ymd{day};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()));
    return text;
}

// Days since 1970-01-01 of a civil date (negative before it), and back.
inline long days_from_civil(int year, unsigned month, unsigned day) {
    return long(Day{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}}
                    .time_since_epoch()
                    .count());
}
inline Day day_from_days(long days_since_epoch) {
    return Day{std::chrono::days{days_since_epoch}};
}

inline int year_of(Day day) {
    return int(std::chrono::year_month_day{day}.year());
}
inline unsigned month_of(Day day) {
    return unsigned(std::chrono::year_month_day{day}.month());
}

// Inclusive count of [first, last]; 0 when last is before first.
inline int days_between(Day first, Day last) {
    return last < first ? 0 : int((last - first).count()) + 1;
}

inline int days_in_month(int year, unsigned month) {
    const std::chrono::year_month_day_last end{std::chrono::year{year},
                                               std::chrono::month_day_last{std::chrono::month{month}}};
    return int(unsigned(end.day()));
}

// ISO weekday: 1 = Monday ... 7 = Sunday.
inline int iso_weekday(Day day) {
    return int(std::chrono::weekday{day}.iso_encoding());
}

// The first and last day of a calendar period.
struct DaySpan {
    Day first;
    Day last;
};
inline DaySpan month_span(int year, unsigned month) {
    const std::chrono::year_month ym{std::chrono::year{year}, std::chrono::month{month}};
    return {Day{ym / std::chrono::day{1}}, Day{ym / std::chrono::last}};
}
// Quarter 1..4.
inline DaySpan quarter_span(int year, unsigned quarter) {
    return {month_span(year, quarter * 3 - 2).first, month_span(year, quarter * 3).last};
}
inline DaySpan year_span(int year) {
    return {month_span(year, 1).first, month_span(year, 12).last};
}
// The month, quarter and year `day` falls in.
inline DaySpan month_containing(Day day) {
    return month_span(year_of(day), month_of(day));
}
inline unsigned quarter_of(Day day) {
    return (month_of(day) - 1) / 3 + 1;
}
inline DaySpan quarter_containing(Day day) {
    return quarter_span(year_of(day), quarter_of(day));
}
inline DaySpan year_containing(Day day) {
    return year_span(year_of(day));
}

// A month period's text, "2026-11": (2026, 11); std::nullopt otherwise.
inline std::optional<std::pair<int, unsigned>> parse_month(std::string_view text) {
    if (text.size() != 7) return std::nullopt;
    const auto day = parse_day(std::string(text) + "-01");
    if (!day) return std::nullopt;
    return std::pair{year_of(*day), month_of(*day)};
}

// The same day `months` later (or earlier); a day past the target month's
// end becomes its last day (2025-01-31 + 1 month = 2025-02-28).
inline Day add_months(Day day, int months) {
    const std::chrono::year_month_day ymd{day};
    const std::chrono::year_month target =
        std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
    const std::chrono::day last =
        std::chrono::year_month_day_last{target.year(), std::chrono::month_day_last{target.month()}}.day();
    return Day{
        std::chrono::year_month_day{target.year(), target.month(), ymd.day() > last ? last : ymd.day()}};
}

// Completed years from `from` to `to` (0 before the first anniversary).
inline int full_years(Day from, Day to) {
    if (to < from) return 0;
    const int gap = year_of(to) - year_of(from);
    return add_months(from, 12 * gap) <= to ? gap : gap - 1;
}

// One calendar month's part of a window [first, last].
struct MonthSlice {
    Day first;           // first day of the window in the month
    Day last;            // last day of the window in the month
    Day month_first;     // first day of the calendar month
    int days_in_window;  // days_between(first, last)
    int days_in_month;   // length of the calendar month
    std::string label;   // YYYY-MM
};
inline std::vector<MonthSlice> month_slices(Day first, Day last) {
    std::vector<MonthSlice> out;
    if (last < first) return out;
    const std::chrono::year_month_day start{first};
    for (std::chrono::year_month ym{start.year(), start.month()};; ym += std::chrono::months{1}) {
        const Day month_first = Day{ym / std::chrono::day{1}};
        if (month_first > last) break;
        const Day month_last = Day{ym / std::chrono::last};
        MonthSlice slice;
        slice.first = month_first < first ? first : month_first;
        slice.last = month_last > last ? last : month_last;
        slice.month_first = month_first;
        slice.days_in_window = days_between(slice.first, slice.last);
        slice.days_in_month = days_between(month_first, month_last);
        slice.label = format_day(month_first).substr(0, 7);
        out.push_back(std::move(slice));
    }
    return out;
}

// Working days: the listed ISO weekdays (Monday to Friday unless given),
// except holidays, plus make-up days worked in exchange (调休上班).
class WorkCalendar {
public:
    WorkCalendar(std::set<Day> holidays = {}, std::set<Day> extra_workdays = {},
                 std::set<int> weekdays = {1, 2, 3, 4, 5})
        : holidays_(std::move(holidays)), extra_(std::move(extra_workdays)), weekdays_(std::move(weekdays)) {}
    bool is_working_day(Day day) const {
        if (extra_.count(day)) return true;
        if (holidays_.count(day)) return false;
        return weekdays_.count(iso_weekday(day)) > 0;
    }
    // Inclusive; 0 when last is before first.
    int working_days(Day first, Day last) const {
        int count = 0;
        for (Day d = first; d <= last; d += std::chrono::days{1}) count += is_working_day(d) ? 1 : 0;
        return count;
    }

private:
    std::set<Day> holidays_;
    std::set<Day> extra_;
    std::set<int> weekdays_;
};

}  // namespace merit
