#include "workflow/review.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "access/org_tree.hpp"
#include "access/text_input.hpp"
#include "calibration/calibration.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "feedback/feedback.hpp"
#include "period/period.hpp"
#include "store/audit_log.hpp"
#include "store/entered_data.hpp"
#include "store/sqlite.hpp"
#include "workflow/carried_items.hpp"
#include "workflow/flow.hpp"

namespace merit {
namespace {

namespace json = boost::json;

constexpr std::string_view kFlow = "review";
constexpr TextRule kLongText{.required = true, .multiline = true, .max_bytes = 8000};

std::string ref_of(const ReviewKey& key) {
    return "review:" + key.text();
}

std::optional<int64_t> review_id(sqlite3* db, const ReviewKey& key) {
    Statement st(db, "SELECT id FROM reviews WHERE manager_id = ?1 AND period = ?2");
    st.bind(1, key.manager_id).bind(2, key.period);
    if (!st.step()) return std::nullopt;
    return st.integer(0);
}

std::vector<ItemRating> read_ratings(sqlite3* db, int64_t id, const char* role) {
    Statement st(db,
                 "SELECT item, score, comment FROM review_ratings WHERE review_id = ?1 AND rater_role = ?2 "
                 "ORDER BY item");
    st.bind(1, id).bind(2, role);
    std::vector<ItemRating> out;
    while (st.step()) out.push_back({st.text(0), st.real(1), st.text(2)});
    return out;
}

// The whole review, without authorization (callers have decided).
Review load(sqlite3* db, const ReviewKey& key, const Flow& flow) {
    const auto id = review_id(db, key);
    if (!id)
        throw UserError(fmt::format("{}: no such review (open it with `merit review open`)", ref_of(key)));
    Review r;
    r.id = *id;
    r.key = key;
    Statement st(db,
                 "SELECT state, opened_at, self_text, supervisor_id, supervisor_comment, interview_notes, "
                 "interview_at, contest_reason, run_id FROM reviews WHERE id = ?1");
    st.bind(1, r.id);
    st.step();
    r.state = st.text(0);
    r.opened_at = st.text(1);
    r.self_text = st.text(2);
    r.supervisor_id = st.optional_text(3).value_or("");
    r.supervisor_comment = st.text(4);
    r.interview_notes = st.text(5);
    r.interview_at = st.optional_text(6).value_or("");
    r.contest_reason = st.text(7);
    if (!st.is_null(8)) r.run_id = st.integer(8);
    if (const FlowState* s = flow.find_state(r.state)) r.state_label = s->label;
    Statement who(db, "SELECT name, org_unit_id FROM managers WHERE id = ?1");
    who.bind(1, key.manager_id);
    if (who.step()) {
        r.manager_name = who.text(0);
        r.org_unit_id = who.text(1);
    }
    Statement goals(
        db, "SELECT seq, text, target_key, target FROM review_goals WHERE review_id = ?1 ORDER BY seq");
    goals.bind(1, r.id);
    while (goals.step())
        r.goals.push_back({static_cast<int>(goals.integer(0)), goals.text(1),
                           goals.optional_text(2).value_or(""), goals.optional_real(3)});
    r.self_ratings = read_ratings(db, r.id, "self");
    r.supervisor_ratings = read_ratings(db, r.id, "supervisor");
    Statement plans(db, "SELECT seq, kind, text, due FROM review_plans WHERE review_id = ?1 ORDER BY seq");
    plans.bind(1, r.id);
    while (plans.step())
        r.plans.push_back({static_cast<int>(plans.integer(0)), plans.text(1), plans.text(2), plans.text(3)});
    Statement items(
        db, "SELECT seq, source, kind, value, reason FROM review_items WHERE review_id = ?1 ORDER BY seq");
    items.bind(1, r.id);
    while (items.step())
        r.items.push_back(
            {static_cast<int>(items.integer(0)), items.text(1), items.text(2), items.text(3), items.text(4)});
    for (const Transition* t : flow.leaving(r.state))
        r.next_actions.push_back(fmt::format("{} ({})", t->action, t->role));
    return r;
}

void check_rating(const ItemRating& r, std::string_view field) {
    check_key(fmt::format("{} item", field), r.item);
    if (!std::isfinite(r.score) || r.score < 0 || r.score > 100)
        throw UserError(fmt::format("{} {}: score {} is not between 0 and 100", field, r.item, r.score));
    check_text(fmt::format("{} {} comment", field, r.item), r.comment,
               {.required = false, .multiline = true, .max_bytes = 4000});
}

void check_ratings(const std::vector<ItemRating>& ratings, std::string_view field) {
    std::set<std::string> seen;
    for (const auto& r : ratings) {
        check_rating(r, field);
        if (!seen.insert(r.item).second) throw UserError(fmt::format("{} {}: rated twice", field, r.item));
    }
}

void store_ratings(sqlite3* db, const Review& r, const char* role, const std::string& rater_id,
                   const std::vector<ItemRating>& ratings) {
    Statement drop(db, "DELETE FROM review_ratings WHERE review_id = ?1 AND rater_role = ?2");
    drop.bind(1, r.id).bind(2, role);
    drop.run();
    Statement add(db,
                  "INSERT INTO review_ratings (review_id, rater_role, item, score, comment) VALUES (?1, ?2, "
                  "?3, ?4, ?5)");
    std::vector<EnteredRating> entered;
    for (const auto& x : ratings) {
        add.reset();
        add.bind(1, r.id).bind(2, role).bind(3, x.item).bind(4, x.score).bind(5, x.comment);
        add.run();
        entered.push_back({x.item, x.score});
    }
    EnteredDataVersion version(db, fmt::format("review.{}_ratings", role), {"ratings"});
    write_entered_ratings(db, r.key.manager_id, r.key.period, role, rater_id, entered);
    version.finish();
}

json::array ratings_json(const std::vector<ItemRating>& ratings) {
    json::array out;
    for (const auto& x : ratings) {
        out.push_back(json::object{{"item", x.item}, {"score", x.score}, {"comment", x.comment}});
    }
    return out;
}

void set_text(sqlite3* db, int64_t id, std::string_view column, std::string_view value) {
    Statement st(db, fmt::format("UPDATE reviews SET {} = ?2 WHERE id = ?1", column));
    st.bind(1, id).bind(2, value);
    st.run();
}

// What an action does besides moving the state; returns the audit detail.
using Effect = std::function<json::object(sqlite3*, const Review&, const ReviewInput&, const Actor&)>;

json::object no_effect(sqlite3*, const Review&, const ReviewInput&, const Actor&) {
    return {};
}

json::object propose_goals(sqlite3*, const Review& r, const ReviewInput&, const Actor&) {
    if (r.goals.empty())
        throw UserError(fmt::format("{}: add a goal first (`merit review goal`)", ref_of(r.key)));
    return {{"goals", r.goals.size()}};
}

json::object agree_goals(sqlite3* db, const Review& r, const ReviewInput&, const Actor&) {
    json::array targets;
    std::optional<EnteredDataVersion> version;
    for (const auto& g : r.goals) {
        if (g.target_key.empty() || !g.target) continue;
        if (!version) version.emplace(db, "review.agree_goals", std::vector<std::string>{"targets"});
        write_agreed_target(db, r.key.manager_id, r.key.period, g.target_key, *g.target);
        targets.push_back(json::object{{"key", g.target_key}, {"target", *g.target}});
    }
    if (version) version->finish();
    return {{"goals", r.goals.size()}, {"targets", targets}};
}

json::object submit_self(sqlite3* db, const Review& r, const ReviewInput& in, const Actor& actor) {
    check_text("self-assessment", in.text, kLongText);
    check_ratings(in.ratings, "self rating");
    set_text(db, r.id, "self_text", in.text);
    store_ratings(db, r, "self", actor.id, in.ratings);
    return {{"ratings", ratings_json(in.ratings)}};
}

json::object submit_scores(sqlite3* db, const Review& r, const ReviewInput& in, const Actor& actor) {
    if (in.ratings.empty())
        throw UserError(
            fmt::format("{}: the supervisor's scoring needs ratings (--rating ITEM=SCORE)", ref_of(r.key)));
    check_text("comment", in.text, kLongText);
    check_ratings(in.ratings, "rating");
    set_text(db, r.id, "supervisor_comment", in.text);
    set_text(db, r.id, "supervisor_id", actor.id);
    store_ratings(db, r, "supervisor", actor.id, in.ratings);
    return {{"ratings", ratings_json(in.ratings)}};
}

json::object request_feedback(sqlite3* db, const Review& r, const ReviewInput& in, const Actor&) {
    std::vector<FeedbackRater> raters;
    for (const auto& spec : in.raters) raters.push_back(FeedbackRater::parse(spec));
    const FeedbackRequest request =
        create_feedback_request(db, r.key.manager_id, r.key.period, raters, in.items);
    json::object counts;
    for (const auto& x : raters) counts[x.role] = counts.contains(x.role) ? counts[x.role].as_int64() + 1 : 1;
    json::array items;
    for (const auto& i : request.items) items.emplace_back(i);
    return {{"request", request.id},
            {"raters", counts},
            {"items", items},
            {"min_responses", request.min_responses}};
}

json::object close_feedback(sqlite3* db, const Review& r, const ReviewInput&, const Actor&) {
    json::array closed;
    for (const int64_t id : close_feedback_requests(db, r.key.manager_id, r.key.period)) closed.push_back(id);
    return {{"closed_requests", closed}};
}

json::object hold_interview(sqlite3* db, const Review& r, const ReviewInput& in, const Actor&) {
    check_text("interview notes", in.text, kLongText);
    set_text(db, r.id, "interview_notes", in.text);
    set_text(db, r.id, "interview_at", utc_timestamp());
    return {};
}

// The review records the calibrated run its period's closed session made
// (none when the committee calibrated without a session).
json::object calibrate(sqlite3* db, const Review& r, const ReviewInput&, const Actor&) {
    const auto run = calibrated_run_of(db, r.key.manager_id, r.key.period);
    Statement st(db, "UPDATE reviews SET run_id = ?2 WHERE id = ?1");
    st.bind(1, r.id);
    if (run)
        st.bind(2, *run);
    else
        st.bind_null(2);
    st.run();
    return {{"run", run ? json::value(*run) : json::value(nullptr)}};
}

json::object contest(sqlite3* db, const Review& r, const ReviewInput& in, const Actor&) {
    check_text("reason", in.reason, kLongText);
    set_text(db, r.id, "contest_reason", in.reason);
    return {};
}

json::object propose_plans(sqlite3*, const Review& r, const ReviewInput&, const Actor&) {
    if (r.plans.empty())
        throw UserError(fmt::format("{}: add a plan item first (`merit review plan`)", ref_of(r.key)));
    return {{"plans", r.plans.size()}};
}

const std::map<std::string, Effect, std::less<>>& effects() {
    static const std::map<std::string, Effect, std::less<>> table = {
        {"propose_goals", propose_goals},
        {"agree_goals", agree_goals},
        {"submit_self", submit_self},
        {"submit_scores", submit_scores},
        {"request_feedback", request_feedback},
        {"close_feedback", close_feedback},
        {"calibrate", calibrate},
        {"hold_interview", hold_interview},
        {"contest", contest},
        {"propose_plans", propose_plans},
    };
    return table;
}

// One step through the flow: authorize, pick the transition, apply the
// effect, move, audit; all in one transaction.
Review take_step(sqlite3* db, const ReviewKey& key, std::string_view action, const std::string& reason,
                 const Effect& effect, const ReviewInput& input) {
    Transaction tx(db);
    const Actor actor = current_actor();
    const std::string ref = ref_of(key);
    const Flow flow = load_flow(db, kFlow);
    require(db, actor, fmt::format("review.{}", action), review_object(db, key));
    const Review before = load(db, key, flow);
    const Transition& t = pick_transition(flow, ref, before.state, action, actor, reason);
    if (!reason.empty()) check_text("reason", reason, kLongText);
    json::object detail = effect(db, before, input, actor);
    if (t.to != before.state) {
        Statement st(db, "UPDATE reviews SET state = ?2 WHERE id = ?1");
        st.bind(1, before.id).bind(2, t.to);
        st.run();
        detail["from"] = t.from;
        detail["to"] = t.to;
    }
    append_audit(db, AuditRecord{fmt::format("review.{}", action), ref, json_text(detail), reason});
    Review after = load(db, key, flow);
    tx.commit();
    return after;
}

// Goals and plan items are numbered rows of their table; removing one is a
// step of the flow like any other.
Review remove_numbered(sqlite3* db, const ReviewKey& key, std::string_view action, std::string_view table,
                       std::string_view what, int seq) {
    return take_step(db, key, action, "",
                     [&](sqlite3* d, const Review& r, const ReviewInput&, const Actor&) {
                         Statement st(d,
                                      fmt::format("DELETE FROM {} WHERE review_id = ?1 AND seq = ?2", table));
                         st.bind(1, r.id).bind(2, seq);
                         st.run();
                         if (sqlite3_changes(d) == 0)
                             throw UserError(fmt::format("{}: no {} {}", ref_of(key), what, seq));
                         return json::object{{std::string(what), seq}};
                     },
                     {});
}

bool matches(const std::string& filter, const std::string& value) {
    return filter.empty() || filter == value;
}

}  // namespace

ReviewKey ReviewKey::parse(std::string_view text) {
    const size_t slash = text.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == text.size())
        throw UserError(fmt::format("'{}' is not a review (MANAGER/PERIOD, e.g. CM01/2026-Q2)", text));
    return ReviewKey{std::string(text.substr(0, slash)), Period::parse(text.substr(slash + 1)).text()};
}

