// `merit calibrate open|list|show|adjust|rate|close WS ...`: calibration
// sessions on a preliminary run (calibration/calibration.hpp).
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "calibration/calibration.hpp"
#include "cli/command.hpp"
#include "cli/key_values.hpp"
#include "cli/output.hpp"
#include "common/json_text.hpp"
#include "engine/number_text.hpp"
#include "engine/text_table.hpp"

namespace merit {
namespace {

struct CalibrateArgs {
    std::string workspace, name, manager, points, rating, reason;
    std::vector<std::string> units, members;
    int64_t run = 0, session = 0;
    bool as_json = false;
};

using Align = TextTable::Align;

std::string view_text(const CalibrationView& v) {
    const auto& s = v.session;
    std::string out = fmt::format(
        "calibration:{} \"{}\"  run {} ({} {})  {}{}\n", s.id, s.name, s.run_id, s.scheme_id, s.period,
        s.state, s.result_run_id ? fmt::format(" -> calibrated run {}", *s.result_run_id) : "");
    std::string members, units;
    for (const auto& m : s.members) members += (members.empty() ? "" : ", ") + m;
    for (const auto& u : s.org_units) units += (units.empty() ? "" : ", ") + u;
    out += fmt::format("units {} · members {}\n", units, members);
    TextTable t(
        {"manager", "name", "unit", "total", "calibrated", "rating", "calibrated"},
        {Align::left, Align::left, Align::left, Align::right, Align::right, Align::left, Align::left});
    for (const auto& r : v.rows)
        t.add_row({r.manager_id, r.name, r.org_unit_id, number_text(r.preliminary_total, 2),
                   number_text(r.total, 2), r.preliminary_rating, r.rating});
    out += t.render();
    out += "ratings:";
    for (const auto& [band, count] : v.ratings) out += fmt::format(" {} {}", band, count);
    out += "\n";
    for (const auto& c : v.limits)
        out += fmt::format("  limit {} in {}: {} of {} allowed {}{}\n", c.band, c.group, c.count, c.members,
                           c.allowed, c.count > c.allowed ? "  OVER" : "");
    if (!v.lines.empty()) out += "lines:\n";
    for (const auto& l : v.lines) {
        if (l.kind == "total")
            out += fmt::format("  {}. {} {} {}: total {} -> {} ({}{}): {}\n", l.seq + 1, l.at, l.by,
                               l.manager_id, number_text(l.from_total), number_text(l.to_total),
                               l.points > 0 ? "+" : "", number_text(l.points), l.reason);
        else
            out += fmt::format("  {}. {} {} {}: rating {} -> {}: {}\n", l.seq + 1, l.at, l.by, l.manager_id,
                               l.from_rating, l.to_rating, l.reason);
    }
    return out;
}

void print(const CalibrationView& v, bool as_json) {
    std::cout << (as_json ? json_line(calibration_view_json(v)) : view_text(v));
}

void add_session(CLI::App* cmd, CalibrateArgs& a) {
    cmd->add_option("WS", a.workspace, "The workspace file")->required();
    cmd->add_option("--session", a.session, "The session's number")->required();
    add_json_flag(cmd, a.as_json);
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cal = app.add_subcommand("calibrate", "Calibration sessions: adjust totals and ratings of a run");
    cal->require_subcommand(1);
    static CalibrateArgs a;

    auto* open = cal->add_subcommand("open", "Open a session on a preliminary run (hr_admin)");
    open->add_option("WS", a.workspace, "The workspace file")->required();
    open->add_option("--run", a.run, "The preliminary run")->required();
    open->add_option("--name", a.name, "The session's name")->required();
    open->add_option("--unit", a.units, "An org unit whose subtree is calibrated, repeatable")->required();
    open->add_option("--member", a.members, "A committee user who sits on it, repeatable")->required();
    add_json_flag(open, a.as_json);
    open->callback([&global] {
        const Workspace ws = global.open_workspace(a.workspace);
        const CalibrationSession s = open_calibration(ws.db(), {a.run, a.name, a.units, a.members});
        print(read_calibration(ws.db(), s.id), a.as_json);
    });

    auto* list = cal->add_subcommand("list", "The sessions you may read");
    list->add_option("WS", a.workspace, "The workspace file")->required();
    add_json_flag(list, a.as_json);
    list->callback([&global] {
        const Workspace ws = global.open_workspace(a.workspace);
        const auto sessions = list_calibrations(ws.db());
        if (a.as_json) {
            boost::json::array rows;
            for (const auto& s : sessions) rows.push_back(calibration_session_json(s));
            std::cout << json_line(rows);
            return;
        }
        TextTable t({"session", "name", "run", "period", "state", "calibrated run"});
        for (const auto& s : sessions)
            t.add_row({std::to_string(s.id), s.name, std::to_string(s.run_id), s.period, s.state,
                       s.result_run_id ? std::to_string(*s.result_run_id) : "-"});
        std::cout << t.render();
    });

    auto* show = cal->add_subcommand("show", "Totals, ratings, distribution against the limits, lines");
    add_session(show, a);
    show->callback([&global] {
        const Workspace ws = global.open_workspace(a.workspace);
        print(read_calibration(ws.db(), a.session), a.as_json);
    });

    auto* adjust = cal->add_subcommand("adjust", "Record a signed change of a manager's total (a member)");
    add_session(adjust, a);
    adjust->add_option("--manager", a.manager, "The manager")->required();
    adjust->add_option("--points", a.points, "The change, e.g. 2.5 or -1")->required();
    adjust->add_option("--reason", a.reason, "Why (required)")->required();
    adjust->callback([&global] {
        const Workspace ws = global.open_workspace(a.workspace);
        print(adjust_total(ws.db(), a.session, a.manager, parse_cli_number("--points", a.points), a.reason),
              a.as_json);
    });

    auto* rate =
        cal->add_subcommand("rate", "Override a manager's rating with a band of the scheme (a member)");
    add_session(rate, a);
    rate->add_option("--manager", a.manager, "The manager")->required();
    rate->add_option("--rating", a.rating, "The band's label")->required();
    rate->add_option("--reason", a.reason, "Why (required)")->required();
    rate->callback([&global] {
        const Workspace ws = global.open_workspace(a.workspace);
        print(override_rating(ws.db(), a.session, a.manager, a.rating, a.reason), a.as_json);
    });

    auto* close = cal->add_subcommand("close", "Lock the session and store the calibrated run");
    add_session(close, a);
    close->add_option("--reason", a.reason, "Why (stored in the audit log)");
    close->callback([&global] {
        Workspace ws = global.open_workspace(a.workspace);
        const PluginRegistry registry = global.load_plugins();
        const int64_t run = close_calibration(ws, registry, a.session, a.reason);
        const CalibrationView v = read_calibration(ws.db(), a.session);
        if (a.as_json) {
            print(v, true);
            return;
        }
        people() << fmt::format("calibration:{} closed; the calibrated result is run {} (from run {})\n",
                                a.session, run, v.session.run_id);
    });
}

const CommandRegistrar registrar(53, &setup);

}  // namespace
}  // namespace merit
