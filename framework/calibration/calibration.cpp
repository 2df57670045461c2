#include "calibration/calibration.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <set>

#include "access/org_tree.hpp"
#include "access/roles.hpp"
#include "access/text_input.hpp"
#include "access/users.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "engine/evaluator.hpp"
#include "engine/number_text.hpp"
#include "engine/run_store.hpp"
#include "engine/run_workflow.hpp"
#include "scheme/scheme_parser.hpp"
#include "scheme/scheme_validator.hpp"
#include "store/audit_log.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

namespace json = boost::json;

constexpr TextRule kReason{.required = true, .multiline = true, .max_bytes = 4000};
// A calibration moves a total within the score range, never by more.
constexpr double kMaxPoints = 1000;

std::string ref_of(int64_t id) {
    return fmt::format("calibration:{}", id);
}

json::array ids_json(const std::vector<std::string>& ids) {
    json::array out;
    for (const auto& id : ids) out.emplace_back(id);
    return out;
}

std::vector<std::string> ids_of(const std::string& text) {
    std::vector<std::string> out;
    const json::value ids = json::parse(text);
    for (const auto& v : ids.as_array()) out.emplace_back(v.as_string());
    return out;
}

CalibrationSession load_session(sqlite3* db, int64_t id) {
    Statement st(db,
                 "SELECT name, run_id, scheme_name, period, org_units, state, opened_by, opened_at, "
                 "coalesce(closed_by, ''), coalesce(closed_at, ''), result_run_id FROM calibration_sessions "
                 "WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) throw UserError(fmt::format("{}: no such calibration session", ref_of(id)));
    CalibrationSession s;
    s.id = id;
    s.name = st.text(0);
    s.run_id = st.integer(1);
    s.scheme_id = st.text(2);
    s.period = st.text(3);
    s.org_units = ids_of(st.text(4));
    s.state = st.text(5);
    s.opened_by = st.text(6);
    s.opened_at = st.text(7);
    s.closed_by = st.text(8);
    s.closed_at = st.text(9);
    if (!st.is_null(10)) s.result_run_id = st.integer(10);
    Statement members(db, "SELECT user_id FROM calibration_members WHERE session_id = ?1 ORDER BY user_id");
    members.bind(1, id);
    while (members.step()) s.members.push_back(members.text(0));
    return s;
}

std::vector<CalibrationLine> load_lines(sqlite3* db, int64_t id, const std::string& only_manager = "") {
    Statement st(
        db,
        "SELECT seq, manager_id, kind, coalesce(points, 0), coalesce(from_total, 0), "
        "coalesce(to_total, 0), coalesce(from_rating, ''), coalesce(to_rating, ''), by_user, at, reason "
        "FROM calibration_lines WHERE session_id = ?1 AND (?2 = '' OR manager_id = ?2) ORDER BY seq");
    st.bind(1, id).bind(2, only_manager);
    std::vector<CalibrationLine> out;
    while (st.step())
        out.push_back({static_cast<int>(st.integer(0)), st.text(1), st.text(2), st.real(3), st.real(4),
                       st.real(5), st.text(6), st.text(7), st.text(8), st.text(9), st.text(10)});
    return out;
}

Object session_object(const CalibrationSession& s) {
    return Object{.ref = ref_of(s.id), .members = s.members};
}

bool in_scope(sqlite3* db, const CalibrationSession& s, const std::string& unit) {
    return std::any_of(s.org_units.begin(), s.org_units.end(),
                       [&](const std::string& root) { return unit_within(db, unit, root); });
}

// The session's managers as the preliminary run has them, with the lines so
// far applied: points summed onto the total, the last override as rating.
std::vector<CalibrationRow> rows_of(sqlite3* db, const CalibrationSession& s,
                                    const std::vector<CalibrationLine>& lines) {
    Statement st(db,
                 "SELECT manager_id, name, org_unit_id, total, rating FROM run_managers WHERE run_id = ?1 "
                 "ORDER BY rank, manager_id");
    st.bind(1, s.run_id);
    std::vector<CalibrationRow> out;
    while (st.step()) {
        const std::string unit = st.text(2);
        if (!in_scope(db, s, unit)) continue;
        CalibrationRow r{st.text(0), st.text(1), unit, st.real(3), st.real(3), st.text(4), st.text(4)};
        for (const auto& l : lines) {
            if (l.manager_id != r.manager_id) continue;
            if (l.kind == "total") r.total = l.to_total;
            if (l.kind == "rating") r.rating = l.to_rating;
        }
        out.push_back(std::move(r));
    }
    return out;
}

Scheme scheme_of_run(sqlite3* db, int64_t run_id) {
    Statement st(db, "SELECT scheme_json FROM runs WHERE id = ?1");
    st.bind(1, run_id);
    if (!st.step()) throw UserError(fmt::format("run {}: no such run in this workspace", run_id));
    ParsedScheme parsed = parse_scheme_text(st.text(0), fmt::format("run {} scheme", run_id));
    require_valid(parsed.problems, fmt::format("run {} scheme", run_id));
    return std::move(parsed.scheme);
}

void add_limits(const Scheme& scheme, const std::vector<CalibrationRow>& rows, CalibrationView& view) {
    for (const auto& band : scheme.bands) {
        int count = 0;
        for (const auto& r : rows) count += r.rating == band.label;
        view.ratings.emplace_back(band.label, count);
    }
    for (const auto& limit : scheme.distribution) {
        std::map<std::string, std::vector<const CalibrationRow*>> groups;
        for (const auto& r : rows)
            groups[limit.per == "all" ? std::string("all") : r.org_unit_id].push_back(&r);
        for (const auto& [group, members] : groups) {
            DistributionCheck c{limit.band, group, 0, static_cast<int>(members.size()), 0};
            for (const auto* r : members) c.count += r->rating == limit.band;
            // The engine's rule (evaluator.cpp): floor(max_share x members).
            c.allowed =
                static_cast<int>(std::floor(limit.max_share * static_cast<double>(members.size()) + 1e-9));
            view.limits.push_back(c);
        }
    }
}

CalibrationView view_of(sqlite3* db, int64_t id) {
    CalibrationView v;
    v.session = load_session(db, id);
    v.lines = load_lines(db, id);
    v.rows = rows_of(db, v.session, v.lines);
    add_limits(scheme_of_run(db, v.session.run_id), v.rows, v);
    return v;
}

// The row of a manager the session calibrates; throws when it does not.
const CalibrationRow& row_in(const CalibrationView& v, std::string_view manager_id) {
    for (const auto& r : v.rows)
        if (r.manager_id == manager_id) return r;
    throw UserError(fmt::format("{}: manager '{}' is not calibrated in this session (run {}, units {})",
                                ref_of(v.session.id), manager_id, v.session.run_id,
                                json_text(ids_json(v.session.org_units))));
}

// One line, for adjust_total and override_rating: authorize, check, insert, audit.
CalibrationView record(
    sqlite3* db, int64_t id, std::string_view manager_id, std::string_view reason,
    const std::function<CalibrationLine(const CalibrationView&, const CalibrationRow&)>& make) {
    Transaction tx(db);
    const Actor actor = current_actor();
    const CalibrationSession s = load_session(db, id);
    require(db, actor, "calibrate.adjust", session_object(s));
    if (s.state != "open") throw UserError(fmt::format("{}: closed (locked)", ref_of(id)));
    check_text("reason", reason, kReason);
    const CalibrationView before = view_of(db, id);
    CalibrationLine line = make(before, row_in(before, manager_id));
    line.seq = static_cast<int>(before.lines.size());
    line.manager_id = std::string(manager_id);
    line.by = actor.id;
    line.at = utc_timestamp();
    line.reason = std::string(reason);
    Statement st(
        db,
        "INSERT INTO calibration_lines (session_id, seq, manager_id, kind, points, from_total, to_total, "
        "from_rating, to_rating, by_user, at, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
        "?11, ?12)");
    st.bind(1, id).bind(2, line.seq).bind(3, line.manager_id).bind(4, line.kind);
    if (line.kind == "total") {
        st.bind(5, line.points).bind(6, line.from_total).bind(7, line.to_total).bind_null(8).bind_null(9);
    } else {
        st.bind_null(5).bind_null(6).bind_null(7).bind(8, line.from_rating).bind(9, line.to_rating);
    }
    st.bind(10, line.by).bind(11, line.at).bind(12, line.reason);
    st.run();
    json::value detail = calibration_line_json(line);
    detail.as_object().erase("reason");
    append_audit(db, AuditRecord{"calibrate.adjust", ref_of(id), json_text(detail), line.reason});
    CalibrationView after = view_of(db, id);
    tx.commit();
    return after;
}

}  // namespace

