#include "store/sqlite.hpp"

#include <fmt/format.h>

#include "common/errors.hpp"
#include "store/workspace.hpp"

namespace merit {

namespace {

// SQLite's "database is locked" names neither the file nor what to do.
[[noreturn]] void throw_busy(sqlite3* db) {
    const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
    throw UserError(
        fmt::format("{}: workspace is busy: another merit command is writing it (waited {} s); try again "
                    "when it has finished",
                    file && *file ? file : "workspace", kBusyTimeoutMs / 1000));
}

bool is_busy(int rc) {
    return (rc & 0xff) == SQLITE_BUSY;
}

}  // namespace

void check_sqlite(sqlite3* db, int rc, std::string_view what) {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
    if (is_busy(rc)) throw_busy(db);
    throw UserError(fmt::format("{}: {}", what, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    check_sqlite(db, sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr),
                 "preparing SQL");
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
}

Statement& Statement::bind(int index, std::string_view text) {
    check_sqlite(
        db_, sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT),
        "binding");
    return *this;
}
Statement& Statement::bind(int index, double value) {
    check_sqlite(db_, sqlite3_bind_double(stmt_, index, value), "binding");
    return *this;
}
Statement& Statement::bind(int index, int64_t value) {
    check_sqlite(db_, sqlite3_bind_int64(stmt_, index, value), "binding");
    return *this;
}
Statement& Statement::bind_null(int index) {
    check_sqlite(db_, sqlite3_bind_null(stmt_, index), "binding");
    return *this;
}
Statement& Statement::bind(int index, const std::optional<std::string>& text) {
    return text ? bind(index, std::string_view(*text)) : bind_null(index);
}
Statement& Statement::bind(int index, const std::optional<double>& value) {
    return value ? bind(index, *value) : bind_null(index);
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    check_sqlite(db_, rc, "executing SQL");
    return false;
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
std::string Statement::text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}
double Statement::real(int column) const {
    return sqlite3_column_double(stmt_, column);
}
int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(stmt_, column);
}
std::optional<std::string> Statement::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}
std::optional<double> Statement::optional_real(int column) const {
    if (is_null(column)) return std::nullopt;
    return real(column);
}
int Statement::column_count() const {
    return sqlite3_column_count(stmt_);
}

Transaction::Transaction(sqlite3* db) : db_(db) {
    exec(db_, "BEGIN IMMEDIATE");
}
Transaction::~Transaction() {
    if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}
void Transaction::commit() {
    exec(db_, "COMMIT");
    done_ = true;
}

void exec(sqlite3* db, std::string_view sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        if (is_busy(rc)) {
            sqlite3_free(message);
            throw_busy(db);
        }
        std::string text = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw UserError("SQL failed: " + text);
    }
}

}  // namespace merit
