#include "pay/pay_approval.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "access/settings.hpp"
#include "access/text_input.hpp"
#include "access/users.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "engine/run_lifecycle.hpp"
#include "engine/run_store.hpp"
#include "store/audit_log.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

namespace json = boost::json;

constexpr std::string_view kRuleKey = "pay.approval";
constexpr TextRule kReason{.required = false, .multiline = true, .max_bytes = 4000};

std::string ref_of(int64_t run_id) {
    return fmt::format("run:{}", run_id);
}

PayApprovalRule parse_rule(const std::string& text) {
    const json::value v = json::parse(text);
    PayApprovalRule rule;
    rule.required = static_cast<int>(v.at("required").to_number<int64_t>());
    for (const auto& id : v.at("approvers").as_array()) rule.approvers.emplace_back(id.as_string());
    return rule;
}

json::array ids_json(const std::vector<std::string>& ids) {
    json::array out;
    for (const auto& id : ids) out.emplace_back(id);
    return out;
}

// The run's status and results digest; throws UserError when there is no run.
std::pair<std::string, std::string> run_status(sqlite3* db, int64_t run_id) {
    Statement st(db, "SELECT status, coalesce(results_digest, '') FROM runs WHERE id = ?1");
    st.bind(1, run_id);
    if (!st.step()) throw UserError(fmt::format("run {}: no such run in this workspace", run_id));
    return {st.text(0), st.text(1)};
}

PayApproval load(sqlite3* db, int64_t run_id) {
    run_status(db, run_id);
    PayApproval a;
    a.run_id = run_id;
    a.state = "calculated";
    Statement st(db,
                 "SELECT state, required, approvers, submitted_by, submitted_at, submit_reason, "
                 "coalesce(released_by, ''), coalesce(released_at, ''), results_digest "
                 "FROM pay_approvals WHERE run_id = ?1");
    st.bind(1, run_id);
    if (!st.step()) return a;
    a.state = st.text(0);
    a.required = static_cast<int>(st.integer(1));
    const json::value approvers = json::parse(st.text(2));
    for (const auto& id : approvers.as_array()) a.approvers.emplace_back(id.as_string());
    a.submitted_by = st.text(3);
    a.submitted_at = st.text(4);
    a.submit_reason = st.text(5);
    a.released_by = st.text(6);
    a.released_at = st.text(7);
    a.results_digest = st.text(8);
    Statement votes(db, "SELECT user_id, at, reason FROM pay_votes WHERE run_id = ?1 ORDER BY seq");
    votes.bind(1, run_id);
    while (votes.step()) a.approvals.push_back({votes.text(0), votes.text(1), votes.text(2)});
    return a;
}

void set_state(sqlite3* db, int64_t run_id, std::string_view state) {
    Statement st(db, "UPDATE pay_approvals SET state = ?2 WHERE run_id = ?1");
    st.bind(1, run_id).bind(2, state);
    st.run();
}

// The roles pay.approve grants to, for checking a configured approver.
bool may_approve(sqlite3* db, const std::string& role) {
    for (const auto& g : grants_of(db, "pay.approve"))
        if (g.role == role) return true;
    return false;
}

}  // namespace

PayApprovalRule pay_approval_rule(sqlite3* db) {
    const auto text = read_setting(db, kRuleKey);
    if (!text)
        throw UserError(
            "pay.approval: no approvers configured (merit pay approvers WS --set USER,USER --required K)");
    return parse_rule(*text);
}

void set_pay_approval_rule(sqlite3* db, const PayApprovalRule& rule) {
    if (rule.approvers.empty()) throw UserError("pay approvers: name at least one approver");
    std::set<std::string> seen;
    for (const auto& id : rule.approvers) {
        const auto user = find_user(db, id);
        if (!user || !user->active)
            throw UserError(fmt::format("pay approver {}: no active user '{}'", id, id));
        if (!may_approve(db, user->role))
            throw UserError(fmt::format("pay approver {}: a {} does not approve pay", id, user->role));
        if (!seen.insert(id).second) throw UserError(fmt::format("pay approver {}: named twice", id));
    }
    const int n = static_cast<int>(rule.approvers.size());
    if (rule.required < 1 || rule.required > n)
        throw UserError(fmt::format("pay approvals required: {} is not between 1 and the {} approvers",
                                    rule.required, n));
    write_setting(
        db, kRuleKey,
        json_text(json::object{{"required", rule.required}, {"approvers", ids_json(rule.approvers)}}));
}

Object pay_object(sqlite3* db, int64_t run_id) {
    const PayApproval a = load(db, run_id);
    Object o{.ref = ref_of(run_id)};
    if (a.state == "calculated") {
        if (read_setting(db, kRuleKey)) o.members = pay_approval_rule(db).approvers;
        return o;
    }
    o.members = a.approvers;
    o.excluded = a.submitted_by;
    o.excluded_because = "the submitter may not approve the pay they submitted (four eyes)";
    return o;
}

PayApproval load_pay_approval(sqlite3* db, int64_t run_id) {
    return load(db, run_id);
}

