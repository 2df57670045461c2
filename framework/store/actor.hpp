// Who is acting: the identity every audit entry records. Process-wide, set
// once by whoever authenticates the caller (the CLI's --as, the HTTP
// service); until then the operating-system account that runs Merit, with
// role `operator`, since whoever can write the workspace file can do
// anything to it anyway.
#pragma once

#include <optional>
#include <string>

namespace merit {

struct Actor {
    std::string id;
    std::string role;
};

// The current actor (thread-safe).
Actor current_actor();

// Replaces the current actor for the rest of the process (thread-safe).
void set_current_actor(Actor actor);

// Acts as `actor` on this thread only, until destroyed (scopes nest). The
// HTTP service serves requests of different users on several threads at
// once; each request and each job runs in an ActorScope of its user, so
// what it writes is audited under that user while other threads keep
// theirs. current_actor() on this thread returns the innermost scope's.
class ActorScope {
public:
    explicit ActorScope(Actor actor);
    ~ActorScope();
    ActorScope(const ActorScope&) = delete;
    ActorScope& operator=(const ActorScope&) = delete;

private:
    std::optional<Actor> previous_;
};

// The account name of the effective uid, else $USER, else "uid N". The
// account comes first because an environment variable is whatever the caller
// sets.
std::string os_account();

}  // namespace merit