CalibrationSession open_calibration(sqlite3* db, const CalibrationSpec& spec) {
    Transaction tx(db);
    require(db, current_actor(), "calibrate.open", workspace_object());
    check_text("name", spec.name, {.required = true, .multiline = false, .max_bytes = 200});
    Statement run(db, "SELECT scheme_name, period FROM runs WHERE id = ?1");
    run.bind(1, spec.run_id);
    if (!run.step()) throw UserError(fmt::format("run {}: no such run in this workspace", spec.run_id));
    {
        Statement result(db, "SELECT id FROM calibration_sessions WHERE result_run_id = ?1");
        result.bind(1, spec.run_id);
        if (result.step())
            throw UserError(
                fmt::format("run {}: it is the calibrated result of {}; calibrate the preliminary run",
                            spec.run_id, ref_of(result.integer(0))));
        Statement other(db, "SELECT id FROM calibration_sessions WHERE run_id = ?1");
        other.bind(1, spec.run_id);
        if (other.step())
            throw UserError(
                fmt::format("run {}: already calibrated in {}", spec.run_id, ref_of(other.integer(0))));
    }
    if (spec.org_units.empty()) throw UserError("calibration: name the org units (--unit)");
    for (const auto& u : spec.org_units)
        if (!org_unit_exists(db, u))
            throw UserError(fmt::format("calibration unit {}: no org unit '{}'", u, u));
    if (spec.members.empty()) throw UserError("calibration: name the committee members (--member)");
    std::set<std::string> seen;
    for (const auto& m : spec.members) {
        const auto user = find_user(db, m);
        if (!user || !user->active)
            throw UserError(fmt::format("calibration member {}: no active user '{}'", m, m));
        if (user->role != kCommittee)
            throw UserError(
                fmt::format("calibration member {}: a {} is not on the committee", m, user->role));
        if (!seen.insert(m).second) throw UserError(fmt::format("calibration member {}: named twice", m));
    }
    Statement st(
        db,
        "INSERT INTO calibration_sessions (name, run_id, scheme_name, period, org_units, state, opened_by, "
        "opened_at) VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7)");
    st.bind(1, spec.name).bind(2, spec.run_id).bind(3, run.text(0)).bind(4, run.text(1));
    st.bind(5, json_text(ids_json(spec.org_units))).bind(6, current_actor().id).bind(7, utc_timestamp());
    st.run();
    const int64_t id = sqlite3_last_insert_rowid(db);
    Statement add(db, "INSERT INTO calibration_members (session_id, user_id) VALUES (?1, ?2)");
    for (const auto& m : spec.members) {
        add.reset();
        add.bind(1, id).bind(2, m);
        add.run();
    }
    append_audit(db, AuditRecord{"calibrate.open", ref_of(id),
                                 json_text(json::object{{"run", spec.run_id},
                                                        {"org_units", ids_json(spec.org_units)},
                                                        {"members", ids_json(spec.members)}}),
                                 ""});
    CalibrationSession s = load_session(db, id);
    tx.commit();
    return s;
}

