#include "period/period.hpp"

#include <fmt/format.h>

#include <charconv>

#include "common/errors.hpp"

namespace merit {
namespace {

using namespace std::chrono;

std::optional<int> parse_int(std::string_view text, size_t digits) {
    if (text.size() != digits) return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

Date month_first(int y, unsigned m) {
    return sys_days(year{y} / month{m} / day{1});
}
Date month_last(int y, unsigned m) {
    return sys_days(year{y} / month{m} / last);
}

// Months since year 0 for month arithmetic.
void add_months(int& y, int& m, int delta) {
    int index = y * 12 + (m - 1) + delta;
    y = index >= 0 ? index / 12 : -((-index + 11) / 12);
    m = index - y * 12 + 1;
}

Date clamp_same_day(int y, unsigned m, unsigned d) {
    year_month_day ymd{year{y}, month{m}, day{d}};
    if (!ymd.ok()) return month_last(y, m);
    return sys_days(ymd);
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto y = parse_int(text.substr(0, 4), 4);
    auto m = parse_int(text.substr(5, 2), 2);
    auto d = parse_int(text.substr(8, 2), 2);
    if (!y || !m || !d) return std::nullopt;
    year_month_day ymd{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
    if (!ymd.ok() || *y < 1) return std::nullopt;
    return sys_days(ymd);
}

std::string format_date(Date date) {
    year_month_day ymd{date};
    return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

Period Period::parse(std::string_view text) {
    auto fail = [&]() -> Period {
        throw UserError(fmt::format(
            "invalid period '{}': expected YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM-DD..YYYY-MM-DD", text));
    };
    if (auto dots = text.find(".."); dots != std::string_view::npos) {
        auto first = parse_date(text.substr(0, dots));
        auto last = parse_date(text.substr(dots + 2));
        if (!first || !last) return fail();
        if (*last < *first)
            throw UserError(fmt::format("invalid period '{}': the range ends before it starts", text));
        return Period(Kind::range, *first, *last);
    }
    auto y = text.size() >= 4 ? parse_int(text.substr(0, 4), 4) : std::nullopt;
    if (!y || *y < 1) return fail();
    if (text.size() == 4) return Period(Kind::year, month_first(*y, 1), month_last(*y, 12));
    if (text.size() != 7 || text[4] != '-') return fail();
    const char tag = text[5];
    if (tag == 'Q' || tag == 'H') {
        auto n = parse_int(text.substr(6, 1), 1);
        const int limit = tag == 'Q' ? 4 : 2;
        if (!n || *n < 1 || *n > limit) return fail();
        const unsigned span = tag == 'Q' ? 3 : 6;
        const unsigned first_month = static_cast<unsigned>(*n - 1) * span + 1;
        return Period(tag == 'Q' ? Kind::quarter : Kind::half, month_first(*y, first_month),
                      month_last(*y, first_month + span - 1));
    }
    auto m = parse_int(text.substr(5, 2), 2);
    if (!m || *m < 1 || *m > 12) return fail();
    return Period(Kind::month, month_first(*y, static_cast<unsigned>(*m)),
                  month_last(*y, static_cast<unsigned>(*m)));
}

Period Period::range(Date first, Date last) {
    if (last < first) throw UserError("invalid period: the range ends before it starts");
    return Period(Kind::range, first, last);
}

std::string Period::text() const {
    year_month_day f{first_};
    const int y = static_cast<int>(f.year());
    const unsigned m = static_cast<unsigned>(f.month());
    switch (kind_) {
        case Kind::month:
            return fmt::format("{:04d}-{:02d}", y, m);
        case Kind::quarter:
            return fmt::format("{:04d}-Q{}", y, (m - 1) / 3 + 1);
        case Kind::half:
            return fmt::format("{:04d}-H{}", y, (m - 1) / 6 + 1);
        case Kind::year:
            return fmt::format("{:04d}", y);
        case Kind::range:
            return format_date(first_) + ".." + format_date(last_);
    }
    return {};
}

int Period::day_count() const {
    return static_cast<int>((last_ - first_).count()) + 1;
}

Period Period::shifted(int offset) const {
    if (offset == 0) return *this;
    if (kind_ == Kind::range) {
        const auto length = days{day_count()};
        return Period(Kind::range, first_ + length * offset, last_ + length * offset);
    }
    const int span = kind_ == Kind::month ? 1 : kind_ == Kind::quarter ? 3 : kind_ == Kind::half ? 6 : 12;
    year_month_day f{first_};
    int y = static_cast<int>(f.year());
    int m = static_cast<int>(static_cast<unsigned>(f.month()));
    add_months(y, m, offset * span);
    int ly = y, lm = m;
    add_months(ly, lm, span - 1);
    if (y < 1) throw UserError("period out of range");
    return Period(kind_, month_first(y, static_cast<unsigned>(m)), month_last(ly, static_cast<unsigned>(lm)));
}

Period Period::year_earlier() const {
    if (kind_ != Kind::range)
        return shifted(kind_ == Kind::month     ? -12
                       : kind_ == Kind::quarter ? -4
                       : kind_ == Kind::half    ? -2
                                                : -1);
    year_month_day f{first_}, l{last_};
    return Period(Kind::range,
                  clamp_same_day(static_cast<int>(f.year()) - 1, static_cast<unsigned>(f.month()),
                                 static_cast<unsigned>(f.day())),
                  clamp_same_day(static_cast<int>(l.year()) - 1, static_cast<unsigned>(l.month()),
                                 static_cast<unsigned>(l.day())));
}

std::vector<Period> Period::months() const {
    std::vector<Period> out;
    year_month_day f{first_};
    int y = static_cast<int>(f.year());
    int m = static_cast<int>(static_cast<unsigned>(f.month()));
    while (month_first(y, static_cast<unsigned>(m)) <= last_) {
        out.push_back(Period(Kind::month, month_first(y, static_cast<unsigned>(m)),
                             month_last(y, static_cast<unsigned>(m))));
        add_months(y, m, 1);
    }
    return out;
}

std::vector<Period> Period::xun() const {
    std::vector<Period> out;
    for (const Period& month : months()) {
        const Date start = month.first_day();
        const Date bounds[3][2] = {{start, start + days{9}},
                                   {start + days{10}, start + days{19}},
                                   {start + days{20}, month.last_day()}};
        for (const auto& b : bounds) {
            const Date lo = std::max(b[0], first_);
            const Date hi = std::min(b[1], last_);
            if (lo <= hi) out.push_back(Period(Kind::range, lo, hi));
        }
    }
    return out;
}

}  // namespace merit
