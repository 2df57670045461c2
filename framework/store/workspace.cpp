#include "store/workspace.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>

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
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    return db;
}

// Pay data is confidential: the file is made 0600 whatever the umask, before
// SQLite opens it. SQLite gives the -wal and -shm files the database's mode.
void create_private_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        throw UserError(fmt::format("{}: cannot create workspace: {}", path.string(), std::strerror(errno)));
    const bool ok = ::fchmod(fd, 0600) == 0;
    ::close(fd);
    if (!ok) throw UserError(fmt::format("{}: cannot make the workspace private (0600)", path.string()));
}

// True when the file starts with SQLite's header. An empty file is not a
// workspace either, although SQLite would happily make one out of it.
bool has_sqlite_header(const std::filesystem::path& path) {
    static constexpr char kMagic[] = "SQLite format 3";  // with its '\0': 16 bytes
    char header[sizeof kMagic] = {};
    std::ifstream in(path, std::ios::binary);
    in.read(header, sizeof header);
    return in.gcount() == static_cast<std::streamsize>(sizeof header) &&
           std::equal(header, header + sizeof header, kMagic);
}

// Refuses, before anything is written (WAL mode, migrations), a file that is
// not a Merit workspace: it must be SQLite, carry a schema version and
// Merit's own tables. Only reads, so the file stays byte-for-byte unchanged.
void require_merit_workspace(sqlite3* db, const std::filesystem::path& path) {
    const auto refuse = [&](std::string_view why) {
        throw UserError(
            fmt::format("{}: not a Merit workspace ({}); refusing to touch it", path.string(), why));
    };
    if (std::filesystem::file_size(path) == 0) refuse("an empty file");
    if (!has_sqlite_header(path)) refuse("not a SQLite database");
    Statement version(db, "PRAGMA user_version");
    version.step();
    if (version.integer(0) == 0) refuse("a SQLite file without Merit's schema version");
    Statement tables(db,
                     "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                     "('managers', 'runs', 'audit_log')");
    tables.step();
    if (tables.integer(0) != 3) refuse("a SQLite file without Merit's tables");
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
    create_private_file(path);
    Workspace ws(path, open_handle(path, SQLITE_OPEN_READWRITE));
    configure(ws.db());
    migrate(ws.db(), path, true);
    return ws;
}

Workspace Workspace::open(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path))
        throw UserError(fmt::format("{}: no such workspace (create one with `merit init`)", path.string()));
    Workspace ws(path, open_handle(path, SQLITE_OPEN_READWRITE));
    require_merit_workspace(ws.db(), path);
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
