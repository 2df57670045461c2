// A finalised run can be recomputed identically years later (issue 15
// point 4): the shipped telecom samples run for 2026-Q2 and the run is made
// final; then three corrections come in (a Q2 revenue fact, TL01's grade,
// Q2's events replaced by a file holding only TL01's). A new run of Q2 differs,
// the final run is marked stale, and `merit verify --recompute` evaluates it
// again from the data version it read and gets its digest back. Tampering
// with the history it reads, or a run that never recorded its version, fails.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "store/sqlite.hpp"
#include "store/workspace.hpp"
#include "support/merit_cli.hpp"

namespace merit {
namespace {

using merit_test::run_merit;
using ::testing::HasSubstr;

namespace fs = std::filesystem;

class Recompute : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("merit-recompute-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        must("init " + ws());
        must("import " + ws() + " --dir " + std::string(MERIT_SOURCE_DIR) + "/config/samples/telecom");
        must("run " + ws() + " --scheme " + scheme() + " --period 2026-Q2");  // run 1, data version 1
        must("finalize " + ws() + " --run 1 --reason 二季度考核定稿");
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string ws() const { return (dir_ / "ws.merit").string(); }
    static std::string scheme() { return std::string(MERIT_SOURCE_DIR) + "/config/telecom.scheme.json"; }
    std::string must(const std::string& args) {
        const auto out = run_merit(args);
        EXPECT_EQ(out.status, 0) << args << "\n" << out.text;
        return out.text;
    }
    std::string write(const std::string& name, const std::string& text) {
        const fs::path file = dir_ / ("fix" + std::to_string(++files_)) / name;
        fs::create_directories(file.parent_path());
        std::ofstream(file) << text;
        return file.string();
    }
    // Versions 2, 3 and 4.
    void correct_three_times() {
        must("import " + ws() + " " +
             write("facts.csv",
                   "entity,entity_id,metric,date,value\ncustomer,E0001,revenue,2026-05-25,93379.90\n"));
        must("import " + ws() + " " +
             write("managers.csv",
                   "id,name,org_unit_id,role,grade,hired_on,status\n"
                   "TL01,周海涛,TL-E,customer_manager,高级,2017-03-01,active\n"));
        must(
            "import " + ws() + " --replace-period 2026-Q2 " +
            write(
                "events.csv",
                "manager_id,kind,date,quantity,amount,note,ref\nTL01,meeting_late,2026-04-06,,,晨会迟到,\n"));
    }
    boost::json::array runs() {
        const auto out = run_merit("runs " + ws() + " --json");
        return boost::json::parse(out.text).as_array();
    }
    void sql(const std::string& statement) {
        const Workspace w = Workspace::open(ws());
        exec(w.db(), statement);
    }

    fs::path dir_;
    int files_ = 0;
};

TEST_F(Recompute, AFinalRunRecomputesIdenticallyAfterThreeLaterCorrections) {
    correct_three_times();
    must("run " + ws() + " --scheme " + scheme() + " --period 2026-Q2");  // run 2, on version 4
    const auto listed = runs();
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].at("data_version").as_int64(), 1);
    EXPECT_EQ(listed[0].at("stale").as_bool(), true);  // its quarter's inputs changed after it
    EXPECT_EQ(listed[1].at("data_version").as_int64(), 4);
    EXPECT_EQ(listed[1].at("stale").as_bool(), false);
    const std::string digest(listed[0].at("results_digest").as_string());
    EXPECT_NE(listed[1].at("results_digest").as_string(), digest);  // the corrections matter
    EXPECT_THAT(run_merit("runs " + ws()).text, HasSubstr("final (stale)"));

    const auto verified = run_merit("verify " + ws() + " --run 1 --recompute");
    EXPECT_EQ(verified.status, 0) << verified.text;
    EXPECT_THAT(verified.text, HasSubstr("run 1: recomputed from data version 1: results digest ok (sha256 " +
                                         digest + ")"));
    EXPECT_EQ(run_merit("verify " + ws() + " --run 2 --recompute").status, 0);
    // The copy it recomputed in is gone.
    for (const auto& entry : fs::directory_iterator(dir_))
        EXPECT_EQ(entry.path().filename().string().find(".ws.merit.recompute"), std::string::npos);
}

TEST_F(Recompute, AnUntouchedWorkspaceLeavesTheRunFresh) {
    const auto listed = runs();
    EXPECT_EQ(listed[0].at("stale").as_bool(), false);
    // A correction of another quarter (2026-Q4, after the run's last day) does not touch it.
    must("import " + ws() + " " +
         write("facts.csv", "entity,entity_id,metric,date,value\ncustomer,E0001,revenue,2026-11-25,1.00\n"));
    EXPECT_EQ(runs()[0].at("stale").as_bool(), false);
}

