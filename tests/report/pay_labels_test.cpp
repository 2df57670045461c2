// Reports label every pay line and decision with the reward's name from the
// scheme in the report's language (issue 21 point 4), and a manager's role by
// its declared name.
#include <gtest/gtest.h>

#include "report/report_model.hpp"

namespace merit::report {
namespace {

PayLine pay(int64_t seq, const std::string& reward, const std::string& code, const std::string& label) {
    PayLine p;
    p.seq = seq;
    p.reward = reward;
    p.code = code;
    p.label = label;
    return p;
}

DecisionLine decision(const std::string& reward, const std::string& kind) {
    DecisionLine d;
    d.reward = reward;
    d.kind = kind;
    return d;
}

// commission pays one code with the calculator's English default label;
// fines pays two codes; grade decides twice, of two kinds.
Report report(Lang lang) {
    RunData data;
    data.run.id = 7;
    data.run.scheme_json = R"({"scheme": "agency", "rewards": [
        {"id": "commission", "name": "销售提成", "name_en": "Sales commission"},
        {"id": "fines", "name": "违纪罚款"},
        {"id": "grade", "name": "定级"}]})";
    ManagerResult m;
    m.manager_id = "A1";
    m.pay = {pay(0, "commission", "commission", "commission"), pay(1, "fines", "fine:late", "迟到"),
             pay(2, "fines", "fine:leak", "泄密")};
    m.decisions = {decision("grade", "promotion"), decision("grade", "gate")};
    data.managers.push_back(m);
    return build_report(std::move(data), lang);
}

TEST(PayLabels, APayLineIsLabelledWithItsRewardsName) {
    const Report zh = report(Lang::zh), en = report(Lang::en);
    EXPECT_EQ(zh.pay_label("commission", "commission", "commission"), "销售提成");
    EXPECT_EQ(en.pay_label("commission", "commission", "commission"), "Sales commission");
    // Several codes of one reward: the reward's name, then the line's label
    // (in English the code made readable when the label is not ASCII).
    EXPECT_EQ(zh.pay_label("fines", "fine:late", "迟到"), "违纪罚款 · 迟到");
    EXPECT_EQ(en.pay_label("fines", "fine:late", "迟到"), "Fines · Fine:late");
    // A reward the scheme does not name (a stored run of an older scheme): its id.
    EXPECT_EQ(zh.pay_label("bonus", "bonus", "bonus pool share"), "bonus");
}

TEST(PayLabels, ADecisionIsLabelledWithItsRewardsName) {
    const Report zh = report(Lang::zh), en = report(Lang::en);
    EXPECT_EQ(zh.decision_label("grade", "promotion"), "定级 · promotion");
    EXPECT_EQ(en.decision_label("grade", "gate"), "Grade · Gate");
    EXPECT_EQ(zh.decision_label("commission", "gate"), "销售提成");  // one kind only: the name alone
}

TEST(PayLabels, ARoleShowsByItsDeclaredNameElseTheBuiltInOnes) {
    const Report zh = report(Lang::zh), en = report(Lang::en);
    ManagerResult agent;
    agent.role = "agent";
    agent.role_name = "代理人";
    agent.role_name_en = "Agent";
    EXPECT_EQ(zh.role_label(agent), "代理人");
    EXPECT_EQ(en.role_label(agent), "Agent");
    ManagerResult risk;
    risk.role = "risk_manager";
    EXPECT_EQ(zh.role_label(risk), "风险经理");
    EXPECT_EQ(en.role_label(risk), "Risk manager");
    ManagerResult gone;  // a role since retracted: the id
    gone.role = "team_lead";
    EXPECT_EQ(zh.role_label(gone), "team_lead");
    EXPECT_EQ(en.role_label(gone), "Team lead");
}

}  // namespace
}  // namespace merit::report
