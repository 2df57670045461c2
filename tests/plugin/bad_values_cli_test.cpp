// `merit run` refuses impossible values from a plugin (test_bad_values, built
// on the bare C ABI), in the host's process and isolated: each case ends with
// exit status 1 and one line naming the component, what it was doing and the
// manager; nothing is stored; the next run works. The shipped telecom scheme
// and sample are the scaffold: one component of it is swapped for a bad one.
// Row 0 of its scope is TL01, row 1 is TL02 (managers in id order).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <boost/json.hpp>
#include <cstdlib>

#include "plugin_fixtures.hpp"

namespace merit {
namespace {

using test::TempDir;
using ::testing::HasSubstr;

using Result = test::CliResult;

// Which part of the telecom scheme the bad component replaces.
enum class Slot { indicator_provider, scorer, reward };

struct Case {
    const char* component;  // local id in test_bad_values
    Slot slot;
    const char* message;  // what the one line of stderr must contain
};

// in_process: the plugin runs in merit's own process; process: isolated.
class BadValues : public ::testing::TestWithParam<const char*> {
protected:
    void SetUp() override {
        ASSERT_EQ(merit("init " + ws().string()).status, 0);
        const Result imported = merit("import " + ws().string() + " --dir " + std::string(MERIT_SOURCE_DIR) +
                                      "/config/samples/telecom");
        ASSERT_EQ(imported.status, 0) << imported.err;
    }

    std::filesystem::path ws() const { return dir_ / "ws.merit"; }

    std::string plugin_options() const {
        return std::string(GetParam()) == "process"
                   ? R"({"test_bad_values": {"isolation": "process", "time_limit_seconds": 10}})"
                   : "{}";
    }

    Result merit(const std::string& args) const {
        const auto core = std::filesystem::path(MERIT_STAGE_DIR) / "lib/merit/plugins/merit_core.so";
        const auto bad = test::test_plugin("bad_values", "test_bad_values");
        const auto config = test::host_config_file(dir_.path(), {core, bad}, plugin_options());
        return test::run_staged_merit(dir_.path(), "--config " + config.string() + " " + args);
    }

    Result run(const std::filesystem::path& scheme) const {
        return merit("run " + ws().string() + " --scheme " + scheme.string() + " --period 2026-Q3");
    }

    // The telecom scheme with its first weighted indicator's provider, that
    // indicator's scorer, or its first reward replaced by test_bad_values.<id>.
    std::filesystem::path scheme_with(const Case& c) const {
        auto scheme = boost::json::parse(
            test::read_file(std::string(MERIT_SOURCE_DIR) + "/config/telecom.scheme.json"));
        auto& o = scheme.as_object();
        o["plugins"].as_array().push_back("test_bad_values");
        const std::string id = std::string("test_bad_values.") + c.component;
        auto& indicator = o["dimensions"].as_array()[0].as_object()["indicators"].as_array()[0].as_object();
        auto& reward = o["rewards"].as_array()[0].as_object();
        switch (c.slot) {
            case Slot::indicator_provider:
                indicator["provider"] = id;
                indicator["params"] = boost::json::object{};
                break;
            case Slot::scorer:
                indicator["scorer"] = id;
                indicator["scorer_params"] = boost::json::object{};
                break;
            case Slot::reward:
                reward["calculator"] = id;
                reward["params"] = boost::json::object{};
                break;
        }
        const auto file = dir_ / (std::string("scheme-") + c.component + ".json");
        test::write_file(file, boost::json::serialize(scheme));
        return file;
    }

    std::string sql(const std::string& query) const { return test::sql_value(ws(), query); }

    // One bad run: status 1, one line naming the component, nothing stored;
    // then the untouched scheme runs and is stored as run 1.
    void expect_refused(const Case& c) {
        SCOPED_TRACE(c.component);
        const Result bad = run(scheme_with(c));
        EXPECT_EQ(bad.status, 1) << bad.err;
        EXPECT_EQ(bad.out, "");
        EXPECT_THAT(bad.err, HasSubstr(c.message));
        EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1) << bad.err;
        EXPECT_EQ(sql("PRAGMA integrity_check"), "ok");
        EXPECT_EQ(sql("SELECT count(*) FROM runs"), "0");
        EXPECT_EQ(sql("SELECT count(*) FROM run_managers"), "0");
    }

