// End to end: the telecom big-customer scheme (core components only) run by
// the staged `merit` on the generated sample, with one manager's figures
// derived by hand from the CSVs, and `merit explain` reconciling every point
// and every fen.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <array>
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include <merit/money.hpp>

#include "support/merit_cli.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

using Output = merit_test::CliOutput;

Output merit(const std::string& args) {
    return merit_test::run_merit(args);
}

// The shortest decimal that reads back as x (how the HTML data-v attribute writes it).
std::string fmt_number(double x) {
    char buffer[64];
    for (int digits = 1; digits <= 17; ++digits) {
        std::snprintf(buffer, sizeof buffer, "%.*g", digits, x);
        if (std::strtod(buffer, nullptr) == x) break;
    }
    return buffer;
}

// Standard output of a shell command.
std::string shell(const std::string& command) {
    std::string out;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        std::array<char, 4096> chunk{};
        size_t n = 0;
        while ((n = std::fread(chunk.data(), 1, chunk.size(), pipe)) > 0) out.append(chunk.data(), n);
        ::pclose(pipe);
    }
    return out;
}

class TelecomScheme : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        std::string pattern = (fs::temp_directory_path() / "merit-telecom.XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        dir_ = pattern;
        ws_ = (dir_ / "telecom.merit").string();
        const std::string source = MERIT_SOURCE_DIR;
        scheme_ = source + "/config/telecom.scheme.json";
        ASSERT_EQ(merit("init " + ws_).status, 0);
        const Output imported = merit("import " + ws_ + " --dir " + source + "/config/samples/telecom");
        ASSERT_EQ(imported.status, 0) << imported.text;
        q1_ = run("2026-Q1");
        q2_ = run("2026-Q2");
    }
    static void TearDownTestSuite() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    static json::object run(const std::string& period) {
        const Output out = merit("run " + ws_ + " --scheme " + scheme_ + " --period " + period + " --json");
        if (out.status != 0) throw std::runtime_error("merit run failed: " + out.text);
        return json::parse(out.text.substr(out.text.find('{'))).as_object();
    }
    static const json::object& manager(const json::object& run, const std::string& id) {
        for (const auto& m : run.at("managers").as_array())
            if (m.at("manager_id").as_string() == id) return m.as_object();
        throw std::runtime_error("no manager " + id);
    }
    static const json::object& indicator(const json::object& m, const std::string& id) {
        for (const auto& x : m.at("indicators").as_array())
            if (x.at("id").as_string() == id) return x.as_object();
        throw std::runtime_error("no indicator " + id);
    }
    static double number(const json::value& v) { return v.to_number<double>(); }
    static int64_t pay_of(const json::object& m, const std::string& reward, const std::string& code = "") {
        int64_t sum = 0;
        for (const auto& p : m.at("pay").as_array())
            if (p.at("reward").as_string() == reward && (code.empty() || p.at("code").as_string() == code))
                sum += p.at("amount_fen").to_number<int64_t>();
        return sum;
    }

    static inline fs::path dir_;
    static inline std::string ws_, scheme_;
    static inline json::object q1_, q2_;
};

TEST_F(TelecomScheme, ValidatesCleanly) {
    const Output out = merit("validate " + scheme_);
    EXPECT_EQ(out.status, 0) << out.text;
}

