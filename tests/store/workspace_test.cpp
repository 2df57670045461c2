// The workspace file: created once, WAL and foreign keys on, migrated forward
// on open, refused when written by a newer Merit or when not a workspace.
#include "store/workspace.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <iterator>

#include "common/errors.hpp"
#include "import/scratch_workspace.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

int64_t pragma(sqlite3* db, const char* name) {
    Statement stmt(db, std::string("PRAGMA ") + name);
    stmt.step();
    return stmt.integer(0);
}

TEST(Workspace, CreateSetsWalForeignKeysAndTheCurrentVersion) {
    ScratchWorkspace s;
    EXPECT_EQ(s.ws().schema_version(), current_schema_version());
    EXPECT_EQ(s.dump("PRAGMA journal_mode"), "wal\n");
    EXPECT_EQ(pragma(s.ws().db(), "foreign_keys"), 1);
    // Every input table exists.
    for (const char* table : {"org_units", "managers", "customers", "assignments", "metrics", "facts",
                              "events", "targets", "ratings"})
        EXPECT_EQ(s.dump(std::string("SELECT count(*) FROM ") + table), "0\n") << table;
}

TEST(Workspace, CreateRefusesToOverwrite) {
    ScratchWorkspace s;
    try {
        Workspace::create(s.path());
        FAIL();
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()), s.path().string() + ": already exists; refusing to overwrite it");
    }
}

TEST(Workspace, OpenRefusesANewerSchema) {
    ScratchWorkspace s;
    exec(s.ws().db(), "PRAGMA user_version = 99");
    s.close();
    try {
        Workspace::open(s.path());
        FAIL();
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()),
                  s.path().string() +
                      ": workspace schema version 99 was written by a newer Merit (this one reads "
                      "up to " +
                      std::to_string(current_schema_version()) + "); upgrade Merit to open it");
    }
}

std::string bytes_of(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Opening must not convert a foreign file (WAL mode, 17 tables): it is
// refused with one line and its bytes are what they were, with no side files.
void expect_refused_unchanged(const std::filesystem::path& file, const std::string& why) {
    const std::string before = bytes_of(file);
    try {
        Workspace::open(file);
        FAIL() << file;
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()),
                  file.string() + ": not a Merit workspace (" + why + "); refusing to touch it");
    }
    EXPECT_EQ(bytes_of(file), before);
    EXPECT_FALSE(std::filesystem::exists(file.string() + "-wal"));
    EXPECT_FALSE(std::filesystem::exists(file.string() + "-shm"));
}

TEST(Workspace, OpenRefusesAForeignSqliteFileAndLeavesItByteForByte) {
    ScratchWorkspace s;
    const auto foreign = s.dir() / "other.sqlite";
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(foreign.c_str(), &db), SQLITE_OK);
        exec(db, "CREATE TABLE unrelated (x); INSERT INTO unrelated VALUES (42)");
        sqlite3_close(db);
    }
    expect_refused_unchanged(foreign, "a SQLite file without Merit's schema version");
    // A schema version alone is not enough: another program's user_version.
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(foreign.c_str(), &db), SQLITE_OK);
        exec(db, "PRAGMA user_version = 3");
        sqlite3_close(db);
    }
    expect_refused_unchanged(foreign, "a SQLite file without Merit's tables");
}

TEST(Workspace, OpenRefusesAnEmptyFileAndLeavesItEmpty) {
    ScratchWorkspace s;
    const auto empty = s.write("empty.merit", "");
    expect_refused_unchanged(empty, "an empty file");
    EXPECT_EQ(std::filesystem::file_size(empty), 0u);
}

TEST(Workspace, OpenRefusesATextFileUnchanged) {
    ScratchWorkspace s;
    const auto text = s.write("notes.merit", "this is not a database, just some text that is long enough\n");
    expect_refused_unchanged(text, "not a SQLite database");
}

TEST(Workspace, NewWorkspaceAndItsWalAndShmAreOwnerOnlyWhateverTheUmask) {
    ScratchWorkspace s;
    const mode_t previous = ::umask(0);  // the most permissive umask
    const auto file = s.dir() / "private.merit";
    {
        Workspace ws = Workspace::create(file);
        exec(ws.db(), "INSERT INTO settings (key, value) VALUES ('probe', '1')");
        for (const std::string suffix : {"", "-wal", "-shm"}) {
            const auto status = std::filesystem::status(file.string() + suffix);
            EXPECT_EQ(status.permissions(),
                      std::filesystem::perms::owner_read | std::filesystem::perms::owner_write)
                << suffix;
        }
    }
    ::umask(previous);
}

TEST(Workspace, ABusyWorkspaceIsNamedWithWhatIsWritingIt) {
    ScratchWorkspace s;
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(s.path().c_str(), &raw), SQLITE_OK);
    Connection other(raw);
    exec(other.get(), "BEGIN IMMEDIATE");   // another merit command writing
    sqlite3_busy_timeout(s.ws().db(), 20);  // the bounded wait, shortened for the test
    try {
        Transaction tx(s.ws().db());
        FAIL();
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()),
                  s.path().string() +
                      ": workspace is busy: another merit command is writing it (waited 5 "
                      "s); try again when it has finished");
    }
    exec(other.get(), "ROLLBACK");
    Transaction tx(s.ws().db());  // free again
    tx.commit();
}

TEST(Workspace, OpenRefusesAMissingFile) {
    ScratchWorkspace s;
    EXPECT_THROW(Workspace::open(s.dir() / "missing.merit"), UserError);
}

TEST(Workspace, ForeignKeysHoldAtCommit) {
    ScratchWorkspace s;
    // Deferred: a manager of an unknown unit fails when the transaction ends.
    Transaction tx(s.ws().db());
    exec(s.ws().db(), "INSERT INTO managers (id, name, org_unit_id) VALUES ('M1', 'Wang', 'nowhere')");
    EXPECT_THROW(tx.commit(), UserError);
}

TEST(Workspace, FactsAreFoundByMetricAndEntityInKeyOrder) {
    ScratchWorkspace s;
    // The aggregations read facts by (entity, metric, entity_id, date): the
    // primary key must serve that lookup without a sort.
    EXPECT_EQ(
        s.dump("EXPLAIN QUERY PLAN SELECT date, value FROM facts WHERE entity = 'customer' AND metric = 'd' "
               "AND entity_id = 'C1' AND date <= '2026-07-31' ORDER BY date")
            .find("USE TEMP B-TREE"),
        std::string::npos);
}

}  // namespace
}  // namespace merit
