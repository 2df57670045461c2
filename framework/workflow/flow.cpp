#include "workflow/flow.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <regex>
#include <set>

#include "access/authorize.hpp"
#include "access/roles.hpp"
#include "common/errors.hpp"
#include "common/json_kind.hpp"
#include "common/json_text.hpp"
#include "store/audit_log.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

namespace json = boost::json;

// The flows Merit has code for, and the table whose `state` column holds
// each flow's objects.
struct FlowHome {
    std::string_view flow;
    std::string_view table;
};
constexpr FlowHome kFlowHomes[] = {{"review", "reviews"}, {"dispute", "disputes"}};

std::string_view objects_table(std::string_view flow) {
    for (const auto& h : kFlowHomes)
        if (h.flow == flow) return h.table;
    throw UserError(fmt::format("flow: '{}' is not a flow Merit knows (review, dispute)", flow));
}

bool is_name(std::string_view s) {
    static const std::regex re("[a-z][a-z0-9_]{0,63}");
    return std::regex_match(s.begin(), s.end(), re);
}

const json::value& member(const json::object& o, std::string_view key, std::string_view path) {
    const auto* v = o.if_contains(key);
    if (!v) throw UserError(fmt::format("{}.{}: missing", path, key));
    return *v;
}

std::string text_member(const json::object& o, std::string_view key, std::string_view path,
                        bool required = true) {
    const auto* v = o.if_contains(key);
    if (!v) {
        if (required) throw UserError(fmt::format("{}.{}: missing", path, key));
        return "";
    }
    if (!v->is_string())
        throw UserError(fmt::format("{}.{}: must be a string, not {}", path, key, json_kind_name(*v)));
    return std::string(v->as_string());
}

const json::array& array_member(const json::object& o, std::string_view key, std::string_view path) {
    const auto& v = member(o, key, path);
    if (!v.is_array())
        throw UserError(fmt::format("{}.{}: must be an array, not {}", path, key, json_kind_name(v)));
    return v.as_array();
}

const json::object& object_at(const json::value& v, std::string_view path) {
    if (!v.is_object())
        throw UserError(fmt::format("{}: must be an object, not {}", path, json_kind_name(v)));
    return v.as_object();
}

// States that `from` reaches following transitions forward (or backward).
std::set<std::string> reach(const Flow& flow, const std::string& from, bool forward) {
    std::set<std::string> seen{from};
    std::vector<std::string> todo{from};
    while (!todo.empty()) {
        const std::string at = todo.back();
        todo.pop_back();
        for (const auto& t : flow.transitions) {
            const std::string& a = forward ? t.from : t.to;
            const std::string& b = forward ? t.to : t.from;
            if (a == at && seen.insert(b).second) todo.push_back(b);
        }
    }
    return seen;
}

}  // namespace

const FlowState* Flow::find_state(std::string_view state) const {
    for (const auto& s : states)
        if (s.state == state) return &s;
    return nullptr;
}

std::string Flow::start_state() const {
    for (const auto& s : states)
        if (s.kind == "start") return s.state;
    throw UserError(fmt::format("flow {}: no start state", name));
}

bool Flow::is_end(std::string_view state) const {
    const FlowState* s = find_state(state);
    return s && s->kind == "end";
}

std::vector<const Transition*> Flow::leaving(std::string_view state) const {
    std::vector<const Transition*> out;
    for (const auto& t : transitions)
        if (t.from == state) out.push_back(&t);
    return out;
}

Flow load_flow(sqlite3* db, std::string_view name) {
    Flow flow;
    flow.name = std::string(name);
    Statement states(db, "SELECT state, kind, label FROM flow_states WHERE flow = ?1 ORDER BY seq");
    states.bind(1, name);
    while (states.step()) flow.states.push_back({states.text(0), states.text(1), states.text(2)});
    if (flow.states.empty()) throw UserError(fmt::format("no flow '{}' in this workspace", name));
    Statement st(
        db,
        "SELECT from_state, action, role, to_state, needs_reason FROM flow_transitions WHERE flow = ?1 "
        "ORDER BY seq");
    st.bind(1, name);
    while (st.step())
        flow.transitions.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.integer(4) != 0});
    return flow;
}

