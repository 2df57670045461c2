// What `merit run` and `merit explain` print, on a run built by hand (issue
// 23): each label once, the one-line run summary, the ranking cut at --top.
#include <gtest/gtest.h>

#include "engine/run_render.hpp"

namespace merit {
namespace {

ManagerResult manager(std::string id, int rank, int band, std::string rating, bool vetoed, int64_t pay) {
    ManagerResult m;
    m.manager_id = std::move(id);
    m.name = "N" + m.manager_id;
    m.org_unit_id = "U1";
    m.rank = m.rank_in_unit = rank;
    m.band_index = band;
    m.rating = std::move(rating);
    m.vetoed = vetoed;
    m.pay_fen = pay;
    m.total = m.base_total = 90.0 - rank;
    return m;
}

RunResult three_managers() {
    RunResult run;
    run.info.id = 7;
    run.info.scheme_id = "bank";
    run.info.period = "2026-Q2";
    run.info.manager_count = 3;
    run.managers = {manager("M1", 1, 0, "优秀", false, 150000), manager("M2", 2, 1, "良好", false, 100050),
                    manager("M3", 3, 1, "良好", true, 0)};
    // A pay line whose code is its reward's id (the banking scheme's vp_bonus).
    run.pay.push_back({"M1", 0, "vp_bonus", "banking.virtual_profit_bonus", "vp_bonus", "虚拟利润奖", 150000,
                       "profit 10000 × 15%"});
    // An adjustment named like its id.
    run.adjustments.push_back({"M3", 0, "compliance", "veto", "compliance", 0, 87, 87, "1 breach"});
    return run;
}

TEST(RunText, ExplainNamesEachLabelOnce) {
    const RunResult run = three_managers();
    const std::string m1 = explain_manager(run, "M1");
    EXPECT_NE(
        m1.find("  vp_bonus 虚拟利润奖 (banking.virtual_profit_bonus): 1500.00 yuan — profit 10000 × 15%\n"),
        std::string::npos)
        << m1;
    EXPECT_EQ(m1.find("vp_bonus vp_bonus"), std::string::npos) << m1;
    const std::string m3 = explain_manager(run, "M3");
    EXPECT_NE(m3.find("  veto compliance: 1 breach; total 87 -> 87 (0 points)\n"), std::string::npos) << m3;
}

TEST(RunText, TheRunSummaryCountsRatingsVetoesAndPay) {
    // Pay: 1500.00 + 1000.50 + 0 = 2500.50 yuan; ratings best band first.
    EXPECT_EQ(run_summary(three_managers()),
              "stored as run 7: bank 2026-Q2, 3 managers (优秀 1, 良好 2; 1 vetoed), pay 2500.50 yuan\n");
}

TEST(RunText, TheRankingStopsAtTopAndItsLegendExplainsTheMark) {
    const RunResult run = three_managers();
    const std::string top = summary_table(run, 2);
    EXPECT_EQ(std::count(top.begin(), top.end(), '\n'), 2 + 2) << top;  // header, rule, two rows
    EXPECT_EQ(top.find("M3"), std::string::npos);
    const std::string all = summary_table(run);
    EXPECT_NE(all.find("良好 *"), std::string::npos) << all;
    EXPECT_EQ(summary_legend(run), "* a veto applied (see `merit explain`)\n");
    RunResult no_veto = run;
    no_veto.managers.pop_back();
    EXPECT_EQ(summary_legend(no_veto), "");
}

}  // namespace
}  // namespace merit
