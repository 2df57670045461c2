#include "access/users.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "access/authorize.hpp"
#include "access/org_tree.hpp"
#include "access/roles.hpp"
#include "access/text_input.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "store/audit_log.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

User read_user(const Statement& st) {
    return User{st.text(0),
                st.text(1),
                st.text(2),
                st.optional_text(3).value_or(""),
                st.optional_text(4).value_or(""),
                st.integer(5) != 0,
                st.text(6)};
}

constexpr const char* kUserColumns = "id, name, role, org_unit_id, manager_id, active, created_at";

std::string role_list() {
    std::string out;
    for (const auto& r : user_roles()) out += (out.empty() ? "" : ", ") + std::string(r.name);
    return out;
}

void check_new_user(sqlite3* db, const User& u) {
    check_key("id", u.id);
    check_text("name", u.name);
    if (!is_user_role(u.role))
        throw UserError(fmt::format("role: '{}' is not a role (one of {})", u.role, role_list()));
    if (find_user(db, u.id)) throw UserError(fmt::format("id: user '{}' already exists", u.id));
    if (u.role == kSupervisor && u.org_unit_id.empty())
        throw UserError("org_unit: a supervisor needs the org unit whose subtree they supervise");
    if (u.role == kManagerRole && u.manager_id.empty())
        throw UserError("manager: a manager-role user needs the manager id they are in the data");
    if (!u.org_unit_id.empty() && !org_unit_exists(db, u.org_unit_id))
        throw UserError(fmt::format("org_unit: no org unit '{}'", u.org_unit_id));
    if (!u.manager_id.empty()) {
        if (!manager_org_unit(db, u.manager_id))
            throw UserError(fmt::format("manager: no manager '{}'", u.manager_id));
        Statement other(db, "SELECT id FROM users WHERE manager_id = ?1");
        other.bind(1, u.manager_id);
        if (other.step())
            throw UserError(
                fmt::format("manager: manager '{}' is already user '{}'", u.manager_id, other.text(0)));
    }
}

}  // namespace

void add_user(sqlite3* db, const User& user) {
    Transaction tx(db);
    require(db, current_actor(), "users.add", workspace_object());
    check_new_user(db, user);
    Statement st(db,
                 "INSERT INTO users (id, name, role, org_unit_id, manager_id, active, created_at) "
                 "VALUES (?1, ?2, ?3, NULLIF(?4, ''), NULLIF(?5, ''), 1, ?6)");
    st.bind(1, user.id).bind(2, user.name).bind(3, user.role).bind(4, user.org_unit_id);
    st.bind(5, user.manager_id).bind(6, utc_timestamp());
    st.run();
    boost::json::object detail{{"name", user.name}, {"role", user.role}};
    if (!user.org_unit_id.empty()) detail["org_unit"] = user.org_unit_id;
    if (!user.manager_id.empty()) detail["manager"] = user.manager_id;
    append_audit(db, AuditRecord{"users.add", "user:" + user.id, json_text(detail), ""});
    tx.commit();
}

void deactivate_user(sqlite3* db, std::string_view user_id, std::string_view reason) {
    Transaction tx(db);
    require(db, current_actor(), "users.deactivate", user_object(user_id));
    check_text("reason", reason, {.multiline = true, .max_bytes = 2000});
    const auto user = find_user(db, user_id);
    if (!user) throw UserError(fmt::format("no user '{}'", user_id));
    if (!user->active) throw UserError(fmt::format("user '{}' is already inactive", user_id));
    Statement st(db, "UPDATE users SET active = 0 WHERE id = ?1");
    st.bind(1, user_id);
    st.run();
    append_audit(db,
                 AuditRecord{"users.deactivate", "user:" + std::string(user_id), "{}", std::string(reason)});
    tx.commit();
}

std::vector<User> list_users(sqlite3* db) {
    require(db, current_actor(), "users.list", workspace_object());
    Statement st(db, fmt::format("SELECT {} FROM users ORDER BY id", kUserColumns));
    std::vector<User> out;
    while (st.step()) out.push_back(read_user(st));
    return out;
}

std::optional<User> find_user(sqlite3* db, std::string_view user_id) {
    Statement st(db, fmt::format("SELECT {} FROM users WHERE id = ?1", kUserColumns));
    st.bind(1, user_id);
    if (!st.step()) return std::nullopt;
    return read_user(st);
}

Actor actor_for_user(sqlite3* db, std::string_view user_id) {
    const auto user = find_user(db, user_id);
    if (!user)
        throw UserError(
            fmt::format("--as: no user '{}' in this workspace (see `merit users list`)", user_id));
    if (!user->active) throw UserError(fmt::format("--as: user '{}' is inactive", user_id));
    return Actor{user->id, user->role};
}

boost::json::object user_json(const User& u) {
    return boost::json::object{{"id", u.id},
                               {"name", u.name},
                               {"role", u.role},
                               {"org_unit", u.org_unit_id},
                               {"manager", u.manager_id},
                               {"active", u.active},
                               {"created_at", u.created_at}};
}

}  // namespace merit
