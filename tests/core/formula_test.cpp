// core.formula: the expression language, its null rules and its errors.
#include <gmock/gmock.h>

#include "core_fixture.hpp"

namespace merit::core_test {
namespace {

using std::nullopt;

TEST_F(CorePlugin, FormulaArithmeticPrecedenceAndFunctions) {
    // a = 6, b = 4 for m1:
    //   a + b * 2 ^ 2 / 8 = 6 + 4 × 4 / 8 = 8
    //   max(a, b, 7) - min(a, b) + abs(-3) = 7 − 4 + 3 = 6
    //   if(a > b && b >= 4, 1, 0) * 10 + round(2.345, 2) = 10 + 2.35 = 12.35
    //   -2 ^ 2 = −(2²) = −4
    run_.columns["a"] = {{"m1", 6}};
    run_.columns["b"] = {{"m1", 4}};
    Scope scope({"m1"});
    EXPECT_DOUBLE_EQ(*provide("core.formula", R"j({"expression": "a + b * 2 ^ 2 / 8"})j", scope)[0], 8);
    EXPECT_DOUBLE_EQ(*provide("core.formula", R"j({"expression": "max(a, b, 7) - min(a, b) + abs(-3)"
})j",
                              scope)[0],
                     6);
    EXPECT_DOUBLE_EQ(
        *provide("core.formula", R"j({"expression": "if(a > b && b >= 4, 1, 0) * 10 + round(2.345, 2)"
    })j",
                 scope)[0],
        12.35);
    EXPECT_DOUBLE_EQ(*provide("core.formula", R"j({"expression": "-2 ^ 2"})j", scope)[0], -4);
}

TEST_F(CorePlugin, FormulaReadsScoreColumnsAndTracesItsVariables) {
    // score:x 80 × 0.5 + total 90 × 0.5 = 85.
    run_.columns["score:x"] = {{"m1", 80}};
    run_.columns["total"] = {{"m1", 90}};
    Scope scope({"m1"});
    EXPECT_DOUBLE_EQ(*provide("core.formula", R"j({"expression": "score:x * 0.5 + total * 0.5"})j", scope)[0],
                     85);
    EXPECT_EQ(trace_.columns.at("score:x")[0], 80.0);
}

TEST_F(CorePlugin, FormulaNullRules) {
    // lost/lines: m1 2/40 = 0.05; m2 lines 0 -> division by zero -> null (noted);
    // m3 lost null -> null; with if(lines > 0, lost / lines, 0): m2 -> 0 (branch not taken).
    run_.columns["lost"] = {{"m1", 2}, {"m2", 1}};
    run_.columns["lines"] = {{"m1", 40}, {"m2", 0}, {"m3", 10}};
    Scope scope({"m1", "m2", "m3"});
    const auto plain = provide("core.formula", R"j({"expression": "lost / lines"})j", scope);
    EXPECT_DOUBLE_EQ(*plain[0], 0.05);
    EXPECT_EQ(plain[1], nullopt);
    EXPECT_EQ(plain[2], nullopt);
    EXPECT_TRUE(trace_.noted(1, "division by zero at position 6"));
    EXPECT_TRUE(trace_.noted(2, "lost is null"));
    const auto guarded = provide("core.formula", R"j({"expression": "if(lines > 0, lost / lines, 0)"
    })j",
                                 scope);
    EXPECT_EQ(guarded[1], 0.0);
    // defaults and coalesce turn a null into a number: m3 lost null -> 0 / 10 = 0; coalesce(lost, 5) = 5.
    EXPECT_EQ(
        provide("core.formula", R"j({"expression": "lost / lines", "defaults": {"lost": 0}})j", scope)[2],
        0.0);
    EXPECT_EQ(provide("core.formula", R"j({"expression": "coalesce(lost, 5)"
    })j",
                      scope)[2],
              5.0);
}

TEST_F(CorePlugin, FormulaErrorsNameThePosition) {
    EXPECT_EQ(create_error("core.formula", R"j({"expression": "(a + b"})j"),
              "core.formula: create: params.expression: at position 7: expected ')'");
    EXPECT_EQ(create_error("core.formula", R"j({"expression": "a + * b"})j"),
              "core.formula: create: params.expression: at position 5: unexpected '*'");
    EXPECT_EQ(create_error("core.formula", R"j({"expression": "pow(a, 2)"
    })j"),
              "core.formula: create: params.expression: at position 1: unknown function 'pow' (known: min, "
              "max, abs, "
              "if, round, floor, ceil, sqrt, coalesce)");
    EXPECT_EQ(create_error("core.formula", R"j({"expression": "if(a, b)"
    })j"),
              "core.formula: create: params.expression: at position 1: if() takes 3 argument(s), not 2");
    EXPECT_EQ(create_error("core.formula", R"j({"expression": "a < b < c"})j"),
              "core.formula: create: params.expression: at position 7: comparisons do not chain; use && "
              "between them");
    EXPECT_EQ(create_error("core.formula", R"j({"expression": "a b"})j"),
              "core.formula: create: params.expression: at position 3: unexpected 'b'");
    EXPECT_EQ(create_error("core.formula", R"j({"expression": "a", "defaults": {"z": 0}})j"),
              "core.formula: create: params.defaults.z: is not a variable of the expression");
}

TEST_F(CorePlugin, FormulaNestingDeeperThanTheLimitIsRefusedNotACrash) {
    const auto nested = [](size_t levels) {
        return std::string(levels, '(') + "a" + std::string(levels, ')');
    };
    // "a" inside 99 parentheses: 100 levels (each parenthesis one, the variable one), the limit.
    EXPECT_EQ(create_error("core.formula", R"({"expression": ")" + nested(99) + R"("})"), "no error");
    // 100 parentheses: the variable inside them is level 101, at position 101 (1-based).
    EXPECT_EQ(create_error("core.formula", R"({"expression": ")" + nested(100) + R"("})"),
              "core.formula: create: params.expression: at position 101: nested deeper than 100 levels "
              "(parentheses, function calls and operators each add one); split it into several formula "
              "indicators");
    // 3,000 parentheses (the issue's case) stop at the same place instead of overflowing the stack.
    EXPECT_THAT(create_error("core.formula", R"({"expression": ")" + nested(3000) + R"("})"),
                ::testing::HasSubstr("at position 101: nested deeper than 100 levels"));
    // 3,000 unary minus signs and a sum of 3,000 terms (a tree 3,000 deep) are refused too.
    EXPECT_THAT(create_error("core.formula", R"({"expression": ")" + std::string(3000, '-') + R"(a"})"),
                ::testing::HasSubstr("nested deeper than 100 levels"));
    std::string sum = "a";
    for (int i = 0; i < 3000; ++i) sum += " + a";
    EXPECT_THAT(create_error("core.formula", R"({"expression": ")" + sum + R"("})"),
                ::testing::HasSubstr("nested deeper than 100 levels"));
}

}  // namespace
}  // namespace merit::core_test
