// `merit diff` between two runs whose weights differ: who moved and why.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/run_diff.hpp"
#include "engine/run_render.hpp"
#include "engine/run_store.hpp"
#include "engine/run_workflow.hpp"
#include "engine/text_table.hpp"
#include "engine_test_support.hpp"

namespace merit {
namespace {

using namespace merit::testing;

TEST(Diff, ChangedSeniorWeightsShowWhoMovedAndWhy) {
    const auto dir = fresh_dir("diff");
    Workspace ws = Workspace::create(dir / "ws.merit");
    fill_workspace(ws);
    const PluginRegistry registry = test_registry();
    run_scheme(ws, registry, write_scheme(dir, "a.json", reference_scheme()), "2026-Q1");
    // Seniors: sales 40% -> 60%, profit 60% -> 40%.
    auto json = reference_json();
    auto& indicators = json.at("dimensions").as_array()[0].at("indicators").as_array();
    indicators[0].at("weights_by_grade").as_object()["senior"] = 60;
    indicators[1].at("weights_by_grade").as_object()["senior"] = 40;
    run_scheme(ws, registry, write_scheme(dir, "b.json", json), "2026-Q1");
    // M1: results .6 x 95 + .4 x 90 = 93 -> total .5 x 93 + .5 x 100 = 96.5;
    //     sales contribution .5 x .6 x 95 = 28.5 (was 19), profit .5 x .4 x 90 = 18 (was 27);
    //     pay 96.5 x 12.345 = 1191.2925 -> 1191.29 + 1000 = 2191.29 (was 2185.12).
    // M5: .6 x 120 + .4 x 92 = 108.8 -> 54.4 + 44 = 98.4; rank 2 -> 1;
    //     pay 98.4 x 12.345 = 1214.748 -> 1214.75 + 500 = 1714.75 (was 1680.18).
    // M3: 84 before the veto, still 0 after: no change. M2, M4 (juniors): none.
    const std::string text = diff_runs(load_run(ws.db(), 1), load_run(ws.db(), 2));
    EXPECT_NE(text.find("scheme: changed"), std::string::npos) << text;
    EXPECT_NE(text.find("input data: same"), std::string::npos) << text;
    EXPECT_NE(text.find("2 managers changed rating, rank or pay"), std::string::npos) << text;
    EXPECT_NE(
        text.find(
            "M1 张三 (U1)\n  rank: 1 -> 2\n  pay: 2185.12 -> 2191.29 yuan (+617 fen)\n  total: 96 -> 96.5"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find("sales 销售完成率: weight 40% -> 60%, contribution 19 -> 28.5 (+9.5)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("profit 利润: weight 60% -> 40%, contribution 27 -> 18 (-9)"), std::string::npos)
        << text;
    EXPECT_NE(text.find("M5 钱七 (U2)\n  rank: 2 -> 1\n  pay: 1680.18 -> 1714.75 yuan (+3457 fen)"),
              std::string::npos)
        << text;
    EXPECT_EQ(text.find("M3 "), std::string::npos) << text;
    EXPECT_EQ(text.find("M2 "), std::string::npos) << text;

    // The same diff as data (`merit diff --json`): M1 and M5 only, by id.
    const boost::json::object d = diff_json(load_run(ws.db(), 1), load_run(ws.db(), 2));
    EXPECT_EQ(d.at("scheme_changed"), true);
    EXPECT_EQ(d.at("input_changed"), false);
    const auto& managers = d.at("managers").as_array();
    ASSERT_EQ(managers.size(), 2u);
    const auto& m1 = managers[0].as_object();
    EXPECT_EQ(m1.at("manager_id"), "M1");
    EXPECT_EQ(m1.at("rank"), (boost::json::object{{"from", 1}, {"to", 2}}));
    EXPECT_EQ(m1.at("pay_fen"), (boost::json::object{{"from", 218512}, {"to", 219129}}));
    const boost::json::object sales_weight{
        {"kind", "indicator"}, {"id", "sales"}, {"field", "weight"}, {"from", 40.0}, {"to", 60.0}};
    const auto& causes = m1.at("causes").as_array();
    EXPECT_NE(std::find(causes.begin(), causes.end(), boost::json::value(sales_weight)), causes.end());
    EXPECT_EQ(managers[1].at("manager_id"), "M5");
    EXPECT_EQ(managers[1].at("rank"), (boost::json::object{{"from", 2}, {"to", 1}}));
}

TEST(Diff, APromotionIsNamedAsTheCauseBeforeWhatItMoved) {
    const auto dir = fresh_dir("diff-promotion");
    Workspace ws = Workspace::create(dir / "ws.merit");
    fill_workspace(ws);
    const PluginRegistry registry = test_registry();
    const auto scheme = write_scheme(dir, "a.json", reference_scheme());
    run_scheme(ws, registry, scheme, "2026-Q1");
    // 三级 (junior) -> 一级 (senior) from the first day of 2026-Q1.
    exec(ws.db(), "UPDATE managers SET grade = '一级', valid_from = '2026-01-01' WHERE id = 'M2'");
    run_scheme(ws, registry, scheme, "2026-Q1");
    // M2 with senior weights: results .4 x 105 + .6 x 80 = 90, quality 90, base
    // .5 x 90 + .5 x 90 = 90, less 5 for complaints = 85 (was 88.5), still 良好
    // and 4th; pay 85 x 12.345 = 1049.325 -> 1049.33 + 500 = 1549.33 (was 1592.53).
    const std::string text = diff_runs(load_run(ws.db(), 1), load_run(ws.db(), 2));
    EXPECT_NE(text.find("M2 李四 (U1)\n  pay: 1592.53 -> 1549.33 yuan (-4320 fen)\n  total: 88.5 -> 85\n"
                        "  because:\n    grade: 三级 -> 一级\n"),
              std::string::npos)
        << text;
    const boost::json::object d = diff_json(load_run(ws.db(), 1), load_run(ws.db(), 2));
    const auto& causes = d.at("managers").as_array()[0].at("causes").as_array();
    ASSERT_FALSE(causes.empty());
    EXPECT_EQ(causes[0],
              (boost::json::object{
                  {"kind", "manager"}, {"id", ""}, {"field", "grade"}, {"from", "三级"}, {"to", "一级"}}));
}

TEST(TextTable, AlignsCjkByDisplayWidth) {
    EXPECT_EQ(display_width("张三"), 4u);
    EXPECT_EQ(display_width("a张b"), 4u);
    EXPECT_EQ(display_width("ＡＢ"), 4u);  // full-width Latin
    EXPECT_EQ(display_width("abc"), 3u);
    TextTable t({"name", "total"}, {TextTable::Align::left, TextTable::Align::right});
    t.add_row({"张三", "96.00"});
    t.add_row({"Bob", "8.50"});
    EXPECT_EQ(t.render(), "name  total\n----  -----\n张三  96.00\nBob    8.50\n");
}

}  // namespace
}  // namespace merit
