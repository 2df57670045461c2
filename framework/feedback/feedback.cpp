#include "feedback/feedback.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <optional>
#include <set>

#include "access/roles.hpp"
#include "access/settings.hpp"
#include "access/text_input.hpp"
#include "access/users.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "common/sha256.hpp"
#include "store/audit_log.hpp"
#include "store/entered_data.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

namespace json = boost::json;

constexpr std::string_view kMinKey = "feedback.min_responses";
constexpr std::string_view kRaterRoles[] = {"peer", "subordinate", "customer"};

bool is_rater_role(std::string_view role) {
    return std::find(std::begin(kRaterRoles), std::end(kRaterRoles), role) != std::end(kRaterRoles);
}

std::string ref_of(int64_t id) {
    return fmt::format("feedback:{}", id);
}

FeedbackRequest load_request(sqlite3* db, int64_t id) {
    Statement st(db,
                 "SELECT manager_id, period, items_json, min_responses, state, opened_at, closed_at "
                 "FROM feedback_requests WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) throw UserError(fmt::format("{}: no such feedback request", ref_of(id)));
    FeedbackRequest r;
    r.id = id;
    r.manager_id = st.text(0);
    r.period = st.text(1);
    const json::value items = json::parse(st.text(2));
    for (const auto& item : items.as_array()) r.items.emplace_back(item.as_string());
    r.min_responses = static_cast<int>(st.integer(3));
    r.state = st.text(4);
    r.opened_at = st.text(5);
    r.closed_at = st.optional_text(6).value_or("");
    return r;
}

// The answer's content in one canonical text: scores by item, then the comment.
std::string answer_content(const std::map<std::string, double>& scores, std::string_view comment) {
    json::object o;
    for (const auto& [item, score] : scores) o[item] = score;
    return json_text(o) + "\n" + std::string(comment);
}

struct Answer {
    std::string role;
    std::string key;
    std::map<std::string, double> scores;
    std::string comment;
};

// Answers in key order (the only order they have).
std::vector<Answer> answers_of(sqlite3* db, int64_t id) {
    Statement st(
        db,
        "SELECT rater_role, answer_key, scores_json, comment FROM feedback_answers WHERE request_id = ?1 "
        "ORDER BY rater_role, answer_key");
    st.bind(1, id);
    std::vector<Answer> out;
    while (st.step()) {
        Answer a{st.text(0), st.text(1), {}, st.text(3)};
        const json::value scores = json::parse(st.text(2));
        for (const auto& [item, score] : scores.as_object())
            a.scores[std::string(item)] = score.to_number<double>();
        out.push_back(std::move(a));
    }
    return out;
}

std::map<std::string, int> invited_by_role(sqlite3* db, int64_t id) {
    Statement st(
        db, "SELECT rater_role, count(*) FROM feedback_raters WHERE request_id = ?1 GROUP BY rater_role");
    st.bind(1, id);
    std::map<std::string, int> out;
    while (st.step()) out[st.text(0)] = static_cast<int>(st.integer(1));
    return out;
}

}  // namespace

