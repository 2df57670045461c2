// The workspace file: created once, WAL and foreign keys on, migrated forward
// on open, refused when written by a newer Merit or when not a workspace.
#include "store/workspace.hpp"

#include <gtest/gtest.h>

#include <fstream>

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

TEST(Workspace, OpenMigratesAnEmptyFileForward) {
    ScratchWorkspace s;
    // A SQLite file at version 0 (no tables yet) gets every migration.
    const auto older = s.dir() / "old.merit";
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(older.c_str(), &db), SQLITE_OK);
        exec(db, "CREATE TABLE unrelated (x)");
        sqlite3_close(db);
    }
    Workspace ws = Workspace::open(older);
    EXPECT_EQ(ws.schema_version(), current_schema_version());
    Statement stmt(ws.db(), "SELECT count(*) FROM facts");
    EXPECT_TRUE(stmt.step());
}

TEST(Workspace, OpenRefusesMissingAndForeignFiles) {
    ScratchWorkspace s;
    EXPECT_THROW(Workspace::open(s.dir() / "missing.merit"), UserError);
    const auto text = s.write("notes.merit", "this is not a database, just some text that is long enough\n");
    EXPECT_THROW(Workspace::open(text), UserError);
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
