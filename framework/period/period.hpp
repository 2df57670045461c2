// Assessment periods: 2026-07, 2026-Q3, 2026-H2, 2026, 2026-07-01..2026-07-10.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace merit {

using Date = std::chrono::sys_days;

// Strict YYYY-MM-DD (a real calendar day); nullopt otherwise.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date date);

class Period {
public:
    enum class Kind { month, quarter, half, year, range };

    // Throws UserError naming the text and the accepted forms.
    static Period parse(std::string_view text);
    static Period range(Date first, Date last);

    Kind kind() const { return kind_; }
    std::string text() const;
    Date first_day() const { return first_; }
    Date last_day() const { return last_; }
    int day_count() const;
    bool contains(Date date) const { return date >= first_ && date <= last_; }

    // The period `offset` steps away, same kind (a range moves by its length).
    Period shifted(int offset) const;
    Period previous() const { return shifted(-1); }
    // The same period one year earlier (29 Feb becomes 28 Feb for ranges).
    Period year_earlier() const;
    // The 旬 (10-day) sub-periods: days 1-10, 11-20, 21-end of each month,
    // clipped to this period.
    std::vector<Period> xun() const;
    // The calendar months this period touches, as month periods.
    std::vector<Period> months() const;

    bool operator==(const Period& other) const = default;

private:
    Period(Kind kind, Date first, Date last) : kind_(kind), first_(first), last_(last) {}
    Kind kind_;
    Date first_;
    Date last_;
};

}  // namespace merit
