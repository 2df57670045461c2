// The authenticated user of a request, as the service knows it.
#pragma once

#include <string>

namespace merit::api {

struct Principal {
    std::string user_id;
    std::string role;        // the user's role (users and roles: framework/users)
    std::string via;         // token | session
    std::string session_id;  // for a session: its id (to log out)
    std::string csrf_token;  // for a session: what unsafe requests must echo in X-CSRF-Token
};

}  // namespace merit::api
