#include "calendar.hpp"

#include <merit/plugin.hpp>

#include <cstdio>

namespace fuel {

using namespace std::chrono;

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    const int y = std::stoi(std::string(text.substr(0, 4)));
    const unsigned m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
    const unsigned d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
    const year_month_day ymd{year{y}, month{m}, day{d}};
    if (!ymd.ok()) return std::nullopt;
    return sys_days{ymd};
}

Date require_date(std::string_view text, const std::string& what) {
    if (auto date = parse_date(text)) return *date;
    throw merit::Error(what + ": '" + std::string(text) + "' is not a date (YYYY-MM-DD)");
}

std::string format_date(Date date) {
    const year_month_day ymd{date};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer;
}

Date add_months(Date date, int months) {
    const year_month_day ymd{date};
    const year_month target = year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
    const day last = year_month_day_last{target.year(), month_day_last{target.month()}}.day();
    return sys_days{year_month_day{target.year(), target.month(), ymd.day() > last ? last : ymd.day()}};
}

int full_years(Date from, Date to) {
    if (to < from) return 0;
    const int gap = year_of(to) - year_of(from);
    return add_months(from, 12 * gap) <= to ? gap : gap - 1;
}

int year_of(Date date) {
    return static_cast<int>(year_month_day{date}.year());
}

int days_in_span(Date first, Date last) {
    return last < first ? 0 : (last - first).count() + 1;
}

std::vector<MonthSlice> month_slices(Date first, Date last) {
    std::vector<MonthSlice> out;
    const year_month_day start{first};
    for (year_month ym{start.year(), start.month()};; ym += std::chrono::months{1}) {
        const Date month_first = sys_days{ym / day{1}};
        if (month_first > last) break;
        const Date month_last = sys_days{year_month_day_last{ym.year(), month_day_last{ym.month()}}};
        MonthSlice slice;
        slice.first = month_first < first ? first : month_first;
        slice.last = month_last > last ? last : month_last;
        slice.month_first = month_first;
        slice.days_in_month = days_in_span(month_first, month_last);
        slice.label = format_date(month_first).substr(0, 7);
        out.push_back(slice);
    }
    return out;
}

WorkCalendar::WorkCalendar(std::set<Date> holidays, std::set<Date> extra_workdays)
    : holidays_(std::move(holidays)), extra_workdays_(std::move(extra_workdays)) {}

bool WorkCalendar::is_working_day(Date date) const {
    if (extra_workdays_.count(date)) return true;
    if (holidays_.count(date)) return false;
    const weekday wd{date};
    return wd != Saturday && wd != Sunday;
}

int WorkCalendar::working_days(Date first, Date last) const {
    int count = 0;
    for (Date d = first; d <= last; d += days{1}) count += is_working_day(d) ? 1 : 0;
    return count;
}

}  // namespace fuel
