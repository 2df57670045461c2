// config/SCHEMES.md's example is the reference people copy (issue 21 point
// 5): it must parse as plain JSON and be a valid scheme for the shipped
// plugins. And the mistake it once made, a "target" on an indicator whose
// provider already measures against a target, is refused by validate.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "plugin/host_config.hpp"
#include "scheme/scheme_validator.hpp"

namespace merit {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// The first ```json block of SCHEMES.md.
std::string reference_example() {
    std::ifstream in(fs::path(MERIT_SOURCE_DIR) / "config/SCHEMES.md");
    std::stringstream text;
    text << in.rdbuf();
    const std::string md = text.str();
    const size_t start = md.find("```json\n");
    if (start == std::string::npos) return "";
    const size_t body = start + 8;
    return md.substr(body, md.find("\n```", body) - body + 1);
}

class SchemesMd : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fs::temp_directory_path() / ("merit-schemes-md-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    void TearDown() override { fs::remove_all(dir); }
    std::vector<std::string> problems_of(const std::string& text) {
        const fs::path file = dir / "example.json";
        std::ofstream(file) << text;
        return validate_scheme_file(file.string(), registry);
    }
    fs::path dir;
    PluginRegistry registry = PluginRegistry::discover(
        HostConfig::load(fs::path(MERIT_STAGE_DIR) / "share/merit/config/merit.json"));
};

TEST_F(SchemesMd, TheExampleIsPlainJsonAndAValidScheme) {
    const std::string example = reference_example();
    ASSERT_FALSE(example.empty()) << "no ```json block in config/SCHEMES.md";
    boost::system::error_code ec;
    const json::value parsed = json::parse(example, ec);
    ASSERT_FALSE(ec) << "SCHEMES.md's example is not plain JSON: " << ec.message();
    EXPECT_EQ(parsed.at("scheme").as_string(), "telecom-big-customer");
    const auto problems = problems_of(example);
    std::string all;
    for (const auto& p : problems) all += "\n  " + p;
    EXPECT_TRUE(problems.empty()) << all;
}

TEST_F(SchemesMd, ATargetOnAnIndicatorThatIsAlreadyACompletionIsRefused) {
    json::value s = json::parse(reference_example());
    auto& sales = s.at("dimensions").as_array()[0].at("indicators").as_array()[0].as_object();
    ASSERT_EQ(sales.at("provider").as_string(), "core.target_completion");
    sales["target"] = "sales";
    const auto problems = problems_of(json::serialize(s));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0],
              "dimensions[0].indicators[0].target: core.target_completion's value is already the completion "
              "against target 'sales'; a \"target\" here divides it by the target again (remove it, or use a "
              "provider whose value is the actual)");
}

TEST_F(SchemesMd, DataChecksAreAShareAndAFlag) {
    json::value s = json::parse(reference_example());
    s.as_object()["data_checks"] =
        json::object{{"max_null_share", 1.5}, {"period_needs_facts", "no"}, {"x", 1}};
    const auto problems = problems_of(json::serialize(s));
    EXPECT_EQ(problems, (std::vector<std::string>{
                            "data_checks.x: unknown key (allowed: max_null_share, period_needs_facts)",
                            "data_checks.period_needs_facts: must be a boolean (found a string)",
                            "data_checks.max_null_share: must be between 0 and 1 (found 1.5)",
                        }));
}

}  // namespace
}  // namespace merit
