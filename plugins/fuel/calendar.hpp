// Calendar arithmetic the fuel rules need: hire anniversaries, the 3-month
// probation, full years of service, and working days (Mon-Fri minus holidays,
// plus weekend make-up days 调休).
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace fuel {

using Date = std::chrono::sys_days;

// Strict YYYY-MM-DD that names a real day; nullopt otherwise.
std::optional<Date> parse_date(std::string_view text);
// As parse_date, but throws merit::Error "<what>: '<text>' is not a date (YYYY-MM-DD)".
Date require_date(std::string_view text, const std::string& what);
std::string format_date(Date date);

// The same day `months` later; a day past the target month's end becomes its
// last day (2025-01-31 + 1 month = 2025-02-28).
Date add_months(Date date, int months);
// Completed years from `from` to `to` (0 when `to` is before the first anniversary).
int full_years(Date from, Date to);
int year_of(Date date);
int days_in_span(Date first, Date last);  // inclusive; 0 when last < first

// One calendar month clipped to a period.
struct MonthSlice {
    Date first;         // first day of the slice
    Date last;          // last day of the slice
    Date month_first;   // first day of the calendar month
    int days_in_month;  // length of the calendar month
    std::string label;  // YYYY-MM
};
std::vector<MonthSlice> month_slices(Date first, Date last);

// Working days: Monday to Friday, except the listed holidays, plus the listed
// weekend days that are worked in exchange (调休上班).
class WorkCalendar {
public:
    WorkCalendar(std::set<Date> holidays, std::set<Date> extra_workdays);
    bool is_working_day(Date date) const;
    int working_days(Date first, Date last) const;  // inclusive

private:
    std::set<Date> holidays_;
    std::set<Date> extra_workdays_;
};

}  // namespace fuel
