#include "dispute/dispute.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "access/text_input.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "store/audit_log.hpp"
#include "store/sqlite.hpp"
#include "workflow/flow.hpp"

namespace merit {
namespace {

namespace json = boost::json;

constexpr std::string_view kFlow = "dispute";
constexpr TextRule kText{.required = false, .multiline = true, .max_bytes = 4000};

std::string ref_of(int64_t id) {
    return fmt::format("dispute:{}", id);
}

Dispute load(sqlite3* db, int64_t id) {
    Statement st(
        db,
        "SELECT run_id, manager_id, line, state, reason, correction, correction_run, correction_note "
        "FROM disputes WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) throw UserError(fmt::format("{}: no such dispute", ref_of(id)));
    Dispute d;
    d.id = id;
    d.run_id = st.integer(0);
    d.manager_id = st.text(1);
    d.line = st.text(2);
    d.state = st.text(3);
    d.reason = st.text(4);
    d.correction = st.text(5);
    if (!st.is_null(6)) d.correction_run = st.integer(6);
    d.correction_note = st.text(7);
    Statement ev(db,
                 "SELECT seq, action, from_state, to_state, by_user, at, text FROM dispute_events "
                 "WHERE dispute_id = ?1 ORDER BY seq");
    ev.bind(1, id);
    while (ev.step())
        d.events.push_back({static_cast<int>(ev.integer(0)), ev.text(1), ev.text(2), ev.text(3), ev.text(4),
                            ev.text(5), ev.text(6)});
    const Flow flow = load_flow(db, kFlow);
    for (const Transition* t : flow.leaving(d.state))
        d.next_actions.push_back(t->action + " (" + t->role + ")");
    return d;
}

void add_event(sqlite3* db, int64_t id, std::string_view action, std::string_view from, std::string_view to,
               std::string_view text) {
    Statement count(db, "SELECT count(*) FROM dispute_events WHERE dispute_id = ?1");
    count.bind(1, id);
    count.step();
    Statement st(
        db,
        "INSERT INTO dispute_events (dispute_id, seq, action, from_state, to_state, by_user, at, text) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    st.bind(1, id).bind(2, count.integer(0)).bind(3, action).bind(4, from).bind(5, to);
    st.bind(6, current_actor().id).bind(7, utc_timestamp()).bind(8, text);
    st.run();
}

// May the run's results be disputed: its pay released, or it is the result
// of a calibration.
bool disputable(sqlite3* db, int64_t run_id) {
    Statement st(db,
                 "SELECT (SELECT count(*) FROM pay_approvals WHERE run_id = ?1 AND state = 'released') + "
                 "(SELECT count(*) FROM calibration_sessions WHERE result_run_id = ?1)");
    st.bind(1, run_id);
    st.step();
    return st.integer(0) > 0;
}

void check_line(sqlite3* db, int64_t run_id, std::string_view manager_id, std::string_view line) {
    Statement in_run(db, "SELECT 1 FROM run_managers WHERE run_id = ?1 AND manager_id = ?2");
    in_run.bind(1, run_id).bind(2, manager_id);
    if (!in_run.step())
        throw UserError(fmt::format("run {}: manager '{}' is not in this run", run_id, manager_id));
    if (line == "total" || line == "rating") return;
    const auto colon = line.find(':');
    const std::string_view kind = line.substr(0, colon == std::string_view::npos ? 0 : colon);
    const std::string_view id = colon == std::string_view::npos ? "" : line.substr(colon + 1);
    const char* sql =
        kind == "pay"         ? "SELECT 1 FROM run_pay WHERE run_id = ?1 AND manager_id = ?2 AND code = ?3"
        : kind == "indicator" ? "SELECT 1 FROM run_indicators WHERE run_id = ?1 AND manager_id = ?2 "
                                "AND indicator = ?3"
                              : nullptr;
    if (!sql || id.empty())
        throw UserError(fmt::format("line '{}': expected total, rating, pay:CODE or indicator:ID", line));
    Statement st(db, sql);
    st.bind(1, run_id).bind(2, manager_id).bind(3, id);
    if (!st.step())
        throw UserError(fmt::format("line '{}': run {} has no such line for {}", line, run_id, manager_id));
}

// uphold's effect: the correction, checked.
void record_correction(sqlite3* db, const Dispute& d, const DisputeInput& in) {
    if (in.correction == "superseding_run") {
        Statement st(db,
                     "SELECT r.scheme_name = o.scheme_name AND r.period = o.period FROM runs r, runs o "
                     "WHERE r.id = ?1 AND o.id = ?2");
        st.bind(1, in.correction_run).bind(2, d.run_id);
        if (!st.step())
            throw UserError(
                fmt::format("{}: no run {} to supersede run {}", ref_of(d.id), in.correction_run, d.run_id));
        if (st.integer(0) == 0 || in.correction_run <= d.run_id)
            throw UserError(fmt::format(
                "{}: run {} does not supersede run {} (a later run of the same scheme and period)",
                ref_of(d.id), in.correction_run, d.run_id));
        Statement up(db,
                     "UPDATE disputes SET correction = 'superseding_run', correction_run = ?2 WHERE id = ?1");
        up.bind(1, d.id).bind(2, in.correction_run);
        up.run();
        return;
    }
    if (in.correction == "next_period") {
        check_text("correction note", in.correction_note,
                   {.required = true, .multiline = true, .max_bytes = 2000});
        Statement up(db,
                     "UPDATE disputes SET correction = 'next_period', correction_note = ?2 WHERE id = ?1");
        up.bind(1, d.id).bind(2, in.correction_note);
        up.run();
        return;
    }
    throw UserError(
        fmt::format("{}: uphold needs the correction: superseding_run (--correction-run N) or "
                    "next_period (--note TEXT)",
                    ref_of(d.id)));
}

}  // namespace

Object dispute_object(sqlite3* db, const Dispute& d) {
    Object o = manager_object(db, d.manager_id);
    o.ref = ref_of(d.id);
    return o;
}

Dispute open_dispute(sqlite3* db, int64_t run_id, std::string_view manager_id, std::string_view line,
                     std::string_view reason) {
    Transaction tx(db);
    Object o = manager_object(db, manager_id);
    o.ref = fmt::format("run:{}", run_id);
    require(db, current_actor(), "dispute.open", o);
    check_text("reason", reason, {.required = true, .multiline = true, .max_bytes = 4000});
    Statement run(db, "SELECT 1 FROM runs WHERE id = ?1");
    run.bind(1, run_id);
    if (!run.step()) throw UserError(fmt::format("run {}: no such run in this workspace", run_id));
    if (!disputable(db, run_id))
        throw UserError(
            fmt::format("run {}: neither released nor calibrated; only those results are disputed", run_id));
    check_line(db, run_id, manager_id, line);
    Statement same(
        db,
        "SELECT d.id FROM disputes d JOIN flow_states s ON s.flow = 'dispute' AND s.state = d.state "
        "WHERE d.run_id = ?1 AND d.manager_id = ?2 AND d.line = ?3 AND s.kind <> 'end'");
    same.bind(1, run_id).bind(2, manager_id).bind(3, line);
    if (same.step())
        throw UserError(fmt::format("run {}: {} of {} is disputed already ({})", run_id, line, manager_id,
                                    ref_of(same.integer(0))));
    const std::string start = load_flow(db, kFlow).start_state();
    Statement st(db,
                 "INSERT INTO disputes (run_id, manager_id, line, state, reason, opened_by, opened_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.bind(1, run_id).bind(2, manager_id).bind(3, line).bind(4, start).bind(5, reason);
    st.bind(6, current_actor().id).bind(7, utc_timestamp());
    st.run();
    const int64_t id = sqlite3_last_insert_rowid(db);
    add_event(db, id, "open", "", start, reason);
    append_audit(db, AuditRecord{"dispute.open", ref_of(id),
                                 json_text(json::object{{"run", run_id},
                                                        {"manager", std::string(manager_id)},
                                                        {"line", std::string(line)},
                                                        {"to", start}}),
                                 std::string(reason)});
    Dispute d = load(db, id);
    tx.commit();
    return d;
}

Dispute dispute_act(sqlite3* db, int64_t dispute_id, std::string_view action, const DisputeInput& input) {
    Transaction tx(db);
    const Actor actor = current_actor();
    const Dispute before = load(db, dispute_id);
    require(db, actor, fmt::format("dispute.{}", action), dispute_object(db, before));
    check_text("text", input.text, kText);
    const Flow flow = load_flow(db, kFlow);
    const Transition& t = pick_transition(flow, ref_of(dispute_id), before.state, action, actor, input.text);
    json::object detail{{"from", t.from}, {"to", t.to}};
    if (action == "uphold") {
        record_correction(db, before, input);
        detail["correction"] = input.correction;
        if (input.correction == "superseding_run") detail["correction_run"] = input.correction_run;
    }
    Statement st(db, "UPDATE disputes SET state = ?2 WHERE id = ?1");
    st.bind(1, dispute_id).bind(2, t.to);
    st.run();
    add_event(db, dispute_id, action, t.from, t.to, input.text);
    append_audit(db, AuditRecord{fmt::format("dispute.{}", action), ref_of(dispute_id), json_text(detail),
                                 input.text});
    Dispute after = load(db, dispute_id);
    tx.commit();
    return after;
}

Dispute read_dispute(sqlite3* db, int64_t dispute_id) {
    Dispute d = load(db, dispute_id);
    require(db, current_actor(), "dispute.read", dispute_object(db, d));
    return d;
}

std::vector<Dispute> list_disputes(sqlite3* db) {
    std::vector<Dispute> out;
    const Actor actor = current_actor();
    Statement st(db, "SELECT id FROM disputes ORDER BY id");
    while (st.step()) {
        Dispute d = load(db, st.integer(0));
        if (authorize(db, actor, "dispute.read", dispute_object(db, d)).allowed) out.push_back(std::move(d));
    }
    return out;
}

json::value dispute_json(const Dispute& d) {
    json::array events, next;
    for (const auto& e : d.events)
        events.push_back(json::object{{"seq", e.seq},
                                      {"action", e.action},
                                      {"from", e.from},
                                      {"to", e.to},
                                      {"by", e.by},
                                      {"at", e.at},
                                      {"text", e.text}});
    for (const auto& a : d.next_actions) next.emplace_back(a);
    return json::object{
        {"id", d.id},
        {"run", d.run_id},
        {"manager_id", d.manager_id},
        {"line", d.line},
        {"state", d.state},
        {"reason", d.reason},
        {"correction", d.correction.empty() ? json::value(nullptr) : json::value(d.correction)},
        {"correction_run", d.correction_run ? json::value(*d.correction_run) : json::value(nullptr)},
        {"correction_note", d.correction_note},
        {"events", events},
        {"next", next}};
}

}  // namespace merit
