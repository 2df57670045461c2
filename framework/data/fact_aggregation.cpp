#include "data/fact_aggregation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "data/customer_windows.hpp"
#include "data/day_number.hpp"
#include "data/fact_columns.hpp"
#include "data/scope_index.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

class Aggregator {
public:
    Aggregator(const merit_scope& scope, const merit_fact_query& query)
        : query_(query),
          period_(service_period(scope, query.period)),
          first_(day_number(period_.first_day())),
          last_(day_number(period_.last_day())),
          sums_(scope.count, 0.0),
          has_(scope.count, 0) {
        if (query.aggregation < MERIT_AGG_SUM || query.aggregation > MERIT_AGG_COUNT)
            throw UserError(fmt::format("unknown aggregation {}", static_cast<int>(query.aggregation)));
        if (!query.metric || !*query.metric) throw UserError("no metric given");
        const int days = last_ - first_ + 1;
        if (query.aggregation == MERIT_AGG_DAILY_AVG) {
            day_weight_.assign(static_cast<size_t>(days), 1.0 / days);
        } else if (query.aggregation == MERIT_AGG_XUN_AVG) {
            const std::vector<Period> xun = period_.xun();
            for (const Period& part : xun)
                day_weight_.insert(day_weight_.end(), static_cast<size_t>(part.day_count()),
                                   1.0 / (static_cast<double>(xun.size()) * part.day_count()));
        }
    }

    // The facts that matter are dated from `first_needed()` to `last_needed()`:
    // the period for flows; everything up to the period's end for balances
    // (the carry-in may be old); everything before the period for month-end
    // highs.
    int first_needed() const {
        return query_.aggregation == MERIT_AGG_SUM || query_.aggregation == MERIT_AGG_COUNT ? first_
                                                                                            : INT_MIN;
    }
    int last_needed() const { return query_.aggregation == MERIT_AGG_MAX_END ? first_ - 1 : last_; }

    // Adds one entity's facts (ordered by date) to the windows that hold
    // them.
    void add(std::span<const Fact> all, std::span<const Window> windows) {
        const auto before = [](const Fact& f, int day) { return f.day < day; };
        const auto lo = first_needed() == INT_MIN
                            ? all.begin()
                            : std::lower_bound(all.begin(), all.end(), first_needed(), before);
        const auto hi = std::lower_bound(lo, all.end(), last_needed() + 1, before);
        const std::span<const Fact> facts(lo, hi);
        if (facts.empty()) return;
        switch (query_.aggregation) {
            case MERIT_AGG_SUM:
            case MERIT_AGG_COUNT:
                add_flow(facts, windows);
                break;
            case MERIT_AGG_END:
                add_end(facts, windows);
                break;
            case MERIT_AGG_DAILY_AVG:
            case MERIT_AGG_XUN_AVG:
                add_daily(facts, windows);
                break;
            case MERIT_AGG_MAX_END:
                add_month_ends(facts, windows);
                break;
        }
    }

    void finish(double* out, unsigned char* valid) const {
        const size_t n = sums_.size();
        if (query_.aggregation == MERIT_AGG_MAX_END) {
            for (size_t i = 0; i < n; ++i) {
                out[i] = 0;
                valid[i] = 0;
            }
            for (const auto& [day, column] : month_ends_)
                for (size_t i = 0; i < n; ++i) {
                    if (!column.has[i]) continue;
                    out[i] = valid[i] ? std::max(out[i], column.sums[i]) : column.sums[i];
                    valid[i] = 1;
                }
            return;
        }
        for (size_t i = 0; i < n; ++i) {
            out[i] = sums_[i];
            // A count is never unknown: no rows is a count of 0.
            valid[i] = query_.aggregation == MERIT_AGG_COUNT ? 1 : has_[i];
        }
    }

    int first_day() const { return first_; }
    int last_day() const { return last_; }

private:
    // The value of facts[next]'s day, `next` moved past it. A stock has one
    // fact a day; a flow read as a balance may have several bookings on a
    // day (issue 21's repeats): its balance that day is their total, whatever
    // their order.
    static double day_total(std::span<const Fact> facts, size_t& next) {
        const int day = facts[next].day;
        double total = 0.0;
        for (; next < facts.size() && facts[next].day == day; ++next) total += facts[next].value;
        return total;
    }

    void add_flow(std::span<const Fact> facts, std::span<const Window> windows) {
        const bool count = query_.aggregation == MERIT_AGG_COUNT;
        for (const Fact& fact : facts)
            for (const Window& w : windows)
                if (w.holds(fact.day)) {
                    sums_[w.row] += w.weight * (count ? 1.0 : fact.value);
                    has_[w.row] = 1;
                }
    }

    void add_end(std::span<const Fact> facts, std::span<const Window> windows) {
        // The facts stop at the last day: the latest day's is the balance then.
        size_t latest = facts.size() - 1;
        while (latest > 0 && facts[latest - 1].day == facts.back().day) --latest;
        const double balance = day_total(facts, latest);
        for (const Window& w : windows)
            if (w.holds(last_)) {
                sums_[w.row] += w.weight * balance;
                has_[w.row] = 1;
            }
    }