std::vector<std::string> flow_names(sqlite3* db) {
    Statement st(db, "SELECT DISTINCT flow FROM flow_states ORDER BY flow");
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.text(0));
    return out;
}

std::vector<std::string> check_flow(const Flow& flow) {
    std::vector<std::string> p;
    std::set<std::string> names;
    std::vector<std::string> starts;
    for (size_t i = 0; i < flow.states.size(); ++i) {
        const auto& s = flow.states[i];
        const std::string path = fmt::format("states[{}]", i);
        if (!is_name(s.state))
            p.push_back(fmt::format("{}.state: '{}' is not a name ([a-z][a-z0-9_]*)", path, s.state));
        if (!names.insert(s.state).second)
            p.push_back(fmt::format("{}.state: '{}' appears twice", path, s.state));
        if (s.kind != "start" && s.kind != "step" && s.kind != "end")
            p.push_back(fmt::format("{}.kind: '{}' is not start, step or end", path, s.kind));
        if (s.kind == "start") starts.push_back(s.state);
    }
    if (starts.size() != 1)
        p.push_back(fmt::format("states: {} start states, there must be exactly one", starts.size()));
    if (std::none_of(flow.states.begin(), flow.states.end(), [](const auto& s) { return s.kind == "end"; }))
        p.push_back("states: no end state");
    std::set<std::tuple<std::string, std::string, std::string>> keys;
    for (size_t i = 0; i < flow.transitions.size(); ++i) {
        const auto& t = flow.transitions[i];
        const std::string path = fmt::format("transitions[{}]", i);
        if (!names.count(t.from)) p.push_back(fmt::format("{}.from: unknown state '{}'", path, t.from));
        if (!names.count(t.to)) p.push_back(fmt::format("{}.to: unknown state '{}'", path, t.to));
        if (flow.is_end(t.from)) p.push_back(fmt::format("{}.from: '{}' is an end state", path, t.from));
        if (!is_name(t.action))
            p.push_back(fmt::format("{}.action: '{}' is not a name ([a-z][a-z0-9_]*)", path, t.action));
        if (!is_user_role(t.role) || t.role == kAuditor || t.role == kPayroll)
            p.push_back(fmt::format(
                "{}.role: '{}' cannot take a step (hr_admin, supervisor, manager, committee)", path, t.role));
        if (!keys.insert({t.from, t.action, t.role}).second)
            p.push_back(fmt::format("{}: a second '{}' from '{}' for {}", path, t.action, t.from, t.role));
    }
    if (starts.size() == 1 && p.empty()) {
        const auto reached = reach(flow, starts.front(), true);
        for (const auto& s : flow.states) {
            if (!reached.count(s.state))
                p.push_back(fmt::format("states: '{}' cannot be reached from '{}'", s.state, starts.front()));
            if (s.kind == "end") continue;
            const auto onward = reach(flow, s.state, true);
            if (std::none_of(onward.begin(), onward.end(), [&](const auto& x) { return flow.is_end(x); }))
                p.push_back(fmt::format("states: no end state can be reached from '{}'", s.state));
        }
    }
    return p;
}

Flow parse_flow(const json::value& value, std::string_view source) {
    const auto& root = object_at(value, source);
    Flow flow;
    flow.name = text_member(root, "flow", source);
    const auto& states = array_member(root, "states", source);
    for (size_t i = 0; i < states.size(); ++i) {
        const std::string path = fmt::format("{}: states[{}]", source, i);
        const auto& o = object_at(states[i], path);
        flow.states.push_back({text_member(o, "state", path), text_member(o, "kind", path),
                               text_member(o, "label", path, false)});
    }
    const auto& transitions = array_member(root, "transitions", source);
    for (size_t i = 0; i < transitions.size(); ++i) {
        const std::string path = fmt::format("{}: transitions[{}]", source, i);
        const auto& o = object_at(transitions[i], path);
        Transition t{text_member(o, "from", path), text_member(o, "action", path),
                     text_member(o, "role", path), text_member(o, "to", path), false};
        if (const auto* r = o.if_contains("needs_reason")) {
            if (!r->is_bool())
                throw UserError(
                    fmt::format("{}.needs_reason: must be true or false, not {}", path, json_kind_name(*r)));
            t.needs_reason = r->as_bool();
        }
        flow.transitions.push_back(std::move(t));
    }
    return flow;
}

