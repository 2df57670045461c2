#include "workflow/carried_items.hpp"

#include <fmt/format.h>

#include <chrono>
#include <vector>

#include "engine/run_lifecycle.hpp"
#include "period/period.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

struct Item {
    std::string source, kind, value, reason;
};

// The decisions of the runs that count for periods ending on `day`, oldest
// run first (draft and superseded runs are not the record).
void add_run_decisions(sqlite3* db, const std::string& manager_id, const std::string& day,
                       std::vector<Item>& out) {
    Statement st(
        db,
        "SELECT d.run_id, d.kind, d.value, d.reason FROM run_decisions d JOIN runs r ON r.id = d.run_id "
        "WHERE r.last_day = ?1 AND d.manager_id = ?2 AND " +
            counts_sql("r") + " ORDER BY d.run_id, d.seq");
    st.bind(1, day).bind(2, manager_id);
    while (st.step())
        out.push_back({fmt::format("run:{}", st.integer(0)), st.text(1), st.text(2), st.text(3)});
}

// The plan of the manager's review of the period before.
void add_previous_plan(sqlite3* db, const std::string& manager_id, const std::string& previous_period,
                       std::vector<Item>& out) {
    Statement st(db,
                 "SELECT p.kind, p.text, p.due FROM review_plans p JOIN reviews r ON r.id = p.review_id "
                 "WHERE r.manager_id = ?1 AND r.period = ?2 ORDER BY p.seq");
    st.bind(1, manager_id).bind(2, previous_period);
    while (st.step())
        out.push_back({fmt::format("review:{}/{}", manager_id, previous_period), st.text(0), st.text(1),
                       fmt::format("due {}", st.text(2))});
}

}  // namespace

int64_t carry_earlier_results(sqlite3* db, int64_t review_id, const std::string& manager_id,
                              const std::string& period) {
    const Period p = Period::parse(period);
    const std::string day_before = format_date(p.first_day() - std::chrono::days(1));
    std::vector<Item> items;
    add_run_decisions(db, manager_id, day_before, items);
    add_previous_plan(db, manager_id, p.previous().text(), items);
    Statement st(db,
                 "INSERT INTO review_items (review_id, seq, source, kind, value, reason) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    int64_t seq = 0;
    for (const Item& item : items) {
        st.reset();
        st.bind(1, review_id).bind(2, ++seq).bind(3, item.source).bind(4, item.kind).bind(5, item.value);
        st.bind(6, item.reason);
        st.run();
    }
    return seq;
}

}  // namespace merit
