// `merit validate`: each kind of scheme error, reported with its exact JSON
// path, every problem at once.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/engine_test_support.hpp"
#include "scheme/scheme_parser.hpp"
#include "scheme/scheme_validator.hpp"

namespace merit {
namespace {

using namespace merit::testing;
namespace json = boost::json;

class Validation : public ::testing::Test {
protected:
    std::vector<std::string> problems_of(const json::value& scheme) {
        return validate_scheme_file(write_scheme(dir, "s.json", scheme).string(), registry);
    }
    // The problems must include `expected` exactly.
    void expect_problem(const json::value& scheme, const std::string& expected) {
        const auto problems = problems_of(scheme);
        std::string all;
        for (const auto& p : problems) all += "\n  " + p;
        EXPECT_NE(std::find(problems.begin(), problems.end(), expected), problems.end())
            << "expected: " << expected << "\nfound:" << all;
    }
    json::object& indicator(json::value& s, size_t d, size_t i) {
        return s.at("dimensions").as_array()[d].at("indicators").as_array()[i].as_object();
    }
    std::filesystem::path dir = fresh_dir("validation");
    PluginRegistry registry = test_registry();
};

TEST_F(Validation, TheReferenceSchemeIsValid) {
    const auto problems = problems_of(reference_json());
    EXPECT_TRUE(problems.empty()) << problems.front();
}

TEST_F(Validation, UnknownKeysMissingFieldsAndWrongTypes) {
    auto s = reference_json();
    s.as_object()["colour"] = "blue";
    indicator(s, 0, 1)["wieght"] = 5;
    s.as_object().erase("bands");
    indicator(s, 1, 0).erase("scorer");
    s.at("dimensions").as_array()[0].as_object()["weight"] = "60";
    const auto problems = problems_of(s);
    auto has_prefix = [&](const std::string& prefix) {
        return std::any_of(problems.begin(), problems.end(),
                           [&](const auto& p) { return p.rfind(prefix, 0) == 0; });
    };
    EXPECT_TRUE(has_prefix("colour: unknown key (allowed: scheme, title, period_type, plugins, scope"));
    EXPECT_TRUE(
        has_prefix("dimensions[0].indicators[1].wieght: unknown key (allowed: id, name, name_en, weight,"));
    EXPECT_TRUE(has_prefix("bands: missing (required)"));
    EXPECT_TRUE(has_prefix("dimensions[1].indicators[0].scorer: missing (required)"));
    EXPECT_TRUE(has_prefix("dimensions[0].weight: must be a number (found a string)"));
}

TEST_F(Validation, UnknownComponentsWrongKindsAndMissingPlugins) {
    auto s = reference_json();
    indicator(s, 0, 0)["provider"] = "enginetest.nope";
    indicator(s, 0, 1)["scorer"] = "enginetest.fixed";
    s.at("plugins").as_array().push_back("ghost");
    s.at("rewards").as_array()[0].as_object()["calculator"] = "ghost.bonus";
    const auto problems = problems_of(s);
    for (const char* expected :
         {"dimensions[0].indicators[0].provider: unknown component 'enginetest.nope'",
          "dimensions[0].indicators[1].scorer: 'enginetest.fixed' is an indicator provider, "
          "not a scorer",
          "plugins[1]: plugin 'ghost' is not installed",
          "rewards[0].calculator: unknown component 'ghost.bonus'"})
        EXPECT_NE(std::find(problems.begin(), problems.end(), expected), problems.end()) << expected;
}

TEST_F(Validation, WeightsMustSumTo100InEachDimensionAcrossDimensionsAndPerGradeGroup) {
    auto a = reference_json();
    indicator(a, 0, 0)["weight"] = 40;  // plain: 40 + 50 = 90
    expect_problem(a, "dimensions[0].indicators: indicator weights sum to 90, not 100 (plain weights)");
    auto b = reference_json();
    b.at("dimensions").as_array()[1].as_object()["weight"] = 30;  // 60 + 30
    expect_problem(b, "dimensions: dimension weights sum to 90, not 100 (plain weights)");
    auto c = reference_json();
    indicator(c, 0, 0).at("weights_by_grade").as_object()["senior"] = 50;  // 50 + 60
    expect_problem(c,
                   "dimensions[0].indicators: indicator weights sum to 110, not 100 (weights for grade group "
                   "'senior')");
    auto d = reference_json();
    d.at("dimensions").as_array()[0].at("weights_by_grade").as_object()["junior"] = 75;  // 75 + 30
    expect_problem(d, "dimensions: dimension weights sum to 105, not 100 (weights for grade group 'junior')");
    auto e = reference_json();
    e.at("dimensions").as_array()[0].at("weights_by_grade").as_object()["expert"] = 10;
    expect_problem(e, "dimensions[0].weights_by_grade.expert: unknown grade group");
    // Within 1e-9 of 100 is 100: thirds that do not add up exactly in binary.
    auto f = reference_json();
    indicator(f, 0, 0)["weight"] = 100.0 / 3;
    indicator(f, 0, 1)["weight"] = 200.0 / 3;
    EXPECT_TRUE(problems_of(f).empty());
}

TEST_F(Validation, DuplicateIdsOperatorsBandsAndDistribution) {
    auto s = reference_json();
    s.at("inputs").as_array()[1].as_object()["id"] = "violations";
    s.at("adjustments").as_array()[0].at("when").as_object()["op"] = "=>";
    s.at("bands").as_array()[2].as_object()["min"] = 85;
    s.at("distribution").as_array()[0].as_object()["band"] = "卓越";
    s.at("adjustments").as_array()[1].at("effect").as_object()["max_band"] = "中等";
    const auto problems = problems_of(s);
    for (const char* expected :
         {"inputs[1].id: duplicate id 'violations' (also inputs[0])",
          "adjustments[0].when.op: '=>' is not one of >, >=, <, <=, ==, !=",
          "bands[2].min: 85 is not below the previous band's min 80 (bands go best first)",
          "distribution[0].band: unknown band '卓越'", "adjustments[1].effect.max_band: unknown band '中等'"})
        EXPECT_NE(std::find(problems.begin(), problems.end(), expected), problems.end()) << expected;
}

TEST_F(Validation, ParametersTheManifestOrTheComponentRejects) {
    auto s = reference_json();
    indicator(s, 0, 0)["scorer_params"] = json::object{{"cap", -1}};
    indicator(s, 0, 1).at("params").as_object()["extra"] = 1;
    indicator(s, 1, 0)["scorer"] = "enginetest.strict";
    indicator(s, 1, 0)["scorer_params"] = json::object{{"threshold", 150}};
    s.at("rewards").as_array()[0].at("params").as_object().erase("yuan_per_point");
    const auto problems = problems_of(s);
    for (const char* expected :
         {"dimensions[0].indicators[0].scorer_params.cap: -1 is below the minimum 0",
          "dimensions[0].indicators[1].params.extra: unknown parameter of fixed (known: values)",
          "dimensions[1].indicators[0].scorer_params: enginetest.strict: create: params.threshold: must not "
          "exceed 100",
          "rewards[0].params.yuan_per_point: required by per_point"}) {
        std::string all;
        for (const auto& p : problems) all += "\n  " + p;
        EXPECT_NE(std::find(problems.begin(), problems.end(), expected), problems.end()) << expected << all;
    }
}

TEST_F(Validation, DependencyCyclesAndUnknownDependencies) {
    auto s = reference_json();
    s.at("inputs").as_array()[0].as_object()["depends_on"] = json::array{"warnings"};
    s.at("inputs").as_array()[1].as_object()["depends_on"] = json::array{"violations"};
    s.at("inputs").as_array()[2].as_object()["depends_on"] = json::array{"nothing"};
    const auto problems = problems_of(s);
    for (const char* expected :
         {"inputs[0].depends_on: dependency cycle: violations -> warnings -> violations",
          "inputs[2].depends_on[0]: unknown input or indicator 'nothing'"})
        EXPECT_NE(std::find(problems.begin(), problems.end(), expected), problems.end()) << expected;
}

TEST_F(Validation, SyntaxErrorsNameFileLineAndColumn) {
    const auto file = write_scheme(dir, "broken.json", "{\n  \"scheme\": \"x\",\n  oops\n}");
    const auto problems = validate_scheme_file(file.string(), registry);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].rfind(file.string() + ":3:3: not valid JSON", 0), 0u) << problems[0];
}

TEST_F(Validation, TheCanonicalHashIgnoresKeyOrderAndWhitespace) {
    const auto a = parse_scheme_text(R"({"scheme": "x", "title": "t"})", "a");
    const auto b = parse_scheme_text("{ \"title\":\"t\",\n \"scheme\":\"x\" }", "b");
    EXPECT_EQ(a.scheme.hash, b.scheme.hash);
    EXPECT_EQ(a.scheme.canonical_json, R"({"scheme":"x","title":"t"})");
}

}  // namespace
}  // namespace merit
