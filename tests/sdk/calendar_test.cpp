// merit/calendar.hpp, the SDK's header-only dates and periods, with every
// figure worked by hand from the calendar.
#include <gtest/gtest.h>

#include <merit/calendar.hpp>

#include <string>

namespace {

using namespace std::chrono;
using merit::Day;

Day d(const char* text) {
    return merit::require_day(text, "test");
}

TEST(SdkCalendar, ParsesOnlyCanonicalRealDays) {
    EXPECT_EQ(merit::format_day(d("2026-07-31")), "2026-07-31");
    EXPECT_TRUE(merit::parse_day("2024-02-29"));   // a leap day
    EXPECT_FALSE(merit::parse_day("2026-02-29"));  // not in 2026
    EXPECT_FALSE(merit::parse_day("2026-13-01"));
    EXPECT_FALSE(merit::parse_day("2026-7-1"));
    EXPECT_FALSE(merit::parse_day("2026-07-01T"));
    EXPECT_FALSE(merit::parse_day("31/07/2026"));
    EXPECT_FALSE(merit::parse_day(""));
    try {
        merit::require_day("2026-02-30", "period first day");
        FAIL() << "accepted";
    } catch (const merit::Error& e) {
        EXPECT_STREQ(e.what(), "period first day: '2026-02-30' is not a date (YYYY-MM-DD)");
    }
}

TEST(SdkCalendar, DaysFromCivil) {
    EXPECT_EQ(merit::days_from_civil(1970, 1, 1), 0);
    EXPECT_EQ(merit::days_from_civil(1969, 12, 31), -1);
    // 2000-03-01: 30 years of 365 days + 7 leap days (72..96) + Jan 31 + Feb 29.
    EXPECT_EQ(merit::days_from_civil(2000, 3, 1), 30 * 365 + 7 + 31 + 29);
    EXPECT_EQ(merit::day_from_days(merit::days_from_civil(2026, 7, 31)), d("2026-07-31"));
}

TEST(SdkCalendar, CountsWeekdaysAndMonthLengths) {
    EXPECT_EQ(merit::days_between(d("2026-07-01"), d("2026-07-31")), 31);
    EXPECT_EQ(merit::days_between(d("2026-07-16"), d("2026-07-15")), 0);
    EXPECT_EQ(merit::days_in_month(2026, 2), 28);
    EXPECT_EQ(merit::days_in_month(2024, 2), 29);
    EXPECT_EQ(merit::days_in_month(2100, 2), 28);  // not a leap year
    EXPECT_EQ(merit::days_in_month(2026, 11), 30);
    EXPECT_EQ(merit::iso_weekday(d("2026-07-31")), 5);  // a Friday
    EXPECT_EQ(merit::iso_weekday(d("2026-08-02")), 7);  // a Sunday
}

TEST(SdkCalendar, FirstAndLastDaysOfMonthsQuartersAndYears) {
    auto text = [](merit::DaySpan s) {
        return merit::format_day(s.first) + ".." + merit::format_day(s.last);
    };
    EXPECT_EQ(text(merit::month_span(2024, 2)), "2024-02-01..2024-02-29");
    EXPECT_EQ(text(merit::quarter_span(2026, 4)), "2026-10-01..2026-12-31");
    EXPECT_EQ(text(merit::quarter_span(2026, 1)), "2026-01-01..2026-03-31");
    EXPECT_EQ(text(merit::year_span(2026)), "2026-01-01..2026-12-31");
    EXPECT_EQ(text(merit::month_containing(d("2026-11-17"))), "2026-11-01..2026-11-30");
    EXPECT_EQ(merit::quarter_of(d("2026-11-17")), 4u);
    EXPECT_EQ(text(merit::quarter_containing(d("2026-05-05"))), "2026-04-01..2026-06-30");
    EXPECT_EQ(text(merit::year_containing(d("2026-05-05"))), "2026-01-01..2026-12-31");
    EXPECT_EQ(merit::parse_month("2026-11"), (std::pair<int, unsigned>{2026, 11}));
    EXPECT_FALSE(merit::parse_month("2026-13"));
    EXPECT_FALSE(merit::parse_month("2026-Q4"));
}

TEST(SdkCalendar, MonthsLaterKeepTheDayOrTakeTheMonthsLast) {
    EXPECT_EQ(merit::format_day(merit::add_months(d("2025-01-31"), 1)), "2025-02-28");
    EXPECT_EQ(merit::format_day(merit::add_months(d("2024-01-31"), 1)), "2024-02-29");
    EXPECT_EQ(merit::format_day(merit::add_months(d("2026-03-15"), -3)), "2025-12-15");
    EXPECT_EQ(merit::format_day(merit::add_months(d("2026-07-15"), 3)), "2026-10-15");
    // Hired 2020-03-01: three full years on 2023-03-01, two the day before.
    EXPECT_EQ(merit::full_years(d("2020-03-01"), d("2023-03-01")), 3);
    EXPECT_EQ(merit::full_years(d("2020-03-01"), d("2023-02-28")), 2);
    EXPECT_EQ(merit::full_years(d("2020-03-01"), d("2019-01-01")), 0);
}

TEST(SdkCalendar, MonthSlicesProRateAWindow) {
    // 2026-01-20..2026-03-10: 12 of January's 31 days, all 28 of February,
    // 10 of March's 31.
    const auto slices = merit::month_slices(d("2026-01-20"), d("2026-03-10"));
    ASSERT_EQ(slices.size(), 3u);
    EXPECT_EQ(slices[0].days_in_window, 12);
    EXPECT_EQ(slices[0].days_in_month, 31);
    EXPECT_EQ(slices[0].label, "2026-01");
    EXPECT_EQ(merit::format_day(slices[0].first), "2026-01-20");
    EXPECT_EQ(merit::format_day(slices[0].last), "2026-01-31");
    EXPECT_EQ(slices[1].days_in_window, 28);
    EXPECT_EQ(slices[1].days_in_month, 28);
    EXPECT_EQ(merit::format_day(slices[1].month_first), "2026-02-01");
    EXPECT_EQ(slices[2].days_in_window, 10);
    EXPECT_EQ(merit::format_day(slices[2].last), "2026-03-10");
    EXPECT_TRUE(merit::month_slices(d("2026-03-10"), d("2026-03-09")).empty());
}

TEST(SdkCalendar, WorkingDaysWithHolidaysAndMakeUpDays) {
    // October 2026: 22 weekdays; the National Day holiday takes 1-2 and 5-7
    // (five weekdays) and Saturday 10 October is worked instead: 22 - 5 + 1 = 18.
    const merit::WorkCalendar china(
        {d("2026-10-01"), d("2026-10-02"), d("2026-10-05"), d("2026-10-06"), d("2026-10-07")},
        {d("2026-10-10")});
    EXPECT_EQ(merit::WorkCalendar().working_days(d("2026-10-01"), d("2026-10-31")), 22);
    EXPECT_EQ(china.working_days(d("2026-10-01"), d("2026-10-31")), 18);
    EXPECT_TRUE(china.is_working_day(d("2026-10-10")));
    EXPECT_FALSE(china.is_working_day(d("2026-10-05")));
    // A six-day week (Monday to Saturday) in July 2026: 31 days - 4 Sundays = 27.
    const merit::WorkCalendar six({}, {}, {1, 2, 3, 4, 5, 6});
    EXPECT_EQ(six.working_days(d("2026-07-01"), d("2026-07-31")), 27);
    EXPECT_EQ(six.working_days(d("2026-07-02"), d("2026-07-01")), 0);
}

}  // namespace
