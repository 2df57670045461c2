// One virtual-profit quarter (seed 001) with every term worked by hand, the
// RAROC built on the same terms, and the quarterly virtual-profit bonus.
#include "banking_fixture.hpp"

namespace merit::banking_test {
namespace {

class VirtualProfitQuarter : public BankingPlugin {
protected:
    // 2026-Q1 is 90 days; with actual/360 every annual rate applies for 90/360 = 1/4 year.
    //
    // M1 (deposits above loans):
    //   旬均 deposits 12,000,000; 旬均 loans 8,000,000 + 500,000 + 300,000 + 150,000 + 50,000 = 9,000,000
    //   interest 120,000; intermediate 10,000 + 5,000 + 3,000 + 2,000 + 1,000 = 21,000; intl settlement 4,000
    //   lending-out = (12,000,000 − 9,000,000) × 2.5% × 1/4 = 18,750
    //   income      = 120,000 + 21,000 + 4,000 + 18,750 = 163,750
    //   deposit cost = 12,000,000 × 1.5% × 1/4 = 45,000; shortfall 0; funding cost 45,000
    //   provision at end: 400,000×30% + 100,000×50% + 20,000×100% = 120,000 + 50,000 + 20,000 = 190,000
    //   provision at end of 2025-Q4: 300,000×30% + 100,000×50% + 0 = 140,000
    //   loan loss = 190,000 − 140,000 = 50,000
    //   virtual profit = 163,750 − 45,000 − 50,000 = 68,750
    // M2 (loans above deposits):
    //   deposits 2,000,000; loans 5,000,000 (all normal); interest 60,000, no fees
    //   lending-out 0; income 60,000
    //   deposit cost 2,000,000 × 1.5% × 1/4 = 7,500; shortfall (5,000,000 − 2,000,000) × 3% × 1/4 = 22,500
    //   funding 30,000; loan loss 0; virtual profit = 60,000 − 30,000 − 0 = 30,000
    void SetUp() override {
        const std::string q = "2026-Q1";
        data_.facts[fact_key("deposit", "xun_avg", q)] = {{"M1", 12'000'000}, {"M2", 2'000'000}};
        data_.facts[fact_key("loan_normal", "xun_avg", q)] = {{"M1", 8'000'000}, {"M2", 5'000'000}};
        data_.facts[fact_key("loan_special_mention", "xun_avg", q)] = {{"M1", 500'000}};
        data_.facts[fact_key("loan_substandard", "xun_avg", q)] = {{"M1", 300'000}};
        data_.facts[fact_key("loan_doubtful", "xun_avg", q)] = {{"M1", 150'000}};
        data_.facts[fact_key("loan_loss", "xun_avg", q)] = {{"M1", 50'000}};
        data_.facts[fact_key("loan_interest", "sum", q)] = {{"M1", 120'000}, {"M2", 60'000}};
        data_.facts[fact_key("fee_wealth", "sum", q)] = {{"M1", 10'000}};
        data_.facts[fact_key("fee_fund", "sum", q)] = {{"M1", 5'000}};
        data_.facts[fact_key("fee_insurance", "sum", q)] = {{"M1", 3'000}};
        data_.facts[fact_key("fee_settlement", "sum", q)] = {{"M1", 2'000}};
        data_.facts[fact_key("fee_agency", "sum", q)] = {{"M1", 1'000}};
        data_.facts[fact_key("intl_settlement_income", "sum", q)] = {{"M1", 4'000}};
        data_.facts[fact_key("loan_normal", "end", q)] = {{"M1", 8'000'000}, {"M2", 5'000'000}};
        data_.facts[fact_key("loan_special_mention", "end", q)] = {{"M1", 480'000}};
        data_.facts[fact_key("loan_substandard", "end", q)] = {{"M1", 400'000}};
        data_.facts[fact_key("loan_doubtful", "end", q)] = {{"M1", 100'000}};
        data_.facts[fact_key("loan_loss", "end", q)] = {{"M1", 20'000}};
        data_.facts[fact_key("loan_normal", "end", "2025-Q4")] = {{"M1", 8'000'000}, {"M2", 5'000'000}};
        data_.facts[fact_key("loan_special_mention", "end", "2025-Q4")] = {};
        data_.facts[fact_key("loan_substandard", "end", "2025-Q4")] = {{"M1", 300'000}};
        data_.facts[fact_key("loan_doubtful", "end", "2025-Q4")] = {{"M1", 100'000}};
        data_.facts[fact_key("loan_loss", "end", "2025-Q4")] = {};
    }
};

TEST_F(VirtualProfitQuarter, EveryTermIsComputedAndTraced) {
    Scope scope({"M1", "M2"});
    const auto vp = provide("banking.virtual_profit", "{}", scope);
    EXPECT_DOUBLE_EQ(*vp[0], 68'750.0);
    EXPECT_DOUBLE_EQ(*vp[1], 30'000.0);

    EXPECT_DOUBLE_EQ(trace_.at("deposits (deposit, average)", 0), 12'000'000.0);
    EXPECT_DOUBLE_EQ(trace_.at("loans (five classes, average)", 0), 9'000'000.0);
    EXPECT_DOUBLE_EQ(trace_.at("interest income", 0), 120'000.0);
    EXPECT_DOUBLE_EQ(trace_.at("intermediate income", 0), 21'000.0);
    EXPECT_DOUBLE_EQ(trace_.at("international settlement income", 0), 4'000.0);
    EXPECT_DOUBLE_EQ(trace_.at("lending-out income", 0), 18'750.0);
    EXPECT_DOUBLE_EQ(trace_.at("business income", 0), 163'750.0);
    EXPECT_DOUBLE_EQ(trace_.at("deposit cost", 0), 45'000.0);
    EXPECT_DOUBLE_EQ(trace_.at("shortfall cost", 0), 0.0);
    EXPECT_DOUBLE_EQ(trace_.at("funding cost", 0), 45'000.0);
    EXPECT_DOUBLE_EQ(trace_.at("provision at period end", 0), 190'000.0);
    EXPECT_DOUBLE_EQ(trace_.at("provision at previous period end", 0), 140'000.0);
    EXPECT_DOUBLE_EQ(trace_.at("loan loss", 0), 50'000.0);
    EXPECT_DOUBLE_EQ(trace_.at("shortfall cost", 1), 22'500.0);
    EXPECT_DOUBLE_EQ(trace_.at("deposit cost", 1), 7'500.0);
    EXPECT_TRUE(
        trace_.noted(0, "virtual profit = income 163750 − funding cost 45000 − loan loss 50000 = 68750"));
    EXPECT_TRUE(
        trace_.noted(1, "shortfall cost = max(loans 5000000 − deposits 2000000, 0) × 3% × 90/360 = 22500"));
}

TEST_F(VirtualProfitQuarter, DayCountAndLevelBasisAreParameters) {
    // actual/365, loss at level: M2 deposit cost = 2,000,000 × 1.5% × 90/365 = 7,397.2603 ...,
    // shortfall = 3,000,000 × 3% × 90/365 = 22,191.7808 ...; VP = 60,000 − 29,589.0411 = 30,410.9589.
    // M1 with level basis: loan loss = the full 190,000.
    Scope scope({"M1", "M2"});
    const auto vp =
        provide("banking.virtual_profit", R"({"day_count": 365, "loan_loss_basis": "level"})", scope);
    EXPECT_NEAR(*vp[1], 60'000.0 - 3'000'000.0 * 0.03 * 90 / 365 - 2'000'000.0 * 0.015 * 90 / 365, 1e-6);
    EXPECT_NEAR(*vp[1], 30'410.9589, 1e-4);
    EXPECT_DOUBLE_EQ(trace_.at("loan loss", 0), 190'000.0);
    EXPECT_NE(create_error("banking.virtual_profit", R"({"day_count": 364})").find("day_count"),
              std::string::npos);
}

TEST_F(VirtualProfitQuarter, RarocIsAnnualisedReturnAfterExpectedLossOverCapital) {
    // M1: expected loss (annual EL rates on period-end classes) × 1/4:
    //   8,000,000×0.5% + 480,000×3% + 400,000×30% + 100,000×50% + 20,000×100%
    //   = 40,000 + 14,400 + 120,000 + 50,000 + 20,000 = 244,400 → × 1/4 = 61,100
    //   return = 163,750 − 45,000 − 61,100 = 57,650; capital = 9,000,000 × 8% = 720,000
    //   RAROC = 57,650 / 720,000 × 4 × 100 = 32.027777...%
    // M2: EL = 5,000,000 × 0.5% × 1/4 = 6,250; return = 60,000 − 30,000 − 6,250 = 23,750;
    //   capital 400,000 → 23,750 / 400,000 × 4 × 100 = 23.75%
    Scope scope({"M1", "M2"});
    const auto raroc = provide("banking.raroc", "{}", scope);
    EXPECT_NEAR(*raroc[0], 57'650.0 / 720'000.0 * 400.0, 1e-9);
    EXPECT_NEAR(*raroc[1], 23.75, 1e-9);
}

TEST_F(VirtualProfitQuarter, BonusIsAShareOfPositiveProfitGatedByTotal) {
    // 5% of 68,750 = 3,437.50 yuan = 343,750 fen. M2: 5% × 30,000 = 1,500 but total 0 (a veto) < 60: 0.
    // M3: virtual profit −2,000: nothing.
    Scope scope({"M1", "M2", "M3"});
    run_.columns["virtual_profit"] = {{"M1", 68'750}, {"M2", 30'000}, {"M3", -2'000}};
    run_.columns["total"] = {{"M1", 88}, {"M2", 0}, {"M3", 75}};
    reward("banking.virtual_profit_bonus", R"({"rate": 0.05, "min_total": 60})", scope);
    EXPECT_EQ(run_.fen(0, "vp_bonus"), 343'750);
    EXPECT_EQ(run_.fen(1, "vp_bonus"), 0);
    EXPECT_EQ(run_.fen(2, "vp_bonus"), 0);
    EXPECT_NE(run_.basis(0, "vp_bonus").find("68750 × 5% = 3437.5"), std::string::npos);
}

}  // namespace
}  // namespace merit::banking_test
