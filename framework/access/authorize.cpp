#include "access/authorize.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "access/org_tree.hpp"
#include "access/policy.hpp"
#include "access/roles.hpp"
#include "access/users.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

Decision allow(std::string reason) {
    return {true, std::move(reason)};
}
Decision refuse(std::string reason) {
    return {false, std::move(reason)};
}

std::string object_unit(sqlite3* db, const Object& object) {
    if (!object.org_unit_id.empty()) return object.org_unit_id;
    if (object.manager_id.empty()) return "";
    return manager_org_unit(db, object.manager_id).value_or("");
}

// A grant for the actor's role, checked against the object. `user` is null
// for the operator (not a Merit user).
Decision check(sqlite3* db, const Actor& actor, const User* user, const Grant& grant, const Object& object) {
    switch (grant.condition) {
        case GrantCondition::any:
            return allow(fmt::format("{} may", grant.role));
        case GrantCondition::own:
            if (user && !user->manager_id.empty() && user->manager_id == object.manager_id)
                return allow("their own record");
            return refuse(object.manager_id.empty()
                              ? std::string("it is nobody's own record")
                              : fmt::format("a manager acts only on their own records (this is {}'s)",
                                            object.manager_id));
        case GrantCondition::subtree: {
            const std::string unit = object_unit(db, object);
            if (!user || user->org_unit_id.empty()) return refuse("the user has no org unit");
            if (unit.empty()) return refuse("it belongs to no org unit");
            if (unit_within(db, unit, user->org_unit_id))
                return allow(fmt::format("{} is within the subtree of {}", unit, user->org_unit_id));
            return refuse(fmt::format("{} is outside the subtree of {}", unit, user->org_unit_id));
        }
        case GrantCondition::member:
            if (std::find(object.members.begin(), object.members.end(), actor.id) == object.members.end())
                return refuse("they do not sit on it");
            if (actor.id == object.excluded) return refuse(object.excluded_because);
            return allow("they sit on it");
    }
    return refuse("unknown condition");
}

std::string roles_of(const std::vector<Grant>& grants) {
    std::vector<std::string> roles;
    for (const auto& g : grants)
        if (std::find(roles.begin(), roles.end(), g.role) == roles.end()) roles.push_back(g.role);
    std::string out;
    for (const auto& r : roles) out += (out.empty() ? "" : ", ") + r;
    return out;
}

}  // namespace

Object workspace_object() {
    return Object{.ref = "workspace"};
}

Object user_object(std::string_view user_id) {
    return Object{.ref = "user:" + std::string(user_id)};
}

Object run_object(int64_t run_id) {
    return Object{.ref = fmt::format("run:{}", run_id)};
}

Object manager_object(sqlite3* db, std::string_view manager_id) {
    return Object{.ref = "manager:" + std::string(manager_id),
                  .manager_id = std::string(manager_id),
                  .org_unit_id = manager_org_unit(db, manager_id).value_or("")};
}

std::string_view condition_name(GrantCondition c) {
    switch (c) {
        case GrantCondition::any:
            return "any";
        case GrantCondition::own:
            return "own";
        case GrantCondition::subtree:
            return "subtree";
        case GrantCondition::member:
            return "member";
    }
    return "?";
}

namespace {

// A flow's transition names a role; what of it the role reaches is what the
// role always reaches.
GrantCondition flow_condition(std::string_view role) {
    if (role == kManagerRole) return GrantCondition::own;
    if (role == kSupervisor) return GrantCondition::subtree;
    if (role == kCommittee) return GrantCondition::member;
    return GrantCondition::any;
}

}  // namespace

std::vector<Grant> grants_of(sqlite3* db, std::string_view action) {
    std::vector<Grant> out;
    for (const auto& row : fixed_policy())
        if (row.action == action) out.push_back({std::string(row.role), row.condition});
    if (!out.empty() || find_fixed_action(action)) return out;
    // "review.submit_self": the roles of the review flow's submit_self
    // transitions, each limited the way its role always is.
    const size_t dot = action.find('.');
    if (dot == std::string_view::npos) return out;
    Statement st(db,
                 "SELECT DISTINCT role FROM flow_transitions WHERE flow = ?1 AND action = ?2 ORDER BY role");
    st.bind(1, action.substr(0, dot)).bind(2, action.substr(dot + 1));
    while (st.step()) out.push_back({st.text(0), flow_condition(st.text(0))});
    return out;
}

std::vector<PermissionRow> permission_table(sqlite3* db) {
    std::vector<PermissionRow> out;
    for (const auto& a : fixed_actions()) {
        PermissionRow row{std::string(a.name), std::string(a.object), std::string(a.description),
                          grants_of(db, a.name)};
        if (!a.personal)
            row.grants.insert(row.grants.begin(), Grant{std::string(kHrAdmin), GrantCondition::any});
        out.push_back(std::move(row));
    }
    Statement flows(
        db, "SELECT flow, action, min(seq) FROM flow_transitions GROUP BY flow, action ORDER BY flow, 3");
    while (flows.step()) {
        const std::string action = flows.text(0) + "." + flows.text(1);
        PermissionRow row{action, flows.text(0), "a step of the " + flows.text(0) + " flow (stored as data)",
                          grants_of(db, action)};
        if (row.grants.empty() || row.grants.front().role != kHrAdmin)
            row.grants.insert(row.grants.begin(), Grant{std::string(kHrAdmin), GrantCondition::any});
        out.push_back(std::move(row));
    }
    return out;
}

Decision authorize(sqlite3* db, const Actor& actor, std::string_view action, const Object& object) {
    const std::vector<Grant> grants = grants_of(db, action);
    const ActionInfo* info = find_fixed_action(action);
    if (!info && grants.empty()) return refuse(fmt::format("there is no action '{}'", action));
    // The role must be the user's stored role: an actor is never trusted
    // beyond what the users table says about it.
    std::optional<User> user;
    if (actor.role != kOperatorRole) {
        user = find_user(db, actor.id);
        if (!user) return refuse("not a user of this workspace");
        if (!user->active) return refuse("the user is inactive");
        if (user->role != actor.role) return refuse(fmt::format("the user's role is {}", user->role));
    }
    const bool personal = info && info->personal;
    if (actor.role == kHrAdmin && !personal) return allow("hr_admin may take every action");
    std::optional<Decision> refused;
    for (const auto& grant : grants) {
        if (grant.role != actor.role) continue;
        Decision d = check(db, actor, user ? &*user : nullptr, grant, object);
        if (d.allowed) return d;
        if (!refused) refused = std::move(d);
    }
    if (refused) return *refused;
    if (personal) {
        if (grants.empty()) return refuse("nobody is granted it");
        return refuse(fmt::format("only {} may", roles_of(grants)));
    }
    // A flow may name hr_admin in its rows; it is said once.
    std::vector<Grant> others;
    for (const auto& g : grants)
        if (g.role != kHrAdmin) others.push_back(g);
    return refuse(others.empty() ? std::string("only hr_admin may")
                                 : fmt::format("only {} and hr_admin may", roles_of(others)));
}

void require(sqlite3* db, const Actor& actor, std::string_view action, const Object& object) {
    const Decision d = authorize(db, actor, action, object);
    if (!d.allowed)
        throw Forbidden(fmt::format("refused: {} ({}) may not {} {}: {}", actor.id, actor.role, action,
                                    object.ref, d.reason));
}

}  // namespace merit
