// Every component the tobacco plugin offers. Each is defined in its own
// file; plugin.cpp registers them under the ids of plugin.json.
#pragma once

#include <merit/plugin.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tobacco {

// Share of the visit standard met by effective visits (five-step check
// passed), per retailer class, pro-rated by the days each retailer was held.
class VisitCompletion : public merit::IndicatorProvider {
public:
    explicit VisitCompletion(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override;

private:
    struct Standard {
        std::string label;
        double per_month;
    };
    std::string visit_metric_;
    double min_steps_;
    std::string class_metric_;
    std::map<long, Standard> standards_;  // by class code
    bool cap_per_retailer_;
};

// Brand groups a forecast is judged by, shared by the forecast components.
struct ForecastGroups {
    explicit ForecastGroups(const merit::Value& params);
    std::vector<std::string> groups;
    std::string forecast_prefix;
    std::string actual_prefix;
};

// 1 − Σ|forecast − actual| ÷ Σ actual over the manager's sample stores
// (floor 0): pooled over every brand group, or per group and combined.
class ForecastAccuracy : public merit::IndicatorProvider {
public:
    enum class Combine { pooled, mean, volume_weighted };
    explicit ForecastAccuracy(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override;

private:
    ForecastGroups groups_;
    Combine combine_ = Combine::pooled;
};

// Share of the required business types and retailer classes present among
// the manager's sample stores.
class SampleCoverage : public merit::IndicatorProvider {
public:
    explicit SampleCoverage(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override;

private:
    ForecastGroups groups_;
    std::vector<std::string> required_types_;
    std::vector<long> required_classes_;
    std::string class_metric_;
};

// Households that passed the market manager's phone spot-checks ÷ checked.
class PhoneCheckPassRate : public merit::IndicatorProvider {
public:
    explicit PhoneCheckPassRate(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override;

private:
    std::string checked_kind_;
    std::string failed_kind_;
};

// Mean score of the work-trace inspections (visit register, monthly work
// book, study notebook) in the period.
class WorkTraceScore : public merit::IndicatorProvider {
public:
    explicit WorkTraceScore(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override;

private:
    std::string kind_;
};

// Complaints and enquiries from the manager's retailers per 100 retailers
// held (lower is better).
class ContactsPerHundred : public merit::IndicatorProvider {
public:
    explicit ContactsPerHundred(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override;

private:
    std::vector<std::string> metrics_;
};

// Order structure of the manager's retailers: high-grade share of cartons
// or value per carton, or its growth against an earlier period.
class OrderStructure : public merit::IndicatorProvider {
public:
    explicit OrderStructure(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override;

private:
    struct Totals {
        double cartons = 0, high_cartons = 0, amount = 0;
    };
    std::map<std::string, Totals> totals(const merit::Context& ctx, const std::string& first,
                                         const std::string& last) const;
    std::optional<double> measure(const Totals& t) const;
    std::string measure_;
    std::vector<std::string> groups_;
    std::vector<std::string> high_groups_;
    std::string carton_prefix_;
    std::string amount_metric_;
    std::string compare_;
};

// The market manager's "1234" method for the month, one part or all four.
class Method1234 : public merit::IndicatorProvider {
public:
    explicit Method1234(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override;

private:
    std::string part_;
    std::string supervised_role_;
    std::string district_kind_;
    std::string assessment_kind_;
    double min_assessments_;
    std::string inspection_kind_;
    double min_inspections_per_district_;
    std::string phone_kind_;
    double min_phone_checks_per_day_;
    std::vector<int> workdays_;
    std::vector<std::string> holidays_;
    std::vector<std::string> extra_workdays_;
    std::string trace_kind_;
    double min_trace_inspections_;
};

// Mean result (total by default) of the customer managers a market manager
// supervises, read from the latest run of the customer-manager scheme.
class SupervisedAverage : public merit::IndicatorProvider {
public:
    explicit SupervisedAverage(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override;

private:
    std::string scheme_;
    std::string supervised_role_;
};

// Monthly performance pay: base by grade × coefficient from a score table.
class PerformancePay : public merit::RewardCalculator {
public:
    explicit PerformancePay(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope) override;

private:
    struct Step {
        double min;
        double coefficient;
    };
    std::map<std::string, double> bases_;
    std::vector<Step> table_;  // highest min first
    std::string column_;
    std::string code_;
    std::string label_;
};

// Deductions for discipline lapses, with the first occurrence of items
// marked for coaching waived (strict on discipline, coaching on mistakes).
class DisciplineDeductions : public merit::RewardCalculator {
public:
    explicit DisciplineDeductions(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope) override;

private:
    struct Item {
        std::string kind;
        std::string label;
        double yuan;
        bool waive_first;
    };
    std::vector<Item> items_;
    std::string limit_to_pay_;
};

// At the last month of a quarter: the top managers of each org unit by the
// quarter's average total, as decisions (and an optional award).
class QuarterlyRecognition : public merit::RewardCalculator {
public:
    explicit QuarterlyRecognition(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope) override;

private:
    double top_per_unit_;
    double min_average_;
    double award_yuan_;
    std::string title_;
};

}  // namespace tobacco
