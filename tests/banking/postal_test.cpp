// Postal savings big-customer centre (seed 003): the 1‰ commission on a new
// balance high and the level with its base pay.
#include "banking_fixture.hpp"

namespace merit::banking_test {
namespace {

class Postal : public BankingPlugin {
protected:
    void balances(const Cells& end, const Cells& earlier_high) {
        data_.facts[fact_key("deposit", "end", "2026-07")] = end;
        data_.facts[fact_key("deposit", "max_end", "2026-07")] = earlier_high;
    }
};

TEST_F(Postal, CommissionIsOnePerMilleOfTheGainOverTheEarlierHighOnlyOnANewHigh) {
    // P1: (3,200,000 − 3,100,000) × 1‰ = 100 yuan = 10,000 fen.
    // P2: 3,050,000 is below the earlier high 3,100,000: 0.
    // P3: no earlier month on record: nothing to beat, no line.
    Scope scope({"P1", "P2", "P3"}, "2026-07", "2026-07-01", "2026-07-31");
    balances({{"P1", 3'200'000}, {"P2", 3'050'000}, {"P3", 900'000}}, {{"P1", 3'100'000}, {"P2", 3'100'000}});
    reward("banking.new_high_commission", "{}", scope);
    EXPECT_EQ(run_.fen(0, "high_commission"), 10'000);
    EXPECT_EQ(run_.fen(1, "high_commission"), 0);
    EXPECT_FALSE(run_.fen(2, "high_commission").has_value());
    EXPECT_NE(run_.basis(0, "high_commission").find("(3200000 − earlier high 3100000) × 1‰ = 100.00 yuan"),
              std::string::npos);
    // The high carried forward: P1 3,200,000 (new), P2 stays 3,100,000, P3 starts at 900,000.
    EXPECT_EQ(run_.state_out.at("balance_high").at("P1"), 3'200'000);
    EXPECT_EQ(run_.state_out.at("balance_high").at("P2"), 3'100'000);
    EXPECT_EQ(run_.state_out.at("balance_high").at("P3"), 900'000);
}

TEST_F(Postal, CarriedHighCountsWhenHigherThanTheFactHistory) {
    // Earlier runs recorded a high of 3,180,000 that the facts no longer show (3,100,000):
    // the gain is 3,200,000 − 3,180,000 = 20,000 → 20 yuan = 2,000 fen.
    Scope scope({"P1"}, "2026-07", "2026-07-01", "2026-07-31");
    balances({{"P1", 3'200'000}}, {{"P1", 3'100'000}});
    run_.state_in["balance_high"] = {{"P1", 3'180'000}};
    reward("banking.new_high_commission", "{}", scope);
    EXPECT_EQ(run_.fen(0, "high_commission"), 2'000);
}

constexpr const char* kLevels = R"({
  "customers_indicator": "customers_kept", "balance_indicator": "balance",
  "levels": [{"level": "一级", "min_customers": 60, "min_balance": 80000000, "base": 2400},
             {"level": "二级", "min_customers": 55, "min_balance": 60000000, "base": 2000},
             {"level": "三级", "min_customers": 50, "min_balance": 40000000, "base": 1600},
             {"level": "四级", "min_customers": 40, "min_balance": 30000000, "base": 1200},
             {"level": "五级", "min_customers": 30, "min_balance": 15000000, "base": 900}],
  "fallback": {"level": "见习", "base": 700}})";

TEST_F(Postal, FortyCustomersWithThirtyToFortyMillionIsLevelFourAt1200AMonth) {
    // L1: 40 customers, 35,000,000 → 四级 (三级 needs 50 and 40,000,000): 1,200 yuan for one month.
    // L2: 40 customers, 39,990,000 → still 四级. L3: 39 customers, 35,000,000 → 五级 900.
    // L4: 10 customers → 见习 700. A quarter would pay 1,200 × 3.
    Scope scope({"L1", "L2", "L3", "L4"}, "2026-07", "2026-07-01", "2026-07-31");
    run_.columns["customers_kept"] = {{"L1", 40}, {"L2", 40}, {"L3", 39}, {"L4", 10}};
    run_.columns["balance"] = {{"L1", 35'000'000}, {"L2", 39'990'000}, {"L3", 35'000'000}, {"L4", 2'000'000}};
    reward("banking.postal_level", kLevels, scope);
    EXPECT_EQ(run_.fen(0, "base_pay"), 120'000);
    EXPECT_EQ(run_.fen(1, "base_pay"), 120'000);
    EXPECT_EQ(run_.fen(2, "base_pay"), 90'000);
    EXPECT_EQ(run_.fen(3, "base_pay"), 70'000);
    EXPECT_EQ(run_.decisions.at(0).value, "四级");
    EXPECT_EQ(run_.decisions.at(2).value, "五级");
    EXPECT_EQ(run_.decisions.at(3).value, "见习");

    run_.pay.clear();
    Scope quarter({"L1"}, "2026-Q3", "2026-07-01", "2026-09-30");
    reward("banking.postal_level", kLevels, quarter);
    EXPECT_EQ(run_.fen(0, "base_pay"), 360'000);
}

}  // namespace
}  // namespace merit::banking_test
