// merit run's warning about columns the data left null (issue 21 point 5):
// null for every manager always, null for more than the scheme's
// data_checks.max_null_share (default 0.5) of them too.
#include <gtest/gtest.h>

#include <map>

#include "engine/run_warnings.hpp"
#include "scheme/scheme_parser.hpp"

namespace merit {
namespace {

Scheme scheme_with(const std::string& data_checks) {
    ParsedScheme parsed = parse_scheme_text(R"json({
      "scheme": "s", "period_type": "month", "plugins": ["core"],
      "inputs": [{"id": "calls", "provider": "core.event_count"}],
      "dimensions": [{"id": "d", "weight": 100, "indicators": [
        {"id": "deposit", "name": "存款", "weight": 50, "provider": "core.fact_aggregate", "scorer": "core.linear"},
        {"id": "rating", "weight": 50, "provider": "core.rating_average", "scorer": "core.linear"}]}],
      "bands": [{"label": "合格", "min": 0}])json" +
                                                data_checks + "}",
                                            "s.json");
    EXPECT_TRUE(parsed.problems.empty()) << parsed.problems.front();
    return parsed.scheme;
}

// Four managers; `nulls` per column id: how many of them have no value.
RunResult run_with(const std::map<std::string, int>& nulls) {
    RunResult run;
    for (const char* id : {"M1", "M2", "M3", "M4"}) {
        ManagerResult m;
        m.manager_id = id;
        run.managers.push_back(m);
    }
    for (const auto& [column, count] : nulls)
        for (int m = 0; m < 4; ++m) {
            IndicatorResult x;
            x.manager_id = run.managers[static_cast<size_t>(m)].manager_id;
            x.indicator = column;
            if (m >= count) x.value = 1.0;
            run.indicators.push_back(x);
        }
    return run;
}

std::vector<std::string> lines(const std::vector<RunWarning>& warnings) {
    std::vector<std::string> out;
    for (const auto& w : warnings) out.push_back(warning_line(w));
    return out;
}

TEST(NullColumns, NullForEveryManagerOrForMoreThanTheShare) {
    const auto warnings =
        null_column_warnings(scheme_with(""), run_with({{"calls", 0}, {"deposit", 4}, {"rating", 3}}));
    EXPECT_EQ(
        lines(warnings),
        (std::vector<std::string>{
            "dimensions[0].indicators[0]: 'deposit' (存款) is null for every manager in scope (4 of 4): the "
            "data it reads may not be imported yet",
            "dimensions[0].indicators[1]: 'rating' is null for 3 of 4 managers in scope (75%), more than "
            "data_checks.max_null_share 0.5",
        }));
}

TEST(NullColumns, TheShareIsTheSchemesAndItsBoundIsAllowed) {
    // 2 of 4 is exactly the default 0.5: not more, no warning.
    EXPECT_TRUE(null_column_warnings(scheme_with(""), run_with({{"rating", 2}})).empty());
    const Scheme strict = scheme_with(R"(, "data_checks": {"max_null_share": 0.25})");
    EXPECT_EQ(
        lines(null_column_warnings(strict, run_with({{"calls", 1}, {"rating", 2}}))),
        (std::vector<std::string>{"dimensions[0].indicators[1]: 'rating' is null for 2 of 4 managers in "
                                  "scope (50%), more than data_checks.max_null_share 0.25"}));
    // 1: only a column null for everybody is warned about; inputs count too.
    const Scheme lenient = scheme_with(R"(, "data_checks": {"max_null_share": 1})");
    EXPECT_EQ(
        lines(null_column_warnings(lenient, run_with({{"calls", 4}, {"rating", 3}}))),
        (std::vector<std::string>{"inputs[0]: 'calls' is null for every manager in scope (4 of 4): the data "
                                  "it reads may not be imported yet"}));
    EXPECT_TRUE(null_column_warnings(lenient, RunResult{}).empty()) << "no manager, nothing to say";
}

}  // namespace
}  // namespace merit
