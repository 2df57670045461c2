// A final run is read-only through every way of writing to it: SQL UPDATE,
// DELETE, INSERT and the REPLACE forms that skip delete triggers, on runs and
// on each run_* table; finalising again; storing a result under its id; and
// `merit run`, which always makes a new run. A run that is not final stays
// writable, which shows the refusals come from finality.
#include <gtest/gtest.h>

#include "engine/run_lifecycle.hpp"
#include "engine/run_store.hpp"
#include "engine/run_workflow.hpp"
#include "engine_test_support.hpp"
#include "support/merit_cli.hpp"

namespace merit {
namespace {

using namespace merit::testing;

constexpr const char* kRunTables[] = {"run_managers", "run_indicators", "run_dimensions", "run_adjustments",
                                      "run_pay",      "run_decisions",  "run_trace",      "run_state"};

class FinalRun : public ReferenceSchemeTest {
protected:
    void SetUp() override {
        ReferenceSchemeTest::SetUp();
        run_scheme(*ws, registry, scheme, "2026-Q1");  // run 1: made final below
        run_scheme(*ws, registry, scheme, "2026-Q1");  // run 2: stays complete
        finalize_run(ws->db(), 1, {.reason = "季度考核定稿"});
        before = run_one_dump();
    }
    // Everything of run 1, row by row.
    std::string run_one_dump() {
        std::string out;
        auto add = [&](const std::string& sql) {
            Statement st(ws->db(), sql);
            while (st.step()) {
                for (int c = 0; c < st.column_count(); ++c) out += (st.is_null(c) ? "~" : st.text(c)) + "|";
                out += '\n';
            }
        };
        add("SELECT * FROM runs WHERE id = 1");
        for (const char* table : kRunTables)
            add(std::string("SELECT * FROM ") + table + " WHERE run_id = 1 ORDER BY 1, 2, 3, 4");
        return out;
    }
    // The statement must fail with the trigger's message.
    void expect_refused(const std::string& sql) {
        try {
            exec(ws->db(), sql);
            ADD_FAILURE() << "not refused: " << sql;
        } catch (const UserError& e) {
            EXPECT_NE(std::string(e.what()).find("run is final (read-only)"), std::string::npos)
                << sql << " -> " << e.what();
        }
    }
    std::string before;
};

TEST_F(FinalRun, EveryRunTableRefusesUpdateDeleteInsertAndReplace) {
    // Each table's first column after run_id is a text key (manager_id, or
    // reward for run_state), so "SET <col> = <col>" is a no-op update.
    for (const char* table : kRunTables) {
        const std::string t = table;
        const std::string key = t == "run_state" ? "reward" : "manager_id";
        expect_refused("UPDATE " + t + " SET " + key + " = " + key + " WHERE run_id = 1");
        expect_refused("DELETE FROM " + t + " WHERE run_id = 1");
        // A copy of one of run 2's rows, filed under run 1.
        exec(ws->db(), "CREATE TEMP TABLE copy_" + t + " AS SELECT * FROM " + t +
                           " WHERE run_id = 2 LIMIT 1; " + "UPDATE copy_" + t + " SET run_id = 1");
        expect_refused("INSERT INTO " + t + " SELECT * FROM copy_" + t);
        expect_refused("INSERT OR REPLACE INTO " + t + " SELECT * FROM " + t + " WHERE run_id = 1 LIMIT 1");
        // Moving run 2's rows into run 1 (only the new run_id is final).
        expect_refused("UPDATE " + t + " SET run_id = 1 WHERE run_id = 2");
        expect_refused("UPDATE OR REPLACE " + t + " SET run_id = 1 WHERE run_id = 2");
    }
    expect_refused("UPDATE runs SET status = 'complete' WHERE id = 1");
    expect_refused("UPDATE runs SET results_digest = 'x' WHERE id = 1");
    expect_refused("DELETE FROM runs WHERE id = 1");
    // REPLACE deletes the old row without firing delete triggers: the insert
    // trigger stops it before that.
    expect_refused(
        "INSERT OR REPLACE INTO runs (id, scheme_name, scheme_hash, scheme_json, period, first_day, "
        "last_day, "
        "created_at, input_fingerprint, plugins_json, timings_json, manager_count) SELECT 1, scheme_name, "
        "scheme_hash, scheme_json, period, first_day, last_day, created_at, input_fingerprint, plugins_json, "
        "timings_json, 0 FROM runs WHERE id = 2");
    expect_refused("UPDATE OR REPLACE runs SET id = 1 WHERE id = 2");
    EXPECT_EQ(run_one_dump(), before);
}

TEST_F(FinalRun, ACompleteRunIsStillWritable) {
    // The same statements on run 2 go through: the triggers look at finality.
    exec(ws->db(), "UPDATE run_pay SET basis = basis WHERE run_id = 2");
    exec(ws->db(), "DELETE FROM run_trace WHERE run_id = 2");
    EXPECT_EQ(count_rows(ws->db(), "run_trace WHERE run_id = 2"), 0);
    EXPECT_EQ(run_one_dump(), before);
}

TEST_F(FinalRun, FinalisingAgainSavingUnderItsIdAndRerunningLeaveItAlone) {
    try {
        finalize_run(ws->db(), 1, {.reason = "季度考核定稿"});
        FAIL() << "finalising twice must be refused";
    } catch (const UserError& e) {
        EXPECT_STREQ(e.what(), "run 1: already final");
    }
    // A result that claims run 1's id is stored as a new run.
    RunResult copy = load_run(ws->db(), 1);
    copy.info.id = 1;
    EXPECT_EQ(save_run(ws->db(), copy), 3);
    // Re-running the scheme for the same period makes run 4.
    EXPECT_EQ(run_scheme(*ws, registry, scheme, "2026-Q1").info.id, 4);
    EXPECT_EQ(run_one_dump(), before);
    EXPECT_EQ(load_run(ws->db(), 1).info.status, "final");
}

TEST_F(FinalRun, TheCommandLineRefusesAndRerunsAsANewRun) {
    const std::string ws_path = (dir / "ws.merit").string();
    ws.reset();
    const auto again = merit_test::run_merit("finalize " + ws_path + " --run 1 --reason 定稿");
    EXPECT_EQ(again.status, 1);
    EXPECT_EQ(again.text, "merit: error: run 1: already final\n");
    const auto rerun = merit_test::run_merit("run " + ws_path + " --scheme " + scheme.string() +
                                             " --period 2026-Q1 --allow-untrusted --plugin-dir " +
                                             MERIT_TEST_PLUGIN_DIR + "/engine");
    EXPECT_EQ(rerun.status, 0) << rerun.text;
    EXPECT_NE(rerun.text.find("stored as run 3"), std::string::npos) << rerun.text;
    ws = std::make_unique<Workspace>(Workspace::open(dir / "ws.merit"));
    EXPECT_EQ(run_one_dump(), before);
}

}  // namespace
}  // namespace merit
