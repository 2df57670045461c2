// Customer-level indicators read through SQL over the real workspace schema:
// new effective customers, churn, tier upgrades, cross-sell and customers kept.
#include "banking_fixture.hpp"

namespace merit::banking_test {
namespace {

class CustomerBook : public BankingPlugin {
protected:
    // Quarter 2026-Q1; the opening day is 2025-12-31.
    //   C1 owned by M1 since 2025, aum 100,000 → 600,000 (tier 1 → tier 2 with thresholds 50k/500k)
    //   C2 owned by M1 since 2025, aum 200,000 → 10,000 (below 10% of the opening: churned)
    //   C3 new on 2026-02-10 to M1, aum 80,000 at end (effective with min 50,000)
    //   C4 new on 2026-03-01 to M1, aum 1,000 (not effective)
    //   C5 owned by M1 until 2026-01-31, then M2: left M1's book (churned for M1); new to no one
    //   C6 co_owned by M2 since 2025, aum 40,000 → 45,000
    void SetUp() override {
        data_.exec(R"(
          INSERT INTO org_units(id, name) VALUES ('SUB1', '支行');
          INSERT INTO managers(id, name, org_unit_id) VALUES ('M1', '甲', 'SUB1'), ('M2', '乙', 'SUB1');
          INSERT INTO customers(id) VALUES ('C1'), ('C2'), ('C3'), ('C4'), ('C5'), ('C6');
          INSERT INTO assignments(customer_id, manager_id, share, role, valid_from, valid_to) VALUES
            ('C1', 'M1', 1, 'owner', '2025-03-01', NULL),
            ('C2', 'M1', 1, 'owner', '2025-03-01', NULL),
            ('C3', 'M1', 1, 'owner', '2026-02-10', NULL),
            ('C4', 'M1', 1, 'owner', '2026-03-01', NULL),
            ('C5', 'M1', 1, 'owner', '2025-05-01', '2026-01-31'),
            ('C5', 'M2', 1, 'owner', '2026-02-01', NULL),
            ('C6', 'M2', 0.5, 'co_owner', '2025-06-01', NULL);
          INSERT INTO facts(entity, metric, entity_id, date, value) VALUES
            ('customer', 'aum', 'C1', '2025-12-31', 100000), ('customer', 'aum', 'C1', '2026-03-15', 600000),
            ('customer', 'aum', 'C2', '2025-11-30', 200000), ('customer', 'aum', 'C2', '2026-03-31', 10000),
            ('customer', 'aum', 'C3', '2026-02-10', 80000),
            ('customer', 'aum', 'C4', '2026-03-01', 1000),
            ('customer', 'aum', 'C5', '2025-12-31', 300000),
            ('customer', 'aum', 'C6', '2025-12-31', 40000), ('customer', 'aum', 'C6', '2026-03-31', 45000),
            ('customer', 'holds_card', 'C1', '2025-03-01', 1), ('customer', 'holds_wealth', 'C1', '2026-01-05', 200000),
            ('customer', 'holds_card', 'C2', '2025-03-01', 1), ('customer', 'holds_wealth', 'C2', '2026-01-05', 0),
            ('customer', 'holds_card', 'C3', '2026-02-10', 1);
        )");
    }
};

TEST_F(CustomerBook, NewEffectiveCustomersAreFirstAssignedInThePeriodAboveTheThreshold) {
    // M1: C3 (80,000 >= 50,000) counts, C4 (1,000) does not. M2: C5 was first assigned in 2025: not new.
    Scope scope({"M1", "M2"});
    const auto value = provide("banking.new_effective_customers", R"({"min_balance": 50000})", scope);
    EXPECT_DOUBLE_EQ(*value[0], 1.0);
    EXPECT_DOUBLE_EQ(*value[1], 0.0);
}

TEST_F(CustomerBook, ChurnIsTheShareOfOpeningCustomersLostOrGone) {
    // M1 opening book on 2025-12-31: C1 100,000, C2 200,000, C5 300,000 → base 3.
    //   C2 fell to 10,000 < 10% × 200,000 = 20,000: lost. C5 left M1's book: lost. 2/3 = 66.67%.
    // M2 opening book: C6 (co_owner) 40,000 → 45,000: kept. 0/1 = 0%.
    Scope scope({"M1", "M2"});
    const auto value = provide("banking.churn_rate", "{}", scope);
    EXPECT_NEAR(*value[0], 200.0 / 3.0, 1e-9);
    EXPECT_DOUBLE_EQ(*value[1], 0.0);
}

TEST_F(CustomerBook, TierUpgradesCountCustomersOnTheBookAtBothEnds) {
    // Thresholds 50,000 / 500,000: C1 100,000 (tier 1) → 600,000 (tier 2): upgraded.
    // C2 fell; C3/C4 are new (not upgrades). M1: 1. M2: C6 40,000 (tier 0) → 45,000 (tier 0): 0.
    Scope scope({"M1", "M2"});
    const auto value = provide("banking.tier_upgrades", R"({"thresholds": [50000, 500000]})", scope);
    EXPECT_DOUBLE_EQ(*value[0], 1.0);
    EXPECT_DOUBLE_EQ(*value[1], 0.0);
    EXPECT_NE(
        create_error("banking.tier_upgrades", R"({"thresholds": [500000, 50000]})").find("thresholds[1]"),
        std::string::npos);
}

TEST_F(CustomerBook, CrossSellAsAverageAndAsShare) {
    // M1's book at 2026-03-31: C1 (card, wealth 200,000) = 2, C2 (card, wealth 0) = 1, C3 (card) = 1,
    // C4 (nothing) = 0 → 4 products / 4 customers = 1.0; holding >= 2: C1 only → 25%.
    Scope scope({"M1"});
    EXPECT_DOUBLE_EQ(
        *provide("banking.cross_sell", R"({"products": ["holds_card", "holds_wealth"]})", scope)[0], 1.0);
    EXPECT_DOUBLE_EQ(
        *provide("banking.cross_sell", R"({"products": ["holds_card", "holds_wealth"], "measure": "share"})",
                 scope)[0],
        25.0);
}

TEST_F(CustomerBook, CustomersKeptReachTheMinimumBalance) {
    // M1 at 2026-03-31 holds C1 600,000, C2 10,000, C3 80,000, C4 1,000: >= 50,000 → 2.
    Scope scope({"M1"});
    EXPECT_DOUBLE_EQ(
        *provide("banking.customers_held", R"({"metric": "aum", "min_balance": 50000})", scope)[0], 2.0);
}

}  // namespace
}  // namespace merit::banking_test
