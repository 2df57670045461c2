// Every shipped scheme on its sample (`merit demo`, which runs them all)
// gives the same results digest, run for run, with every shipped plugin
// isolated ("isolation": "process", inside the sandbox) as in the host's
// own process.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "plugin_fixtures.hpp"

namespace merit {
namespace {

namespace fs = std::filesystem;
using Result = test::CliResult;

std::vector<fs::path> shipped_plugins() {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(fs::path(MERIT_STAGE_DIR) / "lib/merit/plugins"))
        if (entry.path().extension() == ".so") out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

// Each workspace's runs: "<set>" -> "<run id> <results digest>" lines.
std::map<std::string, std::string> demo_digests(const fs::path& dir, const std::string& plugin_options) {
    const auto config = test::host_config_file(dir, shipped_plugins(), plugin_options);
    const fs::path out = dir / "demo";
    const Result r = test::run_staged_merit(
        dir, "--config " + config.string() + " demo --out " + out.string() + " --json");
    EXPECT_EQ(r.status, 0) << r.err;
    const auto outcome = boost::json::parse(r.out).as_object();
    EXPECT_TRUE(outcome.at("failures").as_array().empty()) << r.out;
    std::map<std::string, std::string> digests;
    for (const auto& run : outcome.at("runs").as_array()) {
        const std::string set(run.at("set").as_string());
        const auto ws = out / (set + ".merit");
        digests[set] = test::sql_value(
            ws,
            "SELECT group_concat(id || ' ' || results_digest, ',') FROM (SELECT * FROM runs ORDER BY id)");
    }
    return digests;
}

TEST(IsolatedDigests, EveryShippedSchemeGivesTheSameDigestIsolated) {
    std::string isolated = "{";
    for (const auto& plugin : shipped_plugins()) {
        const std::string id = plugin.stem().string().substr(std::string("merit_").size());
        isolated += (isolated.size() > 1 ? ", " : "") + ("\"" + id + "\": {\"isolation\": \"process\"}");
    }
    isolated += R"(}, "sandbox": {"missing_layer": "continue"})";
    test::TempDir in_process_dir, isolated_dir;
    const auto in_process = demo_digests(in_process_dir.path(), "{}");
    const auto sandboxed = demo_digests(isolated_dir.path(), isolated);
    EXPECT_GE(in_process.size(), 4u);
    EXPECT_EQ(sandboxed, in_process);
    for (const auto& [set, digests] : in_process) EXPECT_THAT(digests, ::testing::HasSubstr(" ")) << set;
}

}  // namespace
}  // namespace merit
