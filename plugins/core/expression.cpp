#include "expression.hpp"

#include <merit/plugin.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace core {

struct ExprNode {
    enum class Kind { number, variable, unary, binary, call } kind = Kind::number;
    double number = 0;
    size_t variable = 0;
    std::string op;  // operator or function name
    size_t position = 0;
    size_t depth = 1;  // levels of this subtree: evaluating and freeing it recurse that deep
    std::vector<ExprNode> children;
};

namespace {

using Kind = ExprNode::Kind;

// Parsing, evaluating and freeing a formula recurse once per level of
// nesting; 3,000 parentheses would overflow the stack of `validate` and
// `run`. No real formula comes near this.
constexpr size_t kMaxDepth = 100;

class Parser {
public:
    Parser(const std::string& text, const std::string& path, std::vector<std::string>& variables)
        : s_(text), path_(path), variables_(variables) {}

    ExprNode parse() {
        ExprNode root = logic_or();
        skip();
        if (p_ < s_.size()) fail("unexpected '" + std::string(1, s_[p_]) + "'");
        return root;
    }

private:
    [[noreturn]] void fail(const std::string& reason) const {
        throw merit::Error(path_ + ": at position " + std::to_string(p_ + 1) + ": " + reason);
    }
    void skip() {
        while (p_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[p_]))) ++p_;
    }
    bool accept(const char* token) {
        skip();
        const size_t n = std::char_traits<char>::length(token);
        if (s_.compare(p_, n, token) != 0) return false;
        // "<" must not swallow the "<" of "<=", "!" not the "!" of "!=".
        if (n == 1 && p_ + 1 < s_.size() && s_[p_ + 1] == '=' &&
            std::string("<>!=").find(token[0]) != std::string::npos)
            return false;
        p_ += n;
        return true;
    }
    [[noreturn]] void too_deep(size_t at) {
        p_ = at;
        fail("nested deeper than " + std::to_string(kMaxDepth) +
             " levels (parentheses, function calls and operators each add one); split it into several "
             "formula indicators");
    }
    // A node's depth from its children's, refused past the limit.
    void measure(ExprNode& node) {
        for (const auto& child : node.children) node.depth = std::max(node.depth, child.depth + 1);
        if (node.depth > kMaxDepth) too_deep(node.position);
    }
    ExprNode binary(std::string op, size_t at, ExprNode left, ExprNode right) {
        ExprNode node;
        node.kind = Kind::binary;
        node.op = std::move(op);
        node.position = at;
        node.children.push_back(std::move(left));
        node.children.push_back(std::move(right));
        measure(node);
        return node;
    }
    // Every level of nesting passes through unary(): parentheses and calls
    // (via logic_or), unary operators and the right side of ^.
    struct Level {
        Parser& parser;
        Level(Parser& p, size_t at) : parser(p) {
            if (++parser.level_ > kMaxDepth) parser.too_deep(at);
        }
        ~Level() { --parser.level_; }
    };

    ExprNode logic_or() {
        ExprNode left = logic_and();
        for (;;) {
            skip();
            const size_t at = p_;
            if (!accept("||")) return left;
            left = binary("||", at, std::move(left), logic_and());
        }
    }
    ExprNode logic_and() {
        ExprNode left = comparison();
        for (;;) {
            skip();
            const size_t at = p_;
            if (!accept("&&")) return left;
            left = binary("&&", at, std::move(left), comparison());
        }
    }
    ExprNode comparison() {
        ExprNode left = additive();
        skip();
        const size_t at = p_;
        for (const char* op : {"<=", ">=", "==", "!=", "<", ">"}) {
            if (accept(op)) {
                ExprNode node = binary(op, at, std::move(left), additive());
                skip();
                if (p_ < s_.size() && (s_[p_] == '<' || s_[p_] == '>' || s_.compare(p_, 2, "==") == 0 ||
                                       s_.compare(p_, 2, "!=") == 0))
                    fail("comparisons do not chain; use && between them");
                return node;
            }
        }
        return left;
    }
    ExprNode additive() {
        ExprNode left = multiplicative();
        for (;;) {
            skip();
            const size_t at = p_;
            if (accept("+"))
                left = binary("+", at, std::move(left), multiplicative());
            else if (accept("-"))
                left = binary("-", at, std::move(left), multiplicative());
            else
                return left;
        }
    }
    ExprNode multiplicative() {
        ExprNode left = unary();
        for (;;) {
            skip();
            const size_t at = p_;
            if (accept("*"))
                left = binary("*", at, std::move(left), unary());
            else if (accept("/"))
                left = binary("/", at, std::move(left), unary());
            else
                return left;
        }
    }
    ExprNode unary() {
        skip();
        const size_t at = p_;
        const Level level(*this, at);
        for (const char* op : {"-", "+", "!"}) {
            if (accept(op)) {
                ExprNode node;
                node.kind = Kind::unary;
                node.op = op;
                node.position = at;
                node.children.push_back(unary());
                measure(node);
                return node;
            }
        }
        return power();
    }
    ExprNode power() {
        ExprNode base = primary();
        skip();
        const size_t at = p_;
        if (accept("^")) return binary("^", at, std::move(base), unary());
        return base;
    }
    ExprNode primary() {
        skip();
        if (p_ >= s_.size()) fail("expected a number, a name or '(' but the expression ends");
        const size_t at = p_;
        const char c = s_[p_];
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
            const char* begin = s_.c_str() + p_;
            char* end = nullptr;
            const double x = std::strtod(begin, &end);
            if (end == begin) fail("malformed number");
            p_ += static_cast<size_t>(end - begin);
            ExprNode node;
            node.number = x;
            node.position = at;
            return node;
        }
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            while (p_ < s_.size() &&
                   (std::isalnum(static_cast<unsigned char>(s_[p_])) || s_[p_] == '_' || s_[p_] == ':'))
                ++p_;
            std::string name = s_.substr(at, p_ - at);
            skip();
            if (p_ < s_.size() && s_[p_] == '(') return call(std::move(name), at);
            ExprNode node;
            node.kind = Kind::variable;
            node.position = at;
            node.op = name;
            size_t index = 0;
            while (index < variables_.size() && variables_[index] != name) ++index;
            if (index == variables_.size()) variables_.push_back(name);
            node.variable = index;
            return node;
        }
        if (accept("(")) {
            ExprNode inner = logic_or();
            if (!accept(")")) fail("expected ')'");
            return inner;
        }
        fail("unexpected '" + std::string(1, c) + "'");
    }
    ExprNode call(std::string name, size_t at) {
        struct Arity {
            const char* name;
            size_t least, most;
        };
        static const Arity known[] = {{"min", 1, 99}, {"max", 1, 99},  {"abs", 1, 1},
                                      {"if", 3, 3},   {"round", 1, 2}, {"floor", 1, 1},
                                      {"ceil", 1, 1}, {"sqrt", 1, 1},  {"coalesce", 1, 99}};
        const Arity* arity = nullptr;
        for (const auto& k : known)
            if (name == k.name) arity = &k;
        if (!arity) {
            p_ = at;
            fail("unknown function '" + name +
                 "' (known: min, max, abs, if, round, floor, ceil, sqrt, coalesce)");
        }
        accept("(");
        ExprNode node;
        node.kind = Kind::call;
        node.op = name;
        node.position = at;
        if (!accept(")")) {
            do node.children.push_back(logic_or());
            while (accept(","));
            if (!accept(")")) fail("expected ',' or ')'");
        }
        if (node.children.size() < arity->least || node.children.size() > arity->most) {
            p_ = at;
            fail(name + "() takes " +
                 (arity->least == arity->most ? std::to_string(arity->least)
                  : arity->most == 99         ? "at least " + std::to_string(arity->least)
                                      : std::to_string(arity->least) + " or " + std::to_string(arity->most)) +
                 " argument(s), not " + std::to_string(node.children.size()));
        }
        measure(node);
        return node;
    }

    const std::string& s_;
    const std::string& path_;
    std::vector<std::string>& variables_;
    size_t p_ = 0;
    size_t level_ = 0;  // unary() calls under way
};

