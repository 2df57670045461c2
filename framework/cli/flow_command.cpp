// `merit flow show WS NAME [--json]`, `merit flow set WS FILE`: the states and
// transitions of a flow (review, dispute), stored as data.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "access/authorize.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "engine/text_table.hpp"
#include "workflow/flow.hpp"

namespace merit {
namespace {

std::string flow_text(const Flow& flow) {
    std::string out = fmt::format("flow {}\n\n", flow.name);
    TextTable states({"state", "kind", "label"});
    for (const auto& s : flow.states) states.add_row({s.state, s.kind, s.label});
    out += states.render() + "\n";
    TextTable transitions({"from", "action", "role", "to", "reason"});
    for (const auto& t : flow.transitions)
        transitions.add_row({t.from, t.action, t.role, t.to, t.needs_reason ? "needed" : ""});
    return out + transitions.render();
}

Flow read_flow_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UserError(fmt::format("{}: cannot read", path));
    std::stringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    const auto value = boost::json::parse(text.str(), ec);
    if (ec) throw UserError(fmt::format("{}: not JSON: {}", path, ec.message()));
    return parse_flow(value, path);
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* flow =
        app.add_subcommand("flow", "A flow's states and transitions (review, dispute), stored as data");
    flow->require_subcommand(1);
    static std::string workspace, name, file;
    static bool as_json = false;

    auto* show = flow->add_subcommand("show", "Print a flow");
    show->add_option("WS", workspace, "The workspace file")->required();
    show->add_option("NAME", name, "review or dispute")->required();
    show->add_flag("--json", as_json, "Print JSON (the form `merit flow set` reads)");
    show->callback([&global] {
        const Workspace ws = global.open_workspace(workspace);
        require(ws.db(), current_actor(), "flows.read", Object{.ref = "flow:" + name});
        const Flow f = load_flow(ws.db(), name);
        std::cout << (as_json ? json_line(flow_json(f)) : flow_text(f));
    });

    auto* set =
        flow->add_subcommand("set", "Replace a flow by the one in FILE (JSON, as `show --json` prints)");
    set->add_option("WS", workspace, "The workspace file")->required();
    set->add_option("FILE", file, "The flow (JSON)")->required();
    set->add_flag("--json", as_json, "Print JSON");
    set->callback([&global] {
        const Workspace ws = global.open_workspace(workspace);
        const Flow f = read_flow_file(file);
        replace_flow(ws.db(), f);
        if (as_json)
            std::cout << json_line(boost::json::object{
                {"flow", f.name}, {"states", f.states.size()}, {"transitions", f.transitions.size()}});
        else
            people() << fmt::format("flow {}: {} states, {} transitions\n", f.name, f.states.size(),
                                    f.transitions.size());
    });
}

const CommandRegistrar registrar(49, &setup);

}  // namespace
}  // namespace merit