TEST_F(TelecomScheme, ManagerTL01InQ1ByHand) {
    // TL01 (中级 -> grade group senior: results 50, customers 35, service 15) in 2026-Q1, from the CSVs:
    // 20 own customers at share 1 and 3 shared at 0.3 (E0024, E0069, E0089).
    const auto& m = manager(q1_, "TL01");
    // revenue = Σ Jan–Mar revenue × share = 616894.85; target 604000 -> completion 1.0213491
    //   linear(0.6, 1.0, 1.2): 100 × 1.0213491 = 102.13491
    EXPECT_NEAR(number(indicator(m, "revenue").at("value")), 616894.85, 1e-6);
    EXPECT_NEAR(number(indicator(m, "revenue_completion").at("value")), 616894.85 / 604000, 1e-9);
    EXPECT_NEAR(number(indicator(m, "revenue_completion").at("score")), 100 * 616894.85 / 604000, 1e-6);
    // growth vs 2025-Q4 (608191.282): (616894.85 − 608191.282) / 608191.282 = 0.0143106
    //   interpolated between min −0.05 (60) and target 0.05 (100): 60 + 40 × 0.0643106 / 0.1 = 85.72423
    const double growth = (616894.85 - 608191.282) / 608191.282;
    EXPECT_NEAR(number(indicator(m, "revenue_growth").at("value")), growth, 1e-9);
    EXPECT_NEAR(number(indicator(m, "revenue_growth").at("score")), 60 + 40 * (growth + 0.05) / 0.1, 1e-6);
    // new lines 39.8 (shares) against 24: 1.658 -> capped at 1.2 -> 120
    EXPECT_NEAR(number(indicator(m, "new_lines").at("value")), 39.8, 1e-9);
    EXPECT_DOUBLE_EQ(number(indicator(m, "new_lines").at("score")), 120);
    // ICT revenue of key/government customers in TL-E: TL05 450167.67 > TL01 354457.69 > TL02 257346.36 >
    //   TL03 237499.22 > TL04 140042.65 -> 3 of 4 others worse -> 75
    EXPECT_NEAR(number(indicator(m, "ict_revenue").at("value")), 354457.69, 1e-6);
    EXPECT_DOUBLE_EQ(number(indicator(m, "ict_revenue").at("score")), 75);
    // visits 33 of 30 -> capped at 1.0 -> 100; churn 0 lost of 23 held -> 0 -> 100
    EXPECT_DOUBLE_EQ(number(indicator(m, "visits").at("value")), 33);
    EXPECT_DOUBLE_EQ(number(indicator(m, "visits").at("score")), 100);
    EXPECT_DOUBLE_EQ(number(indicator(m, "customers_held").at("value")), 23);
    EXPECT_DOUBLE_EQ(number(indicator(m, "churn_rate").at("score")), 100);
    // 360°: supervisor 81, peers (80 + 88)/2 = 84, customers (75 + 80 + 83)/3 = 79.333
    //   (50 × 81 + 30 × 84 + 20 × 79.333) / 100 = 81.56667 -> linear(60, 100) = 81.56667
    const double satisfaction = (50 * 81 + 30 * 84 + 20 * (75 + 80 + 83) / 3.0) / 100;
    EXPECT_NEAR(number(indicator(m, "satisfaction").at("value")), satisfaction, 1e-9);
    // no complaints -> 100; arrears at 2026-03-31 752.46 / 616894.85 = 0.0012 <= 0.02 -> 100
    EXPECT_DOUBLE_EQ(number(indicator(m, "complaints").at("score")), 100);
    EXPECT_NEAR(number(indicator(m, "arrears").at("value")), 752.46, 1e-6);
    EXPECT_DOUBLE_EQ(number(indicator(m, "arrears_ratio").at("score")), 100);
    // results   = 0.4 × 102.13491 + 0.2 × 85.72423 + 0.2 × 120 + 0.2 × 75 = 96.99881
    // customers = 0.4 × 100 + 0.3 × 100 + 0.3 × 81.56667 = 94.47
    // service   = 100
    // base total = 0.5 × 96.99881 + 0.35 × 94.47 + 0.15 × 100 = 96.56391
    // one late report: deduction 2 points -> total 94.56391
    const double results =
        0.4 * 100 * 616894.85 / 604000 + 0.2 * (60 + 40 * (growth + 0.05) / 0.1) + 0.2 * 120 + 0.2 * 75;
    const double customers = 0.4 * 100 + 0.3 * 100 + 0.3 * satisfaction;
    const double base_total = 0.5 * results + 0.35 * customers + 0.15 * 100;
    EXPECT_NEAR(number(m.at("base_total")), base_total, 1e-6);
    EXPECT_NEAR(number(m.at("total")), base_total - 2, 1e-6);
    // Pay: commission on 616894.85, marginal: 500000 × 0.4% + 116894.85 × 0.6% = 2000 + 701.3691 = 2701.37
    EXPECT_EQ(pay_of(m, "commission"), 270137);
    // one late report fined 50.00
    EXPECT_EQ(pay_of(m, "discipline"), -5000);
    // performance pay: 中级 base 4500 × coefficient of the rating
    const std::map<std::string, int64_t> performance = {
        {"优秀", 585000}, {"良好", 495000}, {"合格", 450000}, {"不合格", 270000}};
    EXPECT_EQ(pay_of(m, "performance_pay"), performance.at(std::string(m.at("rating").as_string())));
    // the deferral holds back 30% of the bonus: −to_fen(bonus × 0.3)
    const int64_t bonus = pay_of(m, "bonus");
    EXPECT_EQ(pay_of(m, "deferred_bonus", "deferred_hold"), -std::llround(bonus * 0.3));
}

