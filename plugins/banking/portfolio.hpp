// Customer-level views of a manager's book (管户), read through the host's
// read-only SQL service: which customers a manager owns on a day and what each
// one's balance of a stock metric was on that day. Indicators that judge
// customers one by one (new, churned, upgraded, cross-sold) build on it.
#pragma once

#include <merit/plugin.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace banking {

struct Holding {
    double share = 1.0;             // the manager's assignment share
    std::optional<double> balance;  // latest value on or before the day; nullopt: none on record
};

// customer id -> holding, one map per scope row.
using Book = std::vector<std::map<std::string, Holding>>;

// Customers assigned as owner or co_owner to each manager in scope on `day`,
// with their balance of `metric` at the end of `day`.
Book book_on(const merit::Context& ctx, const merit::Scope& scope, const std::string& metric,
             const std::string& day);

// The same book for each of `metrics` on one day, handed to `use` one at a
// time (a book of 600,000 holdings is tens of MB); reads the assignments once.
void each_book_on(const merit::Context& ctx, const merit::Scope& scope,
                  const std::vector<std::string>& metrics, const std::string& day,
                  const std::function<void(const Book&)>& use);

// The first day each customer was assigned to anyone (the bank won it then);
// hashed, since callers look up every customer of every book in it.
std::unordered_map<std::string, std::string> first_assigned(const merit::Context& ctx);

// The day before `day` (YYYY-MM-DD).
std::string day_before(const std::string& day);

}  // namespace banking
