// A whole scheme run on five managers, every score and every fen computed by
// hand from config/SCHEMES.md "Arithmetic".
//
// Weights (grade groups: 一级 = senior, 三级 = junior):
//   senior: results 50% (sales 40%, profit 60%), quality 50% (service 100%)
//   junior: results 70% (sales 60%, profit 40%), quality 30% (service 100%)
// sales scorer: actual / target x 100, capped at 120; profit, service: score = value.
//
// M1 senior: sales 95/100 -> 95; profit 90; service 100
//   contributions: .5 x .4 x 95 = 19; .5 x .6 x 90 = 27; .5 x 1 x 100 = 50; base total 96
// M2 junior: sales 210/200 -> 105; profit 80; service 90
//   contributions: .7 x .6 x 105 = 44.1; .7 x .4 x 80 = 22.4; .3 x 90 = 27; base 93.5
//   deduction: 3 complaints x 2 = 6, capped at 5 -> total 88.5
// M3 senior: sales 100 -> 100; profit 70; service 80
//   contributions: 20 + 21 + 40 = 81; veto (1 violation > 0) -> total 0
// M4 junior: sales 65/50 = 130 -> capped 120; profit 85; service 70
//   contributions: .7 x .6 x 120 = 50.4; .7 x .4 x 85 = 23.8; .3 x 70 = 21; base 95.2
//   deduction: 1 complaint x 2 = 2 -> total 93.2
// M5 senior: sales 120.5/100 = 120.5 -> capped 120; profit 92; service 88
//   contributions: .5 x .4 x 120 = 24; .5 x .6 x 92 = 27.6; .5 x 88 = 44; base 95.6
//   veto warning_cap (1 warning >= 1): rating no better than 良好
//
// Bands (优秀 90, 良好 80, 合格 60, 不合格 0): M1 优秀, M2 良好, M3 不合格,
//   M4 优秀, M5 优秀 capped to 良好.
// Distribution: 优秀 at most 30% of all 5 = floor(1.5) = 1: order M1 (96),
//   M4 (93.2) -> M4 moves to 良好.
// Ranks by total: M1 96 (1), M5 95.6 (2), M4 93.2 (3), M2 88.5 (4), M3 0 (5);
//   in unit U1: M1 1, M2 2, M3 3; U2: M5 1, M4 2.
// Pay, performance = total x 12.345 yuan, rounded to fen:
//   M1 96 x 12.345 = 1185.12 -> 118512 fen; M2 88.5 x 12.345 = 1092.5325 -> 109253;
//   M3 0 -> 0; M4 93.2 x 12.345 = 1150.554 -> 115055; M5 95.6 x 12.345 = 1180.182 -> 118018
// band_bonus: 优秀 1000, 良好 500, 合格 100 yuan (不合格: none):
//   M1 100000; M2 50000; M3 none; M4 50000; M5 50000
// pay totals: M1 218512; M2 159253; M3 0; M4 165055; M5 168018 fen.
#include <gtest/gtest.h>

#include "engine/evaluator.hpp"
#include "engine/run_lifecycle.hpp"
#include "engine/run_render.hpp"
#include "engine/run_store.hpp"
#include "engine/run_workflow.hpp"
#include "engine_test_support.hpp"