FeedbackRater FeedbackRater::parse(std::string_view text) {
    const size_t eq = text.find('=');
    if (eq == std::string_view::npos)
        throw UserError(fmt::format("rater '{}': expected USER=ROLE (peer, subordinate or customer)", text));
    FeedbackRater r{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
    if (!is_rater_role(r.role))
        throw UserError(fmt::format("rater '{}': '{}' is not peer, subordinate or customer", text, r.role));
    return r;
}

int min_responses(sqlite3* db) {
    const auto value = read_setting(db, kMinKey);
    return value ? std::stoi(*value) : kDefaultMinResponses;
}

void set_min_responses(sqlite3* db, int minimum) {
    // A single answer is never anonymous.
    if (minimum < 2)
        throw UserError(
            fmt::format("feedback minimum: {} is below 2; one answer is never anonymous", minimum));
    if (minimum > 100) throw UserError(fmt::format("feedback minimum: {} is more than 100", minimum));
    write_setting(db, kMinKey, std::to_string(minimum));
}

FeedbackRequest create_feedback_request(sqlite3* db, const std::string& manager_id, const std::string& period,
                                        const std::vector<FeedbackRater>& raters,
                                        const std::vector<std::string>& items) {
    if (raters.empty()) throw UserError("feedback request: name the raters (--rater USER=ROLE)");
    if (items.empty()) throw UserError("feedback request: name the items to rate (--item ITEM)");
    std::set<std::string> seen_items;
    for (const auto& item : items) {
        check_key("feedback item", item);
        if (!seen_items.insert(item).second)
            throw UserError(fmt::format("feedback item {}: named twice", item));
    }
    const int minimum = min_responses(db);
    std::set<std::string> seen;
    std::map<std::string, int> per_role;
    for (const auto& r : raters) {
        const auto user = find_user(db, r.user_id);
        if (!user || !user->active)
            throw UserError(fmt::format("rater {}: no active user '{}'", r.user_id, r.user_id));
        if (user->manager_id == manager_id)
            throw UserError(
                fmt::format("rater {}: a manager does not rate themselves in 360° feedback", r.user_id));
        if (!seen.insert(r.user_id).second) throw UserError(fmt::format("rater {}: named twice", r.user_id));
        ++per_role[r.role];
    }
    for (const auto& [role, count] : per_role)
        if (count < minimum)
            throw UserError(
                fmt::format("feedback request: {} {} rater{} asked, but a role's answers are shown only "
                            "from {} on (feedback.min_responses)",
                            count, role, count == 1 ? "" : "s", minimum));
    json::array item_list;
    for (const auto& i : items) item_list.emplace_back(i);
    Statement st(
        db,
        "INSERT INTO feedback_requests (manager_id, period, items_json, min_responses, state, opened_at) "
        "VALUES (?1, ?2, ?3, ?4, 'open', ?5)");
    st.bind(1, manager_id).bind(2, period).bind(3, json_text(item_list)).bind(4, int64_t{minimum});
    st.bind(5, utc_timestamp());
    st.run();
    const int64_t id = sqlite3_last_insert_rowid(db);
    Statement add(db, "INSERT INTO feedback_raters (request_id, user_id, rater_role) VALUES (?1, ?2, ?3)");
    for (const auto& r : raters) {
        add.reset();
        add.bind(1, id).bind(2, r.user_id).bind(3, r.role);
        add.run();
    }
    return load_request(db, id);
}

Object feedback_object(sqlite3* db, int64_t request_id) {
    const FeedbackRequest r = load_request(db, request_id);
    Object o = manager_object(db, r.manager_id);
    o.ref = ref_of(request_id);
    Statement st(
        db, "SELECT user_id FROM feedback_raters WHERE request_id = ?1 AND answered = 0 ORDER BY user_id");
    st.bind(1, request_id);
    while (st.step()) o.members.push_back(st.text(0));
    return o;
}

void answer_feedback(sqlite3* db, int64_t request_id, const std::map<std::string, double>& scores,
                     std::string_view comment) {
    Transaction tx(db);
    const Actor actor = current_actor();
    require(db, actor, "feedback.answer", feedback_object(db, request_id));
    const FeedbackRequest request = load_request(db, request_id);
    if (request.state != "open")
        throw UserError(fmt::format("{}: closed, answers are no longer taken", ref_of(request_id)));
    for (const auto& item : request.items)
        if (!scores.count(item))
            throw UserError(fmt::format("{}: no score for item {}", ref_of(request_id), item));
    for (const auto& [item, score] : scores) {
        if (std::find(request.items.begin(), request.items.end(), item) == request.items.end())
            throw UserError(fmt::format("{}: item {} was not asked", ref_of(request_id), item));
        if (!std::isfinite(score) || score < 0 || score > 100)
            throw UserError(
                fmt::format("{}: score {} for {} is not between 0 and 100", ref_of(request_id), score, item));
    }
    check_text("comment", comment, {.required = false, .multiline = true, .max_bytes = 4000});
    Statement role_of(db, "SELECT rater_role FROM feedback_raters WHERE request_id = ?1 AND user_id = ?2");
    role_of.bind(1, request_id).bind(2, actor.id);
    role_of.step();
    const std::string role = role_of.text(0);
    Statement mark(db, "UPDATE feedback_raters SET answered = 1 WHERE request_id = ?1 AND user_id = ?2");
    mark.bind(1, request_id).bind(2, actor.id);
    mark.run();
    // Identical answers get repeat numbers so each is kept; the key depends
    // only on the content, never on who answered or when.
    const std::string content = answer_content(scores, comment);
    std::string key;
    for (int repeat = 0;; ++repeat) {
        key = sha256_hex(fmt::format("{}\n{}\n{}\n{}", request_id, role, repeat, content));
        Statement exists(
            db,
            "SELECT 1 FROM feedback_answers WHERE request_id = ?1 AND rater_role = ?2 AND answer_key = ?3");
        exists.bind(1, request_id).bind(2, role).bind(3, key);
        if (!exists.step()) break;
    }
    json::object score_json;
    for (const auto& [item, score] : scores) score_json[item] = score;
    Statement add(db,
                  "INSERT INTO feedback_answers (request_id, rater_role, answer_key, scores_json, comment) "
                  "VALUES (?1, ?2, ?3, ?4, ?5)");
    add.bind(1, request_id).bind(2, role).bind(3, key).bind(4, json_text(score_json)).bind(5, comment);
    add.run();
    append_audit(db, AuditRecord{"feedback.answer", ref_of(request_id),
                                 json_text(json::object{{"rater_role", role}}), ""});
    tx.commit();
}

std::vector<FeedbackRequest> my_feedback_requests(sqlite3* db) {
    const Actor actor = current_actor();
    Statement st(db,
                 "SELECT r.id FROM feedback_requests r JOIN feedback_raters x ON x.request_id = r.id "
                 "WHERE x.user_id = ?1 AND x.answered = 0 AND r.state = 'open' ORDER BY r.id");
    st.bind(1, actor.id);
    std::vector<FeedbackRequest> out;
    while (st.step()) out.push_back(load_request(db, st.integer(0)));
    return out;
}

std::vector<int64_t> close_feedback_requests(sqlite3* db, const std::string& manager_id,
                                             const std::string& period) {
    Statement open(db,
                   "SELECT id FROM feedback_requests WHERE manager_id = ?1 AND period = ?2 AND state = "
                   "'open' ORDER BY id");
    open.bind(1, manager_id).bind(2, period);
    std::vector<int64_t> ids;
    while (open.step()) ids.push_back(open.integer(0));
    for (const int64_t id : ids) {
        const FeedbackRequest request = load_request(db, id);
        const auto answers = answers_of(db, id);
        std::map<std::string, int> counts;
        for (const auto& a : answers) ++counts[a.role];
        std::map<std::string, int> numbered;
        std::optional<EnteredDataVersion> version;
        for (const auto& a : answers) {
            if (counts[a.role] < request.min_responses) continue;
            if (!version) version.emplace(db, "feedback.close", std::vector<std::string>{"ratings"});
            std::vector<EnteredRating> rows;
            for (const auto& [item, score] : a.scores) rows.push_back({item, score});
            write_entered_ratings(db, manager_id, period, a.role,
                                  fmt::format("feedback:{}:{}", id, ++numbered[a.role]), rows);
        }
        if (version) version->finish();
        Statement close(db, "UPDATE feedback_requests SET state = 'closed', closed_at = ?2 WHERE id = ?1");
        close.bind(1, id).bind(2, utc_timestamp());
        close.run();
    }
    return ids;
}

FeedbackResults feedback_results(sqlite3* db, int64_t request_id) {
    require(db, current_actor(), "feedback.results", feedback_object(db, request_id));
    FeedbackResults out;
    out.request = load_request(db, request_id);
    const auto answers = answers_of(db, request_id);
    for (const auto& [role, invited] : invited_by_role(db, request_id)) {
        RoleResult r;
        r.role = role;
        r.invited = invited;
        std::map<std::string, double> sums;
        for (const auto& a : answers) {
            if (a.role != role) continue;
            ++r.answers;
            for (const auto& [item, score] : a.scores) sums[item] += score;
            if (!a.comment.empty()) r.comments.push_back(a.comment);
        }
        // Only once closed: averages that moved with each new answer would
        // tell the answer that moved them.
        r.shown = out.request.state == "closed" && r.answers >= out.request.min_responses;
        if (r.shown)
            for (const auto& [item, sum] : sums) r.average[item] = sum / r.answers;
        else
            r.comments.clear();
        out.roles.push_back(std::move(r));
    }
    return out;
}

std::vector<FeedbackRequest> feedback_requests_of(sqlite3* db, const std::string& manager_id,
                                                  const std::string& period) {
    Statement st(db, "SELECT id FROM feedback_requests WHERE manager_id = ?1 AND period = ?2 ORDER BY id");
    st.bind(1, manager_id).bind(2, period);
    std::vector<FeedbackRequest> out;
    while (st.step()) out.push_back(load_request(db, st.integer(0)));
    return out;
}

json::value feedback_request_json(const FeedbackRequest& r) {
    json::array items;
    for (const auto& i : r.items) items.emplace_back(i);
    return json::object{{"request", r.id},          {"manager", r.manager_id},          {"period", r.period},
                        {"items", items},           {"min_responses", r.min_responses}, {"state", r.state},
                        {"opened_at", r.opened_at}, {"closed_at", r.closed_at}};
}

json::value feedback_results_json(const FeedbackResults& results) {
    json::array roles;
    for (const auto& r : results.roles) {
        // The same keys whether shown or not (one documented shape): what is not
        // shown is empty, and `note` says why.
        json::array average, comments;
        if (r.shown) {
            for (const auto& [item, value] : r.average)
                average.push_back(json::object{{"item", item}, {"score", value}});
            for (const auto& c : r.comments) comments.emplace_back(c);
        }
        const char* note = r.shown                           ? ""
                           : results.request.state == "open" ? "shown once the request is closed"
                                                             : "too few responses";
        json::object o{{"role", r.role},   {"invited", r.invited}, {"answers", r.answers},
                       {"shown", r.shown}, {"average", average},   {"comments", comments},
                       {"note", note}};
        roles.push_back(std::move(o));
    }
    json::object o = feedback_request_json(results.request).as_object();
    o["roles"] = roles;
    return o;
}

}  // namespace merit
