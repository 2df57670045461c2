// `merit users add|list|deactivate|permissions WS ...`: the Merit users who
// act in a workspace (each with one role) and what each role may do.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "access/authorize.hpp"
#include "access/roles.hpp"
#include "access/users.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/json_text.hpp"
#include "engine/text_table.hpp"

namespace merit {
namespace {

std::string grants_text(const std::vector<Grant>& grants) {
    std::string out;
    for (const auto& g : grants) {
        if (!out.empty()) out += ", ";
        out += g.role;
        if (g.condition != GrantCondition::any) out += fmt::format(" ({})", condition_name(g.condition));
    }
    return out;
}

void print_users(const std::vector<User>& users, bool as_json) {
    if (as_json) {
        boost::json::array rows;
        for (const auto& u : users) rows.push_back(user_json(u));
        std::cout << json_line(rows);
        return;
    }
    TextTable table({"id", "name", "role", "org unit", "manager", "active"});
    for (const auto& u : users)
        table.add_row({u.id, u.name, u.role, u.org_unit_id, u.manager_id, u.active ? "yes" : "no"});
    std::cout << table.render();
}

void print_permissions(const std::vector<PermissionRow>& rows, bool as_json) {
    if (as_json) {
        boost::json::array out;
        for (const auto& r : rows) {
            boost::json::array grants;
            for (const auto& g : r.grants)
                grants.push_back(
                    boost::json::object{{"role", g.role}, {"condition", condition_name(g.condition)}});
            out.push_back(boost::json::object{{"action", r.action},
                                              {"object", r.object},
                                              {"description", r.description},
                                              {"grants", grants}});
        }
        std::cout << json_line(out);
        return;
    }
    TextTable table({"action", "object", "who may", "what it does"});
    for (const auto& r : rows) table.add_row({r.action, r.object, grants_text(r.grants), r.description});
    std::cout << table.render();
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* users = app.add_subcommand("users", "The Merit users who act in a workspace, and their roles");
    users->require_subcommand(1);
    static std::string workspace, reason;
    static User user;
    static bool as_json = false;

    auto* add = users->add_subcommand("add", "Add a user with one role");
    add->add_option("WS", workspace, "The workspace file")->required();
    add->add_option("--id", user.id, "The user's id (letters, digits, _ . @ -)")->required();
    add->add_option("--name", user.name, "The user's name")->required();
    std::string roles;
    for (const auto& r : user_roles()) roles += (roles.empty() ? "" : ", ") + std::string(r.name);
    add->add_option("--role", user.role, roles)->required();
    add->add_option("--org-unit", user.org_unit_id, "A supervisor's unit: they act on its subtree");
    add->add_option("--manager", user.manager_id, "A manager-role user's manager id in the data");
    add_json_flag(add, as_json);
    add->callback([&global] {
        const Workspace ws = global.open_workspace(workspace);
        add_user(ws.db(), user);
        if (as_json)
            std::cout << json_line(user_json(*find_user(ws.db(), user.id)));
        else
            people() << fmt::format("user {} added ({})\n", user.id, user.role);
    });

    auto* list = users->add_subcommand("list", "Every user with role, unit and manager");
    list->add_option("WS", workspace, "The workspace file")->required();
    add_json_flag(list, as_json);
    list->callback([&global] {
        const Workspace ws = global.open_workspace(workspace);
        print_users(list_users(ws.db()), as_json);
    });

    auto* deactivate = users->add_subcommand("deactivate", "Stop a user from acting (kept in the log)");
    deactivate->add_option("WS", workspace, "The workspace file")->required();
    deactivate->add_option("--id", user.id, "The user's id")->required();
    deactivate->add_option("--reason", reason, "Why")->required();
    add_json_flag(deactivate, as_json);
    deactivate->callback([&global] {
        const Workspace ws = global.open_workspace(workspace);
        deactivate_user(ws.db(), user.id, reason);
        if (as_json)
            std::cout << json_line(user_json(*find_user(ws.db(), user.id)));
        else
            people() << fmt::format("user {} is inactive\n", user.id);
    });

    auto* permissions =
        users->add_subcommand("permissions", "Every action, what it acts on and which roles may take it");
    permissions->add_option("WS", workspace, "The workspace file")->required();
    add_json_flag(permissions, as_json);
    permissions->callback([&global] {
        const Workspace ws = global.open_workspace(workspace);
        print_permissions(permission_table(ws.db()), as_json);
    });
}

const CommandRegistrar registrar(12, &setup);

}  // namespace
}  // namespace merit
