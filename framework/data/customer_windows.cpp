#include "data/customer_windows.hpp"

#include <fmt/format.h>

#include <chrono>
#include <climits>
#include <string_view>

#include "common/errors.hpp"
#include "data/day_number.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

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

std::string_view column_view(sqlite3_stmt* stmt, int column) {
    return {reinterpret_cast<const char*>(sqlite3_column_text(stmt, column)),
            static_cast<size_t>(sqlite3_column_bytes(stmt, column))};
}

}  // namespace

CustomerWindows load_customer_windows(sqlite3* db, const ScopeIndex& index, const WindowQuery& query) {
    std::string sql =
        "SELECT a.customer_id, a.manager_id, a.share, a.valid_from, a.valid_to FROM assignments a";
    std::vector<std::string> segments;
    if (query.segment) {
        segments = split_segments(query.segment);
        sql += " JOIN customers c ON c.id = a.customer_id AND c.segment IN (";
        for (size_t i = 0; i < segments.size(); ++i) sql += fmt::format("{}?{}", i ? ", " : "", i + 3);
        sql += ")";
    }
    sql += query.role ? " WHERE a.role = ?1" : " WHERE a.role IN ('owner', 'co_owner')";
    sql += " AND a.valid_from <= ?2 ORDER BY a.customer_id";
    Statement stmt(db, sql);
    if (query.role) stmt.bind(1, query.role);
    stmt.bind(2, format_date(Date(std::chrono::days(query.last_day))));
    for (size_t i = 0; i < segments.size(); ++i) stmt.bind(static_cast<int>(i + 3), segments[i]);

    CustomerWindows out;
    sqlite3_stmt* raw = stmt.raw();
    while (stmt.step()) {
        const std::string_view customer = column_view(raw, 0);
        const auto row = index.row(column_view(raw, 1));
        if (!row) continue;
        const int from = day_number(column_view(raw, 3));
        const int to = stmt.is_null(4) ? INT_MAX : day_number(column_view(raw, 4));
        if (to < query.first_day) continue;
        if (out.ids.empty() || out.ids.back() != customer) {
            out.ids.emplace_back(customer);
            out.begin.push_back(out.windows.size());
        }
        out.windows.push_back({*row, query.use_shares ? stmt.real(2) : 1.0, from, to});
    }
    out.begin.push_back(out.windows.size());
    return out;
}

std::string customer_windows_key(const merit_scope& scope, const WindowQuery& query) {
    std::string key = fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f", query.role ? query.role : "\x1e",
                                  query.segment ? query.segment : "\x1e", query.use_shares, query.first_day,
                                  query.last_day);
    for (size_t i = 0; i < scope.count; ++i) {
        key += scope.manager_ids[i];
        key += '\x1f';
    }
    return key;
}

}  // namespace merit