json::value flow_json(const Flow& flow) {
    json::array states, transitions;
    for (const auto& s : flow.states)
        states.push_back(json::object{{"state", s.state}, {"kind", s.kind}, {"label", s.label}});
    for (const auto& t : flow.transitions)
        transitions.push_back(json::object{{"from", t.from},
                                           {"action", t.action},
                                           {"role", t.role},
                                           {"to", t.to},
                                           {"needs_reason", t.needs_reason}});
    return json::object{{"flow", flow.name}, {"states", states}, {"transitions", transitions}};
}

void replace_flow(sqlite3* db, const Flow& flow) {
    Transaction tx(db);
    require(db, current_actor(), "flows.set", Object{.ref = "flow:" + flow.name});
    const std::string_view table = objects_table(flow.name);
    const auto problems = check_flow(flow);
    if (!problems.empty())
        throw UserError(
            fmt::format("flow {}: {}{}", flow.name, problems.front(),
                        problems.size() > 1 ? fmt::format(" (and {} more)", problems.size() - 1) : ""));
    Statement stranded(db,
                       fmt::format("SELECT state, count(*) FROM {} GROUP BY state ORDER BY state", table));
    while (stranded.step())
        if (!flow.find_state(stranded.text(0)))
            throw UserError(fmt::format("flow {}: {} {} in state '{}', which the new flow drops", flow.name,
                                        stranded.integer(1), table, stranded.text(0)));
    Statement drop_t(db, "DELETE FROM flow_transitions WHERE flow = ?1");
    drop_t.bind(1, flow.name);
    drop_t.run();
    Statement drop_s(db, "DELETE FROM flow_states WHERE flow = ?1");
    drop_s.bind(1, flow.name);
    drop_s.run();
    Statement add_s(db,
                    "INSERT INTO flow_states (flow, state, seq, kind, label) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (size_t i = 0; i < flow.states.size(); ++i) {
        const auto& s = flow.states[i];
        add_s.reset();
        add_s.bind(1, flow.name)
            .bind(2, s.state)
            .bind(3, static_cast<int64_t>(i))
            .bind(4, s.kind)
            .bind(5, s.label);
        add_s.run();
    }
    Statement add_t(
        db,
        "INSERT INTO flow_transitions (flow, seq, from_state, action, role, to_state, needs_reason) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    for (size_t i = 0; i < flow.transitions.size(); ++i) {
        const auto& t = flow.transitions[i];
        add_t.reset();
        add_t.bind(1, flow.name).bind(2, static_cast<int64_t>(i)).bind(3, t.from).bind(4, t.action);
        add_t.bind(5, t.role).bind(6, t.to).bind(7, int64_t{t.needs_reason});
        add_t.run();
    }
    append_audit(db, AuditRecord{"flows.set", "flow:" + flow.name,
                                 json_text(json::object{{"states", flow.states.size()},
                                                        {"transitions", flow.transitions.size()}}),
                                 ""});
    tx.commit();
}

const Transition& pick_transition(const Flow& flow, std::string_view object_ref, std::string_view state,
                                  std::string_view action, const Actor& actor, std::string_view reason) {
    const Transition* found = nullptr;
    for (const Transition* t : flow.leaving(state)) {
        if (t->action != action) continue;
        if (t->role == actor.role) {
            found = t;
            break;
        }
        if (!found && actor.role == kHrAdmin) found = t;
    }
    if (!found) {
        std::string possible;
        for (const Transition* t : flow.leaving(state))
            possible += fmt::format("{}{} ({})", possible.empty() ? "" : ", ", t->action, t->role);
        throw UserError(fmt::format("{} is {}: {} is not possible from there (possible: {})", object_ref,
                                    state, action,
                                    possible.empty() ? std::string("nothing, it is closed") : possible));
    }
    if (found->needs_reason && reason.empty())
        throw UserError(fmt::format("{}: {} needs a reason (--reason)", object_ref, action));
    return *found;
}

}  // namespace merit
