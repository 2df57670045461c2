// core.sql: an indicator written as a read-only SQL query in the scheme. The
// query returns rows (manager_id, value); parameters ?1 = the period's first
// day, ?2 = its last day, ?3 = the period text. Managers without a row get
// null (or `missing`, when given); rows for managers outside the scope are
// ignored; two rows for one manager are an error.
#include "common.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace core {
namespace {

class SqlIndicator : public merit::IndicatorProvider {
public:
    explicit SqlIndicator(const merit::Value& params) : sql_(params.require("query").string()) {
        if (sql_.find_first_not_of(" \t\r\n") == std::string::npos) params["query"].fail("must not be empty");
        if (params.has("missing")) missing_ = params["missing"].number();
        binds_ = highest_parameter(params["query"]);
    }

    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        std::map<std::string, size_t, std::less<>> row_of;
        for (size_t i = 0; i < scope.size(); ++i) row_of.emplace(std::string(scope.manager_id(i)), i);
        merit::Column value(scope.size());
        std::vector<unsigned char> seen(scope.size(), 0);
        // The host checks that every bound parameter is used: bind ?1 .. ?N only.
        std::vector<merit::SqlParam> binds = {std::string(scope.first_day()), std::string(scope.last_day()),
                                              std::string(scope.period())};
        binds.resize(binds_);
        // Problems found in a row stop the query and are raised after it, so
        // no exception crosses the host's C boundary.
        std::string problem;
        ctx.query(sql_, binds, [&](const merit::Row& row) {
            if (row.size() < 2)
                problem = "must return two columns (manager_id, value)";
            else if (!row[0].is_string())
                problem = "column 1 must be a manager id (text)";
            if (!problem.empty()) return false;
            const auto found = row_of.find(row[0].string());
            if (found == row_of.end()) return true;
            const size_t i = found->second;
            if (seen[i])
                problem = "returned two rows for manager " + row[0].string();
            else if (!row[1].is_number() && !row[1].is_null())
                problem = "the value for manager " + row[0].string() + " is not a number";
            if (!problem.empty()) return false;
            seen[i] = 1;
            if (row[1].is_number()) value.set(i, row[1].number());
            return true;
        });
        if (!problem.empty()) throw merit::Error("params.query: " + problem);
        for (size_t i = 0; i < scope.size(); ++i) {
            if (seen[i] || !missing_) continue;
            value.set(i, *missing_);
            ctx.note(i, "no row from the query: " + num(*missing_) + " (params.missing)");
        }
        out.assign(value);
    }

private:
    // The highest ?N the query uses (outside quoted text); only ?1, ?2, ?3 exist.
    size_t highest_parameter(const merit::Value& query) const {
        size_t highest = 0;
        char quote = 0;
        for (size_t i = 0; i < sql_.size(); ++i) {
            const char c = sql_[i];
            if (quote) {
                if (c == quote) quote = 0;
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                continue;
            }
            if (c != '?') continue;
            size_t n = 0, j = i + 1;
            while (j < sql_.size() && std::isdigit(static_cast<unsigned char>(sql_[j])))
                n = n * 10 + (sql_[j++] - '0');
            if (j == i + 1)
                query.fail("at position " + std::to_string(i + 1) + ": use numbered parameters ?1, ?2, ?3");
            if (n < 1 || n > 3)
                query.fail("at position " + std::to_string(i + 1) + ": ?" + std::to_string(n) +
                           " does not exist (?1 first day, ?2 last day, ?3 period)");
            highest = std::max(highest, n);
        }
        return highest;
    }

    std::string sql_;
    size_t binds_ = 0;
    std::optional<double> missing_;
};

}  // namespace

void register_sql_indicator(merit::PluginBuilder& plugin) {
    plugin.provider<SqlIndicator>("sql");
}

}  // namespace core
