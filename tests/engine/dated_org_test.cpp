// The dated organisation (issue 15 point 3): a manager's grade, unit, role
// and status hold from a day on, and a run uses those valid in its period.
// Promoting M2 (三级 junior -> 一级 senior) from 2026-04-01 leaves a re-run of
// Q1 identical and changes Q2 (see whole_run_test.cpp for the figures: M2
// with senior weights is 85 instead of 88.5); M4, who left on 2026-05-10,
// stays in Q1, is out of Q2 by its last day, and in it when the scheme takes
// the organisation of the period's first day.
#include <gtest/gtest.h>

#include "engine/run_store.hpp"
#include "engine/run_workflow.hpp"
#include "engine_test_support.hpp"
#include "import/importer.hpp"

namespace merit {
namespace {

using namespace merit::testing;

class DatedOrg : public ReferenceSchemeTest {
protected:
    // managers.csv with one row, as HR exports it.
    void import_manager_row(const std::string& row) {
        const auto file = dir / ("fix" + std::to_string(++files_)) / "managers.csv";
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file) << "id,name,org_unit_id,role,grade,status,valid_from\n" << row << "\n";
        import_files(*ws, {file}, {});
    }
    const ManagerResult* manager(const RunResult& run, const std::string& id) { return run.find_manager(id); }
    int files_ = 0;
};

TEST_F(DatedOrg, APromotionInQ2LeavesAQ1RerunUnchanged) {
    const RunResult q1 = run_scheme(*ws, registry, scheme, "2026-Q1");
    import_manager_row("M2,李四,U1,customer_manager,一级,active,2026-04-01");
    const RunResult again = run_scheme(*ws, registry, scheme, "2026-Q1");
    EXPECT_EQ(again.info.results_digest, q1.info.results_digest);
    // Kept in variables: find_manager points into the loaded run.
    const RunResult stored_again = load_run(ws->db(), again.info.id);
    ASSERT_NE(stored_again.find_manager("M2"), nullptr);
    EXPECT_EQ(stored_again.find_manager("M2")->grade, "三级");
    const RunResult q2 = run_scheme(*ws, registry, scheme, "2026-Q2");
    const RunResult stored_q2 = load_run(ws->db(), q2.info.id);
    const ManagerResult* m2 = stored_q2.find_manager("M2");
    ASSERT_NE(m2, nullptr);
    EXPECT_EQ(m2->grade, "一级");
    EXPECT_DOUBLE_EQ(m2->total, 85);
    EXPECT_EQ(count_rows(ws->db(), "manager_terms WHERE manager_id = 'M2'"), 2);
}

TEST_F(DatedOrg, AManagerWhoLeftIsEvaluatedForTheQuartersHeWorkedIn) {
    import_manager_row("M4,赵六,U2,customer_manager,三级,left,2026-05-10");
    EXPECT_NE(run_scheme(*ws, registry, scheme, "2026-Q1").find_manager("M4"), nullptr);
    EXPECT_EQ(run_scheme(*ws, registry, scheme, "2026-Q2").find_manager("M4"), nullptr);
    auto json = reference_json();
    json.at("scope").as_object()["org_as_of"] = "first_day";
    const RunResult first_day = run_scheme(*ws, registry, write_scheme(dir, "first.json", json), "2026-Q2");
    const ManagerResult* m4 = first_day.find_manager("M4");
    ASSERT_NE(m4, nullptr);
    EXPECT_EQ(m4->status, "active");
}

TEST_F(DatedOrg, AChangeWithoutADateHoldsFromTheDayItIsImported) {
    import_manager_row("M2,李四,U1,customer_manager,一级,active,");
    Statement st(
        ws->db(),
        "SELECT valid_from = date('now') FROM manager_terms WHERE manager_id = 'M2' AND grade = '一级'");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.integer(0), 1);
    // So Q1 (long past) keeps the grade M2 had then.
    EXPECT_EQ(run_scheme(*ws, registry, scheme, "2026-Q1").find_manager("M2")->grade, "三级");
}

TEST_F(DatedOrg, ASchemeNamingAnotherDayIsRefusedWithItsPath) {
    auto json = reference_json();
    json.at("scope").as_object()["org_as_of"] = "mid_period";
    try {
        run_scheme(*ws, registry, write_scheme(dir, "bad.json", json), "2026-Q2");
        FAIL() << "accepted";
    } catch (const UserError& e) {
        EXPECT_NE(
            std::string(e.what()).find("scope.org_as_of: 'mid_period' is not one of last_day, first_day"),
            std::string::npos)
            << e.what();
    }
    EXPECT_EQ(count_rows(ws->db(), "runs"), 0);
}

}  // namespace
}  // namespace merit
