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
#include "data/day_number.hpp"
#include "data/scope_index.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

// Where an entity's facts count: manager row, weight (share or 1) and the
// inclusive day window of the assignment.
struct Window {
    size_t row;
    double weight;
    int from;
    int to;
    bool holds(int day) const { return day >= from && day <= to; }
};

struct Fact {
    int day;
    double value;
};

std::vector<std::string> split_segments(const char* text) {
    std::vector<std::string> out;
    std::string_view rest = text;
    while (!rest.empty()) {
        const size_t comma = rest.find(',');
        std::string_view item = rest.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    if (out.empty()) throw UserError(fmt::format("segment filter '{}' names no segment", text));
    return out;
}

class Aggregator {
public:
    Aggregator(sqlite3* db, const merit_scope& scope, const merit_fact_query& query)
        : query_(query),
          period_(service_period(scope, query.period)),
          first_(day_number(period_.first_day())),
          last_(day_number(period_.last_day())),
          sums_(scope.count, 0.0),
          has_(scope.count, 0),
          in_period_(db,
                     "SELECT date, value FROM facts WHERE entity = ?1 AND metric = ?2 AND entity_id = ?3 "
                     "AND date >= ?4 AND date <= ?5 ORDER BY date"),
          latest_(db,
                  "SELECT value FROM facts WHERE entity = ?1 AND metric = ?2 AND entity_id = ?3 "
                  "AND date <= ?4 ORDER BY date DESC LIMIT 1"),
          history_(db,
                   "SELECT date, value FROM facts WHERE entity = ?1 AND metric = ?2 AND entity_id = ?3 "
                   "AND date <= ?4 ORDER BY date") {
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

    // Adds one entity's facts to the windows that hold them.
    void add(const char* entity, std::string_view id, std::span<const Window> windows) {
        switch (query_.aggregation) {
            case MERIT_AGG_SUM:
            case MERIT_AGG_COUNT:
                add_flow(entity, id, windows);
                break;
            case MERIT_AGG_END:
                add_end(entity, id, windows);
                break;
            case MERIT_AGG_DAILY_AVG:
            case MERIT_AGG_XUN_AVG:
                add_daily(entity, id, windows);
                break;
            case MERIT_AGG_MAX_END:
                add_month_ends(entity, id, windows);
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
    merit_aggregation aggregation() const { return query_.aggregation; }

private:
    void bind_entity(Statement& stmt, const char* entity, std::string_view id) {
        stmt.reset();
        stmt.bind(1, entity).bind(2, query_.metric).bind(3, id);
    }

    void read_facts(Statement& stmt, std::vector<Fact>& facts) {
        facts.clear();
        while (stmt.step()) {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.raw(), 0));
            facts.push_back(
                {day_number(std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(stmt.raw(), 0)))),
                 stmt.real(1)});
        }
    }

    std::string date_text(int day) const { return format_date(Date(std::chrono::days(day))); }

    void add_flow(const char* entity, std::string_view id, std::span<const Window> windows) {
        bind_entity(in_period_, entity, id);
        in_period_.bind(4, first_text()).bind(5, last_text());
        read_facts(in_period_, facts_);
        const bool count = query_.aggregation == MERIT_AGG_COUNT;
        for (const Fact& fact : facts_)
            for (const Window& w : windows)
                if (w.holds(fact.day)) {
                    sums_[w.row] += w.weight * (count ? 1.0 : fact.value);
                    has_[w.row] = 1;
                }
    }

    void add_end(const char* entity, std::string_view id, std::span<const Window> windows) {
        bind_entity(latest_, entity, id);
        latest_.bind(4, last_text());
        if (!latest_.step()) return;  // no balance on or before the last day
        const double balance = latest_.real(0);
        for (const Window& w : windows)
            if (w.holds(last_)) {
                sums_[w.row] += w.weight * balance;
                has_[w.row] = 1;
            }
    }

    void add_daily(const char* entity, std::string_view id, std::span<const Window> windows) {
        // The balance carried into the period: the latest value before it.
        bind_entity(latest_, entity, id);
        latest_.bind(4, date_text(first_ - 1));
        bool known = latest_.step();
        double balance = known ? latest_.real(0) : 0.0;
        bind_entity(in_period_, entity, id);
        in_period_.bind(4, first_text()).bind(5, last_text());
        read_facts(in_period_, facts_);
        if (!known && facts_.empty()) return;

        // Prefix sums over the period's days of weight * balance, and of the
        // days whose balance is known, so each window costs O(1).
        const size_t days = static_cast<size_t>(last_ - first_ + 1);
        weighted_.assign(days + 1, 0.0);
        known_days_.assign(days + 1, 0);
        size_t next = 0;
        for (size_t d = 0; d < days; ++d) {
            const int day = first_ + static_cast<int>(d);
            while (next < facts_.size() && facts_[next].day <= day) {
                balance = facts_[next++].value;
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

    void add_month_ends(const char* entity, std::string_view id, std::span<const Window> windows) {
        bind_entity(history_, entity, id);
        history_.bind(4, date_text(first_ - 1));
        read_facts(history_, facts_);
        if (facts_.empty()) return;
        using namespace std::chrono;
        // Month ends from the month of the first value up to the last one
        // strictly before the period.
        year_month_day ym{Date(days(facts_.front().day))};
        year_month cursor{ym.year(), ym.month()};
        size_t next = 0;
        double balance = 0;
        for (;;) {
            const int end = day_number(sys_days(cursor / last));
            if (end >= first_) break;
            while (next < facts_.size() && facts_[next].day <= end) balance = facts_[next++].value;
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

    const std::string& first_text() {
        if (first_text_.empty()) first_text_ = format_date(period_.first_day());
        return first_text_;
    }
    const std::string& last_text() {
        if (last_text_.empty()) last_text_ = format_date(period_.last_day());
        return last_text_;
    }

    const merit_fact_query& query_;
    Period period_;
    int first_, last_;
    std::string first_text_, last_text_;
    std::vector<double> day_weight_;
    std::vector<double> sums_;
    std::vector<unsigned char> has_;
    std::map<int, MonthColumn> month_ends_;
    Statement in_period_, latest_, history_;
    // Reused buffers: no allocation per entity once warmed up.
    std::vector<Fact> facts_;
    std::vector<double> weighted_;
    std::vector<int> known_days_;
};

// Customer facts through assignments, grouped by customer.
void add_customers(sqlite3* db, const ScopeIndex& index, const merit_fact_query& query,
                   Aggregator& aggregator) {
    // Assignments that can matter: overlapping the period, or for MAX_END
    // any time before it.
    const bool history = query.aggregation == MERIT_AGG_MAX_END;
    const int window_first = history ? INT_MIN : aggregator.first_day();
    const int window_last = history ? aggregator.first_day() - 1 : aggregator.last_day();

    std::string sql =
        "SELECT a.customer_id, a.manager_id, a.share, a.valid_from, a.valid_to FROM assignments a";
    std::vector<std::string> segments;
    if (query.segment) {
        segments = split_segments(query.segment);
        sql += " JOIN customers c ON c.id = a.customer_id AND c.segment IN (";
        for (size_t i = 0; i < segments.size(); ++i) sql += fmt::format("{}?{}", i ? ", " : "", i + 3);
        sql += ")";
    }
    sql += query.assignment_role ? " WHERE a.role = ?1" : " WHERE a.role IN ('owner', 'co_owner')";
    sql += " AND a.valid_from <= ?2 ORDER BY a.customer_id";
    Statement stmt(db, sql);
    if (query.assignment_role) stmt.bind(1, query.assignment_role);
    stmt.bind(2, format_date(Date(std::chrono::days(window_last))));
    for (size_t i = 0; i < segments.size(); ++i) stmt.bind(static_cast<int>(i + 3), segments[i]);

    std::string customer;
    std::vector<Window> windows;
    auto flush = [&] {
        if (!windows.empty()) aggregator.add("customer", customer, windows);
        windows.clear();
    };
    while (stmt.step()) {
        const std::string id = stmt.text(0);
        if (id != customer) {
            flush();
            customer = id;
        }
        const auto row = index.row(stmt.text(1));
        if (!row) continue;
        const int from = day_number(stmt.text(3));
        const int to = stmt.is_null(4) ? INT_MAX : day_number(stmt.text(4));
        if (to < window_first) continue;
        windows.push_back({*row, query.use_shares ? stmt.real(2) : 1.0, from, to});
    }
    flush();
}

}  // namespace

void aggregate_facts(sqlite3* db, const merit_scope& scope, const merit_fact_query& query, double* out,
                     unsigned char* valid) {
    if (query.source < MERIT_SOURCE_CUSTOMERS || query.source > MERIT_SOURCE_BOTH)
        throw UserError(fmt::format("unknown fact source {}", static_cast<int>(query.source)));
    Aggregator aggregator(db, scope, query);
    const ScopeIndex index(scope);
    if (query.source != MERIT_SOURCE_MANAGER) add_customers(db, index, query, aggregator);
    if (query.source != MERIT_SOURCE_CUSTOMERS) {
        for (size_t i = 0; i < scope.count; ++i) {
            const Window whole{i, 1.0, INT_MIN, INT_MAX};
            aggregator.add("manager", scope.manager_ids[i], std::span(&whole, 1));
        }
    }
    aggregator.finish(out, valid);
}

}  // namespace merit
