// Loan-loss provision, NPL ratio and bad-loan attribution, with numbers worked by hand.
#include "banking_fixture.hpp"

namespace merit::banking_test {
namespace {

class LoanQuality : public BankingPlugin {
protected:
    // Period-end balances of the five classes for one period.
    void classes(const std::string& period, const Cells& normal, const Cells& special, const Cells& sub,
                 const Cells& doubtful, const Cells& loss) {
        data_.facts[fact_key("loan_normal", "end", period)] = normal;
        data_.facts[fact_key("loan_special_mention", "end", period)] = special;
        data_.facts[fact_key("loan_substandard", "end", period)] = sub;
        data_.facts[fact_key("loan_doubtful", "end", period)] = doubtful;
        data_.facts[fact_key("loan_loss", "end", period)] = loss;
    }
};

TEST_F(LoanQuality, ProvisionIsThirtyFiftyHundredPercentOfTheBadClasses) {
    // The issue's case: substandard 1,000,000 × 30% = 300,000
    //                 + doubtful     200,000 × 50% = 100,000
    //                 + loss          50,000 × 100% =  50,000   → 450,000 yuan.
    // M2 holds no bad loans: 0. M3 has no loan facts at all: 0, not null.
    Scope scope({"M1", "M2", "M3"});
    classes("2026-Q1", {{"M1", 5'000'000}, {"M2", 800'000}}, {{"M1", 0}, {"M2", 0}},
            {{"M1", 1'000'000}, {"M2", 0}}, {{"M1", 200'000}, {"M2", 0}}, {{"M1", 50'000}, {"M2", 0}});
    const auto value = provide("banking.loan_loss_provision", "{}", scope);
    EXPECT_DOUBLE_EQ(*value[0], 450'000.0);
    EXPECT_DOUBLE_EQ(*value[1], 0.0);
    EXPECT_DOUBLE_EQ(*value[2], 0.0);
    EXPECT_TRUE(trace_.noted(0, "1000000×30% + 200000×50% + 50000×100% = 450000"));
}

TEST_F(LoanQuality, RatesAreParametersAndChangeBasisGivesRecoveriesBack) {
    // Rates 25/50/100: this quarter substandard 1,000,000 → 250,000, doubtful 200,000 → 100,000,
    // loss 50,000 → 50,000 = 400,000. Last quarter (2025-Q4) M1 held substandard 2,000,000 → 500,000:
    // change = 400,000 − 500,000 = −100,000 (the upgrade gives 100,000 back).
    Scope scope({"M1"});
    classes("2026-Q1", {{"M1", 0}}, {{"M1", 0}}, {{"M1", 1'000'000}}, {{"M1", 200'000}}, {{"M1", 50'000}});
    classes("2025-Q4", {{"M1", 0}}, {{"M1", 0}}, {{"M1", 2'000'000}}, {{"M1", 0}}, {{"M1", 0}});
    const auto value = provide("banking.loan_loss_provision",
                               R"({"basis": "change", "provision_rates": {"substandard": 0.25}})", scope);
    EXPECT_DOUBLE_EQ(*value[0], -100'000.0);
}

TEST_F(LoanQuality, NplRatioIsBadOverAllFiveClassesAndNullWithoutLoans) {
    // M1: bad = 300,000 + 100,000 + 100,000 = 500,000 of 10,000,000 → 5%.
    Scope scope({"M1", "M2"});
    classes("2026-Q1", {{"M1", 9'000'000}}, {{"M1", 500'000}}, {{"M1", 300'000}}, {{"M1", 100'000}},
            {{"M1", 100'000}});
    const auto value = provide("banking.npl_ratio", "{}", scope);
    EXPECT_DOUBLE_EQ(*value[0], 5.0);
    EXPECT_FALSE(value[1].has_value());
}

TEST_F(LoanQuality, BadLoansAreAttributedToOwnerOrRiskCoSignerWithWholeAmounts) {
    // loan_downgraded is booked on customers; the risk side asks through role "risk", no shares.
    Scope scope({"CM1", "RM1"});
    data_.facts[fact_key("loan_downgraded", "count", "2026-Q1", "", true)] = {{"CM1", 2}};
    data_.facts[fact_key("loan_downgraded", "count", "2026-Q1", "risk", true)] = {{"RM1", 2}};
    EXPECT_DOUBLE_EQ(*provide("banking.bad_loans", R"({"measure": "count"})", scope)[0], 2.0);
    const auto risk = provide("banking.bad_loans", R"({"measure": "count", "role": "risk"})", scope);
    EXPECT_DOUBLE_EQ(*risk[0], 0.0);
    EXPECT_DOUBLE_EQ(*risk[1], 2.0);

    // Ratio: 600,000 turned bad of 8,000,000 held at the end of 2025-Q4 → 7.5%.
    data_.facts[fact_key("loan_downgraded", "sum", "2026-Q1", "", true)] = {{"CM1", 600'000}};
    for (const char* metric : {"loan_normal", "loan_special_mention", "loan_substandard", "loan_doubtful"})
        data_.facts[fact_key(metric, "end", "2025-Q4", "", true)] = {{"CM1", 2'000'000}};
    data_.facts[fact_key("loan_loss", "end", "2025-Q4", "", true)] = {};
    EXPECT_DOUBLE_EQ(*provide("banking.bad_loans", R"({"measure": "ratio"})", scope)[0], 7.5);
}

TEST_F(LoanQuality, BadParametersNameTheirJsonPath) {
    EXPECT_NE(create_error("banking.npl_ratio", R"({"classes": {"sub": "x"}})").find("params.classes.sub"),
              std::string::npos);
    EXPECT_NE(create_error("banking.loan_loss_provision", R"({"provision_rates": {"substandard": -0.3}})")
                  .find("substandard"),
              std::string::npos);
    EXPECT_NE(create_error("banking.loan_loss_provision", R"({"basis": "delta"})").find("basis"),
              std::string::npos);
}

}  // namespace
}  // namespace merit::banking_test
