#include "pg/pg_detail_services.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "period/period.hpp"

namespace merit {
namespace {

// The argument checks of workspace_data_services.cpp, with its messages.
void require(const void* pointer, const char* what) {
    if (!pointer) throw UserError(fmt::format("{} is missing", what));
}

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

// " AND <column> >= $n AND <column> <= $m" for the ends given.
std::string window_filter(std::string_view column, const char* first_day, const char* last_day,
                          std::vector<PgParam>& params) {
    std::string sql;
    if (first_day) {
        params.emplace_back(first_day);
        sql += fmt::format(" AND {} >= CAST(${} AS date)", column, params.size());
    }
    if (last_day) {
        params.emplace_back(last_day);
        sql += fmt::format(" AND {} <= CAST(${} AS date)", column, params.size());
    }
    return sql;
}

// A date column as YYYY-MM-DD whatever the session's settings.
constexpr const char* kDay = "to_char({}, 'YYYY-MM-DD')";

std::string day(std::string_view column) {
    return fmt::format(fmt::runtime(kDay), column);
}

}  // namespace

void pg_event_rows(PgConnection& pg, const char* kind, const char* first_day, const char* last_day,
                   merit_event_row_fn on_row, void* user) {
    require(kind, "kind");
    check_window(first_day, last_day, true);
    std::vector<PgParam> params = {std::string(kind)};
    const std::string window = window_filter("date", first_day, last_day, params);
    const PgResult rows = pg.exec_params(
        fmt::format("SELECT manager_id, {}, ref, note, quantity, amount FROM events WHERE kind = CAST($1 AS "
                    "text){} ORDER BY manager_id, date, ref, occurrence",
                    day("date"), window),
        params);
    rows.expect_columns(6);
    for (int r = 0; r < rows.rows(); ++r) {
        const std::string manager(rows.text(r, 0)), date(rows.text(r, 1)), ref(rows.text(r, 2)),
            note(rows.text(r, 3));
        merit_event_row row{};
        row.struct_size = sizeof row;
        row.manager_id = manager.c_str();
        row.date = date.c_str();
        row.ref = ref.c_str();
        row.note = note.c_str();
        row.quantity = rows.real(r, 4);
        row.has_amount = rows.is_null(r, 5) ? 0 : 1;
        row.amount = row.has_amount ? rows.real(r, 5) : 0;
        if (on_row(user, &row) != 0) break;
    }
}

void pg_customer_values(PgConnection& pg, const char* metric, const char* day,
                        merit_customer_value_fn on_value, void* user) {
    require(metric, "metric");
    require(day, "day");
    // The workspace's service throws this type and message for a bad day.
    if (!parse_date(day)) throw std::runtime_error(fmt::format("day '{}' is not a date (YYYY-MM-DD)", day));
    const PgResult rows = pg.exec_params(
        // The latest day's value: a flow's bookings of that day totalled, as
        // the workspace's service and the balance aggregations read them.
        "SELECT entity_id, value FROM (SELECT entity_id, value, row_number() OVER (PARTITION BY entity_id "
        "ORDER BY date DESC) AS pick FROM (SELECT entity_id, date, sum(value) AS value FROM facts "
        "WHERE entity = 'customer' AND metric = CAST($1 AS text) AND date <= CAST($2 AS date) "
        "GROUP BY entity_id, date) days) latest WHERE pick = 1 ORDER BY entity_id",
        {std::string(metric), std::string(day)});
    rows.expect_columns(2);
    for (int r = 0; r < rows.rows(); ++r) {
        const std::string customer(rows.text(r, 0));
        if (on_value(user, customer.c_str(), rows.real(r, 1)) != 0) break;
    }
}

void pg_customer_facts(PgConnection& pg, const char* metric, const char* first_day, const char* last_day,
                       merit_customer_fact_fn on_fact, void* user) {
    require(metric, "metric");
    check_window(first_day, last_day, true);
    std::vector<PgParam> params = {std::string(metric)};
    const std::string window = window_filter("date", first_day, last_day, params);
    const PgResult rows = pg.exec_params(
        fmt::format(
            "SELECT entity_id, {}, value FROM facts WHERE entity = 'customer' AND metric = CAST($1 AS "
            "text){} ORDER BY entity_id, date, ref, occurrence",
            day("date"), window),
        params);
    rows.expect_columns(3);
    for (int r = 0; r < rows.rows(); ++r) {
        const std::string customer(rows.text(r, 0)), date(rows.text(r, 1));
        if (on_fact(user, customer.c_str(), date.c_str(), rows.real(r, 2)) != 0) break;
    }
}

void pg_organisation(PgConnection& pg, const char* day_text, merit_org_unit_fn on_unit,
                     merit_org_manager_fn on_manager, void* user) {
    check_day(day_text, "day");
    if (on_unit) {
        const PgResult units = pg.exec(
            "SELECT id, name, COALESCE(parent_id, ''), COALESCE(kind, '') FROM org_units ORDER BY id");
        units.expect_columns(4);
        for (int r = 0; r < units.rows(); ++r) {
            const std::string id(units.text(r, 0)), name(units.text(r, 1)), parent(units.text(r, 2)),
                kind(units.text(r, 3));
            const merit_org_unit_row row{sizeof(merit_org_unit_row), id.c_str(), name.c_str(), parent.c_str(),
                                         kind.c_str()};
            if (on_unit(user, &row) != 0) return;
        }
    }
    if (!on_manager) return;
    // store/manager_terms.hpp's rule: the latest term starting on or before
    // the day (a NULL start is since ever, the earliest), else the first.
    const PgResult managers = pg.exec_params(
        fmt::format(
            "SELECT m.id, m.name, t.org_unit_id, t.role, COALESCE(t.grade, ''), COALESCE({}, ''), t.status "
            "FROM managers m JOIN (SELECT manager_id, org_unit_id, role, grade, status, row_number() OVER "
            "(PARTITION BY manager_id ORDER BY CASE WHEN valid_from IS NULL OR valid_from <= CAST($1 AS "
            "date) "
            "THEN 0 ELSE 1 END, CASE WHEN valid_from IS NULL OR valid_from <= CAST($1 AS date) THEN "
            "valid_from "
            "END DESC NULLS LAST, valid_from ASC) AS pick FROM manager_terms) t ON t.manager_id = m.id AND "
            "t.pick = 1 ORDER BY m.id",
            day("m.hired_on")),
        {std::string(day_text)});
    managers.expect_columns(7);
    for (int r = 0; r < managers.rows(); ++r) {
        std::vector<std::string> v;
        for (int c = 0; c < 7; ++c) v.emplace_back(managers.text(r, c));
        const merit_org_manager_row row{sizeof(merit_org_manager_row),
                                        v[0].c_str(),
                                        v[1].c_str(),
                                        v[2].c_str(),
                                        v[3].c_str(),
                                        v[4].c_str(),
                                        v[6].c_str(),
                                        v[5].c_str()};
        if (on_manager(user, &row) != 0) return;
    }
}

void pg_customer_holdings(PgConnection& pg, const char* metric, const char* first_day, const char* last_day,
                          const char* assignment_role, merit_holding_fn on_holding, void* user) {
    check_window(first_day, last_day, false);
    std::vector<PgParam> params = {std::string(first_day), std::string(last_day)};
    std::string role = "a.role IN ('owner', 'co_owner')";
    if (assignment_role) {
        params.emplace_back(assignment_role);
        role = fmt::format("a.role = CAST(${} AS text)", params.size());
    }
    // Without a metric no fact joins (value 0, count 0).
    std::string facts = "FALSE";
    if (metric) {
        params.emplace_back(metric);
        facts = fmt::format("f.entity = 'customer' AND f.metric = CAST(${} AS text)", params.size());
    }
    const PgResult rows = pg.exec_params(
        fmt::format(
            "WITH held AS (SELECT a.customer_id, a.manager_id, a.role, a.share, a.valid_from, "
            "GREATEST(a.valid_from, CAST($1 AS date)) AS first_day, LEAST(COALESCE(a.valid_to, CAST($2 AS "
            "date)), CAST($2 AS date)) AS last_day FROM assignments a WHERE {} AND a.valid_from <= CAST($2 "
            "AS "
            "date) AND (a.valid_to IS NULL OR a.valid_to >= CAST($1 AS date))) "
            "SELECT h.customer_id, h.manager_id, h.role, h.share, COALESCE(c.segment, ''), {}, {}, "
            "COALESCE(sum(f.value), 0), count(f.value) FROM held h LEFT JOIN customers c ON c.id = "
            "h.customer_id LEFT JOIN facts f ON {} AND f.entity_id = h.customer_id AND f.date >= h.first_day "
            "AND f.date <= h.last_day GROUP BY h.customer_id, h.manager_id, h.role, h.valid_from, h.share, "
            "c.segment, h.first_day, h.last_day ORDER BY h.manager_id, h.customer_id, h.valid_from, h.role",
            role, day("h.first_day"), day("h.last_day"), facts),
        params);
    rows.expect_columns(9);
    for (int r = 0; r < rows.rows(); ++r) {
        const std::string customer(rows.text(r, 0)), manager(rows.text(r, 1)), held_role(rows.text(r, 2)),
            segment(rows.text(r, 4)), from(rows.text(r, 5)), to(rows.text(r, 6));
        const int64_t count = rows.int64(r, 8);
        if (count < 0) throw UserError("postgresql: a negative fact count (customer_holdings)");
        merit_holding_row row{};
        row.struct_size = sizeof row;
        row.customer_id = customer.c_str();
        row.manager_id = manager.c_str();
        row.role = held_role.c_str();
        row.share = rows.real(r, 3);
        row.segment = segment.c_str();
        row.first_day = from.c_str();
        row.last_day = to.c_str();
        row.value = rows.real(r, 7);
        row.fact_count = static_cast<size_t>(count);
        if (on_holding(user, &row) != 0) break;
    }
}

}  // namespace merit
