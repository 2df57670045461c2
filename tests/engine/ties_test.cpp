// Distribution limits and ranks with equal totals: the documented tie-break
// (total descending, then manager id ascending) and competition ranking.
#include <gtest/gtest.h>

#include "engine/run_store.hpp"
#include "engine/run_workflow.hpp"
#include "engine_test_support.hpp"

namespace merit {
namespace {

using namespace merit::testing;

// One indicator scored as its value (identity), weight 100 in one dimension
// of weight 100: each total equals the value.
std::string one_indicator_scheme(const std::string& values, const std::string& distribution) {
    return R"({"scheme": "ties", "period_type": "any", "plugins": ["enginetest"],
      "dimensions": [{"id": "d", "weight": 100, "indicators": [
        {"id": "v", "weight": 100, "provider": "enginetest.fixed", "params": {"values": )" +
           values + R"(}, "scorer": "enginetest.identity"}]}],
      "bands": [{"label": "A", "min": 90}, {"label": "B", "min": 80}, {"label": "C", "min": 0}],
      "distribution": )" +
           distribution + "}";
}

class Ties : public EngineWorkspaceTest {
protected:
    RunResult run(const std::string& values, const std::string& distribution) {
        const auto file = write_scheme(dir, "s.json", one_indicator_scheme(values, distribution).c_str());
        return load_run(ws->db(), run_scheme(*ws, registry, file, "2026-Q1").info.id);
    }
};

TEST_F(Ties, DistributionOverAllMovesTheExcessByTotalThenId) {
    // Totals: M1 95, M2 95, M3 95, M4 85, M5 75. Band A for M1..M3, B for M4, C for M5.
    // A at most 50% of 5 = floor(2.5) = 2: ordered M1, M2, M3 (equal totals,
    // id ascending) -> M1, M2 keep A; M3 moves to B.
    const RunResult r = run(R"({"M1": 95, "M2": 95, "M3": 95, "M4": 85, "M5": 75})",
                            R"([{"band": "A", "max_share": 0.5, "per": "all"}])");
    EXPECT_EQ(r.find_manager("M1")->rating, "A");
    EXPECT_EQ(r.find_manager("M2")->rating, "A");
    EXPECT_EQ(r.find_manager("M3")->rating, "B");
    EXPECT_EQ(r.find_manager("M4")->rating, "B");
    EXPECT_EQ(r.find_manager("M5")->rating, "C");
    EXPECT_NE(
        r.find_manager("M3")->band_reason.find("moved from A to B: distribution[0] allows 2 of 5 (50%) in "
                                               "scope all, this is number 3 by total then id"),
        std::string::npos)
        << r.find_manager("M3")->band_reason;
    // Competition ranking: 1, 1, 1, 4, 5; in U1 (M1..M3) 1, 1, 1; in U2 M4 1, M5 2.
    EXPECT_EQ(r.find_manager("M1")->rank, 1);
    EXPECT_EQ(r.find_manager("M2")->rank, 1);
    EXPECT_EQ(r.find_manager("M3")->rank, 1);
    EXPECT_EQ(r.find_manager("M4")->rank, 4);
    EXPECT_EQ(r.find_manager("M5")->rank, 5);
    EXPECT_EQ(r.find_manager("M3")->rank_in_unit, 1);
    EXPECT_EQ(r.find_manager("M4")->rank_in_unit, 1);
    EXPECT_EQ(r.find_manager("M5")->rank_in_unit, 2);
    // Listing order for equal totals: manager id.
    EXPECT_EQ(r.managers[0].manager_id, "M1");
    EXPECT_EQ(r.managers[2].manager_id, "M3");
}

TEST_F(Ties, DistributionPerOrgUnitAndCascadeToTheNextLimit) {
    // Totals: M1 96, M2 95, M3 95 (U1); M4 92, M5 91 (U2). All in band A.
    // A at most 34% per unit: U1 floor(1.02) = 1 -> M1 keeps A; M2, M3 -> B.
    //                         U2 floor(0.68) = 0 -> M4, M5 -> B.
    // B at most 50% per unit, applied after A's excess moved down:
    //   U1: B = M2, M3 (95, 95), floor(1.5) = 1 -> M2 keeps B (id), M3 -> C.
    //   U2: B = M4, M5, floor(1.0) = 1 -> M4 keeps B, M5 -> C.
    const RunResult r = run(R"({"M1": 96, "M2": 95, "M3": 95, "M4": 92, "M5": 91})",
                            R"([{"band": "B", "max_share": 0.5}, {"band": "A", "max_share": 0.34}])");
    EXPECT_EQ(r.find_manager("M1")->rating, "A");
    EXPECT_EQ(r.find_manager("M2")->rating, "B");
    EXPECT_EQ(r.find_manager("M3")->rating, "C");
    EXPECT_EQ(r.find_manager("M4")->rating, "B");
    EXPECT_EQ(r.find_manager("M5")->rating, "C");
    EXPECT_EQ(r.find_manager("M2")->rank, 2);
    EXPECT_EQ(r.find_manager("M3")->rank, 2);
    EXPECT_EQ(r.find_manager("M4")->rank, 4);
}

TEST_F(Ties, NullValueScoresZeroAndTotalsBelowEveryBandGetTheLowest) {
    // M5 has no value: identity scores a null 0 -> total 0 -> band C (min 0).
    const RunResult r = run(R"({"M1": 90, "M2": 80, "M3": 70, "M4": 60})", "[]");
    EXPECT_EQ(r.find_manager("M5")->total, 0);
    EXPECT_EQ(r.find_manager("M5")->rating, "C");
    EXPECT_EQ(r.find_manager("M1")->rating, "A");  // 90 reaches A's min exactly
    bool null_value = false;
    for (const auto& x : r.indicators) null_value = null_value || (x.manager_id == "M5" && !x.value);
    EXPECT_TRUE(null_value);
}

}  // namespace
}  // namespace merit
