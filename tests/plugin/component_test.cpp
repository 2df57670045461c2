// Calling components across the C boundary: results computed by hand, every
// failure reported as one line naming plugin.component and the reason, and
// the next call (to the same plugin or another) still working.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <sstream>

#include "common/errors.hpp"
#include "plugin/component_instance.hpp"
#include "plugin_fixtures.hpp"

namespace merit {
namespace {

using test::TestScope;

class Components : public ::testing::Test {
protected:
    Components()
        : registry_(PluginRegistry::discover(test::config_trusting(
              dir_, {test::test_plugin("good", "test_good"), test::test_plugin("faulty", "test_faulty"),
                     test::test_plugin("silent", "test_silent")}))) {
        for (const auto& [test_case, id] :
             {std::pair{"good", "test_good"}, std::pair{"faulty", "test_faulty"},
              std::pair{"silent", "test_silent"}}) {
            const auto record = registry_.add(test::test_plugin(test_case, id));
            EXPECT_TRUE(record->loaded) << record->error;
        }
    }

    const Component& component(const std::string& id) {
        const Component* c = registry_.find(id);
        if (!c) throw std::runtime_error("no component " + id);
        return *c;
    }

    // Runs an indicator over `scope`; returns the values, NaN for null.
    std::vector<double> indicator(const std::string& id, const std::string& params, const TestScope& scope,
                                  const CallEnv& env = {}) {
        ComponentInstance instance(component(id), boost::json::parse(params), env);
        std::vector<double> out(scope.size(), -1.0);
        std::vector<unsigned char> valid(scope.size(), 0);
        instance.compute(scope.get(), out.data(), valid.data(), env);
        for (size_t i = 0; i < out.size(); ++i)
            if (!valid[i]) out[i] = std::nan("");
        return out;
    }

    // The one-line error of running indicator `id`, or "no error".
    std::string indicator_error(const std::string& id, const std::string& params = "{}") {
        try {
            indicator(id, params, TestScope({"m1", "m2", "m3"}));
        } catch (const UserError& e) {
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
            return e.what();
        }
        return "no error";
    }

