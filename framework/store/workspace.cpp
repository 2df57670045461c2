#include "store/workspace.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "common/errors.hpp"
#include "store/audit_log.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

sqlite3* open_handle(const std::filesystem::path& path, int flags) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close_v2(db);
        throw UserError(fmt::format("{}: cannot open workspace: {}", path.string(), message));
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 5000);
    return db;
}

int read_user_version(sqlite3* db) {
    Statement stmt(db, "PRAGMA user_version");
    stmt.step();
    return static_cast<int>(stmt.integer(0));
}

void configure(sqlite3* db) {
    exec(db, "PRAGMA journal_mode = WAL");
    exec(db, "PRAGMA synchronous = NORMAL");
    exec(db, "PRAGMA foreign_keys = ON");
}

// `creating`: the schema is new, and its audit row (command init) is written
// in the same transaction.
void migrate(sqlite3* db, const std::filesystem::path& path, bool creating) {
    const int found = read_user_version(db);
    const int current = current_schema_version();
    if (found > current)
        throw UserError(fmt::format(
            "{}: workspace schema version {} was written by a newer Merit (this one reads up to {}); "
            "upgrade Merit to open it",
            path.string(), found, current));
    if (found == current) return;
    Transaction tx(db);
    apply_migrations(db, found);
    if (creating)
        append_audit(db, {.action = "init",
                          .object = "workspace",
                          .detail = boost::json::serialize(
                              boost::json::object{{"path", path.string()}, {"schema_version", current}})});
    tx.commit();
}

}  // namespace

Workspace::Workspace(std::filesystem::path path, sqlite3* db) : path_(std::move(path)), db_(db) {}

Workspace Workspace::create(const std::filesystem::path& path) {
    if (std::filesystem::exists(path))
        throw UserError(fmt::format("{}: already exists; refusing to overwrite it", path.string()));
    Workspace ws(path, open_handle(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    configure(ws.db());
    migrate(ws.db(), path, true);
    return ws;
}

Workspace Workspace::open(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path))
        throw UserError(fmt::format("{}: no such workspace (create one with `merit init`)", path.string()));
    Workspace ws(path, open_handle(path, SQLITE_OPEN_READWRITE));
    {
        // A file that is not a SQLite database fails here, with a clear message.
        Statement probe(ws.db(), "SELECT count(*) FROM sqlite_schema");
        probe.step();
    }
    configure(ws.db());
    migrate(ws.db(), path, false);
    return ws;
}

Connection Workspace::open_unlocked_connection() const {
    Connection connection(open_handle(path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX));
    configure(connection.get());
    return connection;
}

int Workspace::schema_version() const {
    return read_user_version(db());
}

}  // namespace merit
