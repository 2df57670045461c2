#include "data/read_only_query.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "common/errors.hpp"

namespace merit {
namespace {

class PreparedQuery {
public:
    PreparedQuery(ReadConnection& connection, const char* sql) : connection_(connection) {
        sqlite3* db = connection.db();
        connection.clear_denial();
        const char* tail = nullptr;
        // Plugin and scheme SQL reads the contract views only; SQLite asks
        // the authorizer while it prepares, so the restriction spans that.
        connection.set_contract_only(true);
        const int rc = sqlite3_prepare_v3(db, sql, -1, 0, &stmt_, &tail);
        connection.set_contract_only(false);
        if (rc != SQLITE_OK) fail(sqlite3_errmsg(db));
        if (!stmt_) throw UserError("query: the SQL holds no statement");
        // Exactly one statement: whatever follows may only be blanks and comments.
        if (tail && *tail) {
            sqlite3_stmt* extra = nullptr;
            const int extra_rc = sqlite3_prepare_v2(db, tail, -1, &extra, nullptr);
            const bool another = extra_rc != SQLITE_OK || extra != nullptr;
            sqlite3_finalize(extra);
            if (another) refuse("query: only one SQL statement is allowed");
        }
        if (!sqlite3_stmt_readonly(stmt_)) refuse("query: only reading is allowed");
    }
    ~PreparedQuery() { sqlite3_finalize(stmt_); }
    PreparedQuery(const PreparedQuery&) = delete;
    PreparedQuery& operator=(const PreparedQuery&) = delete;
    sqlite3_stmt* get() const { return stmt_; }

    // The destructor does not run when the constructor throws: an unfinalized
    // statement would keep the connection from ever being freed.
    [[noreturn]] void refuse(const char* message) {
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
        throw UserError(message);
    }

    [[noreturn]] void fail(const char* sqlite_message) {
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
        if (!connection_.denial().empty()) throw UserError("query refused: " + connection_.denial());
        throw UserError(fmt::format("query: {}", sqlite_message));
    }

private:
    ReadConnection& connection_;
    sqlite3_stmt* stmt_ = nullptr;
};

void bind_parameter(sqlite3* db, sqlite3_stmt* stmt, int index, const merit_value& value) {
    int rc;
    switch (value.kind) {
        case MERIT_VALUE_NULL:
            rc = sqlite3_bind_null(stmt, index);
            break;
        case MERIT_VALUE_BOOL:
            rc = sqlite3_bind_int(stmt, index, value.boolean ? 1 : 0);
            break;
        case MERIT_VALUE_NUMBER:
            // Whole numbers as integers, so that `LIMIT ?1` and integer
            // comparisons work as a plugin author expects.
            if (std::nearbyint(value.number) == value.number && std::fabs(value.number) < 9.0e15)
                rc = sqlite3_bind_int64(stmt, index, static_cast<sqlite3_int64>(value.number));
            else
                rc = sqlite3_bind_double(stmt, index, value.number);
            break;
        case MERIT_VALUE_STRING:
            rc = sqlite3_bind_text(stmt, index, value.string ? value.string : "", -1, SQLITE_TRANSIENT);
            break;
        default:
            throw UserError(
                fmt::format("query: parameter ?{} is an array or object; only scalars bind", index));
    }
    if (rc != SQLITE_OK) throw UserError(fmt::format("query: parameter ?{}: {}", index, sqlite3_errmsg(db)));
}

}  // namespace

double query_time_limit_seconds() {
    constexpr double kDefault = 60;
    const char* text = std::getenv("MERIT_QUERY_TIME_LIMIT");
    if (!text || !*text) return kDefault;
    char* end = nullptr;
    const double seconds = std::strtod(text, &end);
    return end && *end == '\0' && std::isfinite(seconds) && seconds > 0 ? seconds : kDefault;
}

void prepare_read_only_query(ReadConnection& connection, const char* sql) {
    if (!sql) throw UserError("query: no SQL given");
    PreparedQuery query(connection, sql);
}

void run_read_only_query(ReadConnection& connection, const char* sql, const merit_value* params,
                         size_t param_count, merit_row_fn on_row, void* user) {
    if (!sql) throw UserError("query: no SQL given");
    if (!on_row) throw UserError("query: no row callback given");
    PreparedQuery query(connection, sql);
    const double limit = query_time_limit_seconds();
    connection.start_time_limit(limit);
    struct StopClock {
        ReadConnection& connection;
        ~StopClock() { connection.start_time_limit(0); }
    } stop_clock{connection};
    sqlite3* db = connection.db();
    sqlite3_stmt* stmt = query.get();
    const int expected = sqlite3_bind_parameter_count(stmt);
    if (param_count > static_cast<size_t>(expected))
        throw UserError(fmt::format("query: {} parameters given, the SQL has {}", param_count, expected));
    if (param_count > 0 && !params) throw UserError("query: parameters missing");
    for (size_t i = 0; i < param_count; ++i) bind_parameter(db, stmt, static_cast<int>(i + 1), params[i]);

    const int columns = sqlite3_column_count(stmt);
    std::vector<const char*> names(static_cast<size_t>(columns));
    for (int c = 0; c < columns; ++c) names[static_cast<size_t>(c)] = sqlite3_column_name(stmt, c);
    std::vector<merit_value> cells(static_cast<size_t>(columns));
    for (;;) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) return;
        if (rc != SQLITE_ROW) {
            if (connection.timed_out())
                throw UserError(fmt::format(
                    "query: stopped after {} s, the time limit of one query (MERIT_QUERY_TIME_LIMIT); "
                    "does a recursive query never end?",
                    limit));
            if (!connection.denial().empty()) throw UserError("query refused: " + connection.denial());
            throw UserError(fmt::format("query: {}", sqlite3_errmsg(db)));
        }
        for (int c = 0; c < columns; ++c) {
            merit_value& cell = cells[static_cast<size_t>(c)];
            std::memset(&cell, 0, sizeof cell);
            switch (sqlite3_column_type(stmt, c)) {
                case SQLITE_NULL:
                    cell.kind = MERIT_VALUE_NULL;
                    break;
                case SQLITE_INTEGER:
                case SQLITE_FLOAT:
                    cell.kind = MERIT_VALUE_NUMBER;
                    cell.number = sqlite3_column_double(stmt, c);
                    break;
                default:  // text, and blobs read as text
                    cell.kind = MERIT_VALUE_STRING;
                    cell.string = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                    break;
            }
        }
        if (on_row(user, static_cast<size_t>(columns), names.data(), cells.data()) != 0) return;
    }
}

}  // namespace merit
