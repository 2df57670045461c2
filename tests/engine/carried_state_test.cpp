// SCHEMES.md "Carried state": a reward reads what the latest earlier run of
// the same scheme id wrote — a final run of that period first, else the newest.
#include <gtest/gtest.h>

#include "engine/run_lifecycle.hpp"
#include "engine/run_store.hpp"
#include "engine/run_workflow.hpp"
#include "engine_test_support.hpp"

namespace merit {
namespace {

using namespace merit::testing;

std::string decision_of(const RunResult& r, const std::string& manager) {
    for (const auto& d : r.decisions)
        if (d.manager_id == manager && d.kind == "cumulative_points") return d.value;
    return "";
}

class CarriedStateRuns : public EngineWorkspaceTest {
protected:
    void SetUp() override {
        EngineWorkspaceTest::SetUp();
        reference = write_scheme(dir, "reference.json", reference_scheme());
        // Same scheme id, M1's service 80 instead of 100:
        // M1 total = 19 + 27 + .5 x 80 = 86.
        auto json = reference_json();
        json.at("dimensions")
            .as_array()[1]
            .at("indicators")
            .as_array()[0]
            .at("params")
            .at("values")
            .as_object()["M1"] = 80;
        variant = write_scheme(dir, "variant.json", json);
    }
    std::filesystem::path reference, variant;
};

TEST_F(CarriedStateRuns, TheNextPeriodAddsToWhatTheLastOneWrote) {
    // Q1: M1 cumulative 96 (no previous). Q2 (same data): 96 + 96 = 192;
    // M3 (vetoed to 0) stays 0 + 0 = 0; M2 88.5 + 88.5 = 177.
    const RunResult q1 = run_scheme(*ws, registry, reference, "2026-Q1");
    EXPECT_EQ(decision_of(q1, "M1"), "96");
    const RunResult q2 = run_scheme(*ws, registry, reference, "2026-Q2");
    EXPECT_EQ(decision_of(q2, "M1"), "192");
    EXPECT_EQ(decision_of(q2, "M2"), "177");
    EXPECT_EQ(decision_of(q2, "M3"), "0");
    for (const auto& d : q2.decisions)
        if (d.manager_id == "M1") {
            EXPECT_EQ(d.reason.substr(0, 26), "previous 96 + total 96; pa");
        }
}

TEST_F(CarriedStateRuns, AFinalRunOfThePeriodWinsOverANewerOne) {
    run_scheme(*ws, registry, reference, "2026-Q1");  // run 1: M1 wrote 96
    run_scheme(*ws, registry, variant, "2026-Q1");    // run 2: M1 wrote 86
    // Without a final run the newest of Q1 counts: 86 + 96 = 182.
    EXPECT_EQ(decision_of(run_scheme(*ws, registry, reference, "2026-Q2"), "M1"), "182");
    finalize_run(ws->db(), 1, {.reason = "季度考核定稿"});
    // Run 1 is final: 96 + 96 = 192. (Run 3, of Q2 itself, is not earlier.)
    EXPECT_EQ(decision_of(run_scheme(*ws, registry, reference, "2026-Q2"), "M1"), "192");
    const merit::CarriedState state =
        read_carried_state(ws->db(), "engine-test", "2026-04-01", "points", "points");
    EXPECT_EQ(state.from_run, 1);
    EXPECT_DOUBLE_EQ(state.values.at("M1"), 96);
    // Another scheme id never sees this state.
    EXPECT_EQ(read_carried_state(ws->db(), "other", "2026-04-01", "points", "points").from_run, 0);
}

}  // namespace
}  // namespace merit
