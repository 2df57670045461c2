// A parsed scheme (考核方案): the in-memory form of config/SCHEMES.md. Every
// element remembers its JSON path so later checks and run errors can name it.
#pragma once

#include <boost/json/value.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace merit {

// A reference to a plugin component with the parameters the scheme gives it.
struct ComponentRef {
    std::string id;             // qualified: "<plugin>.<local id>"
    boost::json::value params;  // object (or null: no parameters)
    std::string path;           // JSON path of the component id ("...provider")
    std::string params_path;    // JSON path of its parameters ("...params")
};

using GradeWeights = std::map<std::string, double>;  // grade group -> percent

// An input or an indicator: a column computed by a provider.
struct ColumnSpec {
    std::string id;
    std::string name;
    ComponentRef provider;
    std::vector<std::string> depends_on;
    std::string unit;
    std::string path;  // "inputs[0]" or "dimensions[1].indicators[0]"

    // Indicator only (weighted and scored).
    bool weighted = false;
    std::string dimension;  // dimension id
    double weight = 0;
    GradeWeights weights_by_grade;
    std::optional<std::string> target;
    ComponentRef scorer;
};

struct DimensionSpec {
    std::string id;
    std::string name;
    double weight = 0;
    GradeWeights weights_by_grade;
    // The least weight (percent) the dimension may have for any grade group:
    // 004 keeps results at 40% or more. validate enforces it.
    std::optional<double> min_weight;
    std::vector<ColumnSpec> indicators;
    std::string path;
};

struct Condition {
    std::string indicator;
    std::string op;  // > >= < <= == !=
    double value = 0;
};

struct AdjustmentSpec {
    std::string id;
    std::string kind;  // veto | deduction | bonus (加分)
    std::string name;
    std::string path;
    // veto
    Condition when;
    std::optional<double> effect_total;
    std::optional<std::string> max_band;
    // deduction and bonus: points per unit of the indicator, capped
    std::string indicator;
    double points_per_unit = 0;
    std::optional<double> max_points;
};

struct BandSpec {
    std::string label;
    double min = 0;
};

struct DistributionSpec {
    std::string band;
    double max_share = 1;
    std::string per = "org_unit";  // org_unit | all
    std::string path;
};

// Who a reward is computed for (SCHEMES.md "Reward gates"). A manager the
// gate keeps out is not in the calculator's scope: no pay line, no share of a
// pool, carried state kept as it was.
struct RewardGate {
    bool declared = false;        // "gate" present in the scheme
    bool exclude_vetoed = false;  // "vetoed": "excluded" (else "paid")
    std::optional<double> min_total;
    std::optional<std::string> min_band;  // band label: this band or a better one
    std::string path;                     // "rewards[0].gate"
};

struct RewardSpec {
    std::string id;
    std::string name;
    ComponentRef calculator;
    RewardGate gate;
    std::string path;
};

struct ScopeSpec {
    std::vector<std::string> roles{"customer_manager"};
    std::vector<std::string> statuses{"active", "probation"};
    std::vector<std::string> org_units;  // empty: every unit
    std::vector<std::string> grades;     // empty: every grade
    // Which day's grade, org unit, role and status a run uses (manager_terms):
    // "last_day" of the period (default) or its "first_day", so a manager
    // who left during the period is still evaluated for it.
    std::string org_as_of = "last_day";
};

struct Scheme {
    std::string id;
    std::string title;
    std::string period_type = "any";  // month | quarter | half | year | any
    std::vector<std::string> plugins;
    ScopeSpec scope;
    std::vector<std::pair<std::string, std::vector<std::string>>> grade_groups;  // in file order
    std::vector<ColumnSpec> inputs;
    std::vector<DimensionSpec> dimensions;
    std::vector<AdjustmentSpec> adjustments;
    std::vector<BandSpec> bands;
    std::vector<DistributionSpec> distribution;
    std::vector<RewardSpec> rewards;
    // "data_checks": {"max_null_share": x}: `merit run` warns about a column
    // null for more than this share of the managers in scope (and always
    // about one null for all of them); --strict makes the warning fatal.
    double max_null_share = 0.5;
    // "period_needs_facts": false for a scheme that reads other periods'
    // facts only (a yearly grading on the year before): no warning then
    // about a period without facts.
    bool period_needs_facts = true;

    std::string source;          // file the scheme came from ("" when parsed from text)
    std::string canonical_json;  // keys sorted, no whitespace: what the hash covers
    std::string hash;            // SHA-256 of canonical_json

    // Inputs, then indicators in dimension order: every column of the run.
    std::vector<const ColumnSpec*> columns() const;
    const ColumnSpec* find_column(const std::string& id) const;
    // Index into `bands` of a label; -1 when unknown.
    int band_index(const std::string& label) const;
    // The grade group a grade belongs to; "" when none names it.
    std::string grade_group(const std::string& grade) const;
};

// The weight to use for a manager of `group` ("" = no group).
double effective_weight(double plain, const GradeWeights& by_grade, const std::string& group);

}  // namespace merit