TEST_F(TelecomScheme, BonusPoolsArePaidToTheFenPerDistrict) {
    // TL-E 60000.00, TL-W 50000.00, TL-H 50000.00, shared by totals >= 60 in proportion to total.
    std::map<std::string, int64_t> paid;
    std::map<std::string, double> sum_total;
    for (const auto& mv : q1_.at("managers").as_array()) {
        const auto& m = mv.as_object();
        const std::string unit(m.at("org_unit_id").as_string());
        paid[unit] += pay_of(m, "bonus");
        if (number(m.at("total")) >= 60) sum_total[unit] += number(m.at("total"));
    }
    EXPECT_EQ(paid["TL-E"], 6000000);
    EXPECT_EQ(paid["TL-W"], 5000000);
    EXPECT_EQ(paid["TL-H"], 5000000);
    // TL01's share is within one fen of 60000 × total ÷ Σ totals of TL-E.
    const auto& m = manager(q1_, "TL01");
    EXPECT_NEAR(static_cast<double>(pay_of(m, "bonus")), 6000000 * number(m.at("total")) / sum_total["TL-E"],
                1.0);
}

TEST_F(TelecomScheme, CarriedStateAcrossQuarters) {
    // TL01's Q1 hold is split in two instalments; the first (the odd fen first) is paid in Q2.
    const int64_t held = -pay_of(manager(q1_, "TL01"), "deferred_bonus", "deferred_hold");
    EXPECT_EQ(pay_of(manager(q2_, "TL01"), "deferred_bonus", "deferred_release"), held - held / 2);
    // TL08 had a bad debt written off in Q2: 1 × rate 0.5 = 50% of the Q1 hold forfeited before paying.
    const int64_t held8 = -pay_of(manager(q1_, "TL08"), "deferred_bonus", "deferred_hold");
    const int64_t first8 = held8 - held8 / 2;
    EXPECT_EQ(pay_of(manager(q2_, "TL08"), "deferred_bonus", "deferred_release"),
              first8 - std::llround(first8 * 0.5));
    // The forfeited half of both instalments is never paid: a clawback decision records it.
    const int64_t lost8 = std::llround(first8 * 0.5) + std::llround((held8 / 2) * 0.5);
    bool clawback = false;
    for (const auto& d : manager(q2_, "TL08").at("decisions").as_array())
        clawback = clawback || (d.at("kind").as_string() == "clawback" &&
                                d.at("value").as_string() == merit::format_yuan(lost8));
    EXPECT_TRUE(clawback);
}