    test::TempDir dir_;
    PluginRegistry registry_;
};

TEST_F(Components, AnIndicatorReadsDataServicesAsWholeColumns) {
    test::FakeData data;
    test::FakeTrace trace;
    // deposits: m1 200, m2 none, m3 1001; factor 0.5 -> 100, null, 500.5.
    data.facts["deposits"] = {{"m1", 200.0}, {"m3", 1001.0}};
    const CallEnv env{&data, nullptr, &trace};
    const auto out = indicator("test_good.fact_sum", R"({"metric": "deposits", "factor": 0.5})",
                               TestScope({"m1", "m2", "m3"}), env);
    EXPECT_EQ(out[0], 100.0);
    EXPECT_TRUE(std::isnan(out[1]));
    EXPECT_EQ(out[2], 500.5);
    EXPECT_EQ(data.fact_calls, 1);  // one batch call for three managers
    EXPECT_EQ(trace.columns, std::vector<std::string>{"test_good.fact_sum:deposits"});
}

TEST_F(Components, AScorerScoresTheWholeColumn) {
    ComponentInstance ratio(component("test_good.ratio"), boost::json::parse(R"({"cap": 120})"));
    // value/target*100 capped at 120: 50/100 -> 50; 130/100 -> 130 capped to 120;
    // target 0 -> 0; no value -> 0.
    const double values[] = {50, 130, 80, 0};
    const unsigned char valid[] = {1, 1, 1, 0};
    const double targets[] = {100, 100, 0, 100};
    const unsigned char target_valid[] = {1, 1, 1, 1};
    merit_score_input input{sizeof(merit_score_input), 4, values, valid, targets, target_valid, nullptr};
    double out[4] = {-1, -1, -1, -1};
    const char* ids[] = {"M1", "M2", "M3", "M4"};
    ratio.score(input, ids, out, {});
    EXPECT_EQ(out[0], 50.0);
    EXPECT_EQ(out[1], 120.0);
    EXPECT_EQ(out[2], 0.0);
    EXPECT_EQ(out[3], 0.0);
}

TEST_F(Components, ARewardEmitsPayInFenThroughTheRun) {
    test::FakeRun run;
    // amount 333.33 yuan * total/100: total 90 -> 299.997 yuan = 29999.7 fen -> 30000;
    // total 100 -> 333.33 yuan = 33333 fen; no total -> no line.
    run.total = {90, 100, 0};
    run.total_valid = {1, 1, 0};
    const CallEnv env{nullptr, &run, nullptr};
    ComponentInstance pay(component("test_good.scaled_pay"), boost::json::parse(R"({"amount": 333.33})"),
                          env);
    TestScope scope({"m1", "m2", "m3"});
    pay.reward(scope.get(), env);
    ASSERT_EQ(run.pay.size(), 2u);
    EXPECT_EQ(run.pay[0].row, 0u);
    EXPECT_EQ(run.pay[0].fen, 30000);
    EXPECT_EQ(run.pay[1].row, 1u);
    EXPECT_EQ(run.pay[1].fen, 33333);
    EXPECT_EQ(run.pay[1].component, "test_good.scaled_pay");
}

TEST_F(Components, AThrowingComponentIsReportedAndTheNextCallsWork) {
    EXPECT_EQ(indicator_error("test_faulty.throws"), "test_faulty.throws: compute: disk on fire at row 2");
    // Another component of the same plugin, then of another plugin: rows get 1, 2, 3 and 4.
    const auto works = indicator("test_faulty.works", "{}", TestScope({"m1", "m2", "m3"}));
    EXPECT_EQ(works, (std::vector<double>{1, 2, 3}));
    EXPECT_EQ(indicator("test_good.constant", R"({"value": 4})", TestScope({"m1"})), std::vector<double>{4});
    // And the failing component again: still a clean error, not a crash.
    EXPECT_EQ(indicator_error("test_faulty.throws"), "test_faulty.throws: compute: disk on fire at row 2");
}

TEST_F(Components, AnExceptionOfNoStandardTypeIsStillCaught) {
    EXPECT_EQ(indicator_error("test_faulty.throws_non_standard"),
              "test_faulty.throws_non_standard: compute: unknown exception");
}

TEST_F(Components, ParametersRejectedInCreateNameTheirPath) {
    EXPECT_EQ(indicator_error("test_faulty.needs_limit"),
              "test_faulty.needs_limit: create: params.limit: required");
    EXPECT_EQ(indicator_error("test_faulty.needs_limit", R"({"limit": "high"})"),
              "test_faulty.needs_limit: create: params.limit: must be a number");
    EXPECT_EQ(indicator("test_faulty.needs_limit", R"({"limit": 3})", TestScope({"m1"})),
              std::vector<double>{3});
}

TEST_F(Components, AnErrorWithoutAMessageIsReportedAsSuch) {
    EXPECT_EQ(indicator_error("test_silent.quiet"), "test_silent.quiet: compute failed without a message");
    EXPECT_EQ(indicator_error("test_silent.null_create"),
              "test_silent.null_create: create failed without a message");
    EXPECT_EQ(indicator("test_faulty.works", "{}", TestScope({"m1"})), std::vector<double>{1});
}

TEST_F(Components, AFailingHostServiceNamesServiceAndComponent) {
    test::FakeData data;  // knows no metric "loans"
    const CallEnv env{&data, nullptr, nullptr};
    try {
        indicator("test_good.fact_sum", R"({"metric": "loans"})", TestScope({"m1"}), env);
        FAIL() << "no error";
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()), "test_good.fact_sum: compute: fact_aggregate: unknown metric loans");
    }
}

TEST_F(Components, ServicesOutsideTheCallsReachAreRefused) {
    EXPECT_EQ(indicator_error("test_faulty.asks_for_run_results"),
              "test_faulty.asks_for_run_results: compute: result_column: not available to "
              "test_faulty.asks_for_run_results in this call");
    EXPECT_EQ(
        indicator_error("test_good.fact_sum", R"({"metric": "deposits"})"),
        "test_good.fact_sum: compute: fact_aggregate: not available to test_good.fact_sum in this call");
}

TEST_F(Components, CallingTheWrongKindIsRefused) {
    ComponentInstance ratio(component("test_good.ratio"), boost::json::value(nullptr));
    TestScope scope({"m1"});
    double out = 0;
    unsigned char valid = 0;
    try {
        ratio.compute(scope.get(), &out, &valid, {});
        FAIL() << "no error";
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()), "test_good.ratio is a scorer, not an indicator provider");
    }
}

TEST_F(Components, PluginLogLinesAreTaggedWithTheComponent) {
    std::ostringstream captured;
    auto previous = spdlog::default_logger();
    auto logger =
        std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
    logger->set_level(spdlog::level::info);
    logger->set_pattern("[%l] %v");
    spdlog::set_default_logger(logger);
    test::FakeData data;
    data.facts["visits"] = {{"m1", 3.0}};
    indicator("test_good.fact_sum", R"({"metric": "visits"})", TestScope({"m1", "m2"}),
              {&data, nullptr, nullptr});
    spdlog::set_default_logger(previous);
    EXPECT_EQ(captured.str(), "[info] [test_good.fact_sum] summed visits for 1 of 2 managers\n");
}

}  // namespace
}  // namespace merit
