// Joint accountability (连带问责) of a customer manager and the co-signing risk
// manager, and the 8-level grade ladder's base pay.
#include "banking_fixture.hpp"

namespace merit::banking_test {
namespace {

class JointAccountability : public BankingPlugin {};

TEST_F(JointAccountability, BothCoSignersArePenalisedByCountAndLoss) {
    // One loan of 800,000 turned bad in the quarter. CM1 owns the customer, RM1 co-signed.
    // Penalty each = 1 × (500 × 1 case + 1% × 800,000) = 500 + 8,000 = 8,500 yuan = 850,000 fen.
    // With risk_factor 0.5 the risk manager bears 4,250 yuan. CM2 had no bad loan: no line.
    Scope scope({"CM1", "CM2", "RM1"});
    data_.facts[fact_key("loan_downgraded", "count", "2026-Q1", "", true)] = {{"CM1", 1}};
    data_.facts[fact_key("loan_downgraded", "sum", "2026-Q1", "", true)] = {{"CM1", 800'000}};
    data_.facts[fact_key("loan_downgraded", "count", "2026-Q1", "risk", true)] = {{"RM1", 1}};
    data_.facts[fact_key("loan_downgraded", "sum", "2026-Q1", "risk", true)] = {{"RM1", 800'000}};
    reward("banking.joint_accountability", R"({"per_case": 500, "loss_rate": 0.01})", scope);
    EXPECT_EQ(run_.fen(0, "ja_manager"), -850'000);
    EXPECT_FALSE(run_.fen(1, "ja_manager").has_value());
    EXPECT_EQ(run_.fen(2, "ja_risk"), -850'000);
    EXPECT_FALSE(run_.fen(2, "ja_manager").has_value());
    EXPECT_EQ(run_.decisions.size(), 2u);

    run_.pay.clear();
    reward("banking.joint_accountability", R"({"risk_factor": 0.5})", scope);
    EXPECT_EQ(run_.fen(2, "ja_risk"), -425'000);
    EXPECT_NE(run_.basis(2, "ja_risk").find("0.5 × (500 × 1 cases + 1% × 800000) = 4250"), std::string::npos);

    // Capped at 5,000 yuan per role.
    run_.pay.clear();
    reward("banking.joint_accountability", R"({"cap": 5000})", scope);
    EXPECT_EQ(run_.fen(0, "ja_manager"), -500'000);
}

TEST_F(JointAccountability, OneSideForASchemeThatRatesOneRole) {
    // The same loan of 800,000: a customer managers' scheme penalises CM1 alone (8,500 yuan), a
    // risk managers' scheme RM1 alone; neither traces the other role's cases.
    Scope scope({"CM1", "RM1"});
    data_.facts[fact_key("loan_downgraded", "count", "2026-Q1", "", true)] = {{"CM1", 1}};
    data_.facts[fact_key("loan_downgraded", "sum", "2026-Q1", "", true)] = {{"CM1", 800'000}};
    data_.facts[fact_key("loan_downgraded", "count", "2026-Q1", "risk", true)] = {{"RM1", 1}};
    data_.facts[fact_key("loan_downgraded", "sum", "2026-Q1", "risk", true)] = {{"RM1", 800'000}};
    reward("banking.joint_accountability", R"({"loss_rate": 0.01, "sides": "customer_manager"})", scope);
    EXPECT_EQ(run_.fen(0, "ja_manager"), -850'000);
    EXPECT_FALSE(run_.fen(1, "ja_risk").has_value());
    EXPECT_EQ(run_.decisions.size(), 1u);
    EXPECT_EQ(trace_.columns.count("bad-loan cases as co-signing risk manager"), 0u);

    run_.pay.clear();
    run_.decisions.clear();
    trace_.columns.clear();
    reward("banking.joint_accountability", R"({"loss_rate": 0.01, "sides": "risk_manager"})", scope);
    EXPECT_FALSE(run_.fen(0, "ja_manager").has_value());
    EXPECT_EQ(run_.fen(1, "ja_risk"), -850'000);
    EXPECT_EQ(run_.decisions.size(), 1u);
    EXPECT_EQ(trace_.columns.count("bad-loan cases as customer manager"), 0u);

    EXPECT_THROW(reward("banking.joint_accountability", R"({"sides": "owner"})", scope), std::exception);
}

class GradeLadder : public BankingPlugin {};

constexpr const char* kLadder = R"({
  "ladder": [{"grade": "资深", "base": 6000}, {"grade": "高级一级", "base": 5200},
             {"grade": "高级二级", "base": 4600}, {"grade": "一级", "base": 4000},
             {"grade": "二级", "base": 3600}, {"grade": "三级", "base": 3200},
             {"grade": "四级", "base": 2800}, {"grade": "助理", "base": 2400}],
  "outside": [{"grade": "见习", "base": 2000}],
  "promote_band": "优秀", "demote_band": "不合格"})";

TEST_F(GradeLadder, BaseByGradeForEveryMonthAndPromotionProposals) {
    // A quarter spans 3 months: 高级一级 5,200 × 3 = 15,600 yuan; 助理 2,400 × 3 = 7,200;
    // 见习 2,000 × 3 = 6,000 (outside the ladder: never promoted); 资深 rated 优秀 cannot go higher.
    Scope scope({"A", "B", "C", "D", "E"}, "2026-Q1", "2026-01-01", "2026-03-31",
                {"高级一级", "助理", "见习", "资深", "外聘"});
    run_.texts["rating"] = {"优秀", "不合格", "优秀", "优秀", "良好"};
    reward("banking.grade_ladder", kLadder, scope);
    EXPECT_EQ(run_.fen(0, "base_pay"), 1'560'000);
    EXPECT_EQ(run_.fen(1, "base_pay"), 720'000);
    EXPECT_EQ(run_.fen(2, "base_pay"), 600'000);
    EXPECT_EQ(run_.fen(3, "base_pay"), 1'800'000);
    EXPECT_FALSE(run_.fen(4, "base_pay").has_value());  // not on the ladder: noted, not paid
    EXPECT_TRUE(trace_.noted(4, "is not on the ladder"));
    // Only A moves: 高级一级 rated 优秀 → 资深. B (助理, the bottom rung) cannot go lower.
    ASSERT_EQ(run_.decisions.size(), 1u);
    EXPECT_EQ(run_.decisions[0].row, 0u);
    EXPECT_EQ(run_.decisions[0].value, "资深");

    // A demotion: 二级 rated 不合格 → 三级.
    run_.decisions.clear();
    Scope two({"F"}, "2026-Q1", "2026-01-01", "2026-03-31", {"二级"});
    run_.texts["rating"] = {"不合格"};
    reward("banking.grade_ladder", kLadder, two);
    ASSERT_EQ(run_.decisions.size(), 1u);
    EXPECT_EQ(run_.decisions[0].value, "三级");
}

TEST_F(GradeLadder, BadLadderIsRejected) {
    EXPECT_NE(create_error("banking.grade_ladder", R"({"ladder": []})").find("ladder"), std::string::npos);
    EXPECT_NE(create_error("banking.grade_ladder", R"({"ladder": [{"grade": "一级"}]})").find("base"),
              std::string::npos);
}

}  // namespace
}  // namespace merit::banking_test
