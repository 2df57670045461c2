#include "portfolio.hpp"

#include <chrono>
#include <cstdio>

namespace banking {

Book book_on(const merit::Context& ctx, const merit::Scope& scope, const std::string& metric,
             const std::string& day) {
    std::map<std::string, size_t, std::less<>> row_of;
    for (size_t i = 0; i < scope.size(); ++i) row_of.emplace(std::string(scope.manager_id(i)), i);
    Book book(scope.size());
    ctx.query(
        "SELECT a.manager_id, a.customer_id, a.share,"
        " (SELECT f.value FROM facts f WHERE f.entity = 'customer' AND f.metric = ?1"
        "   AND f.entity_id = a.customer_id AND f.date <= ?2 ORDER BY f.date DESC LIMIT 1) AS balance"
        " FROM assignments a"
        " WHERE a.role IN ('owner', 'co_owner') AND a.valid_from <= ?2"
        "   AND (a.valid_to IS NULL OR a.valid_to = '' OR a.valid_to >= ?2)"
        " ORDER BY a.manager_id, a.customer_id",
        {metric, day}, [&](const merit::Row& row) {
            const auto found = row_of.find(row[0].string());
            if (found == row_of.end()) return true;
            Holding holding;
            holding.share = row[2].is_number() ? row[2].number() : 1.0;
            if (row[3].is_number()) holding.balance = row[3].number();
            auto [it, inserted] = book[found->second].emplace(row[1].string(), holding);
            // Owner and co-owner rows of the same pair: keep the larger share.
            if (!inserted && holding.share > it->second.share) it->second.share = holding.share;
            return true;
        });
    return book;
}

std::map<std::string, std::string> first_assigned(const merit::Context& ctx) {
    std::map<std::string, std::string> out;
    ctx.query("SELECT customer_id, MIN(valid_from) FROM assignments GROUP BY customer_id", {},
              [&](const merit::Row& row) {
                  out[row[0].string()] = row[1].string();
                  return true;
              });
    return out;
}

std::string day_before(const std::string& day) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (std::sscanf(day.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3)
        throw merit::Error("not a date: '" + day + "'");
    const std::chrono::sys_days before =
        std::chrono::sys_days{
            std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}} -
        std::chrono::days{1};
    const std::chrono::year_month_day ymd{before};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()));
    return text;
}

}  // namespace banking
