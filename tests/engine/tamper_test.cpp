// Issue 15 point 6: each way someone with write access to the workspace file
// could alter a stored record, and what `merit verify --all` says about it.
// Every tampering below is done the way an attacker would: through SQLite
// directly, dropping a protecting trigger to get past it and putting it back
// with the schema's own text so that the trigger check alone does not give
// it away. What stays undetectable without a head recorded elsewhere (a run
// rewritten and the log rebuilt after it) is shown too, and --expect-head
// catching it.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <set>

#include "common/sha256.hpp"
#include "engine/record_digest.hpp"
#include "engine/run_lifecycle.hpp"
#include "engine/run_store.hpp"
#include "engine/run_verify.hpp"
#include "engine/run_workflow.hpp"
#include "engine/workspace_verify.hpp"
#include "engine_test_support.hpp"
#include "store/audit_log.hpp"
#include "store/protecting_triggers.hpp"
#include "support/merit_cli.hpp"

namespace merit {
namespace {

using namespace merit::testing;

std::string sql_text(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

class Tamper : public ReferenceSchemeTest {
protected:
    void SetUp() override {
        ReferenceSchemeTest::SetUp();
        run_scheme(*ws, registry, scheme, "2026-Q1");  // run 1, made final
        finalize_run(ws->db(), 1, {.reason = "季度考核定稿"});
        run_scheme(*ws, registry, scheme, "2026-Q2");  // run 2, a draft
    }
    std::string path() const { return (dir / "ws.merit").string(); }

    // Does what the attacker does between `DROP TRIGGER name` and putting it
    // back as the schema made it.
    void past_trigger(const std::string& name, const std::string& sql) {
        std::string create;
        for (const auto& [trigger, text] : schema_triggers())
            if (trigger == name) create = text;
        ASSERT_FALSE(create.empty()) << name;
        exec(ws->db(), "DROP TRIGGER " + name);
        exec(ws->db(), sql);
        exec(ws->db(), create);
    }

    // Rewrites audit entry `id`'s detail and rehashes it and every later
    // entry: a log rebuilt so that its chain is intact again.
    void rebuild_log_from(int64_t id, const std::string& detail) {
        exec(ws->db(), "DROP TRIGGER audit_log_no_update");
        auto log = read_audit(ws->db(), 0);
        std::string previous = log[static_cast<size_t>(id - 2)].hash;
        for (auto& entry : log) {
            if (entry.id < id) continue;
            if (entry.id == id) entry.detail = detail;
            entry.prev_hash = previous;
            entry.hash = audit_entry_hash(entry);
            exec(ws->db(),
                 fmt::format("UPDATE audit_log SET detail = {}, prev_hash = '{}', hash = '{}' WHERE id = {}",
                             sql_text(entry.detail), entry.prev_hash, entry.hash, entry.id));
            previous = entry.hash;
        }
        for (const auto& [trigger, text] : schema_triggers())
            if (trigger == "audit_log_no_update") exec(ws->db(), text);
    }

    // `merit verify WS --all --json [extra]`: exit status and every problem as "code path".
    struct Found {
        int status = 0;
        std::set<std::string> problems;
        std::string text;
    };
    Found verify_all(const std::string& extra = "") {
        ws.reset();
        const auto out =
            merit_test::run_merit("verify " + path() + " --all --json " + extra + " 2>/dev/null");
        ws = std::make_unique<Workspace>(Workspace::open(dir / "ws.merit"));
        Found found{out.status, {}, out.text};
        if (out.text.empty()) return found;
        const auto json = boost::json::parse(out.text.substr(0, out.text.find('\n'))).as_object();
        auto add = [&found](const boost::json::value& p, const std::string& run) {
            found.problems.insert(run + std::string(p.at("code").as_string()) + " " +
                                  std::string(p.at("path").as_string()));
        };
        for (const auto& p : json.at("problems").as_array()) add(p, "");
        for (const auto& run : json.at("runs").as_array())
            for (const auto& p : run.at("problems").as_array())
                add(p, fmt::format("run {}: ", run.at("run").as_int64()));
        return found;
    }
    std::string head_text() {
        ws.reset();
        const auto out = merit_test::run_merit("verify " + path() + " --head");
        ws = std::make_unique<Workspace>(Workspace::open(dir / "ws.merit"));
        EXPECT_EQ(out.status, 0) << out.text;
        return out.text.substr(0, out.text.find('\n'));
    }
};

using Problems = std::set<std::string>;

TEST_F(Tamper, AnUntouchedWorkspacePassesEveryCheck) {
    const RunResult one = load_run(ws->db(), 1);
    const RunResult two = load_run(ws->db(), 2);
    const auto log = read_audit(ws->db(), 0);  // init, run 1, finalize 1, run 2
    ASSERT_EQ(log.size(), 4u);
    const size_t triggers = schema_triggers().size();
    ws.reset();
    const auto out = merit_test::run_merit("verify " + path() + " --all");
    EXPECT_EQ(out.status, 0) << out.text;
    EXPECT_EQ(out.text, fmt::format("audit log: 4 entries, chain intact (head 4:{})\n"
                                    "protecting triggers: all {} present, as the schema made them\n"
                                    "audit log: each of 2 runs has its run entry, each of 1 final runs its "
                                    "finalize entry\n"
                                    "run 1: record digest ok (sha256 {})\n"
                                    "run 2: record digest ok (sha256 {})\n",
                                    log[3].hash, triggers, one.info.record_digest, two.info.record_digest));
    const auto json = merit_test::run_merit("verify " + path() + " --all --json");
    EXPECT_EQ(json.status, 0) << json.text;
    EXPECT_EQ(json.text,
              "{\"ok\":true,\"checked\":[\"audit_chain\",\"protecting_triggers\",\"runs_in_log\",\"runs\"],"
              "\"problems\":[],\"runs\":[{\"run\":1,\"ok\":true,\"problems\":[]},{\"run\":2,\"ok\":true,"
              "\"problems\":[]}]}\n");
}

TEST_F(Tamper, TheRecordDigestIsStoredWithTheRunAndInItsAuditEntry) {
    const RunResult run = load_run(ws->db(), 1);
    EXPECT_EQ(run.info.record_digest.size(), 64u);
    EXPECT_EQ(run.info.record_digest, record_digest(run));  // read back, the same
    EXPECT_NE(run.info.record_digest, run.info.results_digest);
    const auto entry = read_audit(ws->db(), 0)[1];
    EXPECT_EQ(entry.object, "run:1");
    EXPECT_EQ(boost::json::parse(entry.detail).at("record_digest").as_string(), run.info.record_digest);
}

TEST_F(Tamper, AnAuditEntryRewrittenWithItsTriggerDroppedIsFound) {
    exec(ws->db(), "DROP TRIGGER audit_log_no_update");
    exec(ws->db(), "UPDATE audit_log SET actor = 'mallory' WHERE id = 3");
    EXPECT_EQ(verify_all().problems,
              (Problems{"chain_broken audit_log (entry 3)",
                        "trigger_missing sqlite_schema (trigger audit_log_no_update)"}));
    // Putting the trigger back hides the dropped trigger, not the rewrite.
    for (const auto& [trigger, text] : schema_triggers())
        if (trigger == "audit_log_no_update") exec(ws->db(), text);
    const Found found = verify_all();
    EXPECT_EQ(found.status, 1);
    EXPECT_EQ(found.problems, (Problems{"chain_broken audit_log (entry 3)"}));
}

TEST_F(Tamper, AManagersNameChangedInAFinalRunIsFoundByTheRecordDigest) {
    past_trigger("run_managers_final_update",
                 "UPDATE run_managers SET name = '张三丰' WHERE run_id = 1 AND manager_id = 'M1'");
    // Names are no result: the results digest alone would say ok.
    const RunVerification v = verify_run(ws->db(), 1);
    EXPECT_EQ(v.stored_digest, v.recomputed_digest);
    EXPECT_EQ(v.summary(), "run 1: record digest mismatch: stored " + v.stored_record +
                               ", the stored run gives " + v.recomputed_record);
    EXPECT_EQ(verify_all().problems, (Problems{"run 1: record_mismatch runs.record_digest"}));
}

TEST_F(Tamper, ARoleStatusOrGradeChangedIsFound) {
    // Run 2 is a draft: no trigger stands in the way, the digest does.
    const std::vector<std::array<const char*, 3>> columns = {{"role", "risk_manager", "customer_manager"},
                                                             {"status", "left", "active"},
                                                             {"grade", "一级", "三级"}};
    for (const auto& [column, changed, stored] : columns) {
        SCOPED_TRACE(column);
        const auto set = [&](const char* value) {
            exec(ws->db(),
                 fmt::format("UPDATE run_managers SET {} = '{}' WHERE run_id = 2 AND manager_id = 'M2'",
                             column, value));
        };
        set(changed);
        EXPECT_EQ(verify_all().problems, (Problems{"run 2: record_mismatch runs.record_digest"}));
        set(stored);
        EXPECT_EQ(verify_all().status, 0);
    }
}

TEST_F(Tamper, ThePinnedDataVersionChangedIsFound) {
    exec(ws->db(), "UPDATE runs SET data_version = coalesce(data_version, 0) + 1 WHERE id = 2");
    EXPECT_EQ(verify_all().problems, (Problems{"run 2: record_mismatch runs.record_digest"}));
}

TEST_F(Tamper, ATraceLineChangedInAFinalRunIsFound) {
    ASSERT_GT(count_rows(ws->db(), "run_trace WHERE run_id = 1"), 0);
    past_trigger("run_trace_final_update",
                 "UPDATE run_trace SET text = 'edited' WHERE run_id = 1 AND manager_id = 'M1' AND seq = 0");
    EXPECT_EQ(verify_all().problems, (Problems{"run 1: record_mismatch runs.record_digest"}));
}

TEST_F(Tamper, AFinalRunsPeriodChangedIsFound) {
    past_trigger(
        "runs_final_update",
        "UPDATE runs SET period = '2026-Q2', first_day = '2026-04-01', last_day = '2026-06-30' WHERE id = 1");
    EXPECT_EQ(verify_all().problems, (Problems{"run 1: record_mismatch runs.record_digest"}));
}

TEST_F(Tamper, ASchemeJsonChangedIsFoundByItsHash) {
    past_trigger("runs_final_update",
                 "UPDATE runs SET scheme_json = replace(scheme_json, '1.2345E1', '9.9E1') WHERE id = 1");
    EXPECT_EQ(verify_all().problems, (Problems{"run 1: scheme_hash_mismatch runs.scheme_hash",
                                               "run 1: record_mismatch runs.record_digest"}));
}

TEST_F(Tamper, ASchemeJsonChangedWithHashAndDigestRecomputedIsFoundByTheRunsAuditEntry) {
    RunResult run = load_run(ws->db(), 1);
    run.info.scheme_json = run.info.scheme_json.replace(run.info.scheme_json.find("1.2345E1"), 8, "9.9E1");
    run.info.scheme_hash = sha256_hex(run.info.scheme_json);
    const std::string digest = record_digest(run);
    past_trigger("runs_final_update",
                 fmt::format("UPDATE runs SET scheme_json = {}, scheme_hash = '{}', "
                             "record_digest = '{}' WHERE id = 1",
                             sql_text(run.info.scheme_json), run.info.scheme_hash, digest));
    EXPECT_TRUE(verify_run(ws->db(), 1).ok());  // the run alone is consistent again
    EXPECT_EQ(verify_all().problems,
              (Problems{"log_mismatch runs.record_digest (run 1)", "log_mismatch runs.scheme_hash (run 1)"}));
}

TEST_F(Tamper, ARunRewrittenWithTheLogRebuiltPassesAllButTheHeadRecordedBefore) {
    const std::string recorded = head_text();  // "4:<hash>", kept elsewhere by the operator
    ASSERT_TRUE(recorded.starts_with("4:")) << recorded;
    EXPECT_EQ(verify_all("--expect-head " + recorded).status, 0);

    // Everything an attacker with the file can rebuild: the run, its digests,
    // its audit entry (2) and every entry after it.
    RunResult run = load_run(ws->db(), 1);
    run.info.scheme_json = run.info.scheme_json.replace(run.info.scheme_json.find("1.2345E1"), 8, "9.9E1");
    run.info.scheme_hash = sha256_hex(run.info.scheme_json);
    run.info.record_digest = record_digest(run);
    past_trigger(
        "runs_final_update",
        fmt::format("UPDATE runs SET scheme_json = {}, scheme_hash = '{}', record_digest = '{}' WHERE id = 1",
                    sql_text(run.info.scheme_json), run.info.scheme_hash, run.info.record_digest));
    auto detail = boost::json::parse(read_audit(ws->db(), 0)[1].detail).as_object();
    detail["scheme_hash"] = run.info.scheme_hash;
    detail["record_digest"] = run.info.record_digest;
    rebuild_log_from(2, boost::json::serialize(detail));

    const Found rebuilt = verify_all();
    EXPECT_EQ(rebuilt.status, 0) << rebuilt.text;  // not detectable without a recorded head
    EXPECT_TRUE(rebuilt.problems.empty());
    const Found against_head = verify_all("--expect-head " + recorded);
    EXPECT_EQ(against_head.status, 1);
    EXPECT_EQ(against_head.problems, (Problems{"head_not_found audit_log (entry 4)"}));
    // The hash alone, without its id, is found nowhere either.
    EXPECT_EQ(verify_all("--expect-head " + recorded.substr(2)).problems,
              (Problems{"head_not_found audit_log"}));
}

TEST_F(Tamper, ALogThatGrewAfterTheRecordedHeadStillExtendsIt) {
    const std::string recorded = head_text();
    run_scheme(*ws, registry, scheme, "2026-Q3");
    finalize_run(ws->db(), 3, {.reason = "季度考核定稿"});
    const AuditHead now = audit_head(ws->db());
    EXPECT_EQ(now.id, 6);
    ws.reset();
    const auto out = merit_test::run_merit("verify " + path() + " --expect-head " + recorded);
    EXPECT_EQ(out.status, 0) << out.text;
    EXPECT_EQ(out.text, "audit log: 6 entries, chain intact (head " + now.text() +
                            ")\naudit log extends the recorded head " + recorded + "\n");
}

TEST_F(Tamper, ALogCutBackBeforeTheRecordedHeadIsFound) {
    const std::string recorded = head_text();
    exec(ws->db(), "DROP TRIGGER audit_log_no_delete");
    exec(ws->db(), "DELETE FROM audit_log WHERE id = 4");  // run 2's entry
    for (const auto& [trigger, text] : schema_triggers())
        if (trigger == "audit_log_no_delete") exec(ws->db(), text);
    // The chain of the rest is intact; the run has lost its entry, and the head.
    EXPECT_EQ(verify_all("--expect-head " + recorded).problems,
              (Problems{"run_not_logged runs (run 2)", "head_not_found audit_log (entry 4)"}));
    ws.reset();
    const auto out = merit_test::run_merit("verify " + path() + " --expect-head " + recorded);
    EXPECT_EQ(out.status, 1);
    const AuditEntry third = [&] {
        Workspace w = Workspace::open(dir / "ws.merit");
        return read_audit(w.db(), 0).back();
    }();
    EXPECT_EQ(out.text,
              "audit log: 3 entries, chain intact (head 3:" + third.hash +
                  ")\nmerit: error: audit_log (entry 4): the log has no entry 4, so it does not extend "
                  "the recorded head " +
                  recorded + ": it was cut back\nmerit: error: " + path() + ": 1 problem in the workspace\n");
}

TEST_F(Tamper, ADroppedOrReplacedTriggerIsFound) {
    exec(ws->db(), "DROP TRIGGER runs_final_delete");
    EXPECT_EQ(verify_all().problems, (Problems{"trigger_missing sqlite_schema (trigger runs_final_delete)"}));
    // The same name, doing nothing.
    exec(ws->db(), "CREATE TRIGGER runs_final_delete BEFORE DELETE ON runs WHEN 0 BEGIN SELECT 1; END");
    EXPECT_EQ(verify_all().problems, (Problems{"trigger_altered sqlite_schema (trigger runs_final_delete)"}));
    ws.reset();
    const auto out = merit_test::run_merit("verify " + path() + " --all");
    EXPECT_EQ(out.status, 1);
    EXPECT_NE(
        out.text.find("\nmerit: error: sqlite_schema (trigger runs_final_delete): not the schema's text (it "
                      "keeps final runs read-only: refuses DELETE of a final run)\n"),
        std::string::npos)
        << out.text;
    EXPECT_TRUE(out.text.ends_with("\nmerit: error: " + path() + ": 1 problem in the workspace\n"))
        << out.text;
}

TEST_F(Tamper, AFinalRunWithoutItsFinalizeEntryIsFound) {
    // No trigger guards a draft: made final by SQL, it has no finalize entry.
    exec(ws->db(), "UPDATE runs SET status = 'final', finalized_at = '2026-07-01T08:00:00Z' WHERE id = 2");
    EXPECT_EQ(verify_all().problems, (Problems{"finalize_not_logged runs (run 2)"}));
}

TEST_F(Tamper, AFinalRunMadeADraftAgainIsFound) {
    past_trigger("runs_final_update",
                 "UPDATE runs SET status = 'complete', finalized_at = NULL WHERE id = 1");
    EXPECT_EQ(verify_all().problems, (Problems{"log_mismatch runs.status (run 1)"}));
}

TEST_F(Tamper, AFinalRunDeletedIsFound) {
    for (const char* table : {"run_managers", "run_indicators", "run_dimensions", "run_adjustments",
                              "run_pay", "run_decisions", "run_trace", "run_state"})
        past_trigger(std::string(table) + "_final_delete",
                     fmt::format("DELETE FROM {} WHERE run_id = 1", table));
    past_trigger("runs_final_delete", "DELETE FROM runs WHERE id = 1");
    EXPECT_EQ(verify_all().problems, (Problems{"run_missing runs (run 1)"}));
}

TEST_F(Tamper, ARecordDigestClearedToFallBackToTheOldRuleIsFound) {
    exec(ws->db(), "UPDATE runs SET record_digest = NULL WHERE id = 2");
    // Alone, the run verifies by the old rule (the results digest) ...
    const RunVerification v = verify_run(ws->db(), 2);
    EXPECT_TRUE(v.ok());
    EXPECT_EQ(v.summary(), "run 2: results digest ok (sha256 " + v.stored_digest +
                               "; stored before record digests: names, trace and period are not covered)");
    // ... but its audit entry recorded one.
    EXPECT_EQ(verify_all().problems, (Problems{"log_mismatch runs.record_digest (run 2)"}));
}

TEST_F(Tamper, TheHeadIsPrintedAsIdAndHashAndRefusedWhenTheChainIsBroken) {
    const AuditHead head = audit_head(ws->db());
    ws.reset();
    const auto text = merit_test::run_merit("verify " + path() + " --head");
    EXPECT_EQ(text.status, 0);
    // The head on stdout; the advice for people on stderr when stdout is no terminal.
    EXPECT_EQ(text.text, "4:" + head.hash + "\nrecord this head elsewhere; later, `merit verify " + path() +
                             " --all --expect-head 4:" + head.hash + "` checks the log still extends it\n");
    const auto json = merit_test::run_merit("verify " + path() + " --head --json");
    EXPECT_EQ(json.text, "{\"workspace\":\"" + path() + "\",\"id\":4,\"hash\":\"" + head.hash +
                             "\",\"head\":\"4:" + head.hash + "\"}\n");
    EXPECT_EQ(merit_test::run_merit("verify " + path() + " --head --all").status, 2);

    ws = std::make_unique<Workspace>(Workspace::open(dir / "ws.merit"));
    exec(ws->db(), "DROP TRIGGER audit_log_no_update");
    exec(ws->db(), "UPDATE audit_log SET reason = 'x' WHERE id = 2");
    ws.reset();
    const auto broken = merit_test::run_merit("verify " + path() + " --head");
    EXPECT_EQ(broken.status, 1);
    EXPECT_EQ(broken.text,
              "merit: error: audit_log (entry 2): content does not match its hash (it was altered)\n"
              "merit: error: " +
                  path() + ": the audit log's chain is broken; no head to record\n");
}

TEST_F(Tamper, AMalformedExpectedHeadIsOneLine) {
    ws.reset();
    for (const char* bad : {"abc", "0:", "x:0123", "-1:00"}) {
        const auto out = merit_test::run_merit("verify " + path() + " --expect-head '" + bad + "'");
        EXPECT_EQ(out.status, 1) << bad;
        EXPECT_EQ(std::count(out.text.begin(), out.text.end(), '\n'), 1) << out.text;
        EXPECT_TRUE(out.text.starts_with("merit: error: --expect-head: '")) << out.text;
    }
}

TEST(ProtectingTriggers, TheListNamesEveryTriggerOfTheSchemaOnce) {
    std::set<std::string> listed;
    for (const auto& t : protecting_triggers()) {
        EXPECT_TRUE(listed.insert(t.name).second) << t.name << " listed twice";
        EXPECT_FALSE(t.guards.empty()) << t.name;
    }
    std::set<std::string> schema;
    for (const auto& [name, sql] : schema_triggers()) schema.insert(name);
    EXPECT_EQ(listed, schema) << "a trigger added to the schema belongs in store/protecting_triggers.cpp";
}

}  // namespace
}  // namespace merit
