// The access fixture's organisation with one stored run whose pay lines are
// written by hand, so the payroll file's figures can be checked against them:
//   CM01: PERF 123456 + DEPOSIT 20000      = 143456 fen
//   CM02: PERF  98700                      =  98700 fen
//   CM06: PERF  50000 + DEPOSIT 0 + PENALTY -1500 = 48500 fen
//   CM07: no pay lines                     =      0 fen
//   all managers: 143456 + 98700 + 48500 + 0 = 290656 fen
#pragma once

#include <functional>

#include "access/access_fixture.hpp"
#include "engine/run_lifecycle.hpp"
#include "engine/run_store.hpp"
#include "pay/pay_approval.hpp"
#include "store/audit_log.hpp"

namespace merit::testing {

class PayFixture : public AccessFixture {
protected:
    // Stores the run above (as the operator) and returns its id.
    int64_t store_run(bool final = true) {
        set_current_actor(operator_actor());
        RunResult r;
        r.info.scheme_id = "bank_quarterly";
        r.info.scheme_hash = "hash";
        r.info.scheme_json = "{}";
        r.info.period = "2026-Q2";
        r.info.first_day = "2026-04-01";
        r.info.last_day = "2026-06-30";
        r.info.input_fingerprint = "inputs";
        r.info.plugins_json = "[]";
        r.info.timings_json = "{}";
        r.info.results_digest = "digest-1";
        const std::pair<const char*, const char*> managers[] = {
            {"CM01", "赵建国"}, {"CM02", "钱晓梅"}, {"CM06", "吴国栋"}, {"CM07", "郑丽华"}};
        const int64_t pay[] = {143456, 98700, 48500, 0};
        int rank = 1;
        for (const auto& [id, name] : managers) {
            ManagerResult m;
            m.manager_id = id;
            m.name = name;
            m.org_unit_id = "SB01";
            m.role = "customer_manager";
            m.status = "active";
            m.total = 90 - rank;
            m.rating = "B";
            m.rank = m.rank_in_unit = rank;
            m.pay_fen = pay[rank - 1];
            r.managers.push_back(m);
            ++rank;
        }
        r.info.manager_count = 4;
        auto line = [&](const char* manager, int seq, const char* code, const char* label, int64_t fen) {
            r.pay.push_back({manager, seq, "bonus", "core.bonus", code, label, fen, "hand"});
        };
        line("CM01", 0, "PERF", "绩效奖金", 123456);
        line("CM01", 1, "DEPOSIT", "存款计价", 20000);
        line("CM02", 0, "PERF", "绩效奖金", 98700);
        line("CM06", 0, "PERF", "绩效奖金", 50000);
        line("CM06", 1, "DEPOSIT", "存款计价", 0);
        line("CM06", 2, "PENALTY", "扣罚", -1500);
        const int64_t id = save_run(db(), r);
        if (final) finalize_run(db(), id, {.reason = "季度考核定稿"});
        return id;
    }
    // hr configures approvers hr, sup1, sup2 and pay, two of them needed.
    void configure_two_of_four() {
        as("hr");
        set_pay_approval_rule(db(), {2, {"hr", "sup1", "sup2", "pay"}});
    }
    std::string error_of(const std::function<void()>& f) {
        try {
            f();
        } catch (const std::exception& e) {
            return e.what();
        }
        return "no error";
    }
    std::vector<std::string> actions() {
        std::vector<std::string> out;
        for (const auto& e : read_audit(db(), 0)) out.push_back(e.actor + " " + e.action + " " + e.object);
        return out;
    }
};

}  // namespace merit::testing
