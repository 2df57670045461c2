// Issue 21 points 4 and 5 end to end, as an insurance agency would meet them:
// its agents are a role of its own (roles.csv), a scheme with a misspelt
// metric ('policy' for 'policies') or run on a month without data warns, and
// --strict refuses to store such a run. Reports label pay with the reward's
// name and show the agency's role names.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "import/xlsx/zip_archive.hpp"
#include "support/merit_cli.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

struct TempDir {
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "merit-agency.XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path path;
};

void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The JSON document in a command's output (warnings come first, on stderr).
json::object json_of(const std::string& output) {
    return json::parse(output.substr(output.find('{'))).as_object();
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The text of cell `ref` (E2) of a workbook's first sheet as libxlsxwriter
// writes it: a shared string's index in <v>, the strings in order in
// sharedStrings.xml; "" when the cell is absent.
std::string overview_cell(const fs::path& workbook, const std::string& ref) {
    merit::ZipArchive zip(workbook, merit::ZipLimits{});
    auto entry = [&](const std::string& name) {
        std::string out;
        zip.read(name, [&](std::string_view part) { out.append(part); });
        return out;
    };
    const std::string sheet = entry("xl/worksheets/sheet1.xml"), strings = entry("xl/sharedStrings.xml");
    const size_t cell = sheet.find("<c r=\"" + ref + "\"");
    if (cell == std::string::npos) return "";
    const size_t v = sheet.find("<v>", cell);
    const int index = std::stoi(sheet.substr(v + 3));
    size_t at = 0;
    for (int i = 0; i <= index; ++i) at = strings.find("<si>", at) + 4;
    const size_t open = strings.find('>', strings.find("<t", at)) + 1;
    return strings.substr(open, strings.find("</t>", open) - open);
}

// A1 sold 3 policies against a target of 4, A2 1 of 2, A3 none of 2; only
// A1's balance is known.
void write_agency(const fs::path& dir) {
    write(dir / "org_units.csv", "id,name\nB1,营业部\n");
    write(dir / "managers.csv",
          "id,name,org_unit_id,role\nA1,林芳,B1,agent\nA2,周强,B1,agent\nA3,何静,B1,agent\n");
    write(dir / "metrics.csv", "metric,kind\npolicies,flow\nbalance,stock\n");
    write(dir / "facts.csv",
          "entity,entity_id,metric,date,value\nmanager,A1,policies,2026-07-03,3\nmanager,A2,policies,2026-07-"
          "09,1\n"
          "manager,A1,balance,2026-07-31,100\n");
    write(dir / "targets.csv",
          "manager_id,indicator,period,value\nA1,policies,2026-07,4\nA2,policies,2026-07,2\nA3,policies,2026-"
          "07,2\n");
}

// 100 yuan a policy; `metric` is the policies metric as the scheme spells it.
std::string agency_scheme(const std::string& metric, double max_null_share) {
    json::object s = json::parse(R"json({
      "scheme": "agency", "title": "保险代理人考核", "period_type": "month", "plugins": ["core"],
      "scope": {"roles": ["agent"]},
      "inputs": [{"id": "sold_count", "name": "出单件数", "provider": "core.fact_aggregate",
                  "params": {"metric": "policies", "source": "manager"}}],
      "dimensions": [{"id": "sales", "name": "业绩", "weight": 100, "indicators": [
        {"id": "sold", "name": "保单完成率", "weight": 60, "provider": "core.fact_aggregate",
         "params": {"metric": "policies", "source": "manager"}, "target": "policies",
         "scorer": "core.linear", "scorer_params": {"cap": 2}},
        {"id": "held", "name": "在保余额", "weight": 40, "provider": "core.fact_aggregate",
         "params": {"metric": "balance", "source": "manager", "aggregation": "end"},
         "scorer": "core.rank_percentile"}]}],
      "bands": [{"label": "合格", "min": 0}],
      "rewards": [{"id": "commission", "name": "销售提成", "name_en": "Sales commission",
                   "calculator": "core.tiered_commission",
                   "params": {"base": "sold_count", "tiers": [{"rate": 100}]}}]
    })json")
                         .as_object();
    s["data_checks"] = json::object{{"max_null_share", max_null_share}};
    s["inputs"].as_array()[0].as_object()["params"].as_object()["metric"] = metric;
    s["dimensions"]
        .as_array()[0]
        .as_object()["indicators"]
        .as_array()[0]
        .as_object()["params"]
        .as_object()["metric"] = metric;
    return json::serialize(s);
}

