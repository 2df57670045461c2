// A failure anywhere in a run leaves no run row and no partial result rows;
// the error names the scheme path, the step and the component.
#include <gtest/gtest.h>

#include "engine/run_store.hpp"
#include "engine/run_workflow.hpp"
#include "engine_test_support.hpp"

namespace merit {
namespace {

using namespace merit::testing;

class Rollback : public EngineWorkspaceTest {
protected:
    void expect_only_runs(int64_t runs) {
        EXPECT_EQ(count_rows(ws->db(), "runs"), runs);
        for (const char* table : {"run_managers", "run_indicators", "run_dimensions", "run_adjustments",
                                  "run_pay", "run_decisions", "run_trace", "run_state"}) {
            Statement st(ws->db(), std::string("SELECT COUNT(*) FROM ") + table + " WHERE run_id > ?1");
            st.bind(1, runs);
            st.step();
            EXPECT_EQ(st.integer(0), 0) << table;
        }
    }
};

TEST_F(Rollback, ARewardFailingAfterEmittingPayLeavesNoRun) {
    // Run 1 succeeds; run 2 fails in its fourth reward, after the first three
    // emitted pay and state: nothing of run 2 may remain.
    run_scheme(*ws, registry, write_scheme(dir, "ok.json", reference_scheme()), "2026-Q1");
    auto json = reference_json();
    json.at("rewards").as_array().push_back(
        boost::json::object{{"id", "broken"}, {"calculator", "enginetest.fail_after_pay"}});
    const auto file = write_scheme(dir, "broken.json", json);
    try {
        run_scheme(*ws, registry, file, "2026-Q1");
        FAIL() << "the run must fail";
    } catch (const UserError& e) {
        EXPECT_STREQ(
            e.what(),
            "rewards[3] (broken): enginetest.fail_after_pay: compute: reward failed after emitting pay");
    }
    expect_only_runs(1);
    // The next run is number 2: the failed one took no number.
    EXPECT_EQ(run_scheme(*ws, registry, write_scheme(dir, "ok.json", reference_scheme()), "2026-Q1").info.id,
              2);
}

TEST_F(Rollback, AProviderFailingMidRunLeavesNoRun) {
    auto json = reference_json();
    json.at("inputs").as_array().push_back(
        boost::json::object{{"id", "broken"},
                            {"provider", "enginetest.fail"},
                            {"params", boost::json::object{{"message", "boom"}}}});
    try {
        run_scheme(*ws, registry, write_scheme(dir, "broken.json", json), "2026-Q1");
        FAIL() << "the run must fail";
    } catch (const UserError& e) {
        EXPECT_STREQ(e.what(), "inputs[3] (broken): enginetest.fail: compute: boom");
    }
    expect_only_runs(0);
}

TEST_F(Rollback, AnInvalidSchemeIsRefusedBeforeAnythingRuns) {
    auto json = reference_json();
    json.at("dimensions").as_array()[0].as_object()["weight"] = 50;
    try {
        run_scheme(*ws, registry, write_scheme(dir, "bad.json", json), "2026-Q1");
        FAIL();
    } catch (const UserError& e) {
        EXPECT_NE(
            std::string(e.what()).find("dimensions: dimension weights sum to 90, not 100 (plain weights)"),
            std::string::npos)
            << e.what();
    }
    expect_only_runs(0);
}

}  // namespace
}  // namespace merit
