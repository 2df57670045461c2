// `merit verify` recomputes a run's record and results digests from its
// stored rows with the functions the run itself used, so an untouched run
// verifies and a changed result does not — in a run that is not final, and
// in a final run whose triggers were dropped to get past them. (What the
// record digest adds, and the workspace-wide checks: tamper_test.cpp.)
#include <gtest/gtest.h>

#include "engine/evaluator.hpp"
#include "engine/run_lifecycle.hpp"
#include "engine/run_store.hpp"
#include "engine/run_verify.hpp"
#include "engine/run_workflow.hpp"
#include "engine_test_support.hpp"
#include "support/merit_cli.hpp"

namespace merit {
namespace {

using namespace merit::testing;

class Verify : public ReferenceSchemeTest {
protected:
    void SetUp() override {
        ReferenceSchemeTest::SetUp();
        run = run_scheme(*ws, registry, scheme, "2026-Q1");
    }
    std::string ws_path() const { return (dir / "ws.merit").string(); }
    RunResult run;
};

TEST_F(Verify, AnUntouchedRunVerifies) {
    const RunVerification v = verify_run(ws->db(), 1);
    EXPECT_TRUE(v.ok());
    EXPECT_EQ(v.recomputed_digest, run.info.results_digest);
    EXPECT_EQ(v.recomputed_record, run.info.record_digest);
    EXPECT_EQ(v.summary(), "run 1: record digest ok (sha256 " + run.info.record_digest + ")");
    finalize_run(ws->db(), 1, {.reason = "季度考核定稿"});
    EXPECT_TRUE(verify_run(ws->db(), 1).ok());
}

TEST_F(Verify, DecisionsFromTwoRewardsVerifyWhateverTheOrderRowsAreReadIn) {
    // Two rewards that decide for every manager: the run produces decisions
    // reward by reward, the store reads them back manager by manager. Both
    // orders must give the stored digest.
    auto json = reference_json();
    json.at("rewards").as_array().push_back(
        boost::json::object{{"id", "points_again"}, {"calculator", "enginetest.accumulate"}});
    run_scheme(*ws, registry, write_scheme(dir, "two.json", json), "2026-Q1");
    EXPECT_EQ(count_rows(ws->db(), "run_decisions WHERE run_id = 2"), 10);  // 5 managers x 2 rewards
    EXPECT_TRUE(verify_run(ws->db(), 2).ok()) << verify_run(ws->db(), 2).summary();
}

TEST_F(Verify, AChangedPayLineIsNamedWithItsManager) {
    // M1's performance pay 118512 fen (96 points x 12.345 yuan) becomes 118612.
    exec(ws->db(),
         "UPDATE run_pay SET amount_fen = 118612 WHERE run_id = 1 AND manager_id = 'M1' AND seq = 0");
    const RunVerification v = verify_run(ws->db(), 1);
    EXPECT_FALSE(v.ok());
    EXPECT_NE(v.recomputed_digest, v.stored_digest);
    // 118612 + 100000 (band bonus) = 218612; run_managers still says 218512.
    ASSERT_EQ(v.inconsistencies.size(), 1u);
    EXPECT_EQ(v.inconsistencies[0],
              "run_pay (manager M1): pay lines sum to 218612 fen, run_managers.pay_fen is 218512");
    EXPECT_EQ(v.summary(), "run 1: results digest mismatch: stored " + v.stored_digest +
                               ", the stored results give " + v.recomputed_digest +
                               "; record digest mismatch: stored " + v.stored_record +
                               ", the stored run gives " + v.recomputed_record + "; " + v.inconsistencies[0]);
}

TEST_F(Verify, AChangedScoreInAFinalRunWithItsTriggersDroppedFails) {
    finalize_run(ws->db(), 1, {.reason = "季度考核定稿"});
    // Someone with the file drops the guard and edits a score.
    exec(ws->db(), "DROP TRIGGER run_indicators_final_update");
    exec(ws->db(),
         "UPDATE run_indicators SET score = 100 WHERE run_id = 1 AND manager_id = 'M1' AND "
         "indicator = 'sales'");
    const RunVerification v = verify_run(ws->db(), 1);
    EXPECT_FALSE(v.ok());
    EXPECT_TRUE(v.inconsistencies.empty());  // the digest is what catches it
    EXPECT_EQ(v.summary(), "run 1: results digest mismatch: stored " + run.info.results_digest +
                               ", the stored results give " + v.recomputed_digest +
                               "; record digest mismatch: stored " + run.info.record_digest +
                               ", the stored run gives " + v.recomputed_record);
}

TEST_F(Verify, TheCommandExitsZeroWhenIntactAndOneNamingTheRunWhenNot) {
    run_scheme(*ws, registry, scheme, "2026-Q1");  // run 2: identical inputs, identical digest
    ws.reset();
    const auto one = merit_test::run_merit("verify " + ws_path() + " --run 1");
    EXPECT_EQ(one.status, 0) << one.text;
    EXPECT_EQ(one.text, "run 1: record digest ok (sha256 " + run.info.record_digest + ")\n");

    ws = std::make_unique<Workspace>(Workspace::open(dir / "ws.merit"));
    exec(ws->db(), "UPDATE run_managers SET total = 99 WHERE run_id = 2 AND manager_id = 'M3'");
    const RunVerification tampered = verify_run(ws->db(), 2);
    ws.reset();
    const auto all = merit_test::run_merit("verify " + ws_path() + " --run 1 --run 2");
    EXPECT_EQ(all.status, 1);
    EXPECT_EQ(all.text, "run 1: record digest ok (sha256 " + run.info.record_digest +
                            ")\nmerit: error: run 2: results digest mismatch: stored " +
                            run.info.results_digest + ", the stored results give " +
                            tampered.recomputed_digest + "; record digest mismatch: stored " +
                            tampered.stored_record + ", the stored run gives " + tampered.recomputed_record +
                            "\nmerit: error: " + ws_path() + ": 1 of 2 runs failed verification\n");
    const auto none = merit_test::run_merit("verify " + ws_path() + " --run 7");
    EXPECT_EQ(none.status, 1);
    EXPECT_EQ(none.text, "merit: error: run 7: no such run in this workspace\n");
    EXPECT_EQ(merit_test::run_merit("verify " + ws_path()).status, 2);  // neither --run nor --all
}

}  // namespace
}  // namespace merit
