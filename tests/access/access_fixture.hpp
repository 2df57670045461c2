// A small organisation for the access and workflow tests: branch BR01 with
// sub-branches SB01 and SB02 (SB01 has a desk SB01A below it), four managers,
// and one user of each role. Acting as someone is set_current_actor().
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "access/users.hpp"
#include "import/scratch_workspace.hpp"
#include "store/actor.hpp"
#include "store/sqlite.hpp"

namespace merit::testing {

class AccessFixture : public ::testing::Test {
protected:
    void SetUp() override { fresh_workspace(); }
    // A new workspace with the organisation and users below (the old one is
    // removed).
    virtual void fresh_workspace() {
        set_current_actor(operator_actor());
        scratch_ = std::make_unique<ScratchWorkspace>();
        exec(db(), R"sql(
INSERT INTO org_units (id, name, parent_id, kind) VALUES
  ('BR01', '东城分行', NULL, 'branch'), ('SB01', '城南支行', 'BR01', 'sub_branch'),
  ('SB01A', '城南支行营业部', 'SB01', 'desk'), ('SB02', '城北支行', 'BR01', 'sub_branch');
INSERT INTO managers (id, name, org_unit_id, role, grade, status) VALUES
  ('CM01', '赵建国', 'SB01', 'customer_manager', '资深', 'active'),
  ('CM02', '钱晓梅', 'SB01A', 'customer_manager', '资深', 'active'),
  ('CM06', '吴国栋', 'SB02', 'customer_manager', '高级一级', 'active'),
  ('CM07', '郑丽华', 'SB02', 'customer_manager', '高级二级', 'active');
)sql");
        add({"hr", "人力资源部 王芳", "hr_admin", "", "", true, ""});
        add({"sup1", "城南支行长 李强", "supervisor", "SB01", "", true, ""});
        add({"sup2", "城北支行长 陈刚", "supervisor", "SB02", "", true, ""});
        add({"cm01", "赵建国", "manager", "", "CM01", true, ""});
        add({"cm02", "钱晓梅", "manager", "", "CM02", true, ""});
        add({"cm06", "吴国栋", "manager", "", "CM06", true, ""});
        add({"com1", "评估小组 周敏", "committee", "", "", true, ""});
        add({"com2", "评估小组 孙伟", "committee", "", "", true, ""});
        add({"pay", "薪酬组 刘洋", "payroll", "", "", true, ""});
        add({"aud", "审计部 郭静", "auditor", "", "", true, ""});
    }
    void TearDown() override { set_current_actor(operator_actor()); }

    static Actor operator_actor() { return Actor{"os-account", "operator"}; }
    void add(const User& u) { add_user(db(), u); }
    sqlite3* db() { return scratch_->ws().db(); }
    ScratchWorkspace& scratch() { return *scratch_; }
    // Acts as the user (their stored role).
    void as(const std::string& user) { set_current_actor(actor_for_user(db(), user)); }

private:
    std::unique_ptr<ScratchWorkspace> scratch_;
};

}  // namespace merit::testing
