#include "scheme/scheme_problem.hpp"

#include <regex>
#include <vector>

namespace merit {
namespace {

// First match wins; the patterns are the validator's own phrases (and
// those of a plugin parameter check).
struct CodeRule {
    std::regex pattern;
    const char* code;
};

const std::vector<CodeRule>& code_rules() {
    static const std::vector<CodeRule> rules{
        {std::regex("^not valid JSON"), "invalid_json"},
        {std::regex("^missing \\(required\\)|^required by |^needs \""), "missing"},
        {std::regex("^must be an? (object|array|string|number|integer|boolean)"), "wrong_type"},
        {std::regex("^unknown (key|parameter)"), "unknown_key"},
        {std::regex("^duplicate "), "duplicate"},
        {std::regex("^plugin '.*' is not installed"), "plugin_not_installed"},
        {std::regex("^plugin '.*' is not loaded"), "plugin_not_loaded"},
        {std::regex("^plugin '.*' of '.*' is not listed"), "plugin_not_listed"},
        {std::regex("^unknown component"), "unknown_component"},
        {std::regex("is not a (valid|qualified component) id"), "bad_id"},
        // A component's own create() refused its parameters: "plugin.component: create: ...".
        {std::regex("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+: create: "), "rejected_by_component"},
        {std::regex("^unknown org unit"), "unknown_org_unit"},
        {std::regex("is not in the workspace \\("), "unseen_name"},
        {std::regex("has no facts in the workspace"), "no_facts"},
        {std::regex("is null for every manager in scope"), "all_null"},
        {std::regex("is null for [0-9]+ of [0-9]+ managers"), "mostly_null"},
        {std::regex("divides it by the target again"), "double_target"},
        {std::regex("^unknown (input or indicator|band|grade group|result column)"), "unknown_reference"},
        {std::regex("is not listed in .*depends_on"), "missing_dependency"},
        {std::regex("nested deeper than"), "too_deep"},
        {std::regex("^cannot be prepared"), "bad_sql"},
        {std::regex("weights sum to"), "weights_not_100"},
        {std::regex("^dependency cycle|cannot depend on itself"), "dependency_cycle"},
        {std::regex(
             "^must not be negative|^must be between|^must be a finite number|is not below the previous band|"
             "is (below|above) the (minimum|maximum)"),
         "out_of_range"},
        {std::regex("is not (one of|veto|org_unit)"), "not_allowed"},
        {std::regex("needs at least one|^at least one .* is needed|^names no grade"), "empty"},
        {std::regex("is reserved"), "reserved_name"},
        {std::regex("is already (in group|limited)|cannot be limited"), "conflict"},
        {std::regex("^'.*' is .*, not "), "wrong_kind"},
    };
    return rules;
}

std::string code_of(const std::string& message) {
    for (const auto& rule : code_rules())
        if (std::regex_search(message, rule.pattern)) return rule.code;
    return "invalid";
}

}  // namespace

SchemeProblem split_problem(const std::string& line) {
    SchemeProblem p;
    const auto colon = line.find(": ");
    if (colon == std::string::npos) {
        p.message = line;
    } else {
        p.path = line.substr(0, colon);
        p.message = line.substr(colon + 2);
    }
    p.code = code_of(p.message);
    return p;
}

}  // namespace merit
