#include "store/actor.hpp"

#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <optional>

namespace merit {
namespace {

std::mutex actor_mutex;
std::optional<Actor> chosen_actor;               // empty: the OS account as operator
thread_local std::optional<Actor> scoped_actor;  // an ActorScope on this thread

}  // namespace

std::string os_account() {
    const uid_t uid = ::geteuid();
    // getpwuid_r: the reentrant form, since runs compute on several threads.
    struct passwd entry {};
    struct passwd* found = nullptr;
    char buffer[4096];
    if (::getpwuid_r(uid, &entry, buffer, sizeof buffer, &found) == 0 && found && found->pw_name &&
        *found->pw_name)
        return found->pw_name;
    if (const char* user = std::getenv("USER"); user && *user) return user;
    return fmt::format("uid {}", uid);
}

Actor current_actor() {
    if (scoped_actor) return *scoped_actor;
    std::lock_guard lock(actor_mutex);
    if (chosen_actor) return *chosen_actor;
    return Actor{os_account(), "operator"};
}

void set_current_actor(Actor actor) {
    std::lock_guard lock(actor_mutex);
    chosen_actor = std::move(actor);
}

ActorScope::ActorScope(Actor actor) : previous_(std::move(scoped_actor)) {
    scoped_actor = std::move(actor);
}

ActorScope::~ActorScope() {
    scoped_actor = std::move(previous_);
}

}  // namespace merit