    void add_daily(std::span<const Fact> facts, std::span<const Window> windows) {
        // The balance carried into the period: the latest value before it.
        size_t next = 0;
        bool known = false;
        double balance = 0.0;
        while (next < facts.size() && facts[next].day < first_) {
            balance = day_total(facts, next);
            known = true;
        }

        // Prefix sums over the period's days of weight * balance, and of the
        // days whose balance is known, so each window costs O(1).
        const size_t days = static_cast<size_t>(last_ - first_ + 1);
        weighted_.assign(days + 1, 0.0);
        known_days_.assign(days + 1, 0);
        for (size_t d = 0; d < days; ++d) {
            const int day = first_ + static_cast<int>(d);
            while (next < facts.size() && facts[next].day <= day) {
                balance = day_total(facts, next);
                known = true;
            }
            weighted_[d + 1] = weighted_[d] + day_weight_[d] * balance;
            known_days_[d + 1] = known_days_[d] + (known ? 1 : 0);
        }
        for (const Window& w : windows) {
            const int lo = std::max(w.from, first_) - first_;
            const int hi = std::min(w.to, last_) - first_;
            if (lo > hi) continue;
            const auto l = static_cast<size_t>(lo), h = static_cast<size_t>(hi) + 1;
            sums_[w.row] += w.weight * (weighted_[h] - weighted_[l]);
            if (known_days_[h] > known_days_[l]) has_[w.row] = 1;
        }
    }

    struct MonthColumn {
        std::vector<double> sums;
        std::vector<unsigned char> has;
    };

    void add_month_ends(std::span<const Fact> facts, std::span<const Window> windows) {
        using namespace std::chrono;
        // Month ends from the month of the first value up to the last one
        // strictly before the period.
        year_month_day ym{Date(days(facts.front().day))};
        year_month cursor{ym.year(), ym.month()};
        size_t next = 0;
        double balance = 0;
        for (;;) {
            const int end = day_number(sys_days(cursor / last));
            if (end >= first_) break;
            while (next < facts.size() && facts[next].day <= end) balance = day_total(facts, next);
            for (const Window& w : windows) {
                if (!w.holds(end)) continue;
                MonthColumn& column = month_ends_[end];
                if (column.sums.empty()) {
                    column.sums.assign(sums_.size(), 0.0);
                    column.has.assign(sums_.size(), 0);
                }
                column.sums[w.row] += w.weight * balance;
                column.has[w.row] = 1;
            }
            cursor += months(1);
        }
    }

    const merit_fact_query& query_;
    Period period_;
    int first_, last_;
    std::vector<double> day_weight_;
    std::vector<double> sums_;
    std::vector<unsigned char> has_;
    std::map<int, MonthColumn> month_ends_;
    // Reused buffers: no allocation per entity once warmed up.
    std::vector<double> weighted_;
    std::vector<int> known_days_;
};

// Customer facts through assignments: a merge of the metric's columns with
// the windows, both in customer id order.
void add_customers(const CustomerWindows& held, const FactColumns& columns, Aggregator& aggregator) {
    size_t f = 0;
    for (size_t k = 0; k + 1 < held.begin.size(); ++k) {
        const std::string_view id = held.ids[k];
        while (f < columns.ids.size() && std::string_view(columns.ids[f]) < id) ++f;
        if (f == columns.ids.size()) break;
        if (columns.ids[f] != id) continue;
        aggregator.add(columns.of(f), held.of(k));
    }
}

// Facts booked on the managers themselves, each to its own row.
void add_managers(const ScopeIndex& index, const FactColumns& columns, Aggregator& aggregator) {
    for (size_t f = 0; f < columns.ids.size(); ++f) {
        const auto row = index.row(columns.ids[f]);
        if (!row) continue;
        const Window whole{*row, 1.0, INT_MIN, INT_MAX};
        aggregator.add(columns.of(f), std::span(&whole, 1));
    }
}

}  // namespace

void aggregate_facts(sqlite3* db, FactColumnCache& cache, const merit_scope& scope,
                     const merit_fact_query& query, double* out, unsigned char* valid) {
    if (query.source < MERIT_SOURCE_CUSTOMERS || query.source > MERIT_SOURCE_BOTH)
        throw UserError(fmt::format("unknown fact source {}", static_cast<int>(query.source)));
    Aggregator aggregator(scope, query);
    const ScopeIndex index(scope);
    auto columns = [&](const char* entity) {
        return cache.columns.get(std::string(entity) + '\x1f' + query.metric,
                                 [&] { return load_fact_columns(db, entity, query.metric); });
    };
    if (query.source != MERIT_SOURCE_MANAGER) {
        // Assignments that can matter: overlapping the period, or for
        // MAX_END any time before it.
        const bool history = query.aggregation == MERIT_AGG_MAX_END;
        const WindowQuery windows{query.assignment_role, query.segment, query.use_shares != 0,
                                  history ? INT_MIN : aggregator.first_day(),
                                  history ? aggregator.first_day() - 1 : aggregator.last_day()};
        const auto held = cache.windows.get(customer_windows_key(scope, windows),
                                            [&] { return load_customer_windows(db, index, windows); });
        add_customers(*held, *columns("customer"), aggregator);
    }
    if (query.source != MERIT_SOURCE_CUSTOMERS) add_managers(index, *columns("manager"), aggregator);
    aggregator.finish(out, valid);
}

}  // namespace merit
