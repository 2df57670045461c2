// End to end on the shipped sample (config/samples/fuel): both schemes run
// through the staged `merit` binary; the yearly gradings produce the grade
// changes and the transfer flag the sample was built to show; every figure
// of FU01's June 2025 explanation is checked against the hand computation
// in config/samples/fuel/README.md.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <unistd.h>

#include "store/sqlite.hpp"
#include "store/workspace.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kMerit = fs::path(MERIT_STAGE_DIR) / "bin" / "merit";
const fs::path kConfig = fs::path(MERIT_SOURCE_DIR) / "config";

class FuelSample : public ::testing::Test {
protected:
    // One directory per process: ctest may run the tests of this suite in parallel.
    static fs::path dir() {
        return fs::temp_directory_path() / ("merit_fuel_sample_" + std::to_string(getpid()));
    }
    static fs::path workspace() { return dir() / "ws.db"; }

    // Runs `merit ARGS`, returns stdout; a failure shows stderr.
    static std::string merit(const std::string& args) {
        const fs::path out = dir() / "out.txt", err = dir() / "err.txt";
        const std::string command =
            kMerit.string() + " " + args + " > " + out.string() + " 2> " + err.string();
        const int status = std::system(command.c_str());
        std::ifstream o(out), e(err);
        std::stringstream so, se;
        so << o.rdbuf();
        se << e.rdbuf();
        if (status != 0) ADD_FAILURE() << "merit " << args << " failed: " << se.str();
        return so.str();
    }

    static void SetUpTestSuite() {
        fs::remove_all(dir());
        fs::create_directories(dir());
        merit("init " + workspace().string());
        merit("import " + workspace().string() + " --dir " + (kConfig / "samples/fuel").string());
        // Runs 1 and 2: gradings for 2025 (2024 volumes) and 2026 (2025 volumes); run 3: June 2025 pay.
        merit("run " + workspace().string() + " --scheme " + (kConfig / "fuel-grading.scheme.json").string() +
              " --period 2025");
        merit("run " + workspace().string() + " --scheme " + (kConfig / "fuel-grading.scheme.json").string() +
              " --period 2026");
        merit("run " + workspace().string() + " --scheme " + (kConfig / "fuel.scheme.json").string() +
              " --period 2025-06");
    }
    static void TearDownTestSuite() { fs::remove_all(dir()); }

    // kind -> value of the decisions one manager got in one run.
    static std::map<std::string, std::string> decisions(int run, const std::string& manager) {
        const merit::Workspace ws = merit::Workspace::open(workspace());
        merit::Statement st(ws.db(),
                            "SELECT kind, value FROM run_decisions WHERE run_id = ?1 AND manager_id = ?2");
        st.bind(1, static_cast<int64_t>(run)).bind(2, std::string_view(manager));
        std::map<std::string, std::string> out;
        while (st.step()) out[st.text(0)] = st.text(1);
        return out;
    }
    static std::string reason(int run, const std::string& manager, const std::string& kind) {
        const merit::Workspace ws = merit::Workspace::open(workspace());
        merit::Statement st(
            ws.db(), "SELECT reason FROM run_decisions WHERE run_id = ?1 AND manager_id = ?2 AND kind = ?3");
        st.bind(1, static_cast<int64_t>(run))
            .bind(2, std::string_view(manager))
            .bind(3, std::string_view(kind));
        return st.step() ? st.text(0) : "";
    }
    static void expect_has(const std::string& text, const std::string& part) {
        EXPECT_NE(text.find(part), std::string::npos) << "missing: " << part << "\n--- in ---\n" << text;
    }
};

TEST_F(FuelSample, Grading2025FromThe2024Volumes) {
    // FU02 8748.309 t ≥ 8000: 初级 → 中级.  FU03 10520.275 t < 12000: 高级 → 中级.
    // FU04 4211.843 t < 5000: 初级, first time below: no flag yet.  FU21/FU22 not yet hired: 见习.
    EXPECT_EQ(decisions(1, "FU02"),
              (std::map<std::string, std::string>{{"grade", "中级"}, {"grade_change", "promotion"}}));
    EXPECT_EQ(decisions(1, "FU03"),
              (std::map<std::string, std::string>{{"grade", "中级"}, {"grade_change", "demotion"}}));
    EXPECT_EQ(decisions(1, "FU04"), (std::map<std::string, std::string>{{"grade", "初级"}}));
    EXPECT_EQ(decisions(1, "FU21"), (std::map<std::string, std::string>{{"grade", "见习"}}));
    EXPECT_EQ(decisions(1, "FU01"), (std::map<std::string, std::string>{{"grade", "中级"}}));
    // The reasons explain shows: FU02 had 16 training points in 2024, the promotion needs 8.
    EXPECT_EQ(reason(1, "FU02", "grade"),
              "2024 年销量 8748.309 吨 ≥ 中级标准 8000.000 吨 → 中级；培训积分 16.0 ≥ 晋级所需 8.0（人员档案 "
              "初级 → 中级，晋级）");
    EXPECT_EQ(reason(1, "FU04", "grade"),
              "2024 年销量 4211.843 吨 < 初级标准 5000.000 吨 → 按初级定级（连续第 1 "
              "次未达初级标准）（人员档案 初级，维持）");
}