TEST_F(Recompute, ARewrittenHistoryRowIsFound) {
    correct_three_times();
    // Someone with the file changes the Q2 revenue the final run read.
    sql("DROP TRIGGER facts_history_no_update");
    sql("UPDATE facts_history SET value = 1.0 WHERE entity_id = 'E0001' AND date = '2026-05-25'");
    const auto verified = run_merit("verify " + ws() + " --run 1 --recompute --json");
    EXPECT_EQ(verified.status, 1);
    EXPECT_THAT(verified.text, HasSubstr("\"code\":\"recomputed_fingerprint_mismatch\""));
    EXPECT_THAT(verified.text, HasSubstr("\"code\":\"recomputed_digest_mismatch\""));
}

TEST_F(Recompute, ARunOfAVersionAlreadyFingerprintedReusesItAndVerifyHashesTheRowsAgain) {
    // Run 1 kept version 1's fingerprint, written once.
    const auto first = runs();
    const std::string fingerprint(first[0].at("input_fingerprint").as_string());
    {
        const Workspace w = Workspace::open(ws());
        Statement kept(w.db(), "SELECT version, input_fingerprint FROM data_version_fingerprints");
        ASSERT_TRUE(kept.step());
        EXPECT_EQ(kept.integer(0), 1);
        EXPECT_EQ(kept.text(1), fingerprint);
        EXPECT_FALSE(kept.step());
        EXPECT_THROW(
            exec(w.db(), "UPDATE data_version_fingerprints SET input_fingerprint = input_fingerprint"),
            std::exception);
        EXPECT_THROW(exec(w.db(), "DELETE FROM data_version_fingerprints"), std::exception);
    }
    // A Q2 revenue changed behind Merit's back (no data version): a second
    // run of version 1 takes the kept fingerprint and the fact columns run 1
    // kept (it reads neither the rows nor the facts table again), so it
    // records the same fingerprint and results as run 1.
    sql("DROP TRIGGER facts_stamp_replaced");
    sql("UPDATE facts SET value = value + 1000 WHERE entity_id = 'E0001' AND date = '2026-05-25'");
    must("run " + ws() + " --scheme " + scheme() + " --period 2026-Q2");
    const auto listed = runs();
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[1].at("data_version").as_int64(), 1);
    EXPECT_EQ(listed[1].at("input_fingerprint").as_string(), fingerprint);
    EXPECT_EQ(listed[1].at("results_digest").as_string(), listed[0].at("results_digest").as_string());
    // verify --recompute hashes the rows and reads the facts table: the edit shows.
    const auto verified = run_merit("verify " + ws() + " --run 2 --recompute --json");
    EXPECT_EQ(verified.status, 1);
    EXPECT_THAT(verified.text, HasSubstr("\"code\":\"recomputed_fingerprint_mismatch\""));
    EXPECT_THAT(verified.text, HasSubstr("\"code\":\"recomputed_digest_mismatch\""));
}

TEST_F(Recompute, KeptFactColumnsAlteredBehindMeritsBackShowInTheRecomputation) {
    // Run 1 kept the fact columns it read. One metric's kept columns are
    // replaced by another's (a well-formed value): run 2 of the same version
    // reads them and differs; verify --recompute reads the facts table and
    // finds that run 2's results are not what its inputs give.
    sql("UPDATE kept_fact_columns SET columns = (SELECT k.columns FROM kept_fact_columns k "
        "WHERE k.metric <> kept_fact_columns.metric ORDER BY k.metric LIMIT 1) "
        "WHERE metric = (SELECT min(metric) FROM kept_fact_columns)");
    must("run " + ws() + " --scheme " + scheme() + " --period 2026-Q2");
    const auto listed = runs();
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_NE(listed[1].at("results_digest").as_string(), listed[0].at("results_digest").as_string());
    EXPECT_EQ(run_merit("verify " + ws() + " --run 1 --recompute").status, 0);
    const auto verified = run_merit("verify " + ws() + " --run 2 --recompute --json");
    EXPECT_EQ(verified.status, 1);
    EXPECT_THAT(verified.text, HasSubstr("\"code\":\"recomputed_digest_mismatch\""));
}

TEST_F(Recompute, ARunWithoutItsDataVersionCannotBeRecomputed) {
    must("run " + ws() + " --scheme " + scheme() + " --period 2026-Q2");
    sql("UPDATE runs SET data_version = NULL WHERE id = 2");  // as runs stored before versions were pinned
    const auto verified = run_merit("verify " + ws() + " --run 2 --recompute");
    EXPECT_EQ(verified.status, 1);
    EXPECT_THAT(verified.text,
                HasSubstr("merit: error: run 2: stored before runs recorded the data version they "
                          "read, so it cannot be recomputed from its inputs"));
    EXPECT_TRUE(runs()[1].at("stale").is_null());
}

}  // namespace
}  // namespace merit
