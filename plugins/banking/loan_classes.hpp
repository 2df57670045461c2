// The five-tier loan classification (五级分类): which stock metric holds each
// class's balance, and the provisioning rates of the three non-performing
// classes (次级 30%, 可疑 50%, 损失 100% by default, from seed 001).
#pragma once

#include <merit/plugin.hpp>

#include <array>
#include <optional>
#include <string>

namespace banking {

enum LoanClass { normal = 0, special_mention, substandard, doubtful, loss };
inline constexpr std::array<const char*, 5> kLoanClassNames{"normal", "special_mention", "substandard",
                                                            "doubtful", "loss"};

struct LoanClasses {
    std::array<std::string, 5> metrics{"loan_normal", "loan_special_mention", "loan_substandard",
                                       "loan_doubtful", "loan_loss"};
    // Provision rates of substandard, doubtful, loss (normal and special mention carry none here).
    double substandard_rate = 0.30;
    double doubtful_rate = 0.50;
    double loss_rate = 1.00;
    // Attribute loans through this assignment role instead of the owners, with
    // whole amounts: "risk" gives the book a risk manager co-signed.
    std::optional<std::string> assignment_role;

    // Reads params.classes (object class -> metric), params.provision_rates
    // and params.assignment_role.
    static LoanClasses from(const merit::Value& params);

    // One column per class, aggregated as asked, attributed to owners.
    std::array<merit::Column, 5> balances(const merit::Context& ctx, const merit::Scope& scope,
                                          merit_aggregation aggregation,
                                          const std::optional<std::string>& period = std::nullopt) const;

    // substandard × rate + doubtful × rate + loss × rate, in yuan.
    double provision(double substandard_balance, double doubtful_balance, double loss_balance) const;
    // The same formula written out with the numbers, for explain notes.
    std::string provision_formula(double substandard_balance, double doubtful_balance,
                                  double loss_balance) const;
};

}  // namespace banking
