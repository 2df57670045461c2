#include "data/workspace_data_services.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/errors.hpp"
#include "data/day_number.hpp"
#include "data/fact_aggregator.hpp"
#include "data/read_only_query.hpp"
#include "data/scope_index.hpp"
#include "data/stored_fact_columns.hpp"
#include "period/period.hpp"
#include "store/manager_terms.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

void require(const void* pointer, const char* what) {
    if (!pointer) throw UserError(fmt::format("{} is missing", what));
}

// Runs `stmt` (rows of manager_id, value) into the scope's column.
void fill_column(Statement& stmt, const ScopeIndex& index, double* out, unsigned char* valid) {
    while (stmt.step()) {
        const auto row = index.row(stmt.text(0));
        if (!row) continue;
        out[*row] = stmt.real(1);
        if (valid) valid[*row] = 1;
    }
}

void clear(size_t count, double* out, unsigned char* valid) {
    for (size_t i = 0; i < count; ++i) {
        out[i] = 0;
        if (valid) valid[i] = 0;
    }
}

// A day argument of the 1.1 detail services: canonical YYYY-MM-DD, since the
// tables compare dates as text; NULL only where `open` allows it.
void check_day(const char* day, const char* name, bool open = false) {
    if (!day) {
        if (open) return;
        throw UserError(fmt::format("{} is missing", name));
    }
    const auto parsed = parse_date(day);
    if (!parsed || format_date(*parsed) != day)
        throw UserError(fmt::format("{} '{}' is not a date (YYYY-MM-DD)", name, day));
}

void check_window(const char* first_day, const char* last_day, bool open) {
    check_day(first_day, "first_day", open);
    check_day(last_day, "last_day", open);
    if (first_day && last_day && std::string_view(first_day) > std::string_view(last_day))
        throw UserError(fmt::format("first_day {} is after last_day {}", first_day, last_day));
}

// A window's bounds for SQL: an open end reads as the earliest or latest day.
const char* lower(const char* day) {
    return day ? day : "0000-01-01";
}
const char* upper(const char* day) {
    return day ? day : "9999-12-31";
}

}  // namespace

WorkspaceDataServices::WorkspaceDataServices(const Workspace& ws) : pool_(ws.path()) {}

void WorkspaceDataServices::fact_aggregate(const merit_scope& scope, const merit_fact_query& query,
                                           double* out, unsigned char* valid) {
    require(out, "out");
    require(valid, "valid");
    auto connection = pool_.acquire();
    SqliteFactAggregator columns(connection->db(), facts_);
    columns.aggregate(scope, query, out, valid);
}

void WorkspaceDataServices::event_aggregate(const merit_scope& scope, const merit_event_query& query,
                                            double* out) {
    require(out, "out");
    if (query.measure < MERIT_EVENT_COUNT || query.measure > MERIT_EVENT_AMOUNT)
        throw UserError(fmt::format("unknown event measure {}", static_cast<int>(query.measure)));
    const Period period = service_period(scope, query.period);
    auto connection = pool_.acquire();
    const char* measure = query.measure == MERIT_EVENT_COUNT      ? "count(*)"
                          : query.measure == MERIT_EVENT_QUANTITY ? "total(quantity)"
                                                                  : "total(amount)";
    Statement stmt(connection->db(),
                   fmt::format("SELECT manager_id, {} FROM events WHERE date >= ?1 AND date <= ?2{} "
                               "GROUP BY manager_id",
                               measure, query.kind ? " AND kind = ?3" : ""));
    stmt.bind(1, format_date(period.first_day())).bind(2, format_date(period.last_day()));
    if (query.kind) stmt.bind(3, query.kind);
    clear(scope.count, out, nullptr);
    fill_column(stmt, ScopeIndex(scope), out, nullptr);
}

