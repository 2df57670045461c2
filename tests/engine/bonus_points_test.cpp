// Signed adjustments of a scheme's own (issue 18 point 4, seed 004 加分):
// a `bonus` adds points per unit of an input, capped, after the scheme's
// other adjustments in scheme order; a veto that set the total is not lifted
// by it. And a dimension's `min_weight` (004: results never below 40%) is
// enforced by validate for every grade group.
//
// The reference scheme (whole_run_test.cpp) plus an input `honours`
// (M2: 2, M3: 1) and a bonus of 1.5 points per honour, at most 2:
//   M2: 88.5 + min(3, 2) = 90.5; distribution 优秀 at most 1 of 5, and M1
//       (96) holds it, so M2 stays 良好; pay 90.5 x 12.345 = 1117.2225 ->
//       1117.22 + 500 band bonus = 161722 fen; rank 4 (M1 96, M5 95.6, M4 93.2).
//   M3: vetoed to 0 by compliance; the bonus does not apply: 0.
#include <gtest/gtest.h>

#include "engine/run_store.hpp"
#include "engine/run_workflow.hpp"
#include "engine_test_support.hpp"
#include "scheme/scheme_validator.hpp"

namespace merit {
namespace {

using namespace merit::testing;

class BonusPoints : public ReferenceSchemeTest {
protected:
    boost::json::value with_bonus() {
        auto json = reference_json();
        json.at("inputs").as_array().push_back(boost::json::parse(
            R"({"id": "honours", "name": "荣誉次数", "provider": "enginetest.fixed",
                "params": {"values": {"M1": 0, "M2": 2, "M3": 1, "M4": 0, "M5": 0}}})"));
        json.at("adjustments")
            .as_array()
            .push_back(boost::json::parse(
                R"({"id": "honours_bonus", "kind": "bonus", "name": "荣誉加分", "indicator": "honours",
                "points_per_unit": 1.5, "max_points": 2})"));
        return json;
    }
    static const AdjustmentResult* adjustment(const RunResult& r, const std::string& manager,
                                              const std::string& id) {
        for (const auto& a : r.adjustments)
            if (a.manager_id == manager && a.adjustment == id) return &a;
        return nullptr;
    }
};

TEST_F(BonusPoints, ABonusAddsCappedPointsAfterTheDeductions) {
    const RunResult stored =
        run_scheme(*ws, registry, write_scheme(dir, "bonus.json", with_bonus()), "2026-Q1");
    const RunResult r = load_run(ws->db(), stored.info.id);
    const ManagerResult* m2 = r.find_manager("M2");
    ASSERT_NE(m2, nullptr);
    EXPECT_DOUBLE_EQ(m2->total, 90.5);
    EXPECT_EQ(m2->rating, "良好");
    EXPECT_EQ(m2->rank, 4);
    EXPECT_EQ(m2->pay_fen, 161722);
    const AdjustmentResult* bonus = adjustment(r, "M2", "honours_bonus");
    ASSERT_NE(bonus, nullptr);
    EXPECT_DOUBLE_EQ(bonus->points, 2);
    EXPECT_EQ(bonus->detail, "荣誉次数 = 2 x 1.5 points = 3, capped at 2");
    // The veto's 0 stands.
    EXPECT_DOUBLE_EQ(r.find_manager("M3")->total, 0);
    EXPECT_EQ(adjustment(r, "M3", "honours_bonus"), nullptr);
}

TEST_F(BonusPoints, AMinimumDimensionWeightIsEnforcedForEveryGradeGroup) {
    auto json = reference_json();
    // results: 60 plain, 70 junior, 50 senior; at least 55 leaves seniors short.
    json.at("dimensions").as_array()[0].as_object()["min_weight"] = 55;
    const auto problems = validate_scheme_file(write_scheme(dir, "min.json", json).string(), registry);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(
        problems[0],
        "dimensions[0].weights_by_grade.senior: 50% (weights for grade group 'senior') is below the minimum "
        "55% (min_weight)");
    json.at("dimensions").as_array()[0].as_object()["min_weight"] = 40;  // 004's rule holds
    EXPECT_TRUE(validate_scheme_file(write_scheme(dir, "ok.json", json).string(), registry).empty());
}

}  // namespace
}  // namespace merit