class Agency : public ::testing::Test {
protected:
    void SetUp() override {
        ws = (dir.path / "ws.merit").string();
        write_agency(dir.path / "data");
        write(dir.path / "good.json", agency_scheme("policies", 0.7));
        write(dir.path / "misspelt.json", agency_scheme("policy", 0.7));
        write(dir.path / "strict_nulls.json", agency_scheme("policies", 0.5));
        ASSERT_EQ(merit("init " + ws).status, 0);
    }
    static merit_test::CliOutput merit(const std::string& args) { return merit_test::run_merit(args); }
    void import_with_roles() {
        write(dir.path / "data/roles.csv", "id,name,name_en\nagent,代理人,Agent\n");
        const auto imported = merit("import " + ws + " --dir " + (dir.path / "data").string());
        ASSERT_EQ(imported.status, 0) << imported.text;
    }
    std::string scheme(const std::string& name) const { return (dir.path / name).string(); }
    TempDir dir;
    std::string ws;
};

TEST_F(Agency, AnAgentIsRefusedUntilTheRoleIsDeclared) {
    const auto refused = merit("import " + ws + " --dir " + (dir.path / "data").string());
    EXPECT_NE(refused.status, 0);
    EXPECT_TRUE(has(refused.text,
                    "managers.csv:2: role: unknown role 'agent' (the built-in roles are "
                    "customer_manager, risk_manager, market_manager; declare others in roles.csv"))
        << refused.text;
    import_with_roles();
    const auto run = merit("run " + ws + " --scheme " + scheme("good.json") + " --period 2026-07 --json");
    ASSERT_EQ(run.status, 0) << run.text;
    const auto result = json_of(run.text);
    ASSERT_EQ(result.at("managers").as_array().size(), 3u);
    for (const auto& m : result.at("managers").as_array()) EXPECT_EQ(m.at("role").as_string(), "agent");
}

TEST_F(Agency, AMisspeltMetricIsWarnedAboutPerPathByValidateAndRun) {
    import_with_roles();
    const std::string period = " --workspace " + ws + " --period 2026-07";
    const auto good = merit("validate " + scheme("good.json") + period);
    EXPECT_EQ(good.status, 0);
    EXPECT_FALSE(has(good.text, "warning")) << good.text;

    const auto misspelt = merit("validate " + scheme("misspelt.json") + period);
    EXPECT_EQ(misspelt.status, 0) << misspelt.text;  // a warning: the data may come later
    EXPECT_TRUE(has(misspelt.text,
                    "misspelt.json: warning: inputs[0].params.metric: metric 'policy' is not in the "
                    "workspace (no fact names it); closest: 'policies'"))
        << misspelt.text;
    EXPECT_TRUE(has(misspelt.text,
                    "misspelt.json: warning: dimensions[0].indicators[0].params.metric: metric "
                    "'policy' is not in the workspace (no fact names it); closest: 'policies'"));
    const auto strict = merit("validate " + scheme("misspelt.json") + period + " --strict");
    EXPECT_EQ(strict.status, 1);
    EXPECT_TRUE(has(strict.text, "misspelt.json: 2 warnings (--strict)")) << strict.text;
    const auto as_json = json_of(merit("validate " + scheme("misspelt.json") + period + " --json").text);
    EXPECT_TRUE(as_json.at("valid").as_bool());
    ASSERT_EQ(as_json.at("warnings").as_array().size(), 2u);
    EXPECT_EQ(as_json.at("warnings").as_array()[0].at("code").as_string(), "unseen_name");
    EXPECT_EQ(as_json.at("warnings").as_array()[0].at("path").as_string(), "inputs[0].params.metric");

    // --strict: the run fails and nothing is stored.
    const auto refused =
        merit("run " + ws + " --scheme " + scheme("misspelt.json") + " --period 2026-07 --strict");
    EXPECT_NE(refused.status, 0);
    EXPECT_TRUE(has(refused.text, "misspelt.json: 2 warnings and --strict: nothing stored")) << refused.text;
    EXPECT_TRUE(has(refused.text, "warning: " + scheme("misspelt.json") +
                                      ": inputs[0].params.metric: metric "
                                      "'policy' is not in the workspace"))
        << refused.text;
    EXPECT_NE(merit("results " + ws + " --run 1").status, 0);

    // Without it the run is stored with its warnings, which results and explain show.
    const auto stored =
        merit("run " + ws + " --scheme " + scheme("misspelt.json") + " --period 2026-07 --json");
    ASSERT_EQ(stored.status, 0) << stored.text;
    const auto run = json_of(stored.text);
    EXPECT_EQ(run.at("run").as_int64(), 1);
    ASSERT_EQ(run.at("warnings").as_array().size(), 2u);
    EXPECT_EQ(run.at("warnings").as_array()[1].at("path").as_string(),
              "dimensions[0].indicators[0].params.metric");
    EXPECT_EQ(run.at("warnings").as_array()[1].at("message").as_string(),
              "metric 'policy' is not in the workspace (no fact names it); closest: 'policies'");
    const auto results = json_of(merit("results " + ws + " --run 1 --json").text);
    EXPECT_EQ(json::serialize(results.at("warnings")), json::serialize(run.at("warnings")));
    const auto explained = merit("explain " + ws + " --run 1 --manager A1");
    EXPECT_TRUE(
        has(explained.text, "warning: inputs[0].params.metric: metric 'policy' is not in the workspace"))
        << explained.text;
    const auto table = merit("results " + ws + " --run 1");
    EXPECT_TRUE(has(table.text, "warning: dimensions[0].indicators[0].params.metric: metric 'policy'"))
        << table.text;
}

