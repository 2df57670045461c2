// The banking sample read straight from its CSV files, with the data rules of
// the contract written out a second time, independently of the host and the
// plugin: a balance holds from its date until the next one (0 before the
// first); a customer counts for a manager on the days an owner / co-owner
// assignment holds (valid_from..valid_to inclusive), weighted by its share;
// a daily average divides by the period's days; a 旬 average is the mean of
// the 旬 (1–10, 11–20, 21–month end) daily averages. Tests use it to pick a
// manager's rows and sum them where there are too many to list by hand.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace banking_sample {

using Row = std::map<std::string, std::string>;

// Rows of config/samples/<sample>/<table>.csv keyed by the header's column
// names. The samples quote only a description column of metrics.csv, which
// the tests do not read.
inline std::vector<Row> read_csv(const std::string& sample, const std::string& table) {
    const std::string path =
        std::string(MERIT_SOURCE_DIR) + "/config/samples/" + sample + "/" + table + ".csv";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    auto split = [](const std::string& line) {
        std::vector<std::string> cells;
        std::string cell;
        std::stringstream ss(line);
        while (std::getline(ss, cell, ',')) cells.push_back(cell);
        if (!line.empty() && line.back() == ',') cells.push_back("");
        return cells;
    };
    std::string line;
    std::getline(in, line);
    const std::vector<std::string> header = split(line);
    std::vector<Row> rows;
    while (std::getline(in, line)) {
        const std::vector<std::string> cells = split(line);
        Row row;
        for (size_t c = 0; c < header.size(); ++c) row[header[c]] = c < cells.size() ? cells[c] : "";
        rows.push_back(std::move(row));
    }
    return rows;
}

using Day = std::chrono::sys_days;

inline Day day(const std::string& text) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (std::sscanf(text.c_str(), "%d-%u-%u", &y, &m, &d) != 3) throw std::runtime_error("bad date " + text);
    return Day{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

inline std::string text(Day d) {
    const std::chrono::year_month_day ymd{d};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()));
    return buffer;
}

// An inclusive range of days.
struct Span {
    Day first, last;
    int days() const { return static_cast<int>((last - first).count()) + 1; }
    bool holds(Day d) const { return d >= first && d <= last; }
};

inline Span span(const std::string& first, const std::string& last) {
    return {day(first), day(last)};
}

// The 旬 of the months a span covers: 1–10, 11–20, 21–month end.
inline std::vector<Span> xun_of(const Span& period) {
    std::vector<Span> out;
    for (Day start = period.first; start <= period.last;) {
        const std::chrono::year_month_day ymd{start};
        const Day month_end{ymd.year() / ymd.month() / std::chrono::last};
        const Day tenth{ymd.year() / ymd.month() / std::chrono::day{10}};
        const Day twentieth{ymd.year() / ymd.month() / std::chrono::day{20}};
        out.push_back({start, tenth});
        out.push_back({tenth + std::chrono::days{1}, twentieth});
        out.push_back({twentieth + std::chrono::days{1}, month_end});
        start = month_end + std::chrono::days{1};
    }
    return out;
}

struct Assignment {
    std::string customer, manager, role;
    double share = 1;
    Day from;
    std::optional<Day> to;  // open-ended when empty
    bool holds(Day d) const { return d >= from && (!to || d <= *to); }
    bool owns() const { return role == "owner" || role == "co_owner"; }
};

class SampleLedger {
public:
    explicit SampleLedger(const std::string& sample) {
        for (const Row& r : read_csv(sample, "facts"))
            series_[key(r.at("entity"), r.at("entity_id"), r.at("metric"))].push_back(
                {day(r.at("date")), std::stod(r.at("value"))});
        for (auto& [k, points] : series_)
            std::sort(points.begin(), points.end(),
                      [](const Point& a, const Point& b) { return a.day < b.day; });
        for (const Row& r : read_csv(sample, "assignments")) {
            Assignment a{r.at("customer_id"),
                         r.at("manager_id"),
                         r.at("role").empty() ? "owner" : r.at("role"),
                         r.at("share").empty() ? 1.0 : std::stod(r.at("share")),
                         day(r.at("valid_from")),
                         std::nullopt};
            if (!r.at("valid_to").empty()) a.to = day(r.at("valid_to"));
            assignments_.push_back(a);
        }
        events_ = read_csv(sample, "events");
        ratings_ = read_csv(sample, "ratings");
        targets_ = read_csv(sample, "targets");
    }

    // The assignments of one manager: owners and co-owners (role "") or one role.
    std::vector<Assignment> assignments(const std::string& manager, const std::string& role = "") const {
        std::vector<Assignment> out;
        for (const auto& a : assignments_)
            if (a.manager == manager && (role.empty() ? a.owns() : a.role == role)) out.push_back(a);
        return out;
    }