void WorkspaceDataServices::target_values(const merit_scope& scope, const char* indicator, const char* period,
                                          double* out, unsigned char* valid) {
    require(indicator, "indicator");
    require(out, "out");
    require(valid, "valid");
    // targets.csv periods are stored in canonical form, so "2026-q3" and
    // "2026-Q3" find the same rows.
    const std::string canonical = service_period(scope, period).text();
    auto connection = pool_.acquire();
    Statement stmt(connection->db(),
                   "SELECT manager_id, value FROM targets WHERE indicator = ?1 AND period = ?2");
    stmt.bind(1, indicator).bind(2, canonical);
    clear(scope.count, out, valid);
    fill_column(stmt, ScopeIndex(scope), out, valid);
}

void WorkspaceDataServices::rating_average(const merit_scope& scope, const char* rater_role, const char* item,
                                           const char* period, double* out, unsigned char* valid) {
    require(out, "out");
    require(valid, "valid");
    const std::string canonical = service_period(scope, period).text();
    auto connection = pool_.acquire();
    Statement stmt(
        connection->db(),
        fmt::format("SELECT manager_id, avg(score) FROM ratings WHERE period = ?1{}{} GROUP BY manager_id",
                    rater_role ? " AND rater_role = ?2" : "", item ? " AND item = ?3" : ""));
    stmt.bind(1, canonical);
    if (rater_role) stmt.bind(2, rater_role);
    if (item) stmt.bind(3, item);
    clear(scope.count, out, valid);
    fill_column(stmt, ScopeIndex(scope), out, valid);
}

namespace {

// Each customer's value of the latest day on or before `day` in `columns`
// (a stock's balance; a flow's bookings of that day, totalled as the
// aggregations read a flow as a balance), in customer id order.
void latest_values(const FactColumns& columns, int day, merit_customer_value_fn on_value, void* user) {
    const auto after = [](int d, const Fact& f) { return d < f.day; };
    for (size_t k = 0; k < columns.ids.size(); ++k) {
        const std::span<const Fact> facts = columns.of(k);
        auto end = std::upper_bound(facts.begin(), facts.end(), day, after);
        if (end == facts.begin()) continue;
        const int latest = std::prev(end)->day;
        double total = 0.0;
        for (auto f =
                 std::lower_bound(facts.begin(), end, latest, [](const Fact&x, int d) { return x.day < d; });
             f != end; ++f)
            total += f->value;
        if (on_value(user, columns.ids[k].c_str(), total) != 0) return;
    }
}

int checked_day(const char* metric, const char* day) {
    require(metric, "metric");
    require(day, "day");
    if (!parse_date(day)) throw std::runtime_error(fmt::format("day '{}' is not a date (YYYY-MM-DD)", day));
    return day_number(day);
}

}  // namespace

void WorkspaceDataServices::keep_fact_columns_read(sqlite3* db) {
    facts_.columns.for_each_loaded([&](const std::string& key, const FactColumns& columns) {
        if (!columns.from_table) return;
        const size_t separator = key.find('\x1f');  // entity \x1f metric (fact_column_cache.hpp)
        keep_fact_columns(db, std::string_view(key).substr(0, separator),
                          std::string_view(key).substr(separator + 1), columns);
    });
}

// From the metric's columns, read once per run and shared with the
// aggregations (a statement per call was a tenth of a banking run).
void WorkspaceDataServices::customer_values(const char* metric, const char* day,
                                            merit_customer_value_fn on_value, void* user) {
    const int on = checked_day(metric, day);
    auto connection = pool_.acquire();
    const auto columns = facts_.columns.get(std::string("customer\x1f") + metric, [&] {
        return load_fact_columns(connection->db(), "customer", metric);
    });
    latest_values(*columns, on, on_value, user);
}

void WorkspaceDataServices::customer_values_of(sqlite3* db, const char* metric, const char* day,
                                               merit_customer_value_fn on_value, void* user) {
    const int on = checked_day(metric, day);
    latest_values(load_fact_columns(db, "customer", metric), on, on_value, user);
}

void WorkspaceDataServices::event_rows(const char* kind, const char* first_day, const char* last_day,
                                       merit_event_row_fn on_row, void* user) {
    auto connection = pool_.acquire();
    event_rows_of(connection->db(), kind, first_day, last_day, on_row, user);
}