using Lookup = std::function<std::optional<double>(size_t)>;

std::optional<double> null_because(std::string* why, const std::string& reason) {
    if (why && why->empty()) *why = reason;
    return std::nullopt;
}

std::optional<double> eval(const ExprNode& n, const Lookup& value_of, std::string* why) {
    switch (n.kind) {
        case Kind::number:
            return n.number;
        case Kind::variable:
            return value_of(n.variable);
        case Kind::unary: {
            const auto x = eval(n.children[0], value_of, why);
            if (!x) return x;
            if (n.op == "-") return -*x;
            if (n.op == "!") return *x == 0 ? 1.0 : 0.0;
            return x;
        }
        case Kind::binary: {
            const auto a = eval(n.children[0], value_of, why);
            if (n.op == "&&" && a && *a == 0) return 0.0;
            if (n.op == "||" && a && *a != 0) return 1.0;
            const auto b = eval(n.children[1], value_of, why);
            if (!a || !b) return std::nullopt;
            const double x = *a, y = *b;
            if (n.op == "&&" || n.op == "||") return y != 0 ? 1.0 : 0.0;
            if (n.op == "+") return x + y;
            if (n.op == "-") return x - y;
            if (n.op == "*") return x * y;
            if (n.op == "/") {
                if (y == 0)
                    return null_because(why,
                                        "division by zero at position " + std::to_string(n.position + 1));
                return x / y;
            }
            if (n.op == "^") {
                const double r = std::pow(x, y);
                if (!std::isfinite(r))
                    return null_because(
                        why, "power is not a finite number at position " + std::to_string(n.position + 1));
                return r;
            }
            if (n.op == "<") return x < y ? 1.0 : 0.0;
            if (n.op == "<=") return x <= y ? 1.0 : 0.0;
            if (n.op == ">") return x > y ? 1.0 : 0.0;
            if (n.op == ">=") return x >= y ? 1.0 : 0.0;
            if (n.op == "==") return x == y ? 1.0 : 0.0;
            return x != y ? 1.0 : 0.0;
        }
        case Kind::call: {
            if (n.op == "if") {
                const auto c = eval(n.children[0], value_of, why);
                if (!c) return c;
                return eval(n.children[*c != 0 ? 1 : 2], value_of, why);
            }
            if (n.op == "coalesce") {
                for (const auto& child : n.children)
                    if (const auto v = eval(child, value_of, why)) return v;
                return std::nullopt;
            }
            std::vector<double> args;
            for (const auto& child : n.children) {
                const auto v = eval(child, value_of, why);
                if (!v) return v;
                args.push_back(*v);
            }
            if (n.op == "min") {
                double m = args[0];
                for (double v : args) m = std::min(m, v);
                return m;
            }
            if (n.op == "max") {
                double m = args[0];
                for (double v : args) m = std::max(m, v);
                return m;
            }
            if (n.op == "abs") return std::fabs(args[0]);
            if (n.op == "floor") return std::floor(args[0]);
            if (n.op == "ceil") return std::ceil(args[0]);
            if (n.op == "sqrt") {
                if (args[0] < 0)
                    return null_because(
                        why, "sqrt of a negative number at position " + std::to_string(n.position + 1));
                return std::sqrt(args[0]);
            }
            // round(x[, digits]): half away from zero like money, after snapping
            // binary noise (2.345 × 100 = 234.49999…) as merit::to_fen does.
            const double scale = args.size() > 1 ? std::pow(10.0, std::round(args[1])) : 1.0;
            return std::round(std::round(args[0] * scale * 1e6) / 1e6) / scale;
        }
    }
    return std::nullopt;
}

}  // namespace

Expression::Expression(const std::string& text, const std::string& path) {
    Parser parser(text, path, variables_);
    root_ = std::make_unique<ExprNode>(parser.parse());
}
Expression::~Expression() = default;
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;

std::optional<double> Expression::evaluate(const Lookup& value_of, std::string* why_null) const {
    return eval(*root_, value_of, why_null);
}

}  // namespace core