    // The first day anyone was assigned the customer (the bank won it then).
    Day first_assigned(const std::string& customer) const {
        std::optional<Day> first;
        for (const auto& a : assignments_)
            if (a.customer == customer && (!first || a.from < *first)) first = a.from;
        return first.value();
    }

    // The latest value on or before `d`; nullopt when there is none.
    std::optional<double> balance(const std::string& entity, const std::string& id, const std::string& metric,
                                  Day d) const {
        std::optional<double> value;
        const auto found = series_.find(key(entity, id, metric));
        if (found == series_.end()) return value;
        for (const Point& p : found->second)
            if (p.day <= d) value = p.value;
        return value;
    }
    double customer_balance(const std::string& customer, const std::string& metric, Day d) const {
        return balance("customer", customer, metric, d).value_or(0.0);
    }

    // Σ share × balance on the last day, over the assignments holding it.
    double end(const std::vector<Assignment>& book, const std::string& metric, Day d,
               bool whole = false) const {
        double sum = 0;
        for (const auto& a : book)
            if (a.holds(d)) sum += (whole ? 1.0 : a.share) * customer_balance(a.customer, metric, d);
        return sum;
    }

    // Σ over days of Σ share × balance, ÷ days.
    double daily_average(const std::vector<Assignment>& book, const std::string& metric,
                         const Span& s) const {
        double sum = 0;
        for (const auto& a : book)
            for (Day d = s.first; d <= s.last; d += std::chrono::days{1})
                if (a.holds(d)) sum += a.share * customer_balance(a.customer, metric, d);
        return sum / s.days();
    }

    // The mean of the 旬 daily averages.
    double xun_average(const std::vector<Assignment>& book, const std::string& metric, const Span& s) const {
        const std::vector<Span> xun = xun_of(s);
        double sum = 0;
        for (const Span& part : xun) sum += daily_average(book, metric, part);
        return sum / static_cast<double>(xun.size());
    }

    // Σ share × value of the flow facts dated in the span while an assignment holds.
    double flow(const std::vector<Assignment>& book, const std::string& metric, const Span& s,
                bool whole = false) const {
        double sum = 0;
        for (const auto& a : book)
            for (const Point& p : points("customer", a.customer, metric))
                if (s.holds(p.day) && a.holds(p.day)) sum += whole ? p.value : a.share * p.value;
        return sum;
    }
    // The flow facts themselves, for listing them in a test.
    std::vector<std::pair<std::string, double>> flow_rows(const std::vector<Assignment>& book,
                                                          const std::string& metric, const Span& s) const {
        std::vector<std::pair<std::string, double>> out;
        for (const auto& a : book)
            for (const Point& p : points("customer", a.customer, metric))
                if (s.holds(p.day) && a.holds(p.day))
                    out.emplace_back(a.customer + " " + text(p.day), p.value);
        return out;
    }

    // Events of a kind in the span: their count and their summed quantity.
    int event_count(const std::string& manager, const std::string& kind, const Span& s) const {
        int n = 0;
        for (const Row& e : events_)
            if (e.at("manager_id") == manager && e.at("kind") == kind && s.holds(day(e.at("date")))) ++n;
        return n;
    }
    double event_quantity(const std::string& manager, const std::string& kind, const Span& s) const {
        double q = 0;
        for (const Row& e : events_)
            if (e.at("manager_id") == manager && e.at("kind") == kind && s.holds(day(e.at("date"))))
                q += e.at("quantity").empty() ? 1.0 : std::stod(e.at("quantity"));
        return q;
    }

    // The scores one rater role gave on one item in one period.
    std::vector<double> ratings(const std::string& manager, const std::string& period,
                                const std::string& role, const std::string& item) const {
        std::vector<double> out;
        for (const Row& r : ratings_)
            if (r.at("manager_id") == manager && r.at("period") == period && r.at("rater_role") == role &&
                r.at("item") == item)
                out.push_back(std::stod(r.at("score")));
        return out;
    }

    double target(const std::string& manager, const std::string& indicator, const std::string& period) const {
        for (const Row& t : targets_)
            if (t.at("manager_id") == manager && t.at("indicator") == indicator && t.at("period") == period)
                return std::stod(t.at("value"));
        throw std::runtime_error("no target " + indicator + " " + period + " for " + manager);
    }

private:
    struct Point {
        Day day;
        double value;
    };
    static std::string key(const std::string& entity, const std::string& id, const std::string& metric) {
        return entity + "|" + id + "|" + metric;
    }
    const std::vector<Point>& points(const std::string& entity, const std::string& id,
                                     const std::string& metric) const {
        static const std::vector<Point> none;
        const auto found = series_.find(key(entity, id, metric));
        return found == series_.end() ? none : found->second;
    }

    std::map<std::string, std::vector<Point>> series_;
    std::vector<Assignment> assignments_;
    std::vector<Row> events_, ratings_, targets_;
};

}  // namespace banking_sample
