#include "data/read_connection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "common/errors.hpp"
#include "data/contract_views.hpp"
#include "store/schema.hpp"

namespace merit {
namespace {

// Functions that reach outside the database file.
constexpr std::array<std::string_view, 6> kDeniedFunctions = {"load_extension", "readfile",       "writefile",
                                                              "edit",           "fts3_tokenizer", "zipfile"};

// Pragmas that only describe the schema; any other pragma (and any pragma
// with a value to set) is refused.
constexpr std::array<std::string_view, 6> kSchemaPragmas = {"table_info", "table_xinfo", "index_list",
                                                            "index_info", "index_xinfo", "foreign_key_list"};

// What tells two snapshots apart: the last audit entry and data version
// (every Merit write appends an audit entry in its transaction).
std::string snapshot_marker(sqlite3* db) {
    sqlite3_stmt* st = nullptr;
    std::string marker;
    if (sqlite3_prepare_v2(
            db,
            "SELECT (SELECT coalesce(max(id), 0) || ':' || coalesce(max(hash), '') FROM audit_log "
            "WHERE id = (SELECT max(id) FROM audit_log)) || '/' || "
            "(SELECT coalesce(max(seq), 0) FROM data_versions)",
            -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        marker = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return marker;
}

bool contains(auto& list, const char* name) {
    if (!name) return false;
    for (std::string_view item : list)
        if (sqlite3_stricmp(std::string(item).c_str(), name) == 0) return true;
    return false;
}

}  // namespace

ReadConnection::ReadConnection(const std::filesystem::path& path) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw UserError(fmt::format("{}: cannot open the workspace for reading: {}", path.string(), message));
    }
    lock_down();
}

std::unique_ptr<ReadConnection> ReadConnection::schema_only() {
    std::unique_ptr<ReadConnection> connection(new ReadConnection());
    if (sqlite3_open_v2(":memory:", &connection->db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK)
        throw UserError("cannot open an in-memory database to check SQL against");
    apply_migrations(connection->db_, 0);
    connection->lock_down();
    return connection;
}

void ReadConnection::lock_down() {
    sqlite3_busy_timeout(db_, 5000);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_limit(db_, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_set_authorizer(db_, &ReadConnection::authorize, this);
}

void ReadConnection::start_time_limit(double seconds) {
    timed_out_ = false;
    if (seconds <= 0) {
        sqlite3_progress_handler(db_, 0, nullptr, nullptr);
        return;
    }
    deadline_ =
        std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                               std::chrono::duration<double>(seconds));
    // Every ~10,000 virtual machine steps: often enough to stop within a few
    // milliseconds of the limit, rare enough to cost nothing measurable.
    sqlite3_progress_handler(db_, 10000, &ReadConnection::check_time, this);
}

int ReadConnection::check_time(void* self) {
    auto* connection = static_cast<ReadConnection*>(self);
    if (std::chrono::steady_clock::now() < connection->deadline_) return 0;
    connection->timed_out_ = true;
    return 1;
}

void ReadConnection::host_statement(const char* sql) {
    host_statement_ = true;
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
    host_statement_ = false;
    if (rc != SQLITE_OK) {
        const std::string text = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw UserError(fmt::format("{}: cannot read a snapshot of the workspace: {}",
                                    sqlite3_db_filename(db_, "main"), text));
    }
}

void ReadConnection::begin_snapshot() {
    // BEGIN alone takes no snapshot: the first read does.
    host_statement("BEGIN; SELECT count(*) FROM sqlite_schema");
}

void ReadConnection::end_snapshot() {
    host_statement("ROLLBACK");
}

bool ReadConnection::in_snapshot() const {
    return sqlite3_get_autocommit(db_) == 0;
}

ReadConnection::~ReadConnection() {
    sqlite3_close_v2(db_);
}

int ReadConnection::authorize(void* self, int action, const char* a, const char* b, const char*,
                              const char* source) {
    auto* connection = static_cast<ReadConnection*>(self);
    auto deny = [&](std::string reason) {
        if (connection->denial_.empty()) connection->denial_ = std::move(reason);
        return SQLITE_DENY;
    };
    switch (action) {
        case SQLITE_READ:
            if (connection->contract_only_ && !is_contract_read(a, b, source))
                return deny(
                    fmt::format("{} is not part of the data contract: read the merit_v1_* views "
                                "(PLUGINS.md, \"SQL views\")",
                                a ? a : "the table"));
            return SQLITE_OK;
        case SQLITE_SELECT:
        case SQLITE_RECURSIVE:
            return SQLITE_OK;
        case SQLITE_FUNCTION:
            if (contains(kDeniedFunctions, b))
                return deny(fmt::format("the function {}() is not allowed", b));
            return SQLITE_OK;
        case SQLITE_PRAGMA:
            if (contains(kSchemaPragmas, a)) return SQLITE_OK;
            return deny(
                fmt::format("PRAGMA {} is not allowed (only schema-describing pragmas are)", a ? a : ""));
        case SQLITE_ATTACH:
            return deny("ATTACH is not allowed");
        case SQLITE_DETACH:
            return deny("DETACH is not allowed");
        case SQLITE_INSERT:
        case SQLITE_UPDATE:
        case SQLITE_DELETE:
            // CREATE and DROP show up first as writes to the schema table.
            if (a && std::string_view(a).starts_with("sqlite_"))
                return deny("changing the schema is not allowed");
            return deny(fmt::format("writing to {} is not allowed", a ? a : "a table"));
        case SQLITE_TRANSACTION:
            if (connection->host_statement_) return SQLITE_OK;
            return deny("transactions are not allowed");
        case SQLITE_SAVEPOINT:
            return deny("transactions are not allowed");
        default:
            return deny("only reading is allowed (SELECT)");
    }
}

ReadConnectionPool::Lease ReadConnectionPool::acquire() {
    bool pinned = false;
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto connection = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(connection));
        }
        pinned = pinned_;
    }
    if (!pinned) return Lease(*this, std::make_unique<ReadConnection>(path_));
    auto connection = std::make_unique<ReadConnection>(path_);
    connection->begin_snapshot();
    if (snapshot_marker(connection->db()) != marker_)
        throw UserError(
            fmt::format("{}: the workspace was written while the run was reading it, and a plugin "
                        "needed more connections than the run had pinned; run it again",
                        path_.string()));
    return Lease(*this, std::move(connection));
}

void ReadConnectionPool::give_back(std::unique_ptr<ReadConnection> connection) {
    if (!connection) return;
    connection->clear_denial();
    std::lock_guard lock(mutex_);
    // A pinned connection whose snapshot ended would read later data: dropped.
    if (pinned_ && !connection->in_snapshot()) return;
    idle_.push_back(std::move(connection));
}

void ReadConnectionPool::pin(size_t connections) {
    std::vector<std::unique_ptr<ReadConnection>> pinned;
    for (size_t i = 0; i < std::max<size_t>(connections, 1); ++i) {
        pinned.push_back(std::make_unique<ReadConnection>(path_));
        pinned.back()->begin_snapshot();
    }
    const std::string marker = snapshot_marker(pinned.front()->db());
    std::lock_guard lock(mutex_);
    idle_ = std::move(pinned);
    pinned_ = true;
    marker_ = marker;
}

ReadConnectionPool::~ReadConnectionPool() {
    for (auto& connection : idle_)
        if (connection->in_snapshot()) connection->end_snapshot();
}

}  // namespace merit
