// `merit validate` is the run's gatekeeper: whatever `merit run` would refuse
// about the scheme itself, validate refuses first, with the JSON path, and
// run refuses it too (exit 1, one line, nothing stored). The shipped telecom
// scheme and sample are the scaffold; each case changes one thing in it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>

#include "plugin_fixtures.hpp"

namespace merit {
namespace {

using test::TempDir;
using ::testing::HasSubstr;
using Result = test::CliResult;
namespace json = boost::json;

class Gatekeeper : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(merit("init " + ws().string()).status, 0);
        const Result imported = merit("import " + ws().string() + " --dir " + std::string(MERIT_SOURCE_DIR) +
                                      "/config/samples/telecom");
        ASSERT_EQ(imported.status, 0) << imported.err;
    }

    std::filesystem::path ws() const { return dir_ / "ws.merit"; }

    Result merit(const std::string& args) const {
        const auto core = std::filesystem::path(MERIT_STAGE_DIR) / "lib/merit/plugins/merit_core.so";
        const auto config = test::host_config_file(dir_.path(), {core}, "{}");
        return test::run_staged_merit(dir_.path(), "--config " + config.string() + " " + args);
    }

    static json::value telecom() {
        return json::parse(test::read_file(std::string(MERIT_SOURCE_DIR) + "/config/telecom.scheme.json"));
    }
    static json::object& indicator(json::value& s, size_t d, size_t i) {
        return s.at("dimensions").as_array()[d].at("indicators").as_array()[i].as_object();
    }
    static json::object& input(json::value& s, const std::string& id) {
        for (auto& v : s.at("inputs").as_array())
            if (v.at("id").as_string() == id) return v.as_object();
        throw std::runtime_error("no input " + id);
    }
    static json::object& reward(json::value& s, const std::string& id) {
        for (auto& v : s.at("rewards").as_array())
            if (v.at("id").as_string() == id) return v.as_object();
        throw std::runtime_error("no reward " + id);
    }

    std::filesystem::path write(const std::string& text) const {
        const auto file = dir_ / "scheme.json";
        test::write_file(file, text);
        return file;
    }
    std::filesystem::path write(const json::value& scheme) const { return write(json::serialize(scheme)); }

    std::string sql(const std::string& query) const { return test::sql_value(ws(), query); }

    // validate: exit 1, the problem line and the count line; run: exit 1,
    // one line; nothing stored either way.
    void expect_refused_by_both(const std::filesystem::path& scheme, const std::string& problem) {
        const Result checked = merit("validate " + scheme.string());
        EXPECT_EQ(checked.status, 1) << checked.err;
        EXPECT_THAT(checked.err, HasSubstr(scheme.string() + ": " + problem)) << checked.err;
        EXPECT_THAT(checked.err, HasSubstr(": 1 problem\n")) << checked.err;
        EXPECT_EQ(std::count(checked.err.begin(), checked.err.end(), '\n'), 2) << checked.err;
        const Result ran =
            merit("run " + ws().string() + " --scheme " + scheme.string() + " --period 2026-Q3");
        EXPECT_EQ(ran.status, 1) << ran.err;
        EXPECT_THAT(ran.err, HasSubstr(problem)) << ran.err;
        EXPECT_EQ(std::count(ran.err.begin(), ran.err.end(), '\n'), 1) << ran.err;
        EXPECT_EQ(sql("SELECT count(*) FROM runs"), "0");
    }

    TempDir dir_;
};

TEST_F(Gatekeeper, TheShippedSchemeIsValidAndRuns) {
    const Result checked = merit("validate " + std::string(MERIT_SOURCE_DIR) + "/config/telecom.scheme.json");
    EXPECT_EQ(checked.status, 0) << checked.err;
}

TEST_F(Gatekeeper, ADuplicateKeyIsRefusedWithItsPathNotResolvedLastWins) {
    // "rate": 0.004 then "rate": 4 in the first tier: a reader keeping the last
    // would pay 1000 times the commission.
    std::string text = json::serialize(telecom());
    const std::string tier = R"("rate":4E-3)";
    const size_t at = text.find(tier);
    ASSERT_NE(at, std::string::npos) << text;
    text.insert(at + tier.size(), R"(,"rate":4)");
    expect_refused_by_both(write(text),
                           "rewards[1].params.tiers[0].rate: duplicate key (line 1, first at line 1)");
}

