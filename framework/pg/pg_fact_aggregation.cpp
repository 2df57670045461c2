#include "pg/pg_fact_aggregation.hpp"

#include <fmt/format.h>

#include <chrono>
#include <string_view>

#include "common/errors.hpp"
#include "data/scope_index.hpp"
#include "period/period.hpp"

namespace merit {
namespace {

// The segment filter's items, as data/customer_windows.cpp reads them:
// comma-separated, blanks around an item ignored, empty items dropped.
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

// Parameters are added as they are used: the server refuses a parameter
// no statement text mentions (it cannot infer its type).
class Params {
public:
    // "CAST($n AS type)" for a new parameter holding `value`.
    std::string add(PgParam value, std::string_view type) {
        values_.push_back(std::move(value));
        return fmt::format("CAST(${} AS {})", values_.size(), type);
    }
    std::vector<PgParam> take() { return std::move(values_); }

private:
    std::vector<PgParam> values_;
};

std::string day_text(Date day) {
    return format_date(day);
}

struct Plan {
    merit_aggregation aggregation;
    bool customers;    // customer facts through assignments
    bool managers;     // the managers' own facts
    Date first, last;  // the period
};

// Who holds which entity's facts, when, and with what weight.
std::string holders_sql(const Plan& plan, const merit_fact_query& query, Params& p, const std::string& ids) {
    std::vector<std::string> parts;
    if (plan.customers) {
        const bool history = plan.aggregation == MERIT_AGG_MAX_END;
        // Only windows that can matter: overlapping the period, or for
        // MAX_END anything starting before it.
        const Date window_last = history ? plan.first - std::chrono::days(1) : plan.last;
        std::string sql = fmt::format(
            "SELECT 'customer' AS entity, a.customer_id AS entity_id, s.ord, "
            "CASE WHEN {} THEN a.share ELSE CAST(1 AS double precision) END AS weight, "
            "a.valid_from AS w_from, a.valid_to AS w_to "
            "FROM assignments a JOIN scope s ON s.manager_id = a.manager_id "
            "WHERE {} AND a.valid_from <= {}",
            p.add(query.use_shares ? "t" : "f", "boolean"),
            query.assignment_role ? "a.role = " + p.add(std::string(query.assignment_role), "text")
                                  : std::string("a.role IN ('owner', 'co_owner')"),
            p.add(day_text(window_last), "date"));
        if (!history)
            sql += fmt::format(" AND (a.valid_to IS NULL OR a.valid_to >= {})",
                               p.add(day_text(plan.first), "date"));
        if (query.segment)
            sql +=
                fmt::format(" AND a.customer_id IN (SELECT c.id FROM customers c WHERE c.segment = ANY ({}))",
                            p.add(pg_text_array(split_segments(query.segment)), "text[]"));
        parts.push_back(std::move(sql));
    }
    if (plan.managers)
        parts.push_back(
            "SELECT 'manager' AS entity, s.manager_id AS entity_id, s.ord, CAST(1 AS double precision) AS "
            "weight, "
            "CAST(NULL AS date) AS w_from, CAST(NULL AS date) AS w_to FROM scope s");
    std::string out = fmt::format(
        "WITH scope AS (SELECT s.id AS manager_id, min(s.ord) AS ord "
        "FROM unnest({}) WITH ORDINALITY AS s(id, ord) GROUP BY s.id), holders AS (",
        ids);
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? " UNION ALL " : "") + parts[i];
    return out + ")";
}

// The metric's facts of the holders' entities dated up to `upper` (and from
// `lower` when given).
std::string relevant_sql(Params& p, const std::string& metric, Date upper, const std::optional<Date>& lower) {
    std::string sql = fmt::format(
        ", relevant AS (SELECT f.entity, f.entity_id, f.date, f.value, f.ref, f.occurrence FROM facts f "
        "WHERE f.metric = {} AND (f.entity, f.entity_id) IN (SELECT h.entity, h.entity_id FROM holders h) "
        "AND f.date <= {}",
        metric, p.add(day_text(upper), "date"));
    if (lower) sql += " AND f.date >= " + p.add(day_text(*lower), "date");
    return sql + ")";
}

// Each day's value of the relevant facts: a stock has one row a day; a
// flow read as a balance holds its day's total (fact_aggregation.hpp).
constexpr std::string_view kDayTotals =
    "(SELECT entity, entity_id, date, sum(value) AS value FROM relevant GROUP BY entity, entity_id, date)";

// Spans of carried-forward values: each day's value holds from that day to
// the day before the next day with a value, the last one up to `end`.
std::string spans_sql(Params& p, Date end) {
    return fmt::format(
        ", ordered AS (SELECT entity, entity_id, date, value, LEAD(date) OVER (PARTITION BY entity, "
        "entity_id ORDER BY date) AS next_date FROM {} days), "
        "spans AS (SELECT entity, entity_id, value, date AS s_from, COALESCE(next_date - 1, {}) AS s_to "
        "FROM ordered)",
        kDayTotals, p.add(day_text(end), "date"));
}

constexpr std::string_view kJoinSpans =
    " FROM holders h JOIN spans s ON s.entity = h.entity AND s.entity_id = h.entity_id";

// Holds(window, day): the assignment's window (valid_to inclusive) holds `day`.
std::string holds(std::string_view day) {
    return fmt::format("(h.w_from IS NULL OR h.w_from <= {0}) AND (h.w_to IS NULL OR h.w_to >= {0})", day);
}

std::string flow_sql(const Plan& plan, Params& p, const std::string& metric) {
    const std::string value = plan.aggregation == MERIT_AGG_COUNT ? "h.weight" : "h.weight * f.value";
    return relevant_sql(p, metric, plan.last, plan.first) +
           fmt::format(
               " SELECT h.ord, sum({}) FROM holders h JOIN relevant f ON f.entity = h.entity AND "
               "f.entity_id = h.entity_id WHERE {} GROUP BY h.ord",
               value, holds("f.date"));
}

std::string end_sql(const Plan& plan, Params& p, const std::string& metric) {
    return relevant_sql(p, metric, plan.last, std::nullopt) +
           fmt::format(
               ", latest AS (SELECT entity, entity_id, value FROM (SELECT d.entity, d.entity_id, d.value, "
               "row_number() OVER (PARTITION BY d.entity, d.entity_id ORDER BY d.date DESC) AS newest "
               "FROM {} d) ranked WHERE newest = 1) "
               "SELECT h.ord, sum(h.weight * l.value) FROM holders h JOIN latest l ON l.entity = h.entity "
               "AND "
               "l.entity_id = h.entity_id WHERE {} GROUP BY h.ord",
               kDayTotals, holds(p.add(day_text(plan.last), "date")));
}

std::string daily_sql(const Plan& plan, Params& p, const std::string& metric) {
    // The parts of the period and the weight of one of their days, as the
    // columns compute them.
    const Period period = Period::range(plan.first, plan.last);
    std::vector<std::string> parts;
    if (plan.aggregation == MERIT_AGG_DAILY_AVG) {
        parts.push_back(fmt::format("({}, {}, {})", p.add(day_text(plan.first), "date"),
                                    p.add(day_text(plan.last), "date"),
                                    p.add(fmt::format("{}", 1.0 / period.day_count()), "double precision")));
    } else {
        const std::vector<Period> xun = period.xun();
        for (const Period& part : xun)
            parts.push_back(fmt::format(
                "({}, {}, {})", p.add(day_text(part.first_day()), "date"),
                p.add(day_text(part.last_day()), "date"),
                p.add(fmt::format("{}", 1.0 / (static_cast<double>(xun.size()) * part.day_count())),
                      "double precision")));
    }
    std::string values;
    for (const std::string& part : parts) values += (values.empty() ? "" : ", ") + part;
    return relevant_sql(p, metric, plan.last, std::nullopt) + spans_sql(p, plan.last) +
           fmt::format(
               ", parts (p_from, p_to, day_weight) AS (VALUES {}), "
               "pieces AS (SELECT h.ord, h.weight * s.value * p.day_weight AS per_day, "
               "LEAST(s.s_to, p.p_to, COALESCE(h.w_to, p.p_to)) - GREATEST(s.s_from, p.p_from, "
               "COALESCE(h.w_from, p.p_from)) + 1 AS days{} JOIN parts p ON p.p_from <= s.s_to AND "
               "p.p_to >= s.s_from) "
               "SELECT ord, sum(per_day * days) FROM pieces WHERE days > 0 GROUP BY ord",
               values, kJoinSpans);
}

std::string month_end_sql(const Plan& plan, Params& p, const std::string& metric) {
    const Date before = plan.first - std::chrono::days(1);
    const std::string first = p.add(day_text(plan.first), "date");
    return relevant_sql(p, metric, before, std::nullopt) + spans_sql(p, before) +
           fmt::format(
               ", month_ends AS (SELECT CAST(m + INTERVAL '1 month' - INTERVAL '1 day' AS date) AS e "
               "FROM generate_series(date_trunc('month', (SELECT CAST(min(s_from) AS timestamp) FROM "
               "spans)), "
               "{}, INTERVAL '1 month') AS g(m)), "
               "totals AS (SELECT h.ord, me.e, sum(h.weight * s.value) AS total{} JOIN month_ends me ON me.e "
               ">= "
               "s.s_from AND me.e <= s.s_to WHERE me.e < {} AND {} GROUP BY h.ord, me.e) "
               "SELECT ord, max(total) FROM totals GROUP BY ord",
               p.add(day_text(before), "timestamp"), kJoinSpans, first, holds("me.e"));
}

}  // namespace

