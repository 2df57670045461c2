// `merit users token WS --user U [--expires 30d] [--label TEXT]` prints a new
// bearer token for `merit serve` (shown once, stored hashed);
// `merit users password WS --user U` sets the user's browser password from
// the first line of standard input. Both are subcommands of `merit users`
// (cli/users_command.cpp).
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "access/authorize.hpp"
#include "access/users.hpp"
#include "api/passwords.hpp"
#include "api/token_store.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

struct CredentialArgs {
    std::string workspace, user, expires = "30d", label;
    bool json = false;
};

// Whoever may add users may give them credentials.
void require_user_admin(sqlite3* db, const std::string& user_id) {
    const auto user = find_user(db, user_id);
    if (!user) throw UserError(fmt::format("user {}: no such user (see `merit users list`)", user_id));
    if (!user->active) throw UserError(fmt::format("user {}: deactivated", user_id));
    require(db, current_actor(), "users.add", workspace_object());
}

void issue(GlobalOptions& global, const CredentialArgs& args) {
    const std::chrono::seconds lifetime = api::parse_lifetime(args.expires);
    Workspace ws = global.open_workspace(args.workspace);
    require_user_admin(ws.db(), args.user);
    const api::IssuedToken token = api::issue_token(ws.db(), args.user, lifetime, args.label);
    if (args.json) {
        std::cout << json_line(boost::json::object{
            {"user", args.user}, {"token", token.token}, {"expires_at", token.expires_at}});
        return;
    }
    std::cerr << fmt::format("token for {} (expires {}); it is shown only now:\n", args.user,
                             token.expires_at);
    std::cout << token.token << "\n";
}

void set_password_from_stdin(GlobalOptions& global, const CredentialArgs& args) {
    Workspace ws = global.open_workspace(args.workspace);
    require_user_admin(ws.db(), args.user);
    std::string password;
    if (!std::getline(std::cin, password) || password.empty())
        throw UserError("give the password as the first line of standard input");
    api::set_password(ws.db(), args.user, password);
    if (args.json)
        std::cout << json_line(boost::json::object{{"user", args.user}, {"password_set", true}});
    else
        people() << fmt::format("password set for {}\n", args.user);
}

CLI::App* users_command(CLI::App& app) {
    try {
        return app.get_subcommand("users");
    } catch (const CLI::OptionNotFound&) {
        return app.add_subcommand("users", "The Merit users who act in a workspace, and their credentials");
    }
}

void setup(CLI::App& app, GlobalOptions& global) {
    static CredentialArgs token_args, password_args;
    CLI::App* users = users_command(app);
    auto* token =
        users->add_subcommand("token", "Print a new bearer token for `merit serve` (stored hashed)");
    token->add_option("WS", token_args.workspace, "The workspace file")->required();
    token->add_option("--user", token_args.user, "The user the token acts as")->required();
    token->add_option("--expires", token_args.expires, "Lifetime: 30d (default), 12h, 45m; at most 3650d");
    token->add_option("--label", token_args.label, "What the token is for (shown in the audit log)");
    add_json_flag(token, token_args.json);
    token->callback([&global] { issue(global, token_args); });

    auto* password = users->add_subcommand(
        "password", "Set a user's password for the browser login (first line of standard input)");
    password->add_option("WS", password_args.workspace, "The workspace file")->required();
    password->add_option("--user", password_args.user, "The user")->required();
    add_json_flag(password, password_args.json);
    password->callback([&global] { set_password_from_stdin(global, password_args); });
}

// After `merit users` (order 12) so these join it.
const CommandRegistrar registrar(13, &setup);

}  // namespace
}  // namespace merit