CalibrationView read_calibration(sqlite3* db, int64_t session_id) {
    require(db, current_actor(), "calibrate.read", session_object(load_session(db, session_id)));
    return view_of(db, session_id);
}

std::vector<CalibrationSession> list_calibrations(sqlite3* db) {
    std::vector<CalibrationSession> out;
    Statement st(db, "SELECT id FROM calibration_sessions ORDER BY id");
    const Actor actor = current_actor();
    while (st.step()) {
        CalibrationSession s = load_session(db, st.integer(0));
        if (authorize(db, actor, "calibrate.read", session_object(s)).allowed) out.push_back(std::move(s));
    }
    return out;
}

CalibrationView adjust_total(sqlite3* db, int64_t session_id, std::string_view manager_id, double points,
                             std::string_view reason) {
    return record(db, session_id, manager_id, reason, [&](const CalibrationView& v, const CalibrationRow& r) {
        if (!std::isfinite(points) || points == 0 || std::abs(points) > kMaxPoints)
            throw UserError(fmt::format("{}: {} points is not a change between -{} and {} (not 0)",
                                        ref_of(v.session.id), number_text(points), kMaxPoints, kMaxPoints));
        const double to = r.total + points;
        if (to < 0)
            throw UserError(fmt::format("{}: {}'s total {} {} would be below 0", ref_of(v.session.id),
                                        r.manager_id, number_text(r.total), number_text(points)));
        CalibrationLine l;
        l.kind = "total";
        l.points = points;
        l.from_total = r.total;
        l.to_total = to;
        return l;
    });
}

