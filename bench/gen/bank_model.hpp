// The synthetic bank the generator draws before writing any file: the
// organisation, its managers and every customer with the story of the
// assessed quarters (who owns it, when it was won, whether it moves to
// another manager or churns, its deposit base and loan).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "random_source.hpp"

namespace bench {

struct Options {
    std::string out;
    int managers = 10000;
    int customers = 500000;
    int quarters = 1;        // assessed quarters from 2026-Q3; 2026-Q2 is the comparison base
    int deposit_every = 10;  // days between deposit observations inside assessed quarters
    std::uint64_t seed = 20260701;
};

enum class Segment { retail, vip, corporate };

struct Manager {
    std::string id, name;
    int sub_branch = 0;
    bool risk = false;
    int grade = 0;  // index into kGrades (risk managers: kRiskGrade)
    const char* status = "active";
    int hired = 0;              // day number
    double quality = 85;        // service quality 0-100: ratings and complaints follow it
    std::vector<double> drive;  // deposit growth per assessed quarter (0.04 = +4 %)
    double book_base = 0;       // sum of owned customers' base deposits: the target's basis
};

struct Loan {
    double amount = 0;
    int start = 0;  // day number the loan was issued (may precede the data)
};

struct Customer {
    int owner = -1, co_owner = -1, new_owner = -1;  // manager indices; -1: none
    int move_day = 0;                               // new_owner takes over on this day
    Segment segment = Segment::retail;
    double base = 0;    // deposit balance when the data starts (or when won)
    int since = 0;      // first assigned (the bank won the customer)
    int churn_day = 0;  // 0: never; else balances collapse from this day
    bool has_loan = false;
    Loan loan;
};

inline constexpr std::array<const char*, 9> kGrades{"资深", "高级一级", "高级二级", "一级", "二级",
                                                    "三级", "四级",     "助理",     "见习"};
inline constexpr const char* kRiskGrade = "风险经理";

struct Bank {
    Options options;
    int first_year = 2026, first_quarter = 3;
    int opening_day = 0;              // the day before the comparison quarter: opening balances
    int base_start = 0;               // first day of the comparison quarter
    std::vector<int> quarter_starts;  // assessed quarters, plus one past the last
    int sub_branches = 0, branches = 0;
    std::vector<Manager> managers;
    std::vector<std::vector<int>> customer_managers_of_sub;  // not left, by sub-branch
    std::vector<Customer> customers;

    int last_day() const { return quarter_starts.back() - 1; }
    // Index of the assessed quarter holding `day`, -1 for the comparison quarter.
    int assessed_quarter(int day) const;
    std::string quarter_name(int index) const;  // assessed quarter index -> "2026-Q3"
};

// Draws the organisation, managers and customers.
Bank draw_bank(const Options& options);

}  // namespace bench