TEST_F(Gatekeeper, ADuplicateTopLevelKeyIsRefusedToo) {
    std::string text = json::serialize(telecom());
    text.insert(1, R"("period_type":"month",)");
    expect_refused_by_both(write(text), "period_type: duplicate key");
}

TEST_F(Gatekeeper, AnActualColumnMissingFromDependsOnIsRefused) {
    auto s = telecom();
    indicator(s, 0, 0).erase("depends_on");  // revenue_completion reads actual = revenue
    expect_refused_by_both(write(s),
                           "dimensions[0].indicators[0].params.actual: 'revenue' is not listed in "
                           "dimensions[0].indicators[0].depends_on (the run computes it first only then)");
}

TEST_F(Gatekeeper, ARewardBaseNamingAnUnknownColumnIsRefused) {
    auto s = telecom();
    reward(s, "commission")["params"].as_object()["base"] = "revenu";
    expect_refused_by_both(write(s), "rewards[1].params.base: unknown result column 'revenu'");
}

TEST_F(Gatekeeper, AFormulaNestedThreeThousandDeepIsRefusedWithTheLimitNotACrash) {
    auto s = telecom();
    indicator(s, 1, 1)["params"].as_object()["expression"] =
        std::string(3000, '(') + "customers_lost" + std::string(3000, ')');
    // Position 101: the 101st parenthesis opens the 101st level.
    expect_refused_by_both(write(s),
                           "dimensions[1].indicators[1].params: core.formula: create: params.expression: "
                           "at position 101: nested deeper than 100 levels");
}

TEST_F(Gatekeeper, AFormulaAtTheDepthLimitStillRuns) {
    // 99 parentheses + the variable inside: 100 levels, the limit itself.
    auto s = telecom();
    auto& churn = indicator(s, 1, 1)["params"].as_object();
    churn["expression"] = std::string(99, '(') + "revenue" + std::string(99, ')');
    const auto scheme = write(s);
    const Result checked = merit("validate " + scheme.string());
    EXPECT_EQ(checked.status, 0) << checked.err;
}

TEST_F(Gatekeeper, SqlThatCannotBePreparedIsReportedByValidate) {
    auto s = telecom();
    input(s, "customers_held")["params"].as_object()["query"] =
        "SELECT manager_id, count(*) FROM assignmentz GROUP BY manager_id";
    expect_refused_by_both(write(s),
                           "inputs[5].params.query: cannot be prepared: query: no such table: assignmentz");
}

TEST_F(Gatekeeper, SqlThatWritesIsReportedByValidate) {
    auto s = telecom();
    input(s, "customers_held")["params"].as_object()["query"] = "DELETE FROM managers";
    expect_refused_by_both(write(s),
                           "inputs[5].params.query: cannot be prepared: query refused: writing to "
                           "managers is not allowed");
}

TEST_F(Gatekeeper, ARecursiveQueryThatNeverEndsStopsAtTheTimeLimitNamingTheComponent) {
    auto s = telecom();
    input(s, "customers_held")["params"].as_object()["query"] =
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
        "SELECT 'TL01', x FROM n WHERE x < 0";
    const auto scheme = write(s);
    EXPECT_EQ(merit("validate " + scheme.string()).status, 0);  // it prepares: only running shows it
    // The limit reaches the child through the environment (run_staged_merit
    // clears only the config variables).
    ::setenv("MERIT_QUERY_TIME_LIMIT", "1", 1);
    const Result ran = merit("run " + ws().string() + " --scheme " + scheme.string() + " --period 2026-Q3");
    ::unsetenv("MERIT_QUERY_TIME_LIMIT");
    EXPECT_EQ(ran.status, 1) << ran.err;
    EXPECT_THAT(ran.err,
                HasSubstr("core.sql: compute: query: query: stopped after 1 s, the time limit of one query"));
    EXPECT_EQ(std::count(ran.err.begin(), ran.err.end(), '\n'), 1) << ran.err;
    EXPECT_EQ(sql("SELECT count(*) FROM runs"), "0");
    const Result healthy = merit("run " + ws().string() + " --scheme " + std::string(MERIT_SOURCE_DIR) +
                                 "/config/telecom.scheme.json --period 2026-Q3");
    EXPECT_EQ(healthy.status, 0) << healthy.err;
}

}  // namespace
}  // namespace merit