TEST_F(Agency, AMonthWithoutDataIsWarnedAboutAndStrictRefusesIt) {
    import_with_roles();
    const auto validated =
        merit("validate " + scheme("good.json") + " --workspace " + ws + " --period 2026-08 --json");
    EXPECT_EQ(validated.status, 0);
    const auto warnings = json_of(validated.text).at("warnings").as_array();
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].at("path").as_string(), "period");
    EXPECT_EQ(warnings[0].at("code").as_string(), "no_facts");
    EXPECT_EQ(warnings[0].at("message").as_string(),
              "2026-08 (2026-08-01..2026-08-31) has no facts in the workspace");

    const auto refused =
        merit("run " + ws + " --scheme " + scheme("good.json") + " --period 2026-08 --strict");
    EXPECT_NE(refused.status, 0);
    EXPECT_TRUE(has(refused.text, "period: 2026-08 (2026-08-01..2026-08-31) has no facts in the workspace"))
        << refused.text;
    EXPECT_TRUE(has(refused.text, "and --strict: nothing stored"));
    EXPECT_NE(merit("results " + ws + " --run 1").status, 0);
    // July has its data: --strict stores it.
    const auto july =
        merit("run " + ws + " --scheme " + scheme("good.json") + " --period 2026-07 --strict --json");
    ASSERT_EQ(july.status, 0) << july.text;
    EXPECT_TRUE(json_of(july.text).at("warnings").as_array().empty());
}

TEST_F(Agency, AColumnNullForMoreThanTheSchemesShareIsWarnedAbout) {
    import_with_roles();
    // Only A1's balance is known: 'held' is null for 2 of 3 agents, above 0.5 (and below good.json's 0.7).
    const auto refused =
        merit("run " + ws + " --scheme " + scheme("strict_nulls.json") + " --period 2026-07 --strict");
    EXPECT_NE(refused.status, 0);
    EXPECT_TRUE(has(refused.text,
                    "dimensions[0].indicators[1]: 'held' (在保余额) is null for 2 of 3 managers in "
                    "scope (67%), more than data_checks.max_null_share 0.5"))
        << refused.text;
    EXPECT_TRUE(has(refused.text, "strict_nulls.json: 1 warning and --strict: nothing stored"));
    const auto stored =
        merit("run " + ws + " --scheme " + scheme("strict_nulls.json") + " --period 2026-07 --json");
    ASSERT_EQ(stored.status, 0) << stored.text;
    const auto warnings = json_of(stored.text).at("warnings").as_array();
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].at("code").as_string(), "mostly_null");
}

