// ETag / If-Match for objects that change state. A run's tag changes when
// its status does (complete -> final), so a client that read it before
// someone else finalised it gets 409 instead of acting on what it saw.
#pragma once

#include <string>

#include "http/http_message.hpp"

namespace merit::api {

// A strong tag over the object's identity and state parts.
std::string entity_tag(const std::string& kind, const std::string& id, const std::string& state);

// 428 when the request has no If-Match, 409 when it names another state.
void require_if_match(const http::Request& request, const std::string& current_tag);

}  // namespace merit::api
