// Period parsing, formatting and arithmetic at the edges: leap years,
// quarter / half / year boundaries, ranges across months, 旬 of February.
#include "period/period.hpp"

#include <gtest/gtest.h>

#include "common/errors.hpp"

namespace merit {
namespace {

std::string days(const Period& p) {
    return format_date(p.first_day()) + ".." + format_date(p.last_day());
}

std::string texts(const std::vector<Period>& periods) {
    std::string out;
    for (const Period& p : periods) out += (out.empty() ? "" : " ") + p.text();
    return out;
}

TEST(Period, ParsesEveryFormAndFormatsItBack) {
    EXPECT_EQ(days(Period::parse("2026-07")), "2026-07-01..2026-07-31");
    EXPECT_EQ(days(Period::parse("2026-Q3")), "2026-07-01..2026-09-30");
    EXPECT_EQ(days(Period::parse("2026-H2")), "2026-07-01..2026-12-31");
    EXPECT_EQ(days(Period::parse("2026")), "2026-01-01..2026-12-31");
    EXPECT_EQ(days(Period::parse("2026-07-01..2026-07-10")), "2026-07-01..2026-07-10");
    for (const char* text : {"2026-07", "2026-Q3", "2026-H2", "2026", "2026-07-01..2026-07-10"})
        EXPECT_EQ(Period::parse(text).text(), text);
    EXPECT_EQ(Period::parse("2026-07").kind(), Period::Kind::month);
    EXPECT_EQ(Period::parse("2026-07-01..2026-07-10").kind(), Period::Kind::range);
}

TEST(Period, RefusesMalformedText) {
    for (const char* text : {"", "2026-13", "2026-00", "2026-Q0", "2026-Q5", "2026-H3", "26-07", "2026-7",
                             "2026-07-01..2026-06-30", "2026-02-30..2026-03-01", "2026/07", "2026-07-01"})
        EXPECT_THROW(Period::parse(text), UserError) << text;
    try {
        Period::parse("2026-07-10..2026-07-01");
    } catch (const UserError& e) {
        EXPECT_STREQ(e.what(), "invalid period '2026-07-10..2026-07-01': the range ends before it starts");
    }
}

TEST(Period, StrictDates) {
    EXPECT_TRUE(parse_date("2024-02-29"));   // 2024 is divisible by 4
    EXPECT_FALSE(parse_date("2026-02-29"));  // 2026 is not
    EXPECT_FALSE(parse_date("1900-02-29"));  // divisible by 100, not by 400
    EXPECT_TRUE(parse_date("2000-02-29"));   // divisible by 400
    EXPECT_FALSE(parse_date("2026-04-31"));
    EXPECT_FALSE(parse_date("2026-7-01"));
    EXPECT_FALSE(parse_date("2026-07-01 "));
    EXPECT_FALSE(parse_date("0000-01-01"));
    EXPECT_EQ(format_date(*parse_date("0001-01-01")), "0001-01-01");
}

TEST(Period, DayCounts) {
    EXPECT_EQ(Period::parse("2024-02").day_count(), 29);
    EXPECT_EQ(Period::parse("2026-02").day_count(), 28);
    EXPECT_EQ(Period::parse("2024").day_count(), 366);
    EXPECT_EQ(Period::parse("2026").day_count(), 365);
    // Q1 2024: 31 + 29 + 31 = 91; Q1 2026: 31 + 28 + 31 = 90; Q3: 31 + 31 + 30 = 92.
    EXPECT_EQ(Period::parse("2024-Q1").day_count(), 91);
    EXPECT_EQ(Period::parse("2026-Q1").day_count(), 90);
    EXPECT_EQ(Period::parse("2026-Q3").day_count(), 92);
    // H1 2026: 31+28+31+30+31+30 = 181; H2: 31+31+30+31+30+31 = 184.
    EXPECT_EQ(Period::parse("2026-H1").day_count(), 181);
    EXPECT_EQ(Period::parse("2026-H2").day_count(), 184);
    // 25 Jan .. 5 Mar 2024: 7 + 29 + 5 = 41.
    EXPECT_EQ(Period::parse("2024-01-25..2024-03-05").day_count(), 41);
}

TEST(Period, PreviousCrossesYearBoundaries) {
    EXPECT_EQ(Period::parse("2026-01").previous().text(), "2025-12");
    EXPECT_EQ(Period::parse("2026-03").previous().text(), "2026-02");
    EXPECT_EQ(Period::parse("2026-Q1").previous().text(), "2025-Q4");
    EXPECT_EQ(Period::parse("2026-Q3").previous().text(), "2026-Q2");
    EXPECT_EQ(Period::parse("2026-H1").previous().text(), "2025-H2");
    EXPECT_EQ(Period::parse("2026-H2").previous().text(), "2026-H1");
    EXPECT_EQ(Period::parse("2026").previous().text(), "2025");
    // A range moves by its own length: 10 days earlier.
    EXPECT_EQ(Period::parse("2026-07-01..2026-07-10").previous().text(), "2026-06-21..2026-06-30");
    EXPECT_EQ(Period::parse("2026-12").shifted(1).text(), "2027-01");
    EXPECT_EQ(Period::parse("2026-Q4").shifted(1).text(), "2027-Q1");
    EXPECT_EQ(Period::parse("2026-01").shifted(-13).text(), "2024-12");
}

TEST(Period, YearEarlierOfEveryKind) {
    EXPECT_EQ(Period::parse("2026-07").year_earlier().text(), "2025-07");
    EXPECT_EQ(Period::parse("2026-Q1").year_earlier().text(), "2025-Q1");
    EXPECT_EQ(Period::parse("2026-H2").year_earlier().text(), "2025-H2");
    EXPECT_EQ(Period::parse("2026").year_earlier().text(), "2025");
    // February of a leap year, one year earlier, is 28 days long.
    EXPECT_EQ(days(Period::parse("2024-02").year_earlier()), "2023-02-01..2023-02-28");
    // A range ending on 29 Feb ends on 28 Feb a year earlier.
    EXPECT_EQ(Period::parse("2024-02-20..2024-02-29").year_earlier().text(), "2023-02-20..2023-02-28");
    EXPECT_EQ(Period::parse("2026-07-01..2026-07-10").year_earlier().text(), "2025-07-01..2025-07-10");
}

TEST(Period, XunOfFebruaryAndOfARange) {
    // February 2024 (leap): 1-10, 11-20, 21-29 (9 days); 2026: 21-28 (8 days).
    EXPECT_EQ(texts(Period::parse("2024-02").xun()),
              "2024-02-01..2024-02-10 2024-02-11..2024-02-20 2024-02-21..2024-02-29");
    const auto feb = Period::parse("2026-02").xun();
    ASSERT_EQ(feb.size(), 3u);
    EXPECT_EQ(feb[2].day_count(), 8);
    // July: the third 旬 has 11 days.
    EXPECT_EQ(Period::parse("2026-07").xun()[2].day_count(), 11);
    // A quarter has 9 旬.
    EXPECT_EQ(Period::parse("2026-Q3").xun().size(), 9u);
    // A range across months is clipped: 15 Jan .. 5 Feb.
    EXPECT_EQ(texts(Period::parse("2026-01-15..2026-02-05").xun()),
              "2026-01-15..2026-01-20 2026-01-21..2026-01-31 2026-02-01..2026-02-05");
}

TEST(Period, MonthsOfAPeriod) {
    EXPECT_EQ(texts(Period::parse("2026-Q3").months()), "2026-07 2026-08 2026-09");
    EXPECT_EQ(texts(Period::parse("2025-12-30..2026-01-02").months()), "2025-12 2026-01");
    EXPECT_EQ(Period::parse("2026").months().size(), 12u);
}

TEST(Period, Contains) {
    const Period q = Period::parse("2026-Q3");
    EXPECT_TRUE(q.contains(*parse_date("2026-07-01")));
    EXPECT_TRUE(q.contains(*parse_date("2026-09-30")));
    EXPECT_FALSE(q.contains(*parse_date("2026-06-30")));
    EXPECT_FALSE(q.contains(*parse_date("2026-10-01")));
}

}  // namespace
}  // namespace merit
