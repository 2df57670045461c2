// The headers every response carries: a Content-Security-Policy that allows
// only the service's own files (no inline script, no framing), no MIME
// sniffing, no referrer, and HSTS under TLS. API answers are never cached.
#pragma once

#include "http/http_message.hpp"

namespace merit::api {

void add_security_headers(http::Response& response, bool api, bool tls);

}  // namespace merit::api
