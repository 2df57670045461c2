// The fuel wholesale (成品油批发) components, one class per file; registered
// in fuel_plugin.cpp and described, parameter by parameter, in plugin.json.
#pragma once

#include <merit/plugin.hpp>

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <merit/calendar.hpp>
#include "sales_volume.hpp"

namespace fuel {

// Tonnes sold in the run's period, optionally of some customer types.
class MonthlyVolume : public merit::IndicatorProvider {
public:
    explicit MonthlyVolume(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override;

private:
    VolumeSpec spec_;
};

// Tonnes sold ÷ the sales task (targets.csv) for the run's period.
class TaskCompletion : public merit::IndicatorProvider {
public:
    explicit TaskCompletion(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override;

private:
    VolumeSpec spec_;
    std::string target_;
};

// Tonnes sold in the calendar year before the one the run's period starts in.
class PreviousYearVolume : public merit::IndicatorProvider {
public:
    explicit PreviousYearVolume(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override;

private:
    VolumeSpec spec_;
};

// Training credit points (积分): the quantity of training events over a window.
class TrainingPoints : public merit::IndicatorProvider {
public:
    explicit TrainingPoints(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override;

private:
    std::string kind_;
    std::string window_;
    int months_ = 12;
};

// Daily reports filed on working days ÷ working days (from the hire date).
class ReportCompliance : public merit::IndicatorProvider {
public:
    explicit ReportCompliance(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override;

private:
    std::string kind_;
    merit::WorkCalendar calendar_;
    bool from_hire_date_ = true;
};

// Weighted count of audit findings (sales documents, fund flows, 客存).
class AuditFindings : public merit::IndicatorProvider {
public:
    explicit AuditFindings(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override;

private:
    std::vector<std::pair<std::string, double>> weights_;  // event kind -> points per finding
};

// Σ over customer types of tonnes × per-tonne rate of the completion band.
class SalesCommission : public merit::RewardCalculator {
public:
    explicit SalesCommission(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope) override;

private:
    struct Band {
        std::string label;
        double min = 0;
    };
    struct Rates {
        std::string segment;  // "*" = every customer type not listed
        std::vector<double> per_band;
    };
    VolumeSpec volume_;
    std::string completion_;
    std::vector<Band> bands_;
    std::vector<Rates> rates_;
    int no_task_band_ = 0;
    std::string code_;
    std::string label_;
};

// Post wage by grade + seniority allowance per full year + subsidy by grade.
class BasePay : public merit::RewardCalculator {
public:
    explicit BasePay(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope) override;

private:
    std::vector<std::pair<std::string, double>> post_wage_;
    std::vector<std::pair<std::string, double>> subsidy_;
    double seniority_per_year_ = 0;
    int seniority_max_years_ = 0;  // 0: no cap
    std::string trainee_grade_;
    std::string passed_grade_;
    int trainee_months_ = 3;
    std::string pass_event_;
    std::string grading_scheme_;
    bool prorate_ = true;
    std::string code_;
    std::string label_;
};

// Yearly grading: 见习 / 初级 / 中级 / 高级 and the transfer flag.
class Grading : public merit::RewardCalculator {
public:
    explicit Grading(const merit::Value& params);
    void compute(merit::Context& ctx, const merit::Scope& scope) override;

private:
    struct Standard {
        std::string grade;
        double min_tonnes = 0;
    };
    std::string volume_;
    std::vector<Standard> standards_;  // best first; the last is the 初级 standard
    std::string trainee_grade_;
    int trainee_months_ = 3;
    std::string pass_event_;
    int transfer_after_ = 2;
    bool exempt_partial_year_ = false;  // off: seed 002 counts every grading below 初级
    std::string training_;
    double min_training_ = 0;
};

}  // namespace fuel