void WorkspaceDataServices::organisation(const char* day, merit_org_unit_fn on_unit,
                                         merit_org_manager_fn on_manager, void* user) {
    auto connection = pool_.acquire();
    organisation_of(connection->db(), day, on_unit, on_manager, user);
}

void WorkspaceDataServices::customer_holdings(const char* metric, const char* first_day, const char* last_day,
                                              const char* assignment_role, merit_holding_fn on_holding,
                                              void* user) {
    auto connection = pool_.acquire();
    customer_holdings_of(connection->db(), metric, first_day, last_day, assignment_role, on_holding, user);
}

void WorkspaceDataServices::customer_facts(const char* metric, const char* first_day, const char* last_day,
                                           merit_customer_fact_fn on_fact, void* user) {
    auto connection = pool_.acquire();
    customer_facts_of(connection->db(), metric, first_day, last_day, on_fact, user);
}

void WorkspaceDataServices::event_rows_of(sqlite3* db, const char* kind, const char* first_day,
                                          const char* last_day, merit_event_row_fn on_row, void* user) {
    require(kind, "kind");
    check_window(first_day, last_day, true);
    Statement stmt(db,
                   "SELECT manager_id, date, ref, note, quantity, amount FROM events WHERE kind = ?1 "
                   "AND date >= ?2 AND date <= ?3 ORDER BY manager_id, date, ref");
    stmt.bind(1, kind).bind(2, lower(first_day)).bind(3, upper(last_day));
    while (stmt.step()) {
        const std::string manager = stmt.text(0), date = stmt.text(1), ref = stmt.text(2),
                          note = stmt.text(3);
        merit_event_row row{};
        row.struct_size = sizeof row;
        row.manager_id = manager.c_str();
        row.date = date.c_str();
        row.ref = ref.c_str();
        row.note = note.c_str();
        row.quantity = stmt.real(4);
        row.has_amount = stmt.is_null(5) ? 0 : 1;
        row.amount = row.has_amount ? stmt.real(5) : 0;
        if (on_row(user, &row) != 0) break;
    }
}

void WorkspaceDataServices::organisation_of(sqlite3* db, const char* day, merit_org_unit_fn on_unit,
                                            merit_org_manager_fn on_manager, void* user) {
    check_day(day, "day");
    if (on_unit) {
        Statement units(
            db, "SELECT id, name, coalesce(parent_id, ''), coalesce(kind, '') FROM org_units ORDER BY id");
        while (units.step()) {
            const std::string id = units.text(0), name = units.text(1), parent = units.text(2),
                              kind = units.text(3);
            const merit_org_unit_row row{sizeof(merit_org_unit_row), id.c_str(), name.c_str(), parent.c_str(),
                                         kind.c_str()};
            if (on_unit(user, &row) != 0) return;
        }
    }
    if (!on_manager) return;
    // Each manager's term valid on the day, as a run's scope reads it.
    for (const ManagerTerm& m : managers_on(db, day)) {
        const merit_org_manager_row row{sizeof(merit_org_manager_row),
                                        m.id.c_str(),
                                        m.name.c_str(),
                                        m.org_unit_id.c_str(),
                                        m.role.c_str(),
                                        m.grade.c_str(),
                                        m.status.c_str(),
                                        m.hired_on.c_str()};
        if (on_manager(user, &row) != 0) return;
    }
}

