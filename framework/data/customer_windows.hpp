// Which managers in scope hold each customer, and when: the assignments an
// aggregation attributes customer facts through (fact_aggregation.hpp), read
// once per (scope, role, segment, days) and kept by the run's cache.
#pragma once

#include <merit/plugin.h>
#include <sqlite3.h>

#include <span>
#include <string>
#include <vector>

#include "data/scope_index.hpp"

namespace merit {

// Where a customer's facts count: manager row, weight (share or 1) and the
// inclusive day window of the assignment.
struct Window {
    size_t row;
    double weight;
    int from;
    int to;
    bool holds(int day) const { return day >= from && day <= to; }
};

// The assignment windows of each customer, in customer id order (SQLite's
// binary order, the same as FactColumns' and std::string_view's).
struct CustomerWindows {
    std::vector<std::string> ids;
    std::vector<size_t> begin;  // windows of ids[k]: windows[begin[k] .. begin[k + 1])
    std::vector<Window> windows;

    std::span<const Window> of(size_t k) const {
        return std::span(windows).subspan(begin[k], begin[k + 1] - begin[k]);
    }
};

struct WindowQuery {
    const char* role;     // nullptr: owner and co_owner
    const char* segment;  // comma-separated customer segments; nullptr: all
    bool use_shares;      // weight = the assignment's share, else 1
    int first_day;        // windows ending before this day are left out (INT_MIN: none)
    int last_day;         // windows starting after this day are left out
};

// Throws UserError on a segment filter that names no segment.
CustomerWindows load_customer_windows(sqlite3* db, const ScopeIndex& index, const WindowQuery& query);

// Equal keys, equal windows: the scope's ids and every field of the query.
std::string customer_windows_key(const merit_scope& scope, const WindowQuery& query);

}  // namespace merit
