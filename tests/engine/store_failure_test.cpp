// A failure inside storing a run (issue 22): the evaluation succeeded, and
// SQLite refuses one row deep in the write. A TEMP trigger on the workspace's
// own connection raises on the first trace line of M3, after every run_* table
// before run_trace has received its rows, so only the transaction's rollback
// can take them away again. Nothing of the run may be left (no runs row, no
// result row, no audit entry), the failed run takes no number, and the next
// run is stored whole, with the results of the first.
#include <gtest/gtest.h>

#include "engine/evaluator.hpp"
#include "engine/run_store.hpp"
#include "engine/run_verify.hpp"
#include "engine/run_workflow.hpp"
#include "engine/workspace_verify.hpp"
#include "engine_test_support.hpp"

namespace merit {
namespace {

using namespace merit::testing;

constexpr const char* kRunTables[] = {"run_managers", "run_indicators", "run_dimensions", "run_adjustments",
                                      "run_pay",      "run_decisions",  "run_trace",      "run_state"};

int64_t rows_after(sqlite3* db, const std::string& table, int64_t run_id) {
    Statement st(db, "SELECT COUNT(*) FROM " + table + " WHERE run_id > ?1");
    st.bind(1, run_id);
    st.step();
    return st.integer(0);
}

int64_t run_entries_in_log(sqlite3* db) {
    Statement st(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'run'");
    st.step();
    return st.integer(0);
}

class StoreFailure : public EngineWorkspaceTest {
protected:
    void SetUp() override {
        EngineWorkspaceTest::SetUp();
        scheme = write_scheme(dir, "reference.json", reference_scheme());
    }
    // Fails the insert of M3's first trace line; TEMP: this connection only.
    void inject_failure() {
        exec(ws->db(),
             "CREATE TEMP TRIGGER fail_storing BEFORE INSERT ON main.run_trace "
             "WHEN NEW.manager_id = 'M3' BEGIN SELECT RAISE(ABORT, 'injected store failure'); END");
    }
    std::filesystem::path scheme;
};

TEST_F(StoreFailure, ARowRefusedWhileStoringLeavesNothingAndTheNextRunIsWhole) {
    const RunResult first = run_scheme(*ws, registry, scheme, "2026-Q1");
    ASSERT_EQ(first.info.id, 1);
    const int64_t trace_rows = count_rows(ws->db(), "run_trace");
    ASSERT_GT(trace_rows, 0);

    inject_failure();
    try {
        run_scheme(*ws, registry, scheme, "2026-Q1");
        FAIL() << "storing must fail";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("injected store failure"), std::string::npos) << e.what();
    }
    // The refused row came after the managers, indicators, dimensions,
    // adjustments, pay and decisions of run 2 and M1's and M2's trace lines:
    // all of them are gone with the transaction.
    EXPECT_EQ(count_rows(ws->db(), "runs"), 1);
    for (const char* table : kRunTables) EXPECT_EQ(rows_after(ws->db(), table, 1), 0) << table;
    EXPECT_EQ(count_rows(ws->db(), "run_trace"), trace_rows);
    EXPECT_EQ(run_entries_in_log(ws->db()), 1);
    EXPECT_TRUE(check_runs_in_log(ws->db()).problems.empty());

    exec(ws->db(), "DROP TRIGGER temp.fail_storing");
    const RunResult next = run_scheme(*ws, registry, scheme, "2026-Q1");
    EXPECT_EQ(next.info.id, 2);  // the failed run took no number
    EXPECT_EQ(next.info.results_digest, first.info.results_digest);
    EXPECT_EQ(count_rows(ws->db(), "run_trace"), 2 * trace_rows);
    EXPECT_EQ(run_entries_in_log(ws->db()), 2);
    const RunVerification verified = verify_run(ws->db(), 2);
    EXPECT_TRUE(verified.ok()) << verified.problems.size();
    // Read back, run 2 is run 1 row for row.
    EXPECT_EQ(results_digest(load_run(ws->db(), 2)), first.info.results_digest);
}

TEST_F(StoreFailure, AFailureInTheFirstTableStoredLeavesNoRunsRow) {
    // The runs row is written first; a refusal on the next table must take it away too.
    exec(ws->db(),
         "CREATE TEMP TRIGGER fail_storing BEFORE INSERT ON main.run_managers "
         "BEGIN SELECT RAISE(ABORT, 'injected store failure'); END");
    EXPECT_THROW(run_scheme(*ws, registry, scheme, "2026-Q1"), std::exception);
    EXPECT_EQ(count_rows(ws->db(), "runs"), 0);
    for (const char* table : kRunTables) EXPECT_EQ(count_rows(ws->db(), table), 0) << table;
    EXPECT_EQ(run_entries_in_log(ws->db()), 0);
    exec(ws->db(), "DROP TRIGGER temp.fail_storing");
    EXPECT_EQ(run_scheme(*ws, registry, scheme, "2026-Q1").info.id, 1);
}

}  // namespace
}  // namespace merit