std::string pg_text_array(const std::vector<std::string>& items) {
    std::string out = "{";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char c : items[i]) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + '}';
}

PgQuery fact_aggregate_query(const merit_scope& scope, const merit_fact_query& query) {
    // The checks of aggregate_facts, in its order, with its messages.
    if (query.source < MERIT_SOURCE_CUSTOMERS || query.source > MERIT_SOURCE_BOTH)
        throw UserError(fmt::format("unknown fact source {}", static_cast<int>(query.source)));
    const Period period = service_period(scope, query.period);
    if (query.aggregation < MERIT_AGG_SUM || query.aggregation > MERIT_AGG_COUNT)
        throw UserError(fmt::format("unknown aggregation {}", static_cast<int>(query.aggregation)));
    if (!query.metric || !*query.metric) throw UserError("no metric given");

    const Plan plan{query.aggregation, query.source != MERIT_SOURCE_MANAGER,
                    query.source != MERIT_SOURCE_CUSTOMERS, period.first_day(), period.last_day()};
    std::vector<std::string> ids;
    ids.reserve(scope.count);
    for (size_t i = 0; i < scope.count; ++i) ids.emplace_back(scope.manager_ids[i]);
    Params p;
    const std::string ids_param = p.add(pg_text_array(ids), "text[]");
    std::string sql = holders_sql(plan, query, p, ids_param);
    const std::string metric = p.add(std::string(query.metric), "text");
    switch (query.aggregation) {
        case MERIT_AGG_SUM:
        case MERIT_AGG_COUNT:
            sql += flow_sql(plan, p, metric);
            break;
        case MERIT_AGG_END:
            sql += end_sql(plan, p, metric);
            break;
        case MERIT_AGG_DAILY_AVG:
        case MERIT_AGG_XUN_AVG:
            sql += daily_sql(plan, p, metric);
            break;
        case MERIT_AGG_MAX_END:
            sql += month_end_sql(plan, p, metric);
            break;
    }
    return {std::move(sql), p.take()};
}