CalibrationView override_rating(sqlite3* db, int64_t session_id, std::string_view manager_id,
                                std::string_view rating, std::string_view reason) {
    return record(db, session_id, manager_id, reason, [&](const CalibrationView& v, const CalibrationRow& r) {
        const bool known = std::any_of(v.ratings.begin(), v.ratings.end(),
                                       [&](const auto& band) { return band.first == rating; });
        if (!known) {
            std::string bands;
            for (const auto& b : v.ratings) bands += (bands.empty() ? "" : ", ") + b.first;
            throw UserError(fmt::format("{}: '{}' is not a rating of scheme {} ({})", ref_of(v.session.id),
                                        rating, v.session.scheme_id, bands));
        }
        if (rating == r.rating)
            throw UserError(
                fmt::format("{}: {} is rated {} already", ref_of(v.session.id), r.manager_id, rating));
        CalibrationLine l;
        l.kind = "rating";
        l.from_rating = r.rating;
        l.to_rating = std::string(rating);
        return l;
    });
}

std::map<std::string, CalibrationEffect> calibration_effects(sqlite3* db, int64_t session_id) {
    // What the lines add up to per manager: the summed points, the last override.
    std::map<std::string, CalibrationEffect> effects;
    for (const auto& l : load_lines(db, session_id)) {
        CalibrationEffect& e = effects[l.manager_id];
        e.source = ref_of(session_id);
        if (l.kind == "total") e.points += l.points;
        if (l.kind == "rating") e.rating = l.to_rating;
    }
    return effects;
}

int64_t close_calibration(Workspace& ws, const PluginRegistry& registry, int64_t session_id,
                          std::string_view reason) {
    sqlite3* db = ws.db();
    const CalibrationSession s = load_session(db, session_id);
    require(db, current_actor(), "calibrate.close", session_object(s));
    if (s.state != "open")
        throw UserError(
            fmt::format("{}: closed already (run {})", ref_of(session_id), s.result_run_id.value_or(0)));
    check_text("reason", reason, {.required = false, .multiline = true, .max_bytes = 4000});
    const RunInfo preliminary = load_run(db, s.run_id, std::string()).info;
    Scheme scheme = scheme_of_run(db, s.run_id);
    require_valid(check_scheme_components(scheme, registry), fmt::format("run {} scheme", s.run_id));
    const std::map<std::string, CalibrationEffect> effects = calibration_effects(db, session_id);
    EvaluationRequest request;
    request.registry = &registry;
    request.scheme = &scheme;
    request.period = preliminary.period;
    request.calibration = &effects;
    RunResult result = evaluate_in_snapshot(ws, request);
    // Calibration changes what the committee decided and nothing else: the
    // same inputs as the preliminary run, or the difference would be more.
    if (result.info.input_fingerprint != preliminary.input_fingerprint)
        throw UserError(
            fmt::format("{}: the inputs changed since run {} was made; run the scheme again and "
                        "calibrate that run",
                        ref_of(session_id), s.run_id));
    result.info.scheme_path = preliminary.scheme_path;
    Transaction tx(db);
    const int64_t run_id = insert_run(db, result);
    Statement st(db,
                 "UPDATE calibration_sessions SET state = 'closed', closed_by = ?2, closed_at = ?3, "
                 "result_run_id = ?4 WHERE id = ?1 AND state = 'open'");
    st.bind(1, session_id).bind(2, current_actor().id).bind(3, utc_timestamp()).bind(4, run_id);
    st.run();
    if (sqlite3_changes(db) != 1) throw UserError(fmt::format("{}: closed meanwhile", ref_of(session_id)));
    append_audit(
        db,
        AuditRecord{"calibrate.close", ref_of(session_id),
                    json_text(json::object{{"preliminary_run", s.run_id},
                                           {"calibrated_run", run_id},
                                           {"lines", static_cast<int64_t>(load_lines(db, session_id).size())},
                                           {"results_digest", result.info.results_digest}}),
                    std::string(reason)});
    tx.commit();
    return run_id;
}

RunCalibration calibration_of_run(sqlite3* db, int64_t run_id, const std::string& manager_id) {
    RunCalibration out;
    Statement st(db, "SELECT id FROM calibration_sessions WHERE result_run_id = ?1");
    st.bind(1, run_id);
    if (!st.step()) return out;
    out.session = load_session(db, st.integer(0));
    out.lines = load_lines(db, out.session->id, manager_id);
    return out;
}

