// `merit validate --json` gives each problem as {path, code, message}; tools
// (the browser's scheme editor, a CI job that gates schemes) branch on the
// code, so each code is asserted here on a problem the validator really
// produces, and no problem of these schemes falls through to `invalid`.
#include <gtest/gtest.h>

#include <functional>

#include "engine/engine_test_support.hpp"
#include "scheme/scheme_problem.hpp"
#include "scheme/scheme_validator.hpp"

namespace merit {
namespace {

using namespace merit::testing;
namespace json = boost::json;

struct CodeCase {
    const char* name;
    std::function<void(json::object&)> breaks;
    const char* path;
    const char* code;
};

json::object& indicator(json::object& s, size_t d, size_t i) {
    return s.at("dimensions").as_array()[d].at("indicators").as_array()[i].as_object();
}

const std::vector<CodeCase>& cases() {
    static const std::vector<CodeCase> all{
        {"missing", [](json::object& s) { s.erase("bands"); }, "bands", "missing"},
        {"wrong_type", [](json::object& s) { s["title"] = 7; }, "title", "wrong_type"},
        {"unknown_key", [](json::object& s) { s["colour"] = "blue"; }, "colour", "unknown_key"},
        {"duplicate", [](json::object& s) { s.at("inputs").as_array()[1].as_object()["id"] = "violations"; },
         "inputs[1].id", "duplicate"},
        {"plugin_not_installed", [](json::object& s) { s.at("plugins").as_array().push_back("ghost"); },
         "plugins[1]", "plugin_not_installed"},
        {"unknown_component", [](json::object& s) { indicator(s, 0, 0)["provider"] = "enginetest.nope"; },
         "dimensions[0].indicators[0].provider", "unknown_component"},
        {"wrong_kind", [](json::object& s) { indicator(s, 0, 1)["scorer"] = "enginetest.fixed"; },
         "dimensions[0].indicators[1].scorer", "wrong_kind"},
        {"unknown_reference",
         [](json::object& s) { s.at("distribution").as_array()[0].as_object()["band"] = "卓越"; },
         "distribution[0].band", "unknown_reference"},
        {"weights_not_100", [](json::object& s) { indicator(s, 0, 0)["weight"] = 40; },
         "dimensions[0].indicators", "weights_not_100"},
        {"dependency_cycle",
         [](json::object& s) {
             s.at("inputs").as_array()[0].as_object()["depends_on"] = json::array{"warnings"};
             s.at("inputs").as_array()[1].as_object()["depends_on"] = json::array{"violations"};
         },
         "inputs[0].depends_on", "dependency_cycle"},
        {"out_of_range", [](json::object& s) { s.at("bands").as_array()[2].as_object()["min"] = 85; },
         "bands[2].min", "out_of_range"},
        {"out_of_range (manifest minimum)",
         [](json::object& s) {
             indicator(s, 0, 0)["scorer_params"] = json::object{{"cap", -1}};
         },
         "dimensions[0].indicators[0].scorer_params.cap", "out_of_range"},
        {"not_allowed",
         [](json::object& s) { s.at("adjustments").as_array()[0].at("when").as_object()["op"] = "=>"; },
         "adjustments[0].when.op", "not_allowed"},
        {"missing (manifest parameter)",
         [](json::object& s) {
             s.at("rewards").as_array()[0].at("params").as_object().erase("yuan_per_point");
         },
         "rewards[0].params.yuan_per_point", "missing"},
        {"unknown_key (manifest parameter)",
         [](json::object& s) { indicator(s, 0, 1).at("params").as_object()["extra"] = 1; },
         "dimensions[0].indicators[1].params.extra", "unknown_key"},
        {"empty",
         [](json::object& s) { s.at("dimensions").as_array()[1].as_object()["indicators"] = json::array{}; },
         "dimensions[1].indicators", "empty"},
        {"empty (bands)", [](json::object& s) { s["bands"] = json::array{}; }, "bands", "empty"},
        {"missing (an effect)",
         [](json::object& s) { s.at("adjustments").as_array()[0].as_object()["effect"] = json::object{}; },
         "adjustments[0].effect", "missing"},
        {"bad_id", [](json::object& s) { indicator(s, 0, 1)["scorer"] = "identity"; },
         "dimensions[0].indicators[1].scorer", "bad_id"},
        {"rejected_by_component",
         [](json::object& s) {
             indicator(s, 1, 0)["scorer"] = "enginetest.strict";
             indicator(s, 1, 0)["scorer_params"] = json::object{{"threshold", 150}};
         },
         "dimensions[1].indicators[0].scorer_params", "rejected_by_component"},
        {"reserved_name", [](json::object& s) { indicator(s, 0, 1)["id"] = "total"; },
         "dimensions[0].indicators[1].id", "reserved_name"},
        {"conflict (a grade in two groups)",
         [](json::object& s) {
             s.at("grade_groups").as_object()["senior"] = json::array{"一级", "三级"};
         },
         "grade_groups.senior", "conflict"},
        {"conflict (the lowest band limited)",
         [](json::object& s) { s.at("distribution").as_array()[0].as_object()["band"] = "不合格"; },
         "distribution[0].band", "conflict"},
        {"plugin_not_listed", [](json::object& s) { s["plugins"] = json::array{}; },
         "dimensions[0].indicators[0].provider", "plugin_not_listed"},
        {"unknown grade group",
         [](json::object& s) {
             s.at("dimensions").as_array()[0].at("weights_by_grade").as_object()["expert"] = 10;
         },
         "dimensions[0].weights_by_grade.expert", "unknown_reference"},
    };
    return all;
}

std::string listing(const std::vector<SchemeProblem>& problems) {
    std::string all;
    for (const auto& p : problems) all += "\n  [" + p.code + "] " + p.path + ": " + p.message;
    return all;
}

class ProblemCodes : public ::testing::Test {
protected:
    std::vector<SchemeProblem> problems_of(const json::value& scheme) {
        std::vector<SchemeProblem> out;
        for (const auto& line : validate_scheme_file(write_scheme(dir, "s.json", scheme).string(), registry))
            out.push_back(split_problem(line));
        return out;
    }
    std::filesystem::path dir = fresh_dir("problem_codes");
    PluginRegistry registry = test_registry();
};

TEST_F(ProblemCodes, EachBrokenSchemeGivesItsCodeAtItsPath) {
    for (const auto& c : cases()) {
        auto scheme = reference_json();
        c.breaks(scheme.as_object());
        const auto problems = problems_of(scheme);
        const bool found = std::any_of(problems.begin(), problems.end(), [&](const SchemeProblem& p) {
            return p.path == c.path && p.code == c.code;
        });
        EXPECT_TRUE(found) << c.name << ": expected [" << c.code << "] at " << c.path
                           << ", found:" << listing(problems);
        for (const auto& p : problems)
            EXPECT_NE(p.code, "invalid") << c.name << ": a problem without a code:" << listing({p});
    }
}

TEST_F(ProblemCodes, ASyntaxErrorIsInvalidJsonAtFileLineAndColumn) {
    const auto file = write_scheme(dir, "broken.json", "{\n  \"scheme\": \"x\",\n  oops\n}");
    const auto problems = validate_scheme_file(file.string(), registry);
    ASSERT_EQ(problems.size(), 1u);
    const SchemeProblem p = split_problem(problems[0]);
    EXPECT_EQ(p.path, file.string() + ":3:3");
    EXPECT_EQ(p.code, "invalid_json");
    EXPECT_EQ(p.message.rfind("not valid JSON", 0), 0u) << p.message;
}

TEST_F(ProblemCodes, AMessageTheTableDoesNotKnowIsInvalidNotAGuess) {
    const SchemeProblem p = split_problem("rewards[0]: something no rule words this way");
    EXPECT_EQ(p.path, "rewards[0]");
    EXPECT_EQ(p.code, "invalid");
    EXPECT_EQ(p.message, "something no rule words this way");
}

}  // namespace
}  // namespace merit
