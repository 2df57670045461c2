// Columns that read other columns (depends_on, computed level by level) and
// the scope: roles, statuses, org units with everything below them.
#include <gtest/gtest.h>

#include "engine/run_store.hpp"
#include "engine/run_workflow.hpp"
#include "engine_test_support.hpp"

namespace merit {
namespace {

using namespace merit::testing;
namespace json = boost::json;

class ColumnsAndScope : public EngineWorkspaceTest {
protected:
    // Inputs a (M1 10, M2 20) and b (M1 1, M2 2); indicator "sum" = a + b
    // scored as its value, weight 100 in one dimension of weight 100.
    json::value scheme(bool with_depends_on) {
        json::object sum{{"id", "sum"},
                         {"weight", 100},
                         {"provider", "enginetest.sum_of"},
                         {"params", json::object{{"columns", json::array{"a", "b"}}}},
                         {"scorer", "enginetest.identity"}};
        if (with_depends_on) sum["depends_on"] = json::array{"a", "b"};
        return json::object{
            {"scheme", "columns"},
            {"period_type", "any"},
            {"plugins", json::array{"enginetest"}},
            {"scope", json::object{{"org_units", json::array{"U1"}}, {"statuses", json::array{"active"}}}},
            {"inputs",
             json::array{
                 json::object{{"id", "a"},
                              {"provider", "enginetest.fixed"},
                              {"params", json::object{{"values", json::object{{"M1", 10}, {"M2", 20}}}}}},
                 json::object{{"id", "b"},
                              {"provider", "enginetest.fixed"},
                              {"params", json::object{{"values", json::object{{"M1", 1}, {"M2", 2}}}}}}}},
            {"dimensions",
             json::array{json::object{{"id", "d"}, {"weight", 100}, {"indicators", json::array{sum}}}}},
            {"bands", json::array{json::object{{"label", "all"}, {"min", 0}}}}};
    }
};

TEST_F(ColumnsAndScope, AColumnReadsTheColumnsItDependsOn) {
    // Scope: U1, active only -> M1, M2 (M3 is on probation, R1 a risk manager).
    // sum: M1 10 + 1 = 11, M2 20 + 2 = 22; totals equal the sums.
    const RunResult r = load_run(
        ws->db(),
        run_scheme(*ws, registry, write_scheme(dir, "s.json", scheme(true)), "2026-01-01..2026-01-10")
            .info.id);
    ASSERT_EQ(r.managers.size(), 2u);
    EXPECT_DOUBLE_EQ(r.find_manager("M1")->total, 11);
    EXPECT_DOUBLE_EQ(r.find_manager("M2")->total, 22);
    EXPECT_EQ(r.managers[0].manager_id, "M2");  // rank 1
    EXPECT_EQ(r.info.period, "2026-01-01..2026-01-10");
    // The provider traced what it read: explain shows a = 10, b = 1 for M1.
    std::vector<std::string> traced;
    for (const auto& t : r.trace)
        if (t.manager_id == "M1" && t.step == "sum")
            traced.push_back(t.name + "=" + std::to_string(int(*t.value)));
    EXPECT_EQ(traced, (std::vector<std::string>{"a=10", "b=1"}));
}

TEST_F(ColumnsAndScope, WithoutDependsOnTheColumnIsNotThereYet) {
    try {
        run_scheme(*ws, registry, write_scheme(dir, "s.json", scheme(false)), "2026-Q1");
        FAIL() << "sum must not see a and b without depends_on";
    } catch (const UserError& e) {
        EXPECT_STREQ(
            e.what(),
            "dimensions[0].indicators[0] (sum): enginetest.sum_of: compute: result_column: result column "
            "'a' is not available to sum: only inputs and indicators computed earlier are (name it in "
            "depends_on)");
    }
    EXPECT_EQ(count_rows(ws->db(), "runs"), 0);
}

TEST_F(ColumnsAndScope, OrgUnitsIncludeEveryUnitBelowThem) {
    auto s = scheme(true);
    s.at("scope").as_object() = json::object{{"org_units", json::array{"HQ"}}};
    // HQ covers U1 and U2: M1..M5 (M6 left, R1 risk manager are out).
    EXPECT_EQ(run_scheme(*ws, registry, write_scheme(dir, "hq.json", s), "2026-Q1").managers.size(), 5u);
    s.at("scope").as_object() =
        json::object{{"org_units", json::array{"U2"}}, {"grades", json::array{"一级"}}};
    const RunResult u2 = run_scheme(*ws, registry, write_scheme(dir, "u2.json", s), "2026-Q1");
    ASSERT_EQ(u2.managers.size(), 1u);  // M5 (M4 is 三级, M6 left)
    EXPECT_EQ(u2.managers[0].manager_id, "M5");
    s.at("scope").as_object() = json::object{{"org_units", json::array{"U9"}}};
    try {
        run_scheme(*ws, registry, write_scheme(dir, "u9.json", s), "2026-Q1");
        FAIL();
    } catch (const UserError& e) {
        EXPECT_STREQ(e.what(), "scope.org_units[0]: unknown org unit 'U9' in this workspace");
    }
}

}  // namespace
}  // namespace merit