Object review_object(sqlite3* db, const ReviewKey& key) {
    Object o = manager_object(db, key.manager_id);
    o.ref = ref_of(key);
    o.members = calibration_members_of(db, key.manager_id, key.period);
    return o;
}

Review open_review(sqlite3* db, const ReviewKey& key) {
    Transaction tx(db);
    const std::string ref = ref_of(key);
    require(db, current_actor(), "review.open", review_object(db, key));
    if (!manager_org_unit(db, key.manager_id))
        throw UserError(fmt::format("{}: no manager '{}'", ref, key.manager_id));
    if (review_id(db, key)) throw UserError(fmt::format("{}: already open", ref));
    const Flow flow = load_flow(db, kFlow);
    Statement st(db, "INSERT INTO reviews (manager_id, period, state, opened_at) VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, key.manager_id).bind(2, key.period).bind(3, flow.start_state()).bind(4, utc_timestamp());
    st.run();
    const int64_t items =
        carry_earlier_results(db, sqlite3_last_insert_rowid(db), key.manager_id, key.period);
    append_audit(db,
                 AuditRecord{"review.open", ref,
                             json_text(json::object{{"state", flow.start_state()}, {"items", items}}), ""});
    Review r = load(db, key, flow);
    tx.commit();
    return r;
}

Review read_review(sqlite3* db, const ReviewKey& key) {
    require(db, current_actor(), "review.read", review_object(db, key));
    return load(db, key, load_flow(db, kFlow));
}

std::vector<Review> list_reviews(sqlite3* db, const ReviewFilter& filter) {
    const Actor actor = current_actor();
    const Flow flow = load_flow(db, kFlow);
    Statement st(db, "SELECT manager_id, period, state FROM reviews ORDER BY period, manager_id");
    std::vector<Review> out;
    while (st.step()) {
        const ReviewKey key{st.text(0), st.text(1)};
        if (!matches(filter.period, key.period) || !matches(filter.state, st.text(2)) ||
            !matches(filter.manager_id, key.manager_id))
            continue;
        if (!authorize(db, actor, "review.read", review_object(db, key)).allowed) continue;
        out.push_back(load(db, key, flow));
    }
    return out;
}

Review review_act(sqlite3* db, const ReviewKey& key, std::string_view action, const ReviewInput& input) {
    const auto& table = effects();
    const auto it = table.find(action);
    const Effect& effect = it == table.end() ? Effect(no_effect) : it->second;
    if (action == "add_goal" || action == "remove_goal" || action == "add_plan" || action == "remove_plan")
        throw UsageError(
            fmt::format("{}: use `merit review goal` / `merit review plan` for {}", ref_of(key), action));
    return take_step(db, key, action, input.reason, effect, input);
}

Review add_goal(sqlite3* db, const ReviewKey& key, const Goal& goal) {
    check_text("goal", goal.text, {.required = true, .multiline = true, .max_bytes = 2000});
    if (!goal.target_key.empty()) check_key("goal target key", goal.target_key);
    if (goal.target && !std::isfinite(*goal.target)) throw UserError("goal target: not a number");
    if (goal.target.has_value() != !goal.target_key.empty())
        throw UserError("goal: a target needs its key and a key its target (--target KEY=VALUE)");
    return take_step(
        db, key, "add_goal", "",
        [&](sqlite3* d, const Review& r, const ReviewInput&, const Actor&) {
            Statement st(d,
                         "INSERT INTO review_goals (review_id, seq, text, target_key, target) VALUES "
                         "(?1, (SELECT coalesce(max(seq), 0) + 1 FROM review_goals WHERE review_id = ?1), "
                         "?2, NULLIF(?3, ''), ?4)");
            st.bind(1, r.id).bind(2, goal.text).bind(3, goal.target_key).bind(4, goal.target);
            st.run();
            json::object detail{{"goal", goal.text}};
            if (goal.target)
                detail["target"] = json::object{{"key", goal.target_key}, {"value", *goal.target}};
            return detail;
        },
        {});
}

Review remove_goal(sqlite3* db, const ReviewKey& key, int seq) {
    return remove_numbered(db, key, "remove_goal", "review_goals", "goal", seq);
}

Review add_plan(sqlite3* db, const ReviewKey& key, const PlanItem& plan) {
    if (plan.kind != "improvement" && plan.kind != "development")
        throw UserError(fmt::format("plan kind: '{}' is not improvement or development", plan.kind));
    check_text("plan", plan.text, {.required = true, .multiline = true, .max_bytes = 2000});
    if (!parse_date(plan.due))
        throw UserError(fmt::format("plan due: '{}' is not a date (YYYY-MM-DD)", plan.due));
    return take_step(db, key, "add_plan", "",
                     [&](sqlite3* d, const Review& r, const ReviewInput&, const Actor&) {
                         Statement st(
                             d,
                             "INSERT INTO review_plans (review_id, seq, kind, text, due) VALUES (?1, "
                             "(SELECT coalesce(max(seq), 0) + 1 FROM review_plans WHERE review_id = ?1), "
                             "?2, ?3, ?4)");
                         st.bind(1, r.id).bind(2, plan.kind).bind(3, plan.text).bind(4, plan.due);
                         st.run();
                         return json::object{{"kind", plan.kind}, {"plan", plan.text}, {"due", plan.due}};
                     },
                     {});
}

Review remove_plan(sqlite3* db, const ReviewKey& key, int seq) {
    return remove_numbered(db, key, "remove_plan", "review_plans", "plan item", seq);
}

json::value review_json(const Review& r) {
    json::array goals, plans, items, next;
    for (const auto& g : r.goals) {
        // Every goal has the same keys (one documented shape): no target is "" and null.
        goals.push_back(json::object{{"seq", g.seq},
                                     {"text", g.text},
                                     {"target_key", g.target_key},
                                     {"target", g.target ? json::value(*g.target) : json::value(nullptr)}});
    }
    for (const auto& p : r.plans)
        plans.push_back(json::object{{"seq", p.seq}, {"kind", p.kind}, {"text", p.text}, {"due", p.due}});
    for (const auto& i : r.items)
        items.push_back(json::object{{"seq", i.seq},
                                     {"source", i.source},
                                     {"kind", i.kind},
                                     {"value", i.value},
                                     {"reason", i.reason}});
    for (const auto& a : r.next_actions) next.emplace_back(a);
    json::object o{{"review", r.key.text()},
                   {"manager", r.key.manager_id},
                   {"name", r.manager_name},
                   {"org_unit", r.org_unit_id},
                   {"period", r.key.period},
                   {"state", r.state},
                   {"state_label", r.state_label},
                   {"opened_at", r.opened_at},
                   {"goals", goals},
                   {"self_assessment", r.self_text},
                   {"self_ratings", ratings_json(r.self_ratings)},
                   {"supervisor", r.supervisor_id},
                   {"supervisor_comment", r.supervisor_comment},
                   {"supervisor_ratings", ratings_json(r.supervisor_ratings)},
                   {"interview_notes", r.interview_notes},
                   {"interview_at", r.interview_at},
                   {"contest_reason", r.contest_reason},
                   {"plans", plans},
                   {"items", items},
                   {"next_actions", next}};
    o["run"] = r.run_id ? json::value(*r.run_id) : json::value(nullptr);
    return o;
}

}  // namespace merit
