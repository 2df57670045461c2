// A small, safe arithmetic language for core.formula (plugins link nothing
// but the SDK, so no muparser here).
//
//   numbers 1.5, 2e3; variables: identifiers [A-Za-z_][A-Za-z0-9_:]* naming a
//   result column (an indicator or input id, "score:x", "total" ...)
//   + - * / ^ (power, right-associative), unary - + !, parentheses
//   comparisons < <= > >= == != and logic && || (true = 1, false = 0)
//   functions: min(a, b, ...), max(a, b, ...), abs(x), if(cond, a, b),
//   round(x[, digits]), floor(x), ceil(x), sqrt(x), coalesce(a, b, ...)
//
// Null: any null operand makes the result null, except that if() evaluates
// only the branch it picks, && and || stop at a deciding left side, and
// coalesce() returns its first non-null argument. Division by zero, sqrt of a
// negative number and any non-finite result are null too (with the reason).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace core {

struct ExprNode;

class Expression {
public:
    // Parses `text`; throws merit::Error "<path>: at position N: reason" (1-based).
    Expression(const std::string& text, const std::string& path);
    ~Expression();
    Expression(Expression&&) noexcept;
    Expression& operator=(Expression&&) noexcept;

    // Variable names in order of first appearance.
    const std::vector<std::string>& variables() const { return variables_; }

    // Evaluates with variable i's value from `value_of(i)`; `why_null`
    // receives the first reason a result became null when it is not a null input.
    std::optional<double> evaluate(const std::function<std::optional<double>(size_t)>& value_of,
                                   std::string* why_null = nullptr) const;

private:
    std::unique_ptr<ExprNode> root_;
    std::vector<std::string> variables_;
};

}  // namespace core
