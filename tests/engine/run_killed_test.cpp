// `merit run` killed with SIGKILL — while its components compute, and while
// it writes the run — leaves the workspace exactly as it was before the
// command (every table, row by row), passing `PRAGMA integrity_check`, and
// the next `merit run` works.
//
// The kill lands at a known point without test code in the host: the test
// plugin's `enginetest.busy` creates a marker file when it starts computing
// and then waits; for the write, the run is made big (20,000 managers x 40
// trace columns = 800,000 trace rows) and the kill lands once the store has
// begun spilling its uncommitted pages into the write-ahead log. Positions
// reach 20,000, beyond any score, so they are scored pass/fail (strict).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "engine/run_workflow.hpp"
#include "engine_test_support.hpp"
#include "support/merit_cli.hpp"

namespace merit {
namespace {

using namespace merit::testing;

// Every row of every table, in a fixed order.
std::string dump_every_table(sqlite3* db) {
    std::vector<std::string> tables;
    {
        Statement st(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
        while (st.step()) tables.push_back(st.text(0));
    }
    std::string out;
    for (const auto& table : tables) {
        out += "== " + table + "\n";
        Statement probe(db, "SELECT * FROM \"" + table + "\" LIMIT 0");
        std::string order;
        for (int c = 1; c <= probe.column_count(); ++c) order += (c > 1 ? ", " : "") + std::to_string(c);
        Statement st(db, "SELECT * FROM \"" + table + "\" ORDER BY " + order);
        while (st.step()) {
            for (int c = 0; c < st.column_count(); ++c) out += (st.is_null(c) ? "~" : st.text(c)) + "|";
            out += '\n';
        }
    }
    return out;
}

std::string busy_scheme(int trace_columns, int sleep_ms, const std::string& marker) {
    return R"({"scheme": "busy", "title": "busy", "period_type": "quarter", "plugins": ["enginetest"],
  "scope": {"org_units": ["HQ"]},
  "dimensions": [{"id": "work", "name": "work", "weight": 100, "indicators": [
    {"id": "position", "name": "position", "weight": 100, "provider": "enginetest.busy",
     "params": {"trace_columns": )" +
           std::to_string(trace_columns) + R"(, "sleep_ms": )" + std::to_string(sleep_ms) +
           R"(, "started_marker": ")" + marker + R"("},
     "scorer": "enginetest.strict", "scorer_params": {"threshold": 100}}]}],
  "bands": [{"label": "ok", "min": 0}]})";
}

class RunKilled : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
        auto ws = Workspace::create(path());
        // HQ with 20,000 managers M00001 .. M20000.
        exec(ws.db(), R"sql(
INSERT INTO org_units (id, name) VALUES ('HQ', 'head office');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO managers (id, name, org_unit_id) SELECT printf('M%05d', i), 'manager ' || i, 'HQ' FROM n;
)sql");
        // A run before the interrupted one, so "as before" includes a run.
        const auto registry = test_registry();
        small = write_scheme(dir, "small.json", busy_scheme(1, 0, "").c_str());
        run_scheme(ws, registry, small, "2026-Q1");
    }
    std::filesystem::path path() const { return dir / "ws.merit"; }

    std::string dump() {
        auto ws = Workspace::open(path());
        return dump_every_table(ws.db());
    }

    pid_t start_run(const std::filesystem::path& scheme) {
        const std::string merit = std::string(MERIT_STAGE_DIR) + "/bin/merit";
        const std::string plugins = std::string(MERIT_TEST_PLUGIN_DIR) + "/engine";
        const std::string ws = path().string(), scheme_path = scheme.string();
        const pid_t child = fork();
        if (child == 0) {
            execl(merit.c_str(), merit.c_str(), "--allow-untrusted", "--plugin-dir", plugins.c_str(), "run",
                  ws.c_str(), "--scheme", scheme_path.c_str(), "--period", "2026-Q2",
                  static_cast<char*>(nullptr));
            _exit(127);
        }
        return child;
    }

    // Waits (up to a minute) until `ready` holds while the child still runs.
    template <typename Ready>
    void wait_until(pid_t child, Ready ready) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        int status = 0;
        while (!ready()) {
            ASSERT_EQ(waitpid(child, &status, WNOHANG), 0) << "the run ended before it could be killed";
            ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the run never reached the kill point";
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }

    void kill_and_reap(pid_t child) {
        ASSERT_EQ(kill(child, SIGKILL), 0);
        int status = 0;
        ASSERT_EQ(waitpid(child, &status, 0), child);
        ASSERT_TRUE(WIFSIGNALED(status));
        EXPECT_EQ(WTERMSIG(status), SIGKILL);
    }

    void expect_as_before_and_usable(const std::string& before) {
        auto ws = Workspace::open(path());
        Statement check(ws.db(), "PRAGMA integrity_check");
        ASSERT_TRUE(check.step());
        EXPECT_EQ(check.text(0), "ok");
        EXPECT_EQ(dump_every_table(ws.db()), before);
    }

    // The next `merit run` works and is run 2.
    void expect_next_run_works() {
        const auto next = merit_test::run_merit(
            "--allow-untrusted --plugin-dir " + std::string(MERIT_TEST_PLUGIN_DIR) + "/engine run " +
            path().string() + " --scheme " + small.string() + " --period 2026-Q2");
        EXPECT_EQ(next.status, 0) << next.text;
        EXPECT_NE(next.text.find("stored as run 2"), std::string::npos) << next.text;
        auto ws = Workspace::open(path());
        EXPECT_EQ(count_rows(ws.db(), "run_managers WHERE run_id = 2"), 20000);
    }

    std::filesystem::path dir, small;
};

TEST_F(RunKilled, WhileComputingLeavesTheWorkspaceAsItWas) {
    const std::string before = dump();
    const auto marker = dir / "started";
    const pid_t child =
        start_run(write_scheme(dir, "slow.json", busy_scheme(1, 600000, marker.string()).c_str()));
    ASSERT_GT(child, 0);
    wait_until(child, [&] { return std::filesystem::exists(marker); });
    kill_and_reap(child);
    expect_as_before_and_usable(before);
    expect_next_run_works();
}

TEST_F(RunKilled, WhileWritingTheRunLeavesTheWorkspaceAsItWas) {
    const std::string before = dump();
    const auto wal = std::filesystem::path(path().string() + "-wal");
    const pid_t child = start_run(write_scheme(dir, "big.json", busy_scheme(40, 0, "").c_str()));
    ASSERT_GT(child, 0);
    // The run's only write is the store's one transaction; SQLite's page
    // cache (2 MB) spills uncommitted pages into the WAL long before the
    // commit, so a WAL past 1 MB means the kill lands mid-transaction.
    wait_until(child, [&] {
        std::error_code ec;
        const auto size = std::filesystem::file_size(wal, ec);
        return !ec && size > (1u << 20);
    });
    kill_and_reap(child);
    expect_as_before_and_usable(before);
    expect_next_run_works();
}

}  // namespace
}  // namespace merit
