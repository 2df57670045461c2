#include "portfolio.hpp"

#include <merit/calendar.hpp>

#include <algorithm>
#include <chrono>
#include <utility>

namespace banking {
namespace {

// One owner or co-owner assignment in force on a day, of a manager in scope.
struct Holder {
    size_t row;
    std::string customer;
    double share;
};

// The assignments in force on `day`: one scan of the assignments view in
// its key's (customer) order, which book_of merges with the balances. Kept
// as portable SQL on the view rather than the customer_holdings service:
// the service's (manager, customer) order and segments cost a run of the
// banking scheme at 1,000 managers and 50,000 customers 2.2 s of CPU
// instead of 1.8 s (ten books a run), and this rule needs neither.
std::vector<Holder> holders_on(const merit::Context& ctx, const merit::Scope& scope, const std::string& day) {
    std::map<std::string, size_t, std::less<>> row_of;
    for (size_t i = 0; i < scope.size(); ++i) row_of.emplace(std::string(scope.manager_id(i)), i);
    std::vector<Holder> holders;
    ctx.query(
        "SELECT manager_id, customer_id, share FROM merit_v1_assignments"
        " WHERE role IN ('owner', 'co_owner') AND valid_from <= ?1"
        "   AND (valid_to IS NULL OR valid_to >= ?1)"
        " ORDER BY customer_id",
        {day}, [&](const merit::Row& row) {
            const auto found = row_of.find(row[0].string());
            if (found == row_of.end()) return true;
            holders.push_back({found->second, row[1].string(), row[2].is_number() ? row[2].number() : 1.0});
            return true;
        });
    // The primary key's order, so no sort in SQLite; book_of walks the
    // balances alongside in the same order.
    const auto by_customer = [](const Holder& a, const Holder& b) { return a.customer < b.customer; };
    if (!std::is_sorted(holders.begin(), holders.end(), by_customer))
        std::stable_sort(holders.begin(), holders.end(), by_customer);
    return holders;
}

// Each customer's latest `metric` value on or before `day`, sorted by
// customer id: the host's per-customer service (plugin API 1.1), which
// reads it in one pass over the metric's facts in the backend's own
// dialect. (A correlated sub-select per assignment was most of a banking
// run at 10,000 managers; portable SQL on the views costs 2.5x.)
using Balances = std::vector<std::pair<std::string, double>>;

Balances balances_on(const merit::Context& ctx, const std::string& metric, const std::string& day) {
    Balances balances;
    ctx.customer_values(metric, day, [&](const char* customer, double value) {
        balances.emplace_back(customer, value);
        return true;
    });
    // Byte order, like std::string's; sort only if a backend ever disagrees,
    // since book_of's merge relies on it.
    if (!std::is_sorted(balances.begin(), balances.end())) std::sort(balances.begin(), balances.end());
    return balances;
}

Book book_of(const std::vector<Holder>& holders, const Balances& balances, size_t rows) {
    Book book(rows);
    // Both sorted by customer id: one merge instead of a search per holder.
    auto balance = balances.begin();
    for (const auto& holder : holders) {
        while (balance != balances.end() && balance->first < holder.customer) ++balance;
        Holding holding;
        holding.share = holder.share;
        if (balance != balances.end() && balance->first == holder.customer) holding.balance = balance->second;
        // In customer order, each manager's customers arrive ascending: append
        // at the end. Owner and co-owner rows of the same pair arrive
        // together: keep the larger share.
        auto& customers = book[holder.row];
        if (!customers.empty() && customers.rbegin()->first == holder.customer)
            customers.rbegin()->second.share = std::max(customers.rbegin()->second.share, holding.share);
        else
            customers.emplace_hint(customers.end(), holder.customer, holding);
    }
    return book;
}

}  // namespace

Book book_on(const merit::Context& ctx, const merit::Scope& scope, const std::string& metric,
             const std::string& day) {
    return book_of(holders_on(ctx, scope, day), balances_on(ctx, metric, day), scope.size());
}

void each_book_on(const merit::Context& ctx, const merit::Scope& scope,
                  const std::vector<std::string>& metrics, const std::string& day,
                  const std::function<void(const Book&)>& use) {
    const std::vector<Holder> holders = holders_on(ctx, scope, day);
    for (const auto& metric : metrics) use(book_of(holders, balances_on(ctx, metric, day), scope.size()));
}

std::unordered_map<std::string, std::string> first_assigned(const merit::Context& ctx) {
    std::unordered_map<std::string, std::string> out;
    ctx.query("SELECT customer_id, MIN(valid_from) FROM merit_v1_assignments GROUP BY customer_id", {},
              [&](const merit::Row& row) {
                  out[row[0].string()] = row[1].string();
                  return true;
              });
    return out;
}

std::string day_before(const std::string& day) {
    return merit::format_day(merit::require_day(day, "day") - std::chrono::days{1});
}

}  // namespace banking