namespace merit {
namespace {

using namespace merit::testing;

class WholeRun : public ReferenceSchemeTest {};

const IndicatorResult& row(const RunResult& r, const std::string& manager, const std::string& id) {
    for (const auto& x : r.indicators)
        if (x.manager_id == manager && x.indicator == id) return x;
    throw std::runtime_error("no row " + manager + " " + id);
}

TEST_F(WholeRun, EveryScoreAndEveryFenAsComputedByHand) {
    const RunResult run = run_scheme(*ws, registry, scheme, "2026-Q1");
    EXPECT_EQ(run.info.id, 1);
    const RunResult r = load_run(ws->db(), 1);
    ASSERT_EQ(r.managers.size(), 5u);  // M6 (left) and R1 (risk manager) are out of scope

    // Listing order is rank order.
    const std::vector<std::string> order{"M1", "M5", "M4", "M2", "M3"};
    for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(r.managers[i].manager_id, order[i]);

    struct Expected {
        const char* id;
        double base, total;
        const char* rating;
        int rank, rank_in_unit;
        bool vetoed;
        int64_t pay;
    };
    const Expected expected[] = {
        {"M1", 96, 96, "优秀", 1, 1, false, 218512},    {"M2", 93.5, 88.5, "良好", 4, 2, false, 159253},
        {"M3", 81, 0, "不合格", 5, 3, true, 0},         {"M4", 95.2, 93.2, "良好", 3, 2, false, 165055},
        {"M5", 95.6, 95.6, "良好", 2, 1, true, 168018},
    };
    for (const auto& e : expected) {
        SCOPED_TRACE(e.id);
        const ManagerResult* m = r.find_manager(e.id);
        ASSERT_NE(m, nullptr);
        EXPECT_NEAR(m->base_total, e.base, 1e-9);
        EXPECT_NEAR(m->total, e.total, 1e-9);
        EXPECT_EQ(m->rating, e.rating);
        EXPECT_EQ(m->rank, e.rank);
        EXPECT_EQ(m->rank_in_unit, e.rank_in_unit);
        EXPECT_EQ(m->vetoed, e.vetoed);
        EXPECT_EQ(m->pay_fen, e.pay);
    }
    EXPECT_EQ(r.find_manager("M1")->grade_group, "senior");
    EXPECT_EQ(r.find_manager("M2")->grade_group, "junior");

    // Per-grade weights and contributions.
    EXPECT_NEAR(row(r, "M2", "sales").score.value(), 105, 1e-9);
    EXPECT_NEAR(row(r, "M2", "sales").target.value(), 200, 1e-9);
    EXPECT_DOUBLE_EQ(row(r, "M2", "sales").weight, 60);
    EXPECT_DOUBLE_EQ(row(r, "M2", "sales").dimension_weight, 70);
    EXPECT_NEAR(row(r, "M2", "sales").contribution, 44.1, 1e-9);
    EXPECT_DOUBLE_EQ(row(r, "M1", "sales").weight, 40);
    EXPECT_NEAR(row(r, "M1", "profit").contribution, 27, 1e-9);
    EXPECT_NEAR(row(r, "M4", "sales").score.value(), 120, 1e-9);  // 130 capped
    EXPECT_EQ(row(r, "M3", "violations").kind, "input");
    EXPECT_NEAR(row(r, "M3", "violations").value.value(), 1, 0);

    // Adjustments: M2's deduction capped at 5, M3's veto, M5's cap.
    std::map<std::string, std::vector<AdjustmentResult>> adj;
    for (const auto& a : r.adjustments) adj[a.manager_id].push_back(a);
    ASSERT_EQ(adj["M2"].size(), 1u);
    EXPECT_NEAR(adj["M2"][0].points, -5, 1e-9);
    EXPECT_EQ(adj["M2"][0].detail, "有效投诉 = 3 x 2 points = 6, capped at 5");
    ASSERT_EQ(adj["M3"].size(), 1u);
    EXPECT_NEAR(adj["M3"][0].points, -81, 1e-9);
    EXPECT_EQ(adj["M3"][0].detail, "违规次数 = 1 > 0: total 81 -> 0");
    ASSERT_EQ(adj["M5"].size(), 1u);
    EXPECT_EQ(adj["M5"][0].detail, "警告次数 = 1 >= 1: rating no better than 良好");
    EXPECT_NE(r.find_manager("M4")->band_reason.find("moved from 优秀 to 良好"), std::string::npos);
    EXPECT_NE(r.find_manager("M5")->band_reason.find("capped at 良好 by 警告封顶"), std::string::npos);

    // Pay lines: M2 performance 109253 (1092.5325 yuan rounded), band bonus 50000.
    std::vector<int64_t> m2;
    for (const auto& p : r.pay)
        if (p.manager_id == "M2") m2.push_back(p.amount_fen);
    EXPECT_EQ(m2, (std::vector<int64_t>{109253, 50000}));

    // The accumulate reward read pay_total (both earlier rewards) and wrote state.
    for (const auto& d : r.decisions)
        if (d.manager_id == "M1") {
            EXPECT_EQ(d.value, "96");
            EXPECT_EQ(d.reason, "previous none + total 96; pay so far 2185.12 yuan");
        }
    ASSERT_EQ(r.state.size(), 5u);

    // Provenance.
    EXPECT_EQ(r.info.scheme_id, "engine-test");
    EXPECT_EQ(r.info.scheme_hash.size(), 64u);
    EXPECT_EQ(r.info.input_fingerprint.size(), 64u);
    EXPECT_NE(r.info.plugins_json.find("\"version\":\"1.2.3\""), std::string::npos);
    EXPECT_EQ(r.info.results_digest, results_digest(r));  // stored rows give back the same digest
}

TEST_F(WholeRun, SameInputsGiveIdenticalResults) {
    const RunResult a = run_scheme(*ws, registry, scheme, "2026-Q1");
    const RunResult b = run_scheme(*ws, registry, scheme, "2026-Q1");
    EXPECT_EQ(a.info.id, 1);
    EXPECT_EQ(b.info.id, 2);
    EXPECT_EQ(a.info.results_digest, b.info.results_digest);
    EXPECT_EQ(a.info.input_fingerprint, b.info.input_fingerprint);
    EXPECT_EQ(a.info.scheme_hash, b.info.scheme_hash);
    const RunResult la = load_run(ws->db(), 1), lb = load_run(ws->db(), 2);
    EXPECT_EQ(results_csv(la), results_csv(lb));
    EXPECT_EQ(explain_manager(la, "M2").substr(explain_manager(la, "M2").find('\n')),
              explain_manager(lb, "M2").substr(explain_manager(lb, "M2").find('\n')));
    // A changed input changes the fingerprint.
    exec(ws->db(), "UPDATE targets SET value = 201 WHERE manager_id = 'M2' AND period = '2026-Q1'");
    const RunResult c = run_scheme(*ws, registry, scheme, "2026-Q1");
    EXPECT_NE(c.info.input_fingerprint, a.info.input_fingerprint);
    EXPECT_NE(c.info.results_digest, a.info.results_digest);
}

TEST_F(WholeRun, ExplainAccountsForEveryPointAndFen) {
    run_scheme(*ws, registry, scheme, "2026-Q1");
    const std::string text = explain_manager(load_run(ws->db(), 1), "M2");
    // Contributions 44.1 + 22.4 + 27 = 93.5, then -5 to 88.5.
    EXPECT_NE(text.find("sum of contributions: 44.1 + 22.4 + 27 = 93.5 (base total 93.5)"), std::string::npos)
        << text;
    EXPECT_NE(text.find("70% x 60% x 105 = 44.1"), std::string::npos) << text;
    EXPECT_NE(
        text.find(
            "deduction complaints (投诉扣分): 有效投诉 = 3 x 2 points = 6, capped at 5; total 93.5 -> 88.5"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find("total: 88.5"), std::string::npos);
    EXPECT_NE(text.find("rating: 良好 (band 1): total 88.5 >= 80 (良好)"), std::string::npos) << text;
    EXPECT_NE(text.find("rank: 4 of 5 overall; 2 of 3 in U1"), std::string::npos) << text;
    EXPECT_NE(text.find("pay total: 1092.53 + 500.00 = 1592.53 yuan (159253 fen; stored 159253 fen)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("88.5 points x 12.345 yuan = 1092.53 yuan"), std::string::npos) << text;
    EXPECT_NE(text.find("fixture value = 210 (enginetest.fixed)"), std::string::npos)
        << text;  // provider input
    EXPECT_NE(text.find("cumulative_points -> 88.5"), std::string::npos) << text;
    EXPECT_THROW(explain_manager(load_run(ws->db(), 1), "M6"), UserError);
}

TEST_F(WholeRun, FinalRunsAreReadOnlyAndARerunMakesANewRun) {
    run_scheme(*ws, registry, scheme, "2026-Q1");
    finalize_run(ws->db(), 1, {.reason = "季度考核定稿"});
    EXPECT_EQ(load_run(ws->db(), 1).info.status, "final");
    EXPECT_THROW(finalize_run(ws->db(), 1, {.reason = "季度考核定稿"}), UserError);
    EXPECT_THROW(exec(ws->db(), "UPDATE run_managers SET total = 1 WHERE run_id = 1"), UserError);
    EXPECT_THROW(exec(ws->db(), "DELETE FROM run_pay WHERE run_id = 1"), UserError);
    EXPECT_THROW(exec(ws->db(), "UPDATE runs SET period = '2026-Q2' WHERE id = 1"), UserError);
    const RunResult again = run_scheme(*ws, registry, scheme, "2026-Q1");
    EXPECT_EQ(again.info.id, 2);
    EXPECT_EQ(list_runs(ws->db()).size(), 2u);
}

TEST_F(WholeRun, PeriodMustMatchThePeriodType) {
    try {
        run_scheme(*ws, registry, scheme, "2026-03");
        FAIL() << "a month for a quarterly scheme must be refused";
    } catch (const UserError& e) {
        EXPECT_STREQ(e.what(), "period '2026-03' is a month, but the scheme's period_type is quarter");
    }
    EXPECT_EQ(count_rows(ws->db(), "runs"), 0);
}

}  // namespace
}  // namespace merit