TEST_F(TelecomScheme, DesignedCases) {
    // TL05's violation in Q2 caps the rating at 合格 (band index >= 2).
    EXPECT_GE(manager(q2_, "TL05").at("band_index").to_number<int64_t>(), 2);
    // TL12 leaked customer data in Q2: a dismissal decision, no money.
    bool dismissal = false;
    for (const auto& d : manager(q2_, "TL12").at("decisions").as_array())
        dismissal = dismissal || d.at("value").as_string() == "dismissal";
    EXPECT_TRUE(dismissal);
    // TL11 (初级) totals 99.96 in Q1 and 97.37 in Q2, both >= 88: promoted to 中级 after Q2, not after Q1.
    auto decisions = [](const json::object& m) {
        std::string all;
        for (const auto& d : m.at("decisions").as_array())
            all += std::string(d.at("kind").as_string()) + "=" + std::string(d.at("value").as_string()) + ";";
        return all;
    };
    EXPECT_EQ(decisions(manager(q1_, "TL11")), "");
    EXPECT_EQ(decisions(manager(q2_, "TL11")), "grade=中级;");
    // TL15 (初级, on probation) totals 50.87 and 29.29, both < 60: flagged for transfer after Q2.
    EXPECT_EQ(decisions(manager(q2_, "TL15")), "flag=transfer_out;");
}

// Issue 22 rule 6: the bonus and the commission gates exclude vetoed
// managers (config/telecom.scheme.json); performance pay follows the capped
// rating. TL05's Q2 violation vetoes it: no bonus-pool share, no commission,
// and one gate decision for each.
TEST_F(TelecomScheme, AVetoedManagerGetsNoBonusOrCommission) {
    const auto& m = manager(q2_, "TL05");
    EXPECT_TRUE(m.at("vetoed").as_bool());
    EXPECT_EQ(pay_of(m, "bonus"), 0);
    EXPECT_EQ(pay_of(m, "commission"), 0);
    EXPECT_GT(pay_of(m, "performance_pay"), 0);
    std::string gates;
    for (const auto& d : m.at("decisions").as_array())
        if (d.at("kind").as_string() == "gate")
            gates += std::string(d.at("reward").as_string()) + ": " +
                     std::string(d.at("reason").as_string()) + ";";
    EXPECT_EQ(gates,
              "bonus: vetoed by 违规经营:评级不高于合格: rewards[0].gate.vetoed is excluded;"
              "commission: vetoed by 违规经营:评级不高于合格: rewards[1].gate.vetoed is excluded;");
    // The TL-E pool is shared among the others in full: 60000.00 yuan.
    int64_t paid = 0;
    for (const auto& mv : q2_.at("managers").as_array())
        if (mv.at("org_unit_id").as_string() == m.at("org_unit_id").as_string())
            paid += pay_of(mv.as_object(), "bonus");
    EXPECT_EQ(paid, m.at("org_unit_id").as_string() == "TL-E" ? 6000000 : 5000000);
}