TEST_F(Agency, ReportsLabelPayWithTheRewardsNameAndShowTheAgencysRoleNames) {
    import_with_roles();
    ASSERT_EQ(merit("run " + ws + " --scheme " + scheme("good.json") + " --period 2026-07").status, 0);
    // A1: 3 policies × 100 yuan; A2: 1 × 100; A3 none (no pay line).
    const auto csv = merit("report " + ws + " --run 1 --format csv");
    ASSERT_EQ(csv.status, 0) << csv.text;
    EXPECT_TRUE(has(csv.text, ",pay,commission,销售提成,")) << csv.text;
    EXPECT_TRUE(has(csv.text, "30000,300.00")) << csv.text;
    EXPECT_FALSE(has(csv.text, ",pay,commission,commission,")) << csv.text;
    const auto csv_en = merit("report " + ws + " --run 1 --format csv --lang en");
    EXPECT_TRUE(has(csv_en.text, ",pay,commission,Sales commission,")) << csv_en.text;

    const fs::path zh = dir.path / "r.html", en = dir.path / "r-en.html";
    ASSERT_EQ(merit("report " + ws + " --run 1 --format html --out " + zh.string()).status, 0);
    ASSERT_EQ(merit("report " + ws + " --run 1 --format html --lang en --out " + en.string()).status, 0);
    const std::string page = read(zh), page_en = read(en);
    EXPECT_TRUE(has(page, "营业部 · 代理人 · ")) << "the statement names the role";
    EXPECT_TRUE(has(page, "<td>销售提成</td>"));
    EXPECT_TRUE(has(page_en, "营业部 · Agent · "));
    EXPECT_TRUE(has(page_en, "<td>Sales commission</td>"));
    EXPECT_FALSE(has(page, "id=\"warnings\"")) << "a run without warnings shows none";
}

TEST_F(Agency, ExplainAndTheWorkbooksOverviewShowTheAgencysRoleName) {
    import_with_roles();
    ASSERT_EQ(merit("run " + ws + " --scheme " + scheme("good.json") + " --period 2026-07").status, 0);
    const auto explained = merit("explain " + ws + " --run 1 --manager A1");
    ASSERT_EQ(explained.status, 0) << explained.text;
    EXPECT_TRUE(has(explained.text, "manager A1 林芳 · org unit B1 · role agent (代理人) · grade -"))
        << explained.text;
    // The overview's columns: rank, id, name, org unit, role (E), grade.
    const fs::path zh = dir.path / "r.xlsx", en = dir.path / "r-en.xlsx";
    ASSERT_EQ(merit("report " + ws + " --run 1 --format xlsx --out " + zh.string()).status, 0);
    ASSERT_EQ(merit("report " + ws + " --run 1 --format xlsx --lang en --out " + en.string()).status, 0);
    EXPECT_EQ(overview_cell(zh, "D1"), "机构");
    EXPECT_EQ(overview_cell(zh, "E1"), "岗位");
    EXPECT_EQ(overview_cell(zh, "E2"), "代理人");
    EXPECT_EQ(overview_cell(en, "E1"), "Role");
    EXPECT_EQ(overview_cell(en, "E2"), "Agent");
    EXPECT_EQ(overview_cell(en, "F1"), "Grade");
}

TEST_F(Agency, TheHtmlReportShowsTheRunsWarnings) {
    import_with_roles();
    ASSERT_EQ(merit("run " + ws + " --scheme " + scheme("misspelt.json") + " --period 2026-07").status, 0);
    const fs::path file = dir.path / "w.html";
    ASSERT_EQ(merit("report " + ws + " --run 1 --format html --out " + file.string()).status, 0);
    const std::string page = read(file);
    EXPECT_TRUE(has(page, "<section class=\"warnings\" id=\"warnings\"><h2>数据警告</h2>"));
    EXPECT_TRUE(has(page, "<li>inputs[0].params.metric: metric &#39;policy&#39; is not in the workspace") ||
                has(page, "<li>inputs[0].params.metric: metric 'policy' is not in the workspace"))
        << page.substr(0, 4000);
}

}  // namespace
