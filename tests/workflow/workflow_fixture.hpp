// The access fixture's organisation with helpers that take a review through
// the shipped flow step by step, each step as the user whose step it is.
#pragma once

#include <boost/json.hpp>
#include <regex>

#include "access/access_fixture.hpp"
#include "store/audit_log.hpp"
#include "workflow/review.hpp"

namespace merit::testing {

class WorkflowFixture : public AccessFixture {
protected:
    static ReviewKey key(const std::string& text) { return ReviewKey::parse(text); }

    // goals_draft -> goals_agreed: sup1 adds and proposes a goal, cm01 agrees.
    void agree_goals(const ReviewKey& k, const std::string& supervisor, const std::string& manager) {
        as(supervisor);
        add_goal(db(), k, {0, "存款日均增量完成季度任务", "deposit_increment", 500000});
        review_act(db(), k, "propose_goals", {});
        as(manager);
        review_act(db(), k, "agree_goals", {});
    }
    // ... -> supervisor_scored.
    void score(const ReviewKey& k, const std::string& supervisor, const std::string& manager) {
        agree_goals(k, supervisor, manager);
        as(manager);
        review_act(db(), k, "submit_self",
                   {.text = "完成了存款任务, 服务效率需要提高", .ratings = {{"efficiency", 80, ""}}});
        as(supervisor);
        review_act(db(), k, "submit_scores",
                   {.text = "业绩突出, 客户维护稳定",
                    .ratings = {{"efficiency", 88, "办理业务快"}, {"problem_solving", 90, ""}}});
    }
    std::string error_of(const std::function<void()>& f) {
        try {
            f();
        } catch (const std::exception& e) {
            return e.what();
        }
        return "no error";
    }
    // Every row of `sql` as "a|b|c" lines.
    std::string dump(const std::string& sql) { return scratch().dump(sql); }
    // The audit entries' actions, in order.
    std::vector<std::string> actions() {
        std::vector<std::string> out;
        for (const auto& e : read_audit(db(), 0)) out.push_back(e.action + " " + e.object);
        return out;
    }
};

}  // namespace merit::testing