void WorkspaceDataServices::customer_holdings_of(sqlite3* db, const char* metric, const char* first_day,
                                                 const char* last_day, const char* assignment_role,
                                                 merit_holding_fn on_holding, void* user) {
    check_window(first_day, last_day, false);
    // The metric's facts of the window by customer, in date order: each
    // holding sums the run of them inside its own days.
    std::map<std::string, std::vector<std::pair<std::string, double>>> facts;
    if (metric) {
        Statement stmt(db,
                       "SELECT entity_id, date, value FROM facts WHERE entity = 'customer' AND metric = ?1 "
                       "AND date >= ?2 AND date <= ?3 ORDER BY entity_id, date");
        stmt.bind(1, metric).bind(2, first_day).bind(3, last_day);
        while (stmt.step()) facts[stmt.text(0)].emplace_back(stmt.text(1), stmt.real(2));
    }
    // The assignments in their key's order (customer, manager, role,
    // valid_from), which needs no sort in SQLite and no join: segments come
    // from one read of the customers, and the rows are put in the service's
    // order here. (The same SELECT in manager order with the join cost 10x
    // at 50,000 customers.)
    struct Held {
        std::string customer, manager, role, valid_from, from, to;
        double share;
    };
    std::vector<Held> held;
    Statement stmt(db,
                   "SELECT customer_id, manager_id, role, share, valid_from, "
                   "CASE WHEN valid_from > ?1 THEN valid_from ELSE ?1 END, "
                   "CASE WHEN valid_to IS NULL OR valid_to = '' OR valid_to > ?2 THEN ?2 ELSE valid_to END "
                   "FROM assignments "
                   "WHERE (CASE WHEN ?3 IS NULL THEN role IN ('owner', 'co_owner') ELSE role = ?3 END) "
                   "AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to = '' OR valid_to >= ?1) "
                   "ORDER BY customer_id, manager_id, role, valid_from");
    stmt.bind(1, first_day).bind(2, last_day);
    if (assignment_role)
        stmt.bind(3, assignment_role);
    else
        stmt.bind_null(3);
    while (stmt.step())
        held.push_back({stmt.text(0), stmt.text(1), stmt.text(2), stmt.text(4), stmt.text(5), stmt.text(6),
                        stmt.real(3)});
    if (held.empty()) return;
    std::unordered_map<std::string, std::string> segments;
    Statement customers(db, "SELECT id, segment FROM customers WHERE segment IS NOT NULL AND segment <> ''");
    while (customers.step()) segments.emplace(customers.text(0), customers.text(1));
    // The key makes the order total: no two rows compare equal.
    std::sort(held.begin(), held.end(), [](const Held& a, const Held& b) {
        return std::tie(a.manager, a.customer, a.valid_from, a.role) <
               std::tie(b.manager, b.customer, b.valid_from, b.role);
    });
    static const std::string kNoSegment;
    for (const Held& h : held) {
        const auto segment = segments.find(h.customer);
        merit_holding_row row{};
        row.struct_size = sizeof row;
        row.customer_id = h.customer.c_str();
        row.manager_id = h.manager.c_str();
        row.role = h.role.c_str();
        row.share = h.share;
        row.segment = segment == segments.end() ? kNoSegment.c_str() : segment->second.c_str();
        row.first_day = h.from.c_str();
        row.last_day = h.to.c_str();
        if (const auto it = facts.find(h.customer); it != facts.end()) {
            auto at =
                std::lower_bound(it->second.begin(), it->second.end(), h.from,
                                 [](const auto& fact, const std::string& day) { return fact.first < day; });
            for (; at != it->second.end() && at->first <= h.to; ++at) {
                row.value += at->second;
                ++row.fact_count;
            }
        }
        if (on_holding(user, &row) != 0) break;
    }
}

void WorkspaceDataServices::customer_facts_of(sqlite3* db, const char* metric, const char* first_day,
                                              const char* last_day, merit_customer_fact_fn on_fact,
                                              void* user) {
    require(metric, "metric");
    check_window(first_day, last_day, true);
    Statement stmt(db,
                   "SELECT entity_id, date, value FROM facts WHERE entity = 'customer' AND metric = ?1 "
                   "AND date >= ?2 AND date <= ?3 ORDER BY entity_id, date");
    stmt.bind(1, metric).bind(2, lower(first_day)).bind(3, upper(last_day));
    while (stmt.step())
        if (on_fact(user, stmt.text(0).c_str(), stmt.text(1).c_str(), stmt.real(2)) != 0) break;
}

void WorkspaceDataServices::query(const char* sql, const merit_value* params, size_t param_count,
                                  merit_row_fn on_row, void* user) {
    auto connection = pool_.acquire();
    run_read_only_query(*connection, sql, params, param_count, on_row, user);
}

}  // namespace merit