TEST_F(FuelSample, Grading2026FromThe2025VolumesWithTheTransferFlag) {
    // FU04 4544.813 t < 5000 for the second grading running → transfer.
    EXPECT_EQ(decisions(2, "FU04"),
              (std::map<std::string, std::string>{{"grade", "初级"}, {"flag", "transfer"}}));
    // FU05 13152.238 t ≥ 12000: 中级 → 高级.  FU06 7236.337 t < 8000: 中级 → 初级.
    EXPECT_EQ(decisions(2, "FU05"),
              (std::map<std::string, std::string>{{"grade", "高级"}, {"grade_change", "promotion"}}));
    EXPECT_EQ(decisions(2, "FU06"),
              (std::map<std::string, std::string>{{"grade", "初级"}, {"grade_change", "demotion"}}));
    // FU02 stays 中级 (the 2025 grading's grade, carried as state).
    EXPECT_EQ(decisions(2, "FU02"), (std::map<std::string, std::string>{{"grade", "中级"}}));
    // FU21 passed on 2025-10-21: 2097.358 t < 5000 → 初级, confirmed; below 初级 for the first time
    // (the seed counts a partial first year too), so no flag yet.
    EXPECT_EQ(decisions(2, "FU21"),
              (std::map<std::string, std::string>{{"grade", "初级"}, {"grade_change", "confirmation"}}));
    // FU22 hired 2025-11-10 is still in probation on 2026-01-01.
    EXPECT_EQ(decisions(2, "FU22"), (std::map<std::string, std::string>{{"grade", "见习"}}));
    // Nobody else is flagged.
    const merit::Workspace ws = merit::Workspace::open(workspace());
    merit::Statement st(ws.db(), "SELECT group_concat(manager_id) FROM run_decisions WHERE kind = 'flag'");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.text(0), "FU04");
}

TEST_F(FuelSample, ExplainOfFU01InJune2025) {
    const std::string text = merit("explain " + workspace().string() + " --run 3 --manager FU01");
    // Inputs: 520 + 240 + 100 + 30 = 890 t; no fund-flow finding.
    expect_has(text, "volume_t 月度成品油销量(吨) = 890");
    expect_has(text, "fund_flow_findings 资金流转检查问题数 = 0");
    // Completion 890 / 800 = 1.1125 → 100 × 1.1125 = 111.25; 60% × 100% × 111.25 = 66.75.
    expect_has(text, "60% x 100% x 111.25 = 66.75");
    expect_has(text, "1.1125 ratio");
    expect_has(text, "销量(吨) = 890");
    expect_has(text, "任务(吨) = 800");
    // Reports 19 / 20 = 0.95 → 95; 25% × 60% × 95 = 14.25.
    expect_has(text, "25% x 60% x 95 = 14.25");
    expect_has(text, "应报工作日 = 20");
    expect_has(text, "已报日报天数 = 19");
    // Training 2 + 1 + 3 = 6 → 100; 25% × 40% × 100 = 10.
    expect_has(text, "25% x 40% x 100 = 10");
    // Audit: 1 sales-document finding × 1 = 1 → 90; 15% × 100% × 90 = 13.5.
    expect_has(text, "15% x 100% x 90 = 13.5");
    // Dimensions 111.25, 0.6 × 95 + 0.4 × 100 = 97, 90; total 66.75 + 24.25 + 13.5 = 104.5.
    expect_has(text, "dimension score 111.25 x 60% = 66.75");
    expect_has(text, "dimension score 97 x 25% = 24.25");
    expect_has(text, "dimension score 90 x 15% = 13.5");
    expect_has(text, "total: 104.5");
    expect_has(text, "sum of contributions: 66.75 + 14.25 + 10 + 13.5 = 104.5");
    expect_has(text, "adjustments\n  none");
    expect_has(text, "rating: 优秀 (band 0): total 104.5 >= 90");
    // Rank: no other manager of the run has a higher total, so FU01 is first. The run holds 20 of
    // the 22 managers: FU21 (hired 2025-07-14) and FU22 (hired 2025-11-10, FU-NJ) joined after June.
    {
        const merit::Workspace ws = merit::Workspace::open(workspace());
        merit::Statement st(ws.db(),
                            "SELECT COUNT(*), SUM(total > 104.5) FROM run_managers WHERE run_id = 3");
        ASSERT_TRUE(st.step());
        EXPECT_EQ(st.integer(0), 20);
        EXPECT_EQ(st.integer(1), 0);
    }
    expect_has(text, "rank: 1 of 20 overall; 1 of 5 in FU-NJ");
    expect_has(text, "积分区间 2025-04-01..2025-06-30");
    // Base pay: 中级 from the 2025 grading, 8 full years: 4200 + 400 + 600 = 5200.00.
    expect_has(text,
               "2025-06 中级（2025 年度定级）：岗位工资 4200.00 + 企龄津贴 8 年 × 50.00 + 补助 600.00 = "
               "5200.00；合计 "
               "5200.00 元");
    // Commission at 100%–120%: 520 × 10 + 240 × 6 + 100 × 8 + 30 × 5 + 0 × 5 = 7590.00.
    expect_has(
        text,
        "完成率 111.25% → 「100%-120%」档；社会加油站 520.000 吨 × 10.00 元/吨 = 5200.00；工矿企业 240.000 "
        "吨 × "
        "6.00 元/吨 = 1440.00；交通物流 100.000 吨 × 8.00 元/吨 = 800.00；农林渔业 30.000 吨 × 5.00 元/吨 = "
        "150.00；其他客户类型 0.000 吨 × 5.00 元/吨 = 0.00；合计 7590.00 元");
    expect_has(text, "企龄(年) = 8");
    expect_has(text, "提成档(0起) = 2");
    // Pay: 5200.00 + 7590.00 = 12790.00 yuan.
    expect_has(text, "pay total: 5200.00 + 7590.00 = 12790.00 yuan (1279000 fen; stored 1279000 fen)");
}

}  // namespace