    void expect_next_run_fine() {
        const Result healthy = run(std::string(MERIT_SOURCE_DIR) + "/config/telecom.scheme.json");
        EXPECT_EQ(healthy.status, 0) << healthy.err;
        EXPECT_EQ(sql("SELECT count(*) FROM runs"), "1");
    }

    TempDir dir_;
};

TEST_P(BadValues, AnIndicatorValueThatIsNotFiniteIsBlamedOnItsProviderNotTheScorer) {
    // The indicator is scored by core.linear; the NaN is the provider's.
    expect_refused({"nan_value", Slot::indicator_provider,
                    "test_bad_values.nan_value: compute: manager TL02: value is not finite (nan)"});
    expect_refused({"inf_value", Slot::indicator_provider,
                    "test_bad_values.inf_value: compute: manager TL02: value is not finite (inf)"});
    expect_next_run_fine();
}

TEST_P(BadValues, AColumnLeftPartlyUnwrittenIsRefusedNotTurnedIntoNulls) {
    // Half of the scope written: the first manager of the second half is named.
    const Result bad = run(scheme_with({"half_written", Slot::indicator_provider, ""}));
    EXPECT_EQ(bad.status, 1);
    EXPECT_THAT(bad.err, HasSubstr("test_bad_values.half_written: compute: manager TL"));
    EXPECT_THAT(bad.err, HasSubstr(": row left unwritten (write valid = 0 for a deliberate null)"));
    EXPECT_EQ(sql("SELECT count(*) FROM runs"), "0");
    expect_next_run_fine();
}

TEST_P(BadValues, ScoresThatAreNotFiniteOrOffTheScaleAreRefused) {
    expect_refused({"nan_score", Slot::scorer,
                    "test_bad_values.nan_score: score: manager TL02: value is not finite (nan)"});
    expect_refused({"huge_score", Slot::scorer,
                    "test_bad_values.huge_score: score: manager TL02: score 1.0000000000000001e+300 is "
                    "outside [0, 1000]"});
    expect_refused({"negative_score", Slot::scorer,
                    "test_bad_values.negative_score: score: manager TL02: score -500 is outside [0, 1000]"});
    expect_next_run_fine();
}

TEST_P(BadValues, PayBeyondTenToTheThirteenFenIsRefusedEvenWhenThePluginIgnoresTheRefusal) {
    // Two lines of INT64_MAX used to wrap to a total of -2 fen.
    expect_refused(
        {"max_pay", Slot::reward,
         "test_bad_values.max_pay: compute: manager TL01: pay of 9223372036854775807 fen is beyond "
         "±10^13 fen per line"});
    expect_refused({"over_limit", Slot::reward,
                    "test_bad_values.over_limit: compute: manager TL02: pay of 10000000000001 fen is beyond "
                    "±10^13 fen per line"});
    // merit::to_fen(NaN) used to pay -92,233,720,368,547,758.08 yuan.
    expect_refused({"to_fen_nan", Slot::reward,
                    "test_bad_values.to_fen_nan: compute: to_fen: amount is not finite (nan)"});
    expect_next_run_fine();
}

TEST_P(BadValues, APluginCallingExitFailsTheRunNamingTheComponent) {
    const Result bad = run(scheme_with({"calls_exit", Slot::indicator_provider, ""}));
    EXPECT_EQ(bad.status, 1) << bad.err;
    EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1) << bad.err;
    if (std::string(GetParam()) == "process")
        EXPECT_THAT(bad.err,
                    HasSubstr("component test_bad_values.calls_exit exited with status 0 during compute"));
    else
        EXPECT_THAT(bad.err,
                    HasSubstr("test_bad_values.calls_exit: compute: the plugin called exit() inside the "
                              "host process; nothing was stored"));
    EXPECT_EQ(sql("SELECT count(*) FROM runs"), "0");
    expect_next_run_fine();
}

INSTANTIATE_TEST_SUITE_P(Modes, BadValues, ::testing::Values("in_process", "process"));

}  // namespace
}  // namespace merit
