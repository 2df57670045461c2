// The audit log records who created the workspace, ran and finalised what and
// when, in the same transaction as the change: a failed run leaves no row.
// `merit log` prints it.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "engine/run_store.hpp"
#include "engine/run_workflow.hpp"
#include "engine_test_support.hpp"
#include "store/audit_log.hpp"
#include "support/merit_cli.hpp"

namespace merit {
namespace {

using namespace merit::testing;

class AuditLog : public ReferenceSchemeTest {};

TEST_F(AuditLog, InitRunAndFinalizeEachWriteOneRowNamingTheUser) {
    const RunResult run = run_scheme(*ws, registry, scheme, "2026-Q1");
    finalize_run(ws->db(), 1);
    const auto log = read_audit(ws->db(), 0);
    ASSERT_EQ(log.size(), 3u);
    EXPECT_EQ(log[0].command, "init");
    EXPECT_EQ(log[0].detail, "created workspace " + (dir / "ws.merit").string() + " (schema version 2)");
    EXPECT_EQ(log[1].command, "run");
    EXPECT_EQ(log[1].detail, "run 1: scheme engine-test period 2026-Q1, 5 managers, results digest " +
                                 run.info.results_digest);
    EXPECT_EQ(log[1].at, run.info.created_at);
    EXPECT_EQ(log[2].command, "finalize");
    EXPECT_EQ(log[2].detail, "run 1 made final");
    EXPECT_EQ(log[2].at, *load_run(ws->db(), 1).info.finalized_at);
    for (const auto& entry : log) {
        EXPECT_EQ(entry.actor, audit_actor());
        EXPECT_EQ(entry.at.size(), std::string("2026-07-01T08:00:00Z").size()) << entry.at;
    }
    EXPECT_FALSE(audit_actor().empty());
    // Append-only.
    EXPECT_THROW(exec(ws->db(), "DELETE FROM audit_log"), UserError);
    EXPECT_THROW(exec(ws->db(), "UPDATE audit_log SET actor = 'someone else'"), UserError);
    EXPECT_EQ(read_audit(ws->db(), 0).size(), 3u);
}

TEST_F(AuditLog, AFailedRunOrFinalizeWritesNoRow) {
    auto json = reference_json();
    json.at("inputs").as_array().push_back(
        boost::json::object{{"id", "broken"}, {"provider", "enginetest.fail"}});
    EXPECT_THROW(run_scheme(*ws, registry, write_scheme(dir, "broken.json", json), "2026-Q1"), UserError);
    EXPECT_THROW(finalize_run(ws->db(), 1), UserError);  // no run 1
    ASSERT_EQ(read_audit(ws->db(), 0).size(), 1u);       // init only
}

TEST_F(AuditLog, TheLogCommandPrintsTextAndJsonAndTheLatestN) {
    run_scheme(*ws, registry, scheme, "2026-Q1");
    run_scheme(*ws, registry, scheme, "2026-Q2");
    finalize_run(ws->db(), 2);
    const auto log = read_audit(ws->db(), 0);  // init, run 1, run 2, finalize 2
    ASSERT_EQ(log.size(), 4u);
    const std::string path = (dir / "ws.merit").string();
    ws.reset();

    const auto text = merit_test::run_merit("log " + path + " --limit 2");
    EXPECT_EQ(text.status, 0) << text.text;
    const std::string actor = audit_actor();
    EXPECT_EQ(text.text, "   3  " + log[2].at + "  " + actor + "  run       " + log[2].detail + "\n" +
                             "   4  " + log[3].at + "  " + actor + "  finalize  run 2 made final\n");

    const auto json = merit_test::run_merit("log " + path + " --json");
    ASSERT_EQ(json.status, 0) << json.text;
    const auto rows = boost::json::parse(json.text).as_array();
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0].at("command").as_string(), "init");
    EXPECT_EQ(rows[3].at("id").as_int64(), 4);
    EXPECT_EQ(rows[3].at("actor").as_string(), actor);
    EXPECT_EQ(rows[3].at("detail").as_string(), "run 2 made final");
    EXPECT_EQ(rows[1].at("at").as_string(), log[1].at);

    EXPECT_EQ(merit_test::run_merit("log " + path + " --limit 0").status, 2);
}

}  // namespace
}  // namespace merit
