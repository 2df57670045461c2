// CSV and JSON in long format against the stored run of fixture_run.sql.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <sstream>

#include "report/long_format.hpp"
#include "report/report_fixture.hpp"

namespace merit::report {
namespace {

namespace json = boost::json;

// Per manager: 7 result rows (base_total, total, rating, rank, rank_in_unit,
// vetoed, pay_total) + 2 dimensions + 2 inputs + 3 indicators, then
// M01: 2 pay lines; M02: 1 adjustment + 1 pay line; M03: 1 adjustment + 1 decision.
constexpr size_t kRowsPerManager = 16;

const json::object* find_row(const json::array& rows, std::string_view manager, std::string_view kind,
                             std::string_view item) {
    for (const auto& r : rows) {
        const auto& o = r.get_object();
        if (o.at("manager_id").get_string() == manager && o.at("kind").get_string() == kind &&
            o.at("item").get_string() == item)
            return &o;
    }
    return nullptr;
}

TEST(LongFormat, JsonHoldsTheStoredFigures) {
    test::FixtureWorkspace ws;
    const Report r = load_report(ws.db(), 1, Lang::zh);
    std::ostringstream out;
    write_json(r, out);
    const json::value root = json::parse(out.str());
    EXPECT_EQ(root.at("format").get_string(), "merit-report-long");
    EXPECT_EQ(root.at("run").at("period").get_string(), "2026-Q1");
    const auto& rows = root.at("rows").get_array();
    EXPECT_EQ(rows.size(), 3 * kRowsPerManager);

    const auto* deposit = find_row(rows, "M01", "indicator", "deposit");
    ASSERT_NE(deposit, nullptr);
    EXPECT_EQ(deposit->at("label").get_string(), "存款日均增量");
    EXPECT_EQ(deposit->at("dimension").get_string(), "results");
    EXPECT_DOUBLE_EQ(deposit->at("value").to_number<double>(), 120);
    EXPECT_DOUBLE_EQ(deposit->at("completion").to_number<double>(), 1.2);  // 120 / 100
    EXPECT_DOUBLE_EQ(deposit->at("weight").to_number<double>(), 0.5);
    EXPECT_DOUBLE_EQ(deposit->at("contribution").to_number<double>(), 30);  // 60 % × 50 % × 100

    const auto* commission = find_row(rows, "M01", "pay", "commission");
    ASSERT_NE(commission, nullptr);
    EXPECT_EQ(commission->at("amount_fen").as_int64(), 123456);
    EXPECT_EQ(commission->at("amount_yuan").get_string(), "1234.56");
    EXPECT_EQ(commission->at("reward").get_string(), "commission");

    const auto* total = find_row(rows, "M02", "result", "total");
    ASSERT_NE(total, nullptr);
    EXPECT_DOUBLE_EQ(total->at("value").to_number<double>(), 80);  // 85 - 5 for one complaint
    const auto* deduction = find_row(rows, "M02", "adjustment", "complaint_deduction");
    ASSERT_NE(deduction, nullptr);
    EXPECT_DOUBLE_EQ(deduction->at("value").to_number<double>(), -5);
    EXPECT_EQ(deduction->at("component").get_string(), "deduction");

    const auto* loans = find_row(rows, "M03", "indicator", "loans");
    ASSERT_NE(loans, nullptr);
    EXPECT_TRUE(loans->at("value").is_null());
    EXPECT_TRUE(loans->at("completion").is_null());
    const auto* vetoed = find_row(rows, "M03", "result", "vetoed");
    ASSERT_NE(vetoed, nullptr);
    EXPECT_DOUBLE_EQ(vetoed->at("value").to_number<double>(), 1);
    const auto* pay_total = find_row(rows, "M03", "result", "pay_total");
    ASSERT_NE(pay_total, nullptr);
    EXPECT_EQ(pay_total->at("amount_fen").as_int64(), 0);
}

TEST(LongFormat, CsvQuotesFieldsAndKeepsNumbersExact) {
    test::FixtureWorkspace ws;
    const Report r = load_report(ws.db(), 1, Lang::en);
    std::ostringstream out;
    write_csv(r, out);
    std::istringstream in(out.str());
    std::string line;
    std::vector<std::string> lines;
    while (std::getline(in, line)) lines.push_back(line);
    ASSERT_EQ(lines.size(), 1 + 3 * kRowsPerManager);
    EXPECT_EQ(
        lines[0],
        "run_id,scheme,period,status,manager_id,manager,org_unit_id,org_unit,grade,kind,item,label,dimension,"
        "reward,"
        "component,value,target,completion,score,weight,contribution,amount_fen,amount_yuan,text,detail");
    // M01's first row (base total 92), English label.
    EXPECT_EQ(lines[1],
              "1,fixture-scheme,2026-Q1,draft,M01,张三,BR01,城东支行,一级,result,base_total,"
              "Total before adjustments,,,,92,,,,,,,,,");
    // M02's name holds a comma and quotes: RFC 4180 quoting doubles the quotes.
    bool quoted = false;
    for (const auto& l : lines)
        if (l.find("M02,\"李四, \"\"Li, Si\"\"\",BR01") != std::string::npos) quoted = true;
    EXPECT_TRUE(quoted);
}

}  // namespace
}  // namespace merit::report
