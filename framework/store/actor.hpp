// Who is acting: the identity every audit entry records. Process-wide, set
// once by whoever authenticates the caller (the CLI's --as, the HTTP
// service); until then the operating-system account that runs Merit, with
// role `operator`, since whoever can write the workspace file can do
// anything to it anyway.
#pragma once

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

// The account name of the effective uid, else $USER, else "uid N". The
// account comes first because an environment variable is whatever the caller
// sets.
std::string os_account();

}  // namespace merit