// Issue 22 rule 7: revenue_completion (core.target_completion) records the
// target it was measured against and the completion. TL01 in Q1 (figures
// above): target 604000, completion 616894.85 / 604000 = 1.0213491 = 102.1349%.
TEST_F(TelecomScheme, TargetAndCompletionAreShownInExplainXlsxAndHtml) {
    const std::string run = std::to_string(q1_.at("run").to_number<int64_t>());
    const double completion = 616894.85 / 604000;
    const auto& x = indicator(manager(q1_, "TL01"), "revenue_completion");
    EXPECT_EQ(number(x.at("target")), 604000);
    EXPECT_NEAR(number(x.at("completion")), completion, 1e-9);

    const Output text = merit("explain " + ws_ + " --run " + run + " --manager TL01");
    ASSERT_EQ(text.status, 0) << text.text;
    const size_t at = text.text.find("revenue_completion");
    ASSERT_NE(at, std::string::npos) << text.text;
    const std::string line = text.text.substr(at, text.text.find('\n', at) - at);
    EXPECT_NE(line.find(" 604000 "), std::string::npos) << line;
    EXPECT_NE(line.find(" 102.1349% "), std::string::npos) << line;

    const Output json_out = merit("explain " + ws_ + " --run " + run + " --manager TL01 --json");
    ASSERT_EQ(json_out.status, 0) << json_out.text;
    const auto explained = json::parse(json_out.text.substr(json_out.text.find('{'))).as_object();
    const json::object& m = explained.at("manager").as_object();
    EXPECT_EQ(number(indicator(m, "revenue_completion").at("target")), 604000);
    EXPECT_NEAR(number(indicator(m, "revenue_completion").at("completion")), completion, 1e-9);

    // HTML: the target cell 604,000 and the completion cell 102.1%, side by side.
    const std::string html = (dir_ / "q1.html").string();
    ASSERT_EQ(merit("report " + ws_ + " --run " + run + " --format html --out " + html).status, 0);
    std::ifstream in(html);
    const std::string page((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(
        page.find(">604,000</td><td class=\"num\" data-v=\"" + fmt_number(completion) + "\">102.1%</td>"),
        std::string::npos);

    // XLSX (明细, the second sheet): one row holds the target 604000 and the completion.
    const std::string xlsx = (dir_ / "q1.xlsx").string();
    ASSERT_EQ(merit("report " + ws_ + " --run " + run + " --format xlsx --out " + xlsx).status, 0);
    const std::string sheet = shell("unzip -p " + xlsx + " xl/worksheets/sheet2.xml");
    bool found = false;
    for (size_t row = sheet.find("<row "); row != std::string::npos; row = sheet.find("<row ", row + 1)) {
        const std::string r = sheet.substr(row, sheet.find("</row>", row) - row);
        found = found || (r.find("<v>604000</v>") != std::string::npos &&
                          r.find("<v>" + fmt_number(completion).substr(0, 10)) != std::string::npos);
    }
    EXPECT_TRUE(found) << "no statement row with target 604000 and completion " << completion;
}

TEST_F(TelecomScheme, ExplainAccountsForEveryPointAndFen) {
    for (const auto* run : {&q1_, &q2_}) {
        const std::string id = std::to_string(run->at("run").to_number<int64_t>());
        for (const auto& mv : run->at("managers").as_array()) {
            const auto& m = mv.as_object();
            // Contributions add up to the base total; pay lines to the stored pay.
            double sum = 0;
            for (const auto& x : m.at("indicators").as_array())
                if (x.at("kind").as_string() == "indicator") sum += number(x.at("contribution"));
            EXPECT_NEAR(sum, number(m.at("base_total")), 1e-6) << m.at("manager_id");
            int64_t fen = 0;
            for (const auto& p : m.at("pay").as_array()) fen += p.at("amount_fen").to_number<int64_t>();
            EXPECT_EQ(fen, m.at("pay_fen").to_number<int64_t>()) << m.at("manager_id");
        }
    }
    const Output out = merit("explain " + ws_ + " --run " +
                             std::to_string(q1_.at("run").to_number<int64_t>()) + " --manager TL01");
    ASSERT_EQ(out.status, 0) << out.text;
    EXPECT_NE(out.text.find("sum of contributions"), std::string::npos) << out.text;
    EXPECT_NE(out.text.find("marginal on 616894.85: 500000 × 0.004 + 116894.85 × 0.006 = 2701.37"),
              std::string::npos)
        << out.text;
    EXPECT_NE(out.text.find("1 × 50.00 yuan (report_late) = -50.00"), std::string::npos) << out.text;
    const int64_t pay = manager(q1_, "TL01").at("pay_fen").to_number<int64_t>();
    EXPECT_NE(out.text.find("(" + std::to_string(pay) + " fen; stored " + std::to_string(pay) + " fen)"),
              std::string::npos)
        << out.text;
}

TEST_F(TelecomScheme, SameInputsSameResults) {
    const json::object again = run("2026-Q1");
    auto strip = [](json::object o) {
        o.erase("run");
        return json::serialize(o);
    };
    EXPECT_EQ(strip(again), strip(q1_));
}

}  // namespace