void PgFactAggregator::aggregate(const merit_scope& scope, const merit_fact_query& query, double* out,
                                 unsigned char* valid) {
    const PgQuery statement = fact_aggregate_query(scope, query);
    // A count is never unknown: no rows is a count of 0.
    const unsigned char unknown = query.aggregation == MERIT_AGG_COUNT ? 1 : 0;
    for (size_t i = 0; i < scope.count; ++i) {
        out[i] = 0;
        valid[i] = unknown;
    }
    if (scope.count == 0) return;
    const PgResult rows = pg_.exec_params(statement.sql, statement.params);
    rows.expect_columns(2);
    // The server's rows are checked, not trusted: each names a row of the
    // scope, once.
    std::vector<unsigned char> seen(scope.count, 0);
    for (int r = 0; r < rows.rows(); ++r) {
        const int64_t ord = rows.int64(r, 0);
        const bool in_scope = ord >= 1 && static_cast<uint64_t>(ord) <= scope.count;
        if (!in_scope || seen[ord - 1])
            throw UserError(
                fmt::format("postgresql: the server returned manager row {} {}of a scope of {} "
                            "(fact_aggregate {})",
                            ord, in_scope ? "twice " : "", scope.count, query.metric));
        seen[ord - 1] = 1;
        out[ord - 1] = rows.real(r, 1);
        valid[ord - 1] = 1;
    }
}

}  // namespace merit
