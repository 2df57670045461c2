// The audit log records who created the workspace, ran and finalised what and
// when, in the same transaction as the change: a failed run leaves no row.
// It is a hash chain that only grows at its end; `merit log` prints it.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "access/users.hpp"
#include "engine/run_lifecycle.hpp"
#include "engine/run_store.hpp"
#include "engine/run_workflow.hpp"
#include "engine_test_support.hpp"
#include "store/actor.hpp"
#include "store/audit_log.hpp"
#include "store/schema.hpp"
#include "support/merit_cli.hpp"

namespace merit {
namespace {

using namespace merit::testing;

class AuditLog : public ReferenceSchemeTest {};

boost::json::object detail_of(const AuditEntry& entry) {
    return boost::json::parse(entry.detail).as_object();
}

TEST_F(AuditLog, InitRunAndFinalizeEachWriteOneEntryNamingTheActor) {
    const RunResult run = run_scheme(*ws, registry, scheme, "2026-Q1");
    finalize_run(ws->db(), 1, {.reason = "季度考核定稿"});
    const auto log = read_audit(ws->db(), 0);
    ASSERT_EQ(log.size(), 3u);
    EXPECT_EQ(log[0].action, "init");
    EXPECT_EQ(log[0].object, "workspace");
    EXPECT_EQ(detail_of(log[0]).at("path").as_string(), (dir / "ws.merit").string());
    EXPECT_EQ(detail_of(log[0]).at("schema_version").as_int64(), current_schema_version());
    EXPECT_EQ(log[1].action, "run");
    EXPECT_EQ(log[1].object, "run:1");
    EXPECT_EQ(detail_of(log[1]).at("scheme").as_string(), "engine-test");
    EXPECT_EQ(detail_of(log[1]).at("period").as_string(), "2026-Q1");
    EXPECT_EQ(detail_of(log[1]).at("managers").as_int64(), 5);
    EXPECT_EQ(detail_of(log[1]).at("results_digest").as_string(), run.info.results_digest);
    EXPECT_EQ(log[2].action, "finalize");
    EXPECT_EQ(log[2].object, "run:1");
    EXPECT_EQ(detail_of(log[2]).at("finalized_at").as_string(), *load_run(ws->db(), 1).info.finalized_at);
    for (const auto& entry : log) {
        EXPECT_EQ(entry.actor, os_account());
        EXPECT_EQ(entry.role, "operator");
        EXPECT_EQ(entry.at.size(), std::string("2026-07-01T08:00:00Z").size()) << entry.at;
    }
    EXPECT_FALSE(os_account().empty());
}

TEST_F(AuditLog, TheCurrentActorIsRecorded) {
    // The actor must be a Merit user of that role (access/authorize.hpp).
    add_user(ws->db(), {"hr.li", "李", "hr_admin", "", "", true, ""});
    const Actor before = current_actor();
    set_current_actor({"hr.li", "hr_admin"});
    run_scheme(*ws, registry, scheme, "2026-Q1");
    set_current_actor(before);
    const auto log = read_audit(ws->db(), 0);
    ASSERT_EQ(log.size(), 3u);
    EXPECT_EQ(log[2].actor, "hr.li");
    EXPECT_EQ(log[2].role, "hr_admin");
}

TEST_F(AuditLog, EachEntryChainsToThePreviousOne) {
    run_scheme(*ws, registry, scheme, "2026-Q1");
    finalize_run(ws->db(), 1, {.reason = "季度考核定稿"});
    const auto log = read_audit(ws->db(), 0);
    ASSERT_EQ(log.size(), 3u);
    EXPECT_EQ(log[0].prev_hash, "");
    for (size_t i = 0; i < log.size(); ++i) {
        EXPECT_EQ(log[i].id, static_cast<int64_t>(i + 1));
        EXPECT_EQ(log[i].hash, audit_entry_hash(log[i]));
        EXPECT_EQ(log[i].hash.size(), 64u);
        if (i) {
            EXPECT_EQ(log[i].prev_hash, log[i - 1].hash);
        }
    }
    const AuditChainCheck check = verify_audit_chain(ws->db());
    EXPECT_TRUE(check.ok()) << check.problems.front();
    EXPECT_EQ(check.entries, 3u);
    EXPECT_EQ(check.head, log[2].hash);
}

TEST_F(AuditLog, EveryWayOfRewritingTheLogInPlaceIsRefused) {
    run_scheme(*ws, registry, scheme, "2026-Q1");
    const auto log = read_audit(ws->db(), 0);
    const AuditEntry& last = log.back();
    const std::string columns = "(id, at, actor, role, action, object, detail, reason, prev_hash, hash)";
    auto values = [&](int64_t id, const std::string& prev) {
        return fmt::format("VALUES ({}, '{}', 'mallory', 'operator', 'run', 'run:1', '{{}}', '', '{}', 'x')",
                           id, last.at, prev);
    };
    const std::vector<std::string> attempts = {
        "DELETE FROM audit_log",
        "UPDATE audit_log SET actor = 'someone else'",
        "UPDATE OR REPLACE audit_log SET id = 1 WHERE id = 2",
        "INSERT OR REPLACE INTO audit_log " + columns + " " + values(1, ""),
        "REPLACE INTO audit_log " + columns + " " + values(2, log[0].hash),
        "INSERT INTO audit_log " + columns + " " + values(1, "") +
            " ON CONFLICT (id) DO UPDATE SET actor = excluded.actor",
        "INSERT OR REPLACE INTO audit_log (at, actor, role, action, object, detail, reason, prev_hash, hash) "
        "VALUES ('x', 'mallory', 'operator', 'run', '', '{}', '', '" +
            last.hash + "', 'x')",
        "INSERT INTO audit_log " + columns + " " + values(last.id + 2, last.hash),    // leaves a gap
        "INSERT INTO audit_log " + columns + " " + values(last.id + 1, log[0].hash),  // forks the chain
    };
    for (const std::string& sql : attempts) {
        EXPECT_THROW(exec(ws->db(), sql), UserError) << sql;
        EXPECT_EQ(read_audit(ws->db(), 0).size(), log.size()) << sql;
    }
    EXPECT_TRUE(verify_audit_chain(ws->db()).ok());
}

TEST_F(AuditLog, AnEntryRewrittenWithTheTriggersDroppedBreaksTheChain) {
    run_scheme(*ws, registry, scheme, "2026-Q1");
    run_scheme(*ws, registry, scheme, "2026-Q2");
    exec(ws->db(), "DROP TRIGGER audit_log_no_update");
    exec(ws->db(), "UPDATE audit_log SET actor = 'mallory' WHERE id = 2");
    AuditChainCheck check = verify_audit_chain(ws->db());
    ASSERT_EQ(check.problems.size(), 1u);
    EXPECT_EQ(check.problems[0], "audit entry 2: content does not match its hash (it was altered)");

    // Rehashing the altered entry still breaks the link to the next one.
    AuditEntry altered = read_audit(ws->db(), 0)[1];
    exec(ws->db(), fmt::format("UPDATE audit_log SET hash = '{}' WHERE id = 2", audit_entry_hash(altered)));
    check = verify_audit_chain(ws->db());
    ASSERT_EQ(check.problems.size(), 1u);
    EXPECT_TRUE(check.problems[0].starts_with("audit entry 3: does not follow the entry before it"))
        << check.problems[0];

    exec(ws->db(), "DROP TRIGGER audit_log_no_delete");
    exec(ws->db(), "DELETE FROM audit_log WHERE id = 1");
    check = verify_audit_chain(ws->db());
    EXPECT_EQ(check.problems.front(), "audit entry 2: expected id 1 (an entry is missing)");
}

TEST_F(AuditLog, AFailedRunOrFinalizeWritesNoEntry) {
    auto json = reference_json();
    json.at("inputs").as_array().push_back(
        boost::json::object{{"id", "broken"}, {"provider", "enginetest.fail"}});
    EXPECT_THROW(run_scheme(*ws, registry, write_scheme(dir, "broken.json", json), "2026-Q1"), UserError);
    EXPECT_THROW(finalize_run(ws->db(), 1, {.reason = "季度考核定稿"}), UserError);  // no run 1
    ASSERT_EQ(read_audit(ws->db(), 0).size(), 1u);                                   // init only
}

TEST_F(AuditLog, AppendRefusesADetailThatIsNotAJsonObject) {
    Transaction tx(ws->db());
    EXPECT_THROW(append_audit(ws->db(), {.action = "note", .detail = "plain text"}), UserError);
    EXPECT_THROW(append_audit(ws->db(), {.action = "note", .detail = "[1]"}), UserError);
}

TEST(AuditLogMigration, AVersion2LogIsChainedInOrderWhenTheWorkspaceOpens) {
    const auto dir = fresh_dir("audit-migration");
    const auto path = dir / "old.merit";
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
        const auto migrations = schema_migrations();
        exec(db, migrations[0].sql);
        exec(db, migrations[1].sql);
        exec(db, "PRAGMA user_version = 2");
        exec(db,
             "INSERT INTO audit_log (at, actor, command, detail) VALUES "
             "('2026-07-01T08:00:00Z', 'wang', 'init', 'created workspace old.merit (schema version 2)'), "
             "('2026-07-02T09:00:00Z', 'li', 'import', 'files a.csv; facts 3 inserted, 0 updated, 0 "
             "unchanged')");
        sqlite3_close(db);
    }
    {
        Workspace ws = Workspace::open(path);
        const auto log = read_audit(ws.db(), 0);
        ASSERT_EQ(log.size(), 2u);
        EXPECT_EQ(log[0].at, "2026-07-01T08:00:00Z");
        EXPECT_EQ(log[0].actor, "wang");
        EXPECT_EQ(log[0].role, "operator");
        EXPECT_EQ(log[0].action, "init");
        EXPECT_EQ(detail_of(log[0]).at("text").as_string(), "created workspace old.merit (schema version 2)");
        EXPECT_EQ(log[1].actor, "li");
        EXPECT_EQ(log[1].prev_hash, log[0].hash);
        EXPECT_TRUE(verify_audit_chain(ws.db()).ok());
        Statement legacy(ws.db(), "SELECT count(*) FROM sqlite_schema WHERE name = 'audit_log_v2'");
        legacy.step();
        EXPECT_EQ(legacy.integer(0), 0);
    }
    std::filesystem::remove_all(dir);
}

TEST_F(AuditLog, TheLogCommandPrintsTextAndJsonAndTheLatestN) {
    run_scheme(*ws, registry, scheme, "2026-Q1");
    run_scheme(*ws, registry, scheme, "2026-Q2");
    finalize_run(ws->db(), 2, {.reason = "季度考核定稿"});
    const auto log = read_audit(ws->db(), 0);  // init, run 1, run 2, finalize 2
    ASSERT_EQ(log.size(), 4u);
    const std::string path = (dir / "ws.merit").string();
    const std::string digest = load_run(ws->db(), 2).info.results_digest;
    const std::string hash = load_run(ws->db(), 2).info.scheme_hash;
    const std::string record = load_run(ws->db(), 2).info.record_digest;
    ws.reset();

    const auto text = merit_test::run_merit("log " + path + " --limit 2");
    EXPECT_EQ(text.status, 0) << text.text;
    const std::string actor = os_account() + " (operator)";
    EXPECT_EQ(text.text,
              "   3  " + log[2].at + "  " + actor + "  run       run:2  scheme engine-test; scheme_hash " +
                  hash + "; period 2026-Q2; managers 5; results_digest " + digest + "; record_digest " +
                  record + "\n" + "   4  " + log[3].at + "  " + actor + "  finalize  run:2  finalized_at " +
                  log[3].at + "; finalized_by " + os_account() + "  reason: 季度考核定稿\n");

    const auto json = merit_test::run_merit("log " + path + " --json");
    ASSERT_EQ(json.status, 0) << json.text;
    const auto rows = boost::json::parse(json.text).as_array();
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0].at("action").as_string(), "init");
    EXPECT_EQ(rows[3].at("id").as_int64(), 4);
    EXPECT_EQ(rows[3].at("actor").as_string(), os_account());
    EXPECT_EQ(rows[3].at("role").as_string(), "operator");
    EXPECT_EQ(rows[3].at("object").as_string(), "run:2");
    EXPECT_EQ(rows[2].at("detail").at("results_digest").as_string(), digest);
    EXPECT_EQ(rows[3].at("prev_hash").as_string(), log[2].hash);
    EXPECT_EQ(rows[3].at("hash").as_string(), log[3].hash);
    EXPECT_EQ(rows[1].at("at").as_string(), log[1].at);

    EXPECT_EQ(merit_test::run_merit("log " + path + " --limit 0").status, 2);
}

}  // namespace
}  // namespace merit