std::string calibration_text(const RunCalibration& c) {
    if (!c.session) return "";
    std::string out =
        fmt::format("\ncalibration ({} \"{}\", preliminary run {}, closed {} by {})\n", ref_of(c.session->id),
                    c.session->name, c.session->run_id, c.session->closed_at, c.session->closed_by);
    if (c.lines.empty()) out += "  no calibration lines for this manager\n";
    for (const auto& l : c.lines) {
        if (l.kind == "total")
            out += fmt::format("  {} {}: total {} -> {} ({}{}): {}\n", l.at, l.by, number_text(l.from_total),
                               number_text(l.to_total), l.points > 0 ? "+" : "", number_text(l.points),
                               l.reason);
        else
            out += fmt::format("  {} {}: rating {} -> {}: {}\n", l.at, l.by, l.from_rating, l.to_rating,
                               l.reason);
    }
    return out;
}

std::vector<std::string> calibration_members_of(sqlite3* db, const std::string& manager_id,
                                                const std::string& period) {
    std::vector<std::string> out;
    const auto unit = manager_org_unit(db, manager_id);
    if (!unit) return out;
    Statement st(db, "SELECT id FROM calibration_sessions WHERE period = ?1 ORDER BY id");
    st.bind(1, period);
    while (st.step()) {
        const CalibrationSession s = load_session(db, st.integer(0));
        if (!in_scope(db, s, *unit)) continue;
        for (const auto& m : s.members)
            if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
    }
    return out;
}

std::optional<int64_t> calibrated_run_of(sqlite3* db, const std::string& manager_id,
                                         const std::string& period) {
    const auto unit = manager_org_unit(db, manager_id);
    if (!unit) return std::nullopt;
    Statement st(
        db,
        "SELECT id, result_run_id FROM calibration_sessions WHERE period = ?1 AND result_run_id IS NOT "
        "NULL ORDER BY id DESC");
    st.bind(1, period);
    while (st.step())
        if (in_scope(db, load_session(db, st.integer(0)), *unit)) return st.integer(1);
    return std::nullopt;
}

json::value calibration_line_json(const CalibrationLine& l) {
    json::object o{{"seq", l.seq}, {"manager_id", l.manager_id}, {"kind", l.kind}};
    if (l.kind == "total") {
        o["points"] = l.points;
        o["from"] = l.from_total;
        o["to"] = l.to_total;
    } else {
        o["points"] = nullptr;
        o["from"] = l.from_rating;
        o["to"] = l.to_rating;
    }
    o["by"] = l.by;
    o["at"] = l.at;
    o["reason"] = l.reason;
    return o;
}

json::value calibration_session_json(const CalibrationSession& s) {
    auto text_or_null = [](const std::string& t) {
        return t.empty() ? json::value(nullptr) : json::value(t);
    };
    return json::object{
        {"id", s.id},
        {"name", s.name},
        {"run", s.run_id},
        {"scheme", s.scheme_id},
        {"period", s.period},
        {"org_units", ids_json(s.org_units)},
        {"members", ids_json(s.members)},
        {"state", s.state},
        {"opened_by", s.opened_by},
        {"opened_at", s.opened_at},
        {"closed_by", text_or_null(s.closed_by)},
        {"closed_at", text_or_null(s.closed_at)},
        {"calibrated_run", s.result_run_id ? json::value(*s.result_run_id) : json::value(nullptr)}};
}

json::value calibration_json(const RunCalibration& c) {
    if (!c.session) return nullptr;
    json::array lines;
    for (const auto& l : c.lines) lines.push_back(calibration_line_json(l));
    return json::object{{"session", calibration_session_json(*c.session)}, {"lines", lines}};
}

json::value calibration_view_json(const CalibrationView& v) {
    json::array rows, lines, ratings, limits;
    for (const auto& r : v.rows)
        rows.push_back(json::object{{"manager_id", r.manager_id},
                                    {"name", r.name},
                                    {"org_unit_id", r.org_unit_id},
                                    {"preliminary_total", r.preliminary_total},
                                    {"total", r.total},
                                    {"preliminary_rating", r.preliminary_rating},
                                    {"rating", r.rating}});
    for (const auto& l : v.lines) lines.push_back(calibration_line_json(l));
    for (const auto& [band, count] : v.ratings)
        ratings.push_back(json::object{{"rating", band}, {"managers", count}});
    for (const auto& c : v.limits)
        limits.push_back(json::object{{"rating", c.band},
                                      {"group", c.group},
                                      {"managers", c.count},
                                      {"of", c.members},
                                      {"allowed", c.allowed},
                                      {"over", c.count > c.allowed}});
    return json::object{{"session", calibration_session_json(v.session)},
                        {"managers", rows},
                        {"lines", lines},
                        {"ratings", ratings},
                        {"limits", limits}};
}

}  // namespace merit