PayApproval submit_pay(sqlite3* db, int64_t run_id, std::string_view reason) {
    Transaction tx(db);
    const Actor actor = current_actor();
    require(db, actor, "pay.submit", pay_object(db, run_id));
    check_text("reason", reason, kReason);
    const PayApproval before = load(db, run_id);
    if (before.state != "calculated")
        throw UserError(fmt::format("run {}: pay is already {}", run_id, before.state));
    const auto [status, digest] = run_status(db, run_id);
    if (status != "final")
        throw UserError(
            fmt::format("run {}: not final; finalize it before submitting its pay (merit finalize)", run_id));
    require_not_superseded(load_run_info(db, run_id), "submit the pay of");
    const PayApprovalRule rule = pay_approval_rule(db);
    const auto others = std::count_if(rule.approvers.begin(), rule.approvers.end(),
                                      [&](const std::string& id) { return id != actor.id; });
    if (others < rule.required)
        throw UserError(
            fmt::format("run {}: {} approvals are needed but only {} approvers besides {} are "
                        "configured (pay.approval)",
                        run_id, rule.required, others, actor.id));
    Statement st(db,
                 "INSERT INTO pay_approvals (run_id, state, required, approvers, submitted_by, submitted_at, "
                 "submit_reason, results_digest) VALUES (?1, 'submitted', ?2, ?3, ?4, ?5, ?6, ?7)");
    st.bind(1, run_id).bind(2, rule.required).bind(3, json_text(ids_json(rule.approvers)));
    st.bind(4, actor.id).bind(5, utc_timestamp()).bind(6, reason).bind(7, digest);
    st.run();
    append_audit(db, AuditRecord{"pay.submit", ref_of(run_id),
                                 json_text(json::object{{"from", "calculated"},
                                                        {"to", "submitted"},
                                                        {"required", rule.required},
                                                        {"approvers", ids_json(rule.approvers)},
                                                        {"results_digest", digest}}),
                                 std::string(reason)});
    PayApproval after = load(db, run_id);
    tx.commit();
    return after;
}

PayApproval approve_pay(sqlite3* db, int64_t run_id, std::string_view reason) {
    Transaction tx(db);
    const Actor actor = current_actor();
    require(db, actor, "pay.approve", pay_object(db, run_id));
    check_text("reason", reason, kReason);
    const PayApproval before = load(db, run_id);
    if (before.state != "submitted")
        throw UserError(
            fmt::format("run {}: pay is {}, not submitted; nothing to approve", run_id, before.state));
    for (const auto& v : before.approvals)
        if (v.user_id == actor.id)
            throw UserError(fmt::format("run {}: {} approved its pay already ({})", run_id, actor.id, v.at));
    Statement st(db, "INSERT INTO pay_votes (run_id, seq, user_id, at, reason) VALUES (?1, ?2, ?3, ?4, ?5)");
    st.bind(1, run_id).bind(2, static_cast<int64_t>(before.approvals.size())).bind(3, actor.id);
    st.bind(4, utc_timestamp()).bind(5, reason);
    st.run();
    const int count = static_cast<int>(before.approvals.size()) + 1;
    json::object detail{{"approval", count}, {"required", before.required}};
    if (count >= before.required) {
        set_state(db, run_id, "approved");
        detail["from"] = "submitted";
        detail["to"] = "approved";
    }
    append_audit(db, AuditRecord{"pay.approve", ref_of(run_id), json_text(detail), std::string(reason)});
    PayApproval after = load(db, run_id);
    tx.commit();
    return after;
}

PayApproval release_pay(sqlite3* db, int64_t run_id, std::string_view reason) {
    Transaction tx(db);
    const Actor actor = current_actor();
    require(db, actor, "pay.release", pay_object(db, run_id));
    check_text("reason", reason, kReason);
    const PayApproval before = load(db, run_id);
    if (before.state != "approved")
        throw UserError(fmt::format("run {}: pay is {}; only approved pay is released ({} of {} approvals)",
                                    run_id, before.state, before.approvals.size(), before.required));
    // The run is final, so its digest cannot have moved; checked all the
    // same, since a release is what payroll pays from.
    const auto [status, digest] = run_status(db, run_id);
    if (digest != before.results_digest)
        throw UserError(fmt::format("run {}: results digest {} is not the submitted {}", run_id, digest,
                                    before.results_digest));
    Statement st(db,
                 "UPDATE pay_approvals SET state = 'released', released_by = ?2, released_at = ?3 "
                 "WHERE run_id = ?1");
    st.bind(1, run_id).bind(2, actor.id).bind(3, utc_timestamp());
    st.run();
    append_audit(db, AuditRecord{"pay.release", ref_of(run_id),
                                 json_text(json::object{{"from", "approved"},
                                                        {"to", "released"},
                                                        {"approved_by",
                                                         [&] {
                                                             json::array ids;
                                                             for (const auto& v : before.approvals)
                                                                 ids.emplace_back(v.user_id);
                                                             return ids;
                                                         }()},
                                                        {"results_digest", digest}}),
                                 std::string(reason)});
    PayApproval after = load(db, run_id);
    tx.commit();
    return after;
}

PayApproval pay_status(sqlite3* db, int64_t run_id) {
    require(db, current_actor(), "pay.status", pay_object(db, run_id));
    return load(db, run_id);
}

json::value pay_approval_json(const PayApproval& a) {
    json::array approvals;
    for (const auto& v : a.approvals)
        approvals.push_back(json::object{{"user", v.user_id}, {"at", v.at}, {"reason", v.reason}});
    auto text_or_null = [](const std::string& s) {
        return s.empty() ? json::value(nullptr) : json::value(s);
    };
    return json::object{{"run", a.run_id},
                        {"state", a.state},
                        {"required", a.required},
                        {"approvers", ids_json(a.approvers)},
                        {"submitted_by", text_or_null(a.submitted_by)},
                        {"submitted_at", text_or_null(a.submitted_at)},
                        {"approvals", approvals},
                        {"released_by", text_or_null(a.released_by)},
                        {"released_at", text_or_null(a.released_at)},
                        {"results_digest", text_or_null(a.results_digest)}};
}

}  // namespace merit
